"""Annex column widths from their contents: no header word broken, in any language."""
from __future__ import annotations

import pytest

from mou_builder.drafting import i18n
from mou_builder.library.resources import library_dir
from mou_builder.render import columns

TEXT_WIDTH = 9240  # twips: A4 less the default template's margins
LONG_CELL = "Registre anonymisé des personnes reçues, tenu par le service d'accueil de la ville"


@pytest.mark.parametrize("lang", ["fr", "en", "es", "it", "pt", "ar"])
@pytest.mark.parametrize("table", [
    ("indicator", "unit", "baseline", "target", "due", "source", "disaggregation"),
    ("action", "area", "lead", "partners", "period", "indicators"),
    ("action", "funder", "year", "amount")])
def test_no_header_word_breaks_in_any_language(lang, table):
    loc = i18n.Localiser(lang, i18n.DEFAULT_LOCALE[lang], library_dir() / "labels.yaml")
    headers = [loc.label("table", key) for key in table]
    rows = [[LONG_CELL] * len(headers), ["0"] * len(headers)]
    widths = columns.widths(headers, rows, TEXT_WIDTH)
    assert sum(widths) == TEXT_WIDTH
    for width, header in zip(widths, headers):
        longest = columns.longest_piece(header, 9, bold=True)
        assert width >= longest + columns.CELL_PADDING, (header, width)


def test_the_columns_with_more_text_get_the_room_left():
    widths = columns.widths(["Action", "Year", "Amount"], [[LONG_CELL, "2027", "12 000,00 EUR"]], TEXT_WIDTH)
    assert widths[0] > widths[2] > widths[1]


def test_a_line_may_break_after_a_hyphen_or_a_dash():
    one = columns.widths(["A", "B"], [["Croissant-Rouge–tunisien–Sousse", "x"]], 4000)
    whole = columns.widths(["A", "B"], [["CroissantRougetunisienSousse", "x"]], 4000)
    assert one[0] < whole[0]
