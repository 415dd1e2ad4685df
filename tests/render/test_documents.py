"""The example agreements, built and read back as a user (or Word) would.

Golden files hold the text of each example document; after an intended change,
regenerate them with ``MOU_UPDATE_GOLDEN=1 pytest tests/test_documents.py`` and
review the diff.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import EXAMPLES, ROOT, SHARED, TODAY, need_program
from mou_builder import api
from mou_builder import model, validation
from mou_builder.render import readback as textdump

GOLDEN = ROOT / "tests" / "golden"
ARABIC = re.compile("[\u0600-\u06FF]")
NOT_COMPARED = "[\u200e\u200f\u202a-\u202e\u2066-\u2069\u064b-\u0652\u0670]"  # bidi marks, vowel signs


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every example built once: {spec stem: [docx paths]}."""
    out = tmp_path_factory.mktemp("examples")
    return {p.stem: api.build(p, out / p.stem, today=TODAY) for p in EXAMPLES}


def test_there_are_at_least_three_examples():
    assert {"sfax-lyon", "toscana-kasserine", "hospitalet-santatecla-canelones"} <= {p.stem for p in EXAMPLES}


@pytest.mark.parametrize("example", [p.stem for p in EXAMPLES])
def test_golden_text(example, built):
    for path in built[example]:
        golden = GOLDEN / f"{path.stem}.txt"
        actual = textdump.text(path)
        if os.environ.get("MOU_UPDATE_GOLDEN"):
            golden.parent.mkdir(exist_ok=True)
            golden.write_text(actual, encoding="utf-8")
        assert golden.exists(), f"no golden file {golden}: run with MOU_UPDATE_GOLDEN=1 and review"
        assert actual == golden.read_text(encoding="utf-8")


def agreement_of(example):
    src = validation.load(ROOT / "agreements" / f"{example}.yaml")
    return model.build(src.data, src.path, TODAY)


def headings(path):
    """Article headings, whatever the layout: body paragraphs or cells of the parallel table."""
    doc = Document(str(path))
    paragraphs = list(doc.paragraphs) + [p for t in doc.tables[:1] for row in t.rows for c in row.cells
                                         for p in c.paragraphs]
    return [p.text for p in paragraphs if p.style.name.startswith("MOU Article Heading")]


HEADING = re.compile(r"^\S+ [\d٠-٩]+(\.º)? – \S")
LABELS = validation.load(ROOT / "clauses" / "labels.yaml").data
PAGE = re.compile("|".join(rf"{re.escape(LABELS['frame']['page'][lang])}\s*\d+\s*"
                           rf"{re.escape(LABELS['frame']['of'][lang])}\s*\d+" for lang in LABELS["frame"]["page"]))


AGREEMENTS_ONLY = [p.stem for p in EXAMPLES if "kind: revision" not in p.read_text(encoding="utf-8")
                   and "instrument: declaration_of_intent" not in p.read_text(encoding="utf-8")  # short: test_examples.py
                   and "\npacks:" not in p.read_text(encoding="utf-8")]  # a pack's house style: tests/packs


@pytest.mark.parametrize("example", AGREEMENTS_ONLY)
def test_structure_of_every_document(example, built):
    agreement = agreement_of(example)
    for path in built[example]:
        doc = Document(str(path))
        heads = headings(path)
        assert len(heads) >= 12 and all(HEADING.match(h) for h in heads), heads
        if agreement.layout == "parallel" and len(agreement.languages) > 1:
            continue  # its own test: test_languages.py
        styles = [p.style.name.removesuffix(" RTL") for p in doc.paragraphs]
        assert styles[0] == "MOU Title"
        numbers = [h.split()[1].removesuffix(".º").translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
                   for h in heads]
        per_language = len(numbers) // numbers.count("1")  # sequential: each language numbers from 1
        assert numbers[:per_language] == [str(n) for n in range(1, per_language + 1)]
        assert styles.count("MOU Recital") >= 5
        # the header holds the short title, the footer page numbers
        header = doc.sections[0].header.paragraphs[0].text
        assert header and header in doc.core_properties.subject
        footer_xml = doc.sections[0].footer._element.xml
        assert 'w:instr=" PAGE "' in footer_xml and 'w:instr=" NUMPAGES "' in footer_xml
        # one signature column per party
        signatures = next(t for t in doc.tables if t.style is None or t.style.name != "Table Grid")
        cells = [c for row in signatures.rows for c in row._tr.findall(qn("w:tc"))]
        assert len(cells) == len(agreement.parties)
        lang = next((x for x in agreement.languages if path.stem.endswith(f"-{x}")), agreement.languages[0])
        for party, cell in zip(agreement.parties, cells):  # a name may be written in each script
            assert party.representative.name.get(lang) in "".join(cell.itertext())


def test_annexes_follow_the_spec(built):
    full = textdump.text(built["sfax-lyon"][0])
    for title in ("Annexe 1 – Plan d’action", "Annexe 2 – Indicateurs de suivi",
                  "Annexe 3 – Budget prévisionnel", "Annexe 4 – Calendrier"):
        assert title in full
    assert "Total général par devise" in full and "EUR | 93\u202f000,00\u00a0EUR" in full
    deferred = textdump.text(built["toscana-kasserine"][0])
    assert "Annexe 3" not in deferred and "Budget prévisionnel" not in deferred
    three = textdump.text(built["hospitalet-santatecla-canelones"][0])
    assert "Annex 4 – Calendar" in three  # derived from the actions


def test_no_budget_means_a_commitment_to_set_one(built):
    path = built["toscana-kasserine"][0]
    doc = Document(str(path))
    paragraphs = [p.text for p in doc.paragraphs]
    budget = next(i for i, t in enumerate(paragraphs) if t.endswith("– Budget"))
    text = " ".join(paragraphs[budget + 1: budget + 4]).lower()
    assert "budget" in text and "établi" in text


