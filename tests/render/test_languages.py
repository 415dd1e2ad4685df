"""Languages: right-to-left Arabic, parallel and sequential layouts, locales, digits, titles, drafts."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from decimal import Decimal

import pytest
import yaml
from babel.dates import format_date
from babel.numbers import format_decimal
from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn

from conftest import ROOT, TODAY
from mou_builder import api
from mou_builder.base.errors import MouError
from mou_builder.drafting import i18n
from mou_builder.library import clauses
from mou_builder.library.resources import library_dir
from mou_builder.render import readback as textdump
from mou_builder.validation.rules import scripts

ARABIC = re.compile("[\u0600-\u06FF]")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


ARABIC_SAMPLE = "نص بالعربية"  # a stand-in for the Arabic of the base spec's sentences


def spec_in(base_text, languages, layout=None, extra=""):
    """The base spec in ``languages``; beside Arabic, its English sentences become a text per
    language (the same words cannot stand in both scripts)."""
    text = base_text.replace("languages: [en]", f"languages: [{', '.join(languages)}]"
                             + (f"\nlayout: {layout}" if layout else "") + extra)
    if "ar" not in languages or len(languages) == 1:
        return text
    data = yaml.safe_load(text)
    for field in scripts.SENTENCE_FIELDS:
        _per_language(data, field, [x for x in languages if x != "ar"])
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _per_language(node, path, latin):
    if not path or not isinstance(node, (dict, list)):
        return
    head, rest = path[0], path[1:]
    items = list(enumerate(node)) if head == "*" and isinstance(node, list) else \
        [(head, node[head])] if isinstance(node, dict) and head in node else []
    for key, value in items:
        if not rest and isinstance(value, str):
            node[key] = {**{x: value for x in latin}, "ar": ARABIC_SAMPLE}
        else:
            _per_language(value, rest, latin)


def built(write_spec, text, tmp_path, **kwargs):
    return api.build(write_spec(text), tmp_path / "out", today=TODAY, **kwargs)


def styles_with_bidi(doc):
    return {s.style_id for s in doc.styles
            if s.element.pPr is not None and s.element.pPr.find(qn("w:bidi")) is not None}


def test_arabic_document_reads_right_to_left(write_spec, base_text, tmp_path):
    path, = built(write_spec, spec_in(base_text, ["ar"]), tmp_path)
    doc = Document(str(path))
    rtl_styles = styles_with_bidi(doc)
    arabic = [p for p in doc.paragraphs if ARABIC.search(p.text)]
    assert len(arabic) > 40
    for p in arabic:
        assert p._p.pPr.pStyle.val in rtl_styles, p.text
        for r in p._p.iter(qn("w:r")):
            text = "".join(t.text or "" for t in r.iter(qn("w:t")))
            lang = r.find(qn("w:rPr")).find(qn("w:lang"))
            assert lang is not None and lang.get(qn("w:bidi")).startswith("ar")
            if ARABIC.search(text):
                assert r.find(qn("w:rPr")).find(qn("w:rtl")) is not None, text
            elif re.search("[A-Za-z0-9]", text):  # Latin names and figures keep their order
                assert r.find(qn("w:rPr")).find(qn("w:rtl")) is None, text
    assert all(t._tbl.tblPr.find(qn("w:bidiVisual")) is not None for t in doc.tables)
    assert doc.sections[0]._sectPr.find(qn("w:bidi")) is not None
    header = doc.sections[0].header.paragraphs[0]
    assert header._p.pPr.pStyle.val in rtl_styles
    headings = [p.text for p in doc.paragraphs if p.style.name == "MOU Article Heading RTL"]
    assert headings[0].startswith("المادة 1 – ")
    style = doc.styles["MOU Body RTL"].element
    assert style.rPr.find(qn("w:lang")).get(qn("w:bidi")).startswith("ar")


def test_parallel_layout_puts_each_language_in_its_column(write_spec, base_text, tmp_path):
    path, = built(write_spec, spec_in(base_text, ["fr", "ar"], "parallel"), tmp_path)
    assert path.name == "city-a-city-b.docx"
    doc = Document(str(path))
    main = doc.tables[0]
    rows = main.rows
    assert [c.text for c in rows[0].cells] == ["Français", "العربية"]
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page
    borders = main._tbl.tblPr.find(qn("w:tblBorders"))
    assert all(b.get(qn("w:val")) == "nil" for b in borders)
    rtl_styles = styles_with_bidi(doc)
    article_rows = [r for r in rows if r.cells[0].paragraphs[0].text.startswith("Article ")]
    assert len(article_rows) >= 12
    for n, row in enumerate(article_rows, 1):
        fr, ar = row.cells
        assert fr.paragraphs[0].text.startswith(f"Article {n} – ")
        assert ar.paragraphs[0].text.startswith(f"المادة {n} – ")
        assert not ARABIC.search(fr.text) or "Beetown" in fr.text
        assert all(p._p.pPr.pStyle.val not in rtl_styles for p in fr.paragraphs)
        assert all(p._p.pPr.pStyle.val in rtl_styles for p in ar.paragraphs if p.text)
    # annexes follow, in each language, the Arabic ones right to left
    text = textdump.text(path)
    assert "Annexe 1 – Plan d’action" in text and "الملحق 1" in text
    arabic_tables = [t for t in doc.tables[2:] if ARABIC.search(t.rows[0].cells[0].text)]
    assert arabic_tables and all(t._tbl.tblPr.find(qn("w:bidiVisual")) is not None for t in arabic_tables)


def test_sequential_layout_puts_one_language_after_the_other(write_spec, base_text, tmp_path):
    path, = built(write_spec, spec_in(base_text, ["it", "ar"], "sequential"), tmp_path)
    doc = Document(str(path))
    titles = [p for p in doc.paragraphs if p.style.name.startswith("MOU Title")]
    assert len(titles) == 2
    assert not ARABIC.search(titles[0].text) and ARABIC.search(titles[1].text)
    # each language its own section: a new page, its header and footer in its language
    assert len(doc.sections) == 2 and doc.sections[1].start_type == WD_SECTION.NEW_PAGE
    italian, arabic = doc.sections
    assert not ARABIC.search(italian.header.paragraphs[0].text)
    assert ARABIC.search(arabic.header.paragraphs[0].text) and ARABIC.search(arabic.footer.paragraphs[0].text)
    assert arabic._sectPr.find(qn("w:bidi")) is not None and italian._sectPr.find(qn("w:bidi")) is None
    for p in doc.paragraphs:  # every paragraph carries its language
        lang = next(p._p.iter(qn("w:lang")), None)
        if ARABIC.search(p.text):
            assert lang is not None and lang.get(qn("w:bidi")).startswith("ar")
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "it-IT"
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("MOU Article Heading")]
    half = len(heads) // 2
    assert heads[0].startswith("Articolo 1 – ") and heads[half].startswith("المادة 1 – ")


def test_separate_layout_writes_one_document_per_language(write_spec, base_text, tmp_path):
    paths = built(write_spec, spec_in(base_text, ["es", "pt"]), tmp_path)
    assert [p.name for p in paths] == ["city-a-city-b-es.docx", "city-a-city-b-pt.docx"]
    assert "Artículo 1 – " in textdump.text(paths[0]) and "Artigo 1.º – " in textdump.text(paths[1])


@pytest.mark.parametrize("locale, arabic_digits", [("ar_JO", True), ("ar_EG", True), ("ar_TN", False)])
def test_numbers_and_dates_follow_the_locale_with_its_digits(locale, arabic_digits):
    loc = i18n.Localiser("ar", locale, library_dir() / "labels.yaml")
    day = dt.date(2027, 3, 14)
    babel_date = format_date(day, "long", locale=locale)
    babel_number = format_decimal(Decimal("1234567.5"), locale=locale, numbering_system="default")
    to_arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    expected_date = babel_date.translate(to_arabic) if arabic_digits else babel_date
    expected_number = babel_number.translate(to_arabic) if arabic_digits else babel_number
    assert loc.date(day) == expected_date
    assert loc.number(Decimal("1234567.5")) == expected_number
    assert bool(re.search("[٠-٩]", loc.amount(Decimal("10"), "JOD"))) is arabic_digits
    assert loc.label("frame", "article", n=12) == ("المادة ١٢" if arabic_digits else "المادة 12")


def test_dinars_have_three_decimals_in_every_language():
    for lang, locale in (("fr", "fr_TN"), ("ar", "ar_TN"), ("en", "en_GB"), ("it", "it_IT")):
        amount = i18n.Localiser(lang, locale, library_dir() / "labels.yaml").amount(Decimal("60000"), "TND")
        assert re.search(r"000[.,]000", amount), amount


@pytest.mark.parametrize("lang, gender, title", [
    ("es", "f", "Alcaldesa"), ("es", "m", "Alcalde"), ("it", "f", "Sindaca"), ("fr", "f", "Maire"),
    ("ar", "f", "رئيسة البلدية"), ("ar", "m", "رئيس البلدية"), ("pt", "f", "Presidente da Câmara"),
])
def test_titles_agree_with_the_representatives_gender(lang, gender, title):
    assert i18n.Localiser(lang, i18n.DEFAULT_LOCALE[lang], library_dir() / "labels.yaml").label(
        "title", "mayor", gender=gender) == title


def test_languages_clause_and_closing_name_the_prevailing_text(write_spec, base_text, tmp_path):
    text = spec_in(base_text, ["fr", "en"], extra="\nprevails: fr").replace(
        "include: [legal_nature,", "include: [languages, legal_nature,")
    fr, en = built(write_spec, text, tmp_path)
    english = textdump.text(en)
    assert "drawn up in the French and English languages" in english or "French and English" in english
    assert "French" in english.split("Languages")[-1] and "prevail" in english
    assert "prévaut" in textdump.text(fr) or "prévaudra" in textdump.text(fr)


def test_a_stale_translation_stops_the_build_unless_draft_is_allowed(write_spec, base_text, tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(ROOT / "clauses", lib)
    clause = lib / "monitoring.yaml"
    clause.write_text(clause.read_text().replace("Les actions menées", "Toutes les actions menées", 1))
    library = clauses.load(lib)
    spec = write_spec(spec_in(base_text, ["ar"]))
    with pytest.raises(MouError) as info:
        api.build(spec, tmp_path / "out", library=library, today=TODAY)
    assert f"{clause.resolve()}: ar: stale" in str(info.value) and "--allow-draft" in str(info.value)
    assert not (tmp_path / "out").exists()
    path, = api.build(spec, tmp_path / "out", library=library, today=TODAY, allow_draft=True)
    doc = Document(str(path))
    assert doc.paragraphs[0].style.name.startswith("MOU Draft")
    assert doc.paragraphs[0].text.startswith("مشروع")
    assert doc.sections[0].header.paragraphs[0].text.startswith("مشروع –")
    with zipfile.ZipFile(path) as z:
        assert "w:bidi" in z.read("word/document.xml").decode()


def test_building_an_up_to_date_library_needs_no_draft_mark(write_spec, base_text, tmp_path):
    path, = built(write_spec, spec_in(base_text, ["ar"]), tmp_path)
    assert not Document(str(path)).paragraphs[0].style.name.startswith("MOU Draft")
