"""The fixed forms of an amendment, on revisions made in the test from the example agreements:
a title change, a few words, an inserted and a repealed article, a budget annex replaced,
an Arabic amendment; the threshold between words replaced and an article replaced."""
from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from conftest import AGREEMENTS, TODAY
from mou_builder import api
from mou_builder.cli import main
from mou_builder.drafting.assemble import Article
from mou_builder.library.clauses import Block
from mou_builder.render import readback as textdump
from mou_builder.render import tracked
from mou_builder.revision import compare

DATE = dt.date(2027, 9, 15)
SFAX = (AGREEMENTS / "sfax-lyon.yaml").read_text(encoding="utf-8")

def words_of(path) -> str:
    """A document's text as its words read: French typography (no-break spaces, ’) undone."""
    return textdump.text(path).replace("\u00a0", " ").replace("’", "'")



def revise(tmp_path, edits: dict, base: str = "sfax-lyon.yaml", **options) -> dict:
    """Amend ``base`` by the text replacements ``edits``: {file name: path} of what was written."""
    text = (AGREEMENTS / base).read_text(encoding="utf-8")
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new)
    spec = tmp_path / base
    spec.write_text(text, encoding="utf-8")
    options = {"number": 1, "date": DATE, **options}
    written = api.amend(str(AGREEMENTS / base), str(spec), tmp_path / "out", today=TODAY, **options)
    return {p.name: p for p in written}


def text_of(written, name) -> str:
    return words_of(written[name])


def paragraphs(path):
    return [p for p in Document(str(path)).paragraphs if p.text.strip()]


# -- the threshold --------------------------------------------------------------------
def words(n, start=0):
    return " ".join(f"w{i}" for i in range(start, start + n))


def test_up_to_max_words_in_one_place_are_quoted_as_words():
    old = f"Le texte {words(compare.MAX_WORDS)} reste ici."
    new = f"Le texte {words(compare.MAX_WORDS, 100)} reste ici."
    assert compare.word_places(old, new) == ((words(compare.MAX_WORDS), words(compare.MAX_WORDS, 100)),)
    longer = compare.MAX_WORDS + 1
    assert compare.word_places(f"Le texte {words(longer)} reste.", f"Le texte {words(longer, 100)} reste.") is None


def test_up_to_max_places_in_one_paragraph():
    def sentence(changed):
        return " ".join(f"lointain{i} {'neuf' + str(i) if i < changed else 'vieux' + str(i)}"
                        for i in range(compare.MAX_PLACES + 1)) + "."
    assert len(compare.word_places(sentence(0), sentence(compare.MAX_PLACES))) == compare.MAX_PLACES
    assert compare.word_places(sentence(0), sentence(compare.MAX_PLACES + 1)) is None


def test_a_fragment_is_widened_until_it_is_found_once():
    assert compare.word_places("Les ans et les ans passent.", "Les ans et les mois passent.") == \
        (("les ans", "les mois"),)
    assert compare.word_places("Il est conclu pour trois ans.", "Il est conclu pour trois ans renouvelables.") == \
        (("ans", "ans renouvelables"),)


def test_two_paragraphs_changed_replace_the_article():
    def article(*texts):
        return Article("a", 1, "T", tuple(Block("p", t) for t in texts), 1, "Article 1 – T")
    assert compare.in_words(article("un deux.", "trois."), article("un deux.", "quatre.")).paragraph == 2
    assert compare.in_words(article("un deux.", "trois."), article("un cinq.", "quatre.")) is None
    assert compare.in_words(article("un deux."), article("un cinq.")).paragraph == 0  # only one paragraph


# -- generated revisions ----------------------------------------------------------------
def test_a_change_of_a_few_words(tmp_path):
    written = revise(tmp_path, {"years: 3": "years: 4"})
    text = text_of(written, "sfax-lyon-2026-amendment-1-fr.docx")
    assert "Au premier alinéa de l'article 13, les mots « trois (3) » sont remplacés par les mots « quatre (4) »." in text
    assert not any(p.style.name.startswith("MOU Quote") for p in paragraphs(written["sfax-lyon-2026-amendment-1-fr.docx"]))
    english = text_of(written, "sfax-lyon-2026-amendment-1-en.docx")
    assert "In the first paragraph of Article 13, the words “three (3)” are replaced by the words “four (4)”." in english