@pytest.mark.parametrize("example", [p.stem for p in EXAMPLES])
def test_documents_are_valid_ooxml(example, built):
    validator = SHARED / "ooxml-xsd" / "validate.py"
    if not validator.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{validator} is missing")
        pytest.skip("the OOXML schemas are not beside the repository")
    result = subprocess.run([sys.executable, str(validator), *map(str, built[example])],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_document_properties(built):
    path = built["sfax-lyon"][0]
    props = Document(str(path)).core_properties
    assert props.title.startswith("Protocole d’accord entre Sfax et Lyon")
    assert props.language == "fr-TN"
    assert props.created.date().isoformat() == "2026-06-25"
    with zipfile.ZipFile(path) as z:  # the tool names itself; nothing left from a word processor
        assert not [n for n in z.namelist() if "thumbnail" in n]
        assert "thumbnail" not in z.read("_rels/.rels").decode()
        app = z.read("docProps/app.xml").decode()
    assert "<Application>mou_builder</Application>" in app and "Microsoft" not in app


def test_every_paragraph_carries_the_document_language_and_stays_with_what_follows(built):
    doc = Document(str(built["sfax-lyon"][0]))
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "fr-TN"
    assert doc.styles["Normal"].paragraph_format.widow_control
    leads = [p for p in doc.paragraphs if p.style.name == "MOU Lead"]
    assert leads and all(p.text.endswith(":") and p.style.paragraph_format.keep_with_next for p in leads)
    assert "les objectifs spécifiques suivants\u00a0:" in [p.text[-35:] for p in leads][0] or \
        any(p.text.endswith("objectifs spécifiques suivants\u00a0:") for p in leads)
    assert doc.styles["MOU Closing"].paragraph_format.keep_with_next
    signatures = doc.tables[0]
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
               for row in signatures.rows)


def test_page_numbers_in_the_locale_digits_where_it_writes_arabic_indic_ones(built):
    es, ar = sorted(built["granada-irbid"], key=lambda p: p.stem.endswith("-ar"))
    formats = {p.stem[-2:]: [n.get(qn("w:fmt")) for n in Document(str(p)).element.body.iter(qn("w:pgNumType"))]
               for p in (es, ar)}
    assert formats == {"es": [], "ar": ["hindiNumbers"]}  # Jordan: ١، ٢، ٣
    sousse = Document(str(built["sousse-montpellier"][0]))  # Tunisia writes Latin digits
    assert not list(sousse.element.body.iter(qn("w:pgNumType")))


def test_annex_columns_are_wide_enough_for_their_longest_word(built):
    from mou_builder.render import columns
    for example in ("sfax-lyon", "palermo-monastir", "granada-irbid", "sousse-montpellier"):
        doc = Document(str(built[example][0]))
        for table in doc.tables:
            if table.style is None or table.style.name != "Table Grid":
                continue
            grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
            if len(grid) > 8:  # a timeline: its widths are set by the quarters
                continue
            header = [c.text for c in table.rows[0].cells]
            for width, text in zip(grid, header):
                longest = columns.longest_piece(text, 9, bold=True)
                assert width >= longest + columns.CELL_PADDING, (example, text, width)


def test_two_builds_in_two_processes_are_identical(tmp_path):
    code = ("import sys, datetime; sys.path.insert(0, sys.argv[1]); from mou_builder import api; "
            "api.build(sys.argv[2], sys.argv[3], today=datetime.date(2026, 11, 22))")
    example = ROOT / "agreements" / "sfax-lyon.yaml"
    for n in (1, 2):
        subprocess.run([sys.executable, "-c", code, str(ROOT), str(example), str(tmp_path / str(n))],
                       check=True, env={**os.environ, "PYTHONHASHSEED": str(n)})
    for name in ("sfax-lyon-2026-fr.docx", "sfax-lyon-2026-en.docx"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()
        with zipfile.ZipFile(tmp_path / "1" / name) as z:
            assert {i.date_time for i in z.infolist()} == {(2026, 6, 25, 0, 0, 0)}


@pytest.mark.libreoffice
def test_libreoffice_opens_every_example_and_holds_every_article(built, tmp_path):
    soffice = need_program("soffice")
    pdftotext = need_program("pdftotext")
    docs = [p for paths in built.values() for p in paths]
    parallel = {p for example, paths in built.items() for p in paths
                if agreement_of(example).layout == "parallel" and len(agreement_of(example).languages) > 1}
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, docs)],
                   check=True, capture_output=True, timeout=600)
    for docx in docs:
        pdf = tmp_path / f"{docx.stem}.pdf"
        assert pdf.exists(), f"LibreOffice did not convert {docx.name}"
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        flat = " ".join(re.sub(NOT_COMPARED, "", text).split())
        for heading in headings(docx):
            if ARABIC.search(heading) or docx in parallel:  # visual order, columns interleaved: words
                words = [re.sub(NOT_COMPARED, "", w) for w in heading.split()
                         if len(w) > 1 and not re.search("ل[اأإآ]", w)]
                assert all(w in flat for w in words), f"{docx.name}: {heading!r} missing from the PDF"
            else:
                assert " ".join(heading.split()) in flat, f"{docx.name}: {heading!r} missing from the PDF"
        assert PAGE.search(flat), flat[-300:]


@pytest.mark.pandoc
def test_pandoc_reads_every_example(built):
    pandoc = need_program("pandoc")
    for docx in (p for paths in built.values() for p in paths):
        text = subprocess.run([pandoc, "-t", "plain", "--wrap=none", str(docx)], capture_output=True,
                              text=True, check=True).stdout
        for heading in headings(docx):
            assert heading in text
