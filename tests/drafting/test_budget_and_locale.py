"""Budget totals are computed, per currency; dates and amounts follow Babel for the locale."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

from conftest import AGREEMENTS, TODAY
from mou_builder.base.kept import Kept
from mou_builder import model, validation
from mou_builder.drafting import i18n
from mou_builder.library.resources import library_dir
from mou_builder.model.budget import build_budget

RAW = {
    "currency": "EUR",
    "funders": [{"id": "f1", "name": "A", "type": "local_budget", "party": "a"},
                {"id": "f2", "name": "B", "type": "local_budget", "party": "b"},
                {"id": "f3", "name": "EU", "type": "international_organisation"}],
    "lines": [
        {"action": "x", "funder": "f1", "amount": 1000.10, "year": 2027},
        {"action": "x", "funder": "f2", "amount": 500, "year": 2028, "in_kind": True},
        {"action": "y", "funder": "f3", "amount": 2000, "year": 2027},
        {"action": "y", "funder": "f2", "amount": 1500.125, "year": 2027, "currency": "TND"},
    ],
}


def sums(totals):
    return {(t.key, t.currency): (t.amount, t.in_kind) for t in totals}


def test_totals_per_action_funder_party_year_and_currency():
    b = build_budget(RAW)
    assert sums(b.totals("action")) == {
        ("x", "EUR"): (Decimal("1500.10"), Decimal("500")),
        ("y", "EUR"): (Decimal("2000"), Decimal("0")),
        ("y", "TND"): (Decimal("1500.125"), Decimal("0")),
    }
    assert sums(b.totals("party")) == {
        ("a", "EUR"): (Decimal("1000.10"), Decimal("0")),
        ("b", "EUR"): (Decimal("500"), Decimal("500")),
        ("b", "TND"): (Decimal("1500.125"), Decimal("0")),
        (None, "EUR"): (Decimal("2000"), Decimal("0")),
    }
    assert [(t.key, t.currency) for t in b.totals("year")] == [(2027, "EUR"), (2027, "TND"), (2028, "EUR")]
    assert sums(b.totals("currency")) == {("all", "EUR"): (Decimal("3500.10"), Decimal("500")),
                                          ("all", "TND"): (Decimal("1500.125"), Decimal("0"))}
    assert b.currencies == ("EUR", "TND")


def test_grand_totals_equal_the_sum_of_lines_in_the_example():
    src = validation.load(AGREEMENTS / "sfax-lyon.yaml")
    agreement = model.build(src.data, src.path, TODAY)
    for currency in agreement.budget.currencies:
        lines = sum(x.amount for x in agreement.budget.lines if x.currency == currency)
        for by in ("action", "funder", "party", "year"):
            assert sum(t.amount for t in agreement.budget.totals(by) if t.currency == currency) == lines


def localiser(lang, locale):
    return i18n.Localiser(lang, locale, library_dir() / "labels.yaml")


def test_amounts_use_the_currency_decimals_and_locale_separators():
    fr_tn = localiser("fr", "fr_TN")
    assert fr_tn.amount(Decimal("94500.5"), "TND") == \
        format_decimal(Decimal("94500.500"), format="#,##0.000", locale="fr_TN") + "\u00a0TND"
    assert fr_tn.amount(Decimal("94500.5"), "TND").endswith("500,500\u00a0TND")
    en = localiser("en", "en_GB")
    assert en.amount(Decimal("53000"), "EUR") == "EUR\u00a053,000.00"
    assert en.amount(Decimal("1200"), "JPY") == "JPY\u00a01,200"


def test_dates_follow_babel_with_french_first_of_month():
    fr = localiser("fr", "fr_FR")
    assert fr.date(dt.date(2026, 6, 25)) == format_date(dt.date(2026, 6, 25), "long", locale="fr_FR")
    assert fr.date(dt.date(2026, 6, 1)) == "1er juin 2026"
    assert localiser("en", "en_GB").date(dt.date(2026, 6, 1)) == "1 June 2026"
    assert fr.month(dt.date(2026, 9, 1)) == "septembre 2026"


def test_locale_is_chosen_from_a_whitelist():
    assert i18n.choose_locale("fr", None, ["TN", "FR"]) == "fr_TN"
    assert i18n.choose_locale("fr", None, ["LB"]) == "fr_FR"  # fr_LB does not exist
    assert i18n.choose_locale("en", "../../etc/passwd", ["ES"]) == "en_GB"
    assert i18n.choose_locale("fr", "fr_MA", ["TN"]) == "fr_MA"


def test_titles_agree_with_gender_and_numbers_are_spelled():
    fr = localiser("fr", "fr_FR")
    assert fr.label("title", "president", gender="f") == "Présidente"
    assert fr.label("title", "president", gender="m") == "Président"
    assert fr.spell(3) == "trois (3)" and localiser("en", "en_GB").spell(2) == "two (2)"



def test_formats_kept_for_the_process_are_those_of_each_locale_and_language(monkeypatch):
    """Dates, figures and amounts formatted once are shared by the documents of a locale,
    never given to another locale or language."""
    pairs = [("fr", "fr_FR"), ("fr", "fr_CH"), ("ar", "ar_EG"), ("ar", "ar_TN"), ("en", "en_GB"),
             ("fr", "en_GB"), ("en", "en_US")]
    day, amount, figure = dt.date(2026, 6, 1), Decimal("1234567.5"), Decimal("1234.5")

    def formats(lang, locale):
        loc = localiser(lang, locale)
        return loc.amount(amount, "EUR"), loc.number(figure), loc.date(day), loc.month(day)
    alone = {}
    for pair in pairs:  # each with nothing kept from the others
        monkeypatch.setattr(i18n, "_FORMATS", Kept(64))
        alone[pair] = formats(*pair)
    assert alone[("fr", "fr_FR")][0] == "1\u202f234\u202f567,50\u00a0EUR"
    assert alone[("fr", "en_GB")][2] == "1er June 2026" != alone[("en", "en_GB")][2]
    assert len({alone[p][0] for p in pairs}) == 5 and len({alone[p][2] for p in pairs}) == 6
    monkeypatch.setattr(i18n, "_FORMATS", Kept(64))
    for _ in range(2):  # all kept together, asked again
        assert {pair: formats(*pair) for pair in pairs} == alone


def test_labels_filled_and_kept_are_those_of_each_value_kind_and_locale():
    """Labels filled with values, headings and lists are kept for the process, each for its
    own values (a text and escaped text alike are not the same value), digits and locale."""
    from mou_builder.library.sandbox import Markup

    for _ in range(2):  # the second time from what was kept
        eg, tn, fr = localiser("ar", "ar_EG"), localiser("ar", "ar_TN"), localiser("fr", "fr_FR")
        assert eg.label("frame", "annex", n=2).endswith("٢") and tn.label("frame", "annex", n=2).endswith("2")
        assert fr.label("frame", "annex", n=2) == "Annexe 2" != fr.label("frame", "annex", n="2 bis")
        assert fr.label("frame", "annex", n=True) == "Annexe True"  # equal to 1, not the same value
        assert fr.label("frame", "annex", n=1) == "Annexe 1"
        assert fr.heading("3", "x &amp; y") == "Article 3 – x &amp;amp; y"  # a text, escaped
        assert fr.heading("3", Markup("x &amp; y")) == "Article 3 – x &amp; y"  # escaped already
        assert fr.join(["a", "", "b"]) == "a et b" and fr.join(["a", "b", "c"]) == "a, b et c"
        assert localiser("es", "es_ES").join(["Granada", "Irbid"]) == "Granada e Irbid"
        assert localiser("en", "en_GB").join(["a", "b", "c"]) == "a, b and c"


def test_totals_worked_out_once_are_those_of_each_key_and_budget():
    import dataclasses

    b = build_budget(RAW)
    for _ in range(2):  # the second time from what was kept
        assert [(t.key, t.currency) for t in b.totals("year")] == [(2027, "EUR"), (2027, "TND"), (2028, "EUR")]
        assert [(t.key, t.currency) for t in b.totals("action")] == [("x", "EUR"), ("y", "EUR"), ("y", "TND")]
    fewer = dataclasses.replace(b, lines=b.lines[:1])  # another budget: its own totals
    assert sums(fewer.totals("action")) == {("x", "EUR"): (Decimal("1000.10"), Decimal("0"))}
    assert fewer != b and dataclasses.replace(fewer) == fewer  # what is kept is no part of equality