def test_a_title_change_is_its_own_article_and_is_tracked(tmp_path):
    written = revise(tmp_path, {"fr: la gouvernance locale des migrations et le développement partagé":
                                "fr: la gouvernance locale des migrations et le co-développement"})
    path = written["sfax-lyon-2026-amendment-1-fr.docx"]
    text = text_of(written, path.name)
    assert ("Article 1 – Modification du titre\nLe titre du protocole d'accord est remplacé par le titre suivant :\n"
            "« Protocole d'accord entre Sfax et Lyon relatif à la gouvernance locale des migrations et le "
            "co-développement »") in text
    quote = next(p for p in paragraphs(path) if p.text.startswith("«\u00a0Protocole"))
    assert quote.style.name == "MOU Quote"
    consolidated = Document(str(written["sfax-lyon-2026-consolidated-fr.docx"]))
    title = next(p for p in consolidated.paragraphs if p.style.name == "MOU Title")
    assert title._p.find(f".//{qn('w:del')}") is not None and title._p.find(f".//{qn('w:ins')}") is not None
    assert tracked.accept_all(title._p).endswith("des migrations et le co-développement")
    assert tracked.reject_all(title._p).endswith("des migrations et le développement partagé")
    assert consolidated.core_properties.title.endswith("et le co-développement")  # no markers
    assert "[-" in words_of(written["sfax-lyon-2026-consolidated-fr.docx"]).splitlines()[1]
    comparison = Document(str(written["sfax-lyon-2026-comparison-fr.docx"]))
    row = comparison.tables[0].rows[1]
    assert row.cells[0].text == "Titre"
    struck = [r for r in row.cells[1]._tc.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:strike')}") is not None]
    assert struck


def test_an_inserted_and_a_repealed_article(tmp_path):
    written = revise(tmp_path, {"include: [legal_nature, languages, dispute_settlement, termination, data_protection, "
                                "visibility]": "include: [legal_nature, languages, termination, data_protection, "
                                "visibility, communication]"})
    text = text_of(written, "sfax-lyon-2026-amendment-1-fr.docx")
    assert ("Article 1 – Insertion d'un article 17 bis\nAprès l'article 17, il est inséré un article 17 bis ainsi "
            "rédigé :\n« Article 17 bis – ") in text
    assert "Article 2 – Abrogation de l'article 18\nL'article 18 est abrogé.\nArticle 3 – Entrée en vigueur" in text
    consolidated = words_of(written["sfax-lyon-2026-consolidated-fr.docx"])
    assert "{+Article " in consolidated and "[-Article " in consolidated


def test_a_budget_annex_replaced(tmp_path):
    written = revise(tmp_path, {"{action: a3, funder: f-lyon, amount: 8000, year: 2028}":
                                "{action: a3, funder: f-lyon, amount: 9000, year: 2028}"})
    text = text_of(written, "sfax-lyon-2026-amendment-1-fr.docx")
    assert "Article 2 – Remplacement de l'annexe 3\nL'annexe 3 (Budget prévisionnel) est remplacée par " \
           "l'annexe jointe au présent avenant." in text
    assert "Annexe 3 – Budget prévisionnel (nouvelle version)" in text
    assert "Au premier alinéa de l'article 12, les mots « 93 000,00 » sont remplacés par les mots « 94 000,00 »." \
        in text.replace("\u202f", " ")
    comparison = Document(str(written["sfax-lyon-2026-comparison-fr.docx"]))
    lines = comparison.tables[1]
    assert [c.text for c in lines.rows[0].cells] == ["Action", "Financeur", "Année", "Montant"]
    assert len(lines.rows) == 2  # the header and the one line that changed
    assert words_of(written["sfax-lyon-2026-comparison-fr.docx"]).count("[-8\u202f000,00-]{+9\u202f000,00+}") >= 2


# -- numbers, dates and warnings ---------------------------------------------------------
def test_mou_amend_says_where_the_number_and_date_come_from(tmp_path):
    spec = tmp_path / "sfax-lyon.yaml"
    spec.write_text(SFAX.replace("years: 3", "years: 4"), encoding="utf-8")
    old = str(AGREEMENTS / "sfax-lyon.yaml")
    run = CliRunner().invoke(main, ["amend", old, str(spec), "-o", str(tmp_path / "a"), "--number", "2",
                                    "--date", "2027-01-10", "--lang", "en"])
    assert run.exit_code == 0, run.output
    assert "note: amendment No. 2 (from --number) of 2027-01-10 (from --date)" in run.stderr
    text = words_of(tmp_path / "a" / "sfax-lyon-2026-amendment-2-fr.docx")
    assert "Considérant l'avenant n° 1 ;" in text
    assert "Fait à Sfax, le 10 janvier 2027, en deux (2) exemplaires originaux" in text
    today = CliRunner().invoke(main, ["amend", old, str(spec), "-o", str(tmp_path / "b"), "--lang", "en"])
    assert today.exit_code == 0, today.output
    assert (f"note: amendment No. 1 (the first: --number to choose another) of {dt.date.today().isoformat()} "
            "(today: --date to choose another)") in today.stderr
    third = CliRunner().invoke(main, ["amend", old, str(spec), "-o", str(tmp_path / "d"), "--number", "3"])
    assert third.exit_code == 0, third.output
    assert "Having regard to Amendments Nos 1 and 2;" in words_of(tmp_path / "d" /
                                                                    "sfax-lyon-2026-amendment-3-en.docx")
    revision = CliRunner().invoke(main, ["amend", old, str(AGREEMENTS / "sfax-lyon-amendment-1.yaml"), "-o",
                                         str(tmp_path / "c"), "--number", "3", "--lang", "en"])
    assert "note: amendment No. 1 of 2027-09-15, as its revision block gives them" in revision.stderr
    assert "--number and --date are not used" in revision.stderr


def test_a_new_action_in_no_result_is_warned_about(tmp_path):
    action = ("  - id: a9\n    title: {fr: Action nouvelle, en: New action}\n    type: training\n"
              "    area: social_development\n    lead: lyon\n    start: 2026-10\n    end: 2027-06\n"
              "    indicators: [i1]\nresults:\n")
    spec = tmp_path / "sfax-lyon.yaml"
    spec.write_text(SFAX.replace("results:\n", action, 1), encoding="utf-8")
    run = CliRunner().invoke(main, ["amend", str(AGREEMENTS / "sfax-lyon.yaml"), str(spec), "-o",
                                    str(tmp_path / "out"), "--lang", "en"])
    assert run.exit_code == 0, run.output
    assert "warning: the new action 'a9' is in no expected result; list it under results: actions:" in run.stderr
    # an action without an indicator, an indicator without a baseline: refused, not just warned about
    spec.write_text(SFAX.replace("results:\n", action.replace("    indicators: [i1]\n", ""), 1), encoding="utf-8")
    refused = CliRunner().invoke(main, ["amend", str(AGREEMENTS / "sfax-lyon.yaml"), str(spec), "-o",
                                        str(tmp_path / "x"), "--lang", "en"])
    assert refused.exit_code == 1 and "actions[" in refused.stderr and "indicators" in refused.stderr
    assert not (tmp_path / "x").exists()


# -- Arabic -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def arabic(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("arabic")
    return revise(tmp, {"years: 3": "years: 5",
                        "include: [legal_nature, languages, data_protection, dispute_settlement, termination]":
                        "include: [legal_nature, languages, dispute_settlement, termination, confidentiality]"},
                  base="sousse-montpellier.yaml")


def test_an_arabic_amendment_quotes_and_sets_apart_right_to_left(arabic):
    path = arabic["sousse-montpellier-2026-amendment-1.docx"]  # the parallel layout of the agreement
    doc = Document(str(path))
    cells = [p for t in doc.tables[:1] for row in t.rows for c in row.cells for p in c.paragraphs if p.text.strip()]
    quotes = [p for p in cells if p.style.name.startswith("MOU Quote")]
    assert {p.style.name for p in quotes} >= {"MOU Quote", "MOU Quote RTL"}
    arabic_quotes = [p for p in quotes if p.style.name.endswith("RTL")]
    assert arabic_quotes[0].text.startswith("«") and any(p.text.endswith("»") for p in arabic_quotes)
    text = words_of(path)
    assert "في الفقرة" in text and "تُعوَّض عبارة «" in text
    assert "تُدرَج بعد المادة" in text and "تُلغى المادة" in text
    assert not tracked.MARKERS.search(text)


def test_a_parallel_consolidated_text_has_no_empty_row(arabic):
    """No closing and no signatures: no row of empty cells (a cell without a paragraph breaks
    the table in LibreOffice)."""
    doc = Document(str(arabic["sousse-montpellier-2026-consolidated.docx"]))
    main_table = doc.element.body.find(qn("w:tbl"))
    for tc in main_table.iter(qn("w:tc")):
        assert tc.find(qn("w:p")) is not None
    for tr in main_table.findall(qn("w:tr")):
        assert "".join(tr.itertext()).strip()
    text = words_of(arabic["sousse-montpellier-2026-consolidated.docx"])
    assert "Version consolidée au 15 septembre 2027" in text and "صيغة موحَّدة بتاريخ" in text
    assert "Fait à Sousse" not in text


def test_words_beyond_the_ordinals_written_replace_the_article(library):
    """The thirteenth paragraph has no ordinal in the labels: the article is replaced instead."""
    from mou_builder.drafting.assemble import localiser
    from mou_builder.revision.instrument import Wording, article
    from mou_builder import model, validation
    agreement = model.build(validation.load(AGREEMENTS / "sfax-lyon.yaml").data, "sfax-lyon.yaml", TODAY)
    L = Wording(localiser(agreement, library, "fr"), "memorandum")
    blocks = tuple(Block("p", f"alinéa {k}.") for k in range(13))
    a = Article("x", 1, "T", blocks, 1, "Article 1 – T")
    b = Article("x", 1, "T", blocks[:12] + (Block("p", "alinéa douze modifié."),), 1, "Article 1 – T")
    for paragraph, form in ((12, "Au douzième alinéa de l'article 1, "), (13, "L'article 1 est remplacé")):
        change = compare.Change("words", "x", a, b, paragraph=paragraph, places=(("12", "douze modifié"),))
        assert compare.plain(article(change, None, {}, L)[1][0].text).startswith(form)


def test_the_summary_of_a_light_instrument_without_governance(tmp_path):
    from mou_builder import model, validation
    from mou_builder.revision import summary
    text = ("format: mou/1\nid: a-b-intent\nkind: agreement\ninstrument: declaration_of_intent\nlanguages: [en]\n"
            "signing: {place: a, date: 2027-01-15}\nparties:\n"
            "  - {id: a, name: City of Aville, type: municipality, country: FR, "
            "represented_by: {name: First Person, title: mayor}}\n"
            "  - {id: b, name: Municipality of Beetown, type: municipality, country: TN, "
            "represented_by: {name: Second Person, title: president}}\n"
            "purpose: {objective: prepare a partnership, areas: {social_development: [social_services]}}\n"
            "duration: {years: 1}\n")
    old = model.build(validation.parse(text, "old.yaml").data, "old.yaml", TODAY)
    new = model.build(validation.parse(text.replace("years: 1", "years: 2"), "new.yaml").data, "new.yaml", TODAY)
    assert old.governance is None
    found = dict(x[:2] for x in summary.summary(old, new) if x[0] != "warning")
    assert found["governance"] == found["management"] == "confirmed"


@pytest.mark.parametrize("kind, lang, expected", [
    ("memorandum", "fr", "Considérant le protocole d'accord intitulé « T », conclu entre les Parties (P) et signé le D ;"),
    ("declaration_of_intent", "fr", "Considérant la déclaration d'intention intitulée « T », conclue entre les Parties "
                                    "(P) et signée le D ;"),
    ("terms_of_reference", "fr", "Considérant les termes de référence intitulés « T », conclus entre les Parties (P) "
                                 "et signés le D ;"),
    ("declaration_of_intent", "es", "Considerando que las Partes (P) suscribieron el D la declaración de intenciones "
                                    "titulada «T»;"),
    ("declaration_of_intent", "ar", "بالنظر إلى وثيقة إعلان النوايا المعنونة «T»، المبرمة بين الأطراف (P) والموقَّعة بتاريخ D؛"),
    ("memorandum", "ar", "بالنظر إلى مذكرة التفاهم المعنونة «T»، المبرمة بين الأطراف (P) والموقَّعة بتاريخ D؛"),
])
def test_the_preamble_agrees_with_the_instrument_amended(library, kind, lang, expected):
    from mou_builder.drafting.i18n import Localiser
    from mou_builder.revision.instrument import Wording
    L = Wording(Localiser(lang, {"fr": "fr_FR", "es": "es_ES", "ar": "ar_TN"}[lang], library.labels_path), kind)
    text = L("recital_initial", gender=L("gender", kind), title=L.q("T"), parties="P", date="D")
    assert text.replace("\u00a0", " ") == expected
