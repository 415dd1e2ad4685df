"""Revisions: the amendment instrument, tracked changes in the consolidated text, the comparison."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from conftest import AGREEMENTS, ROOT, TODAY, need_program
from mou_builder import api
from mou_builder.cli import main
from mou_builder.drafting.assemble import article_keys, assemble, localiser
from mou_builder.library import clauses
from mou_builder.library.resources import library_dir
from mou_builder.render import layout
from mou_builder.render import readback as textdump
from mou_builder.render import tracked
from mou_builder.revision import summary, versions

REVISION = AGREEMENTS / "sfax-lyon-amendment-1.yaml"
AUTHOR = "Direction des relations internationales"

def words_of(path) -> str:
    """A document's text as its words read: French typography (no-break spaces, ’) undone."""
    return textdump.text(path).replace("\u00a0", " ").replace("’", "'")



@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("amendment")
    written = api.build(REVISION, out, today=TODAY)
    return {p.name: p for p in written}


def body(path):
    return Document(str(path)).element.body


def changes_of(path, tag):
    """The texts inside w:ins (tag "ins") or w:del ("del") elements, in order."""
    text_tag = qn("w:t") if tag == "ins" else qn("w:delText")
    return ["".join(t.text or "" for t in el.iter(text_tag)) for el in body(path).iter(qn(f"w:{tag}"))]


def test_three_documents_in_every_language(outputs):
    assert sorted(outputs) == sorted(f"sfax-lyon-2026-{kind}-{lang}.docx" for kind in
                                     ("amendment-1", "consolidated", "comparison") for lang in ("fr", "en"))


def test_the_instrument_has_one_article_per_change(outputs):
    text = words_of(outputs["sfax-lyon-2026-amendment-1-fr.docx"])
    assert text.splitlines()[1] == "Avenant n° 1 au protocole d'accord entre Sfax et Lyon"
    # the parties as the agreement describes them, with what empowers their representatives
    assert "la Commune de Sfax (Tunisie), représentée par la Présidente de la Commune de Sfax, Mme Leïla " \
        "Ben Salem, agissant en vertu de la loi organique n° 2018-29" in text
    # the agreement amended: its title, parties and date
    assert ("Considérant le protocole d'accord intitulé « Protocole d'accord entre Sfax et Lyon relatif à la "
            "gouvernance locale des migrations et le développement partagé », conclu entre les Parties (la Commune "
            "de Sfax et la Ville de Lyon) et signé le 25 juin 2026 ;") in text
    assert "L'article 2 est remplacé par les stipulations suivantes :\n« Article 2 – Actions prévues\n" in text
    assert "Au premier alinéa de l'article 13, les mots « trois (3) » sont remplacés par les mots « cinq (5) »." in text
    assert "Au troisième alinéa de l'article 10, les mots « mai 2029 » sont remplacés par les mots « mars 2031 »." in text
    assert "Après l'article 16, il est inséré un article 16 bis ainsi rédigé :\n« Article 16 bis – Confidentialité" in text
    assert "imposée par la loi. »\nArticle 8 – Abrogation de l'article 17\nL'article 17 est abrogé." in text
    assert "L'annexe 3 (Budget prévisionnel) est remplacée par l'annexe jointe au présent avenant." in text
    assert "Les autres stipulations du protocole d'accord demeurent inchangées." in text
    assert "dispositions" not in text
    assert ("Fait à Sfax, le 15 septembre 2027, en deux (2) exemplaires originaux, en langues française et anglaise, "
            "les deux textes faisant également foi.") in text
    assert ("Pour la Commune de Sfax, / Présidente de la Commune de Sfax / Mme Leïla Ben Salem | "
            "Pour la Ville de Lyon, / Maire de Lyon / M. Marc Duvernay") in text
    assert "Annexe 3 – Budget prévisionnel (nouvelle version)" in text
    english = words_of(outputs["sfax-lyon-2026-amendment-1-en.docx"])
    assert "Amendment No. 1 to the memorandum of understanding between Sfax and Lyon" in english
    assert "After Article 16, an Article 16A is inserted, worded as follows:\n“Article 16A – Confidentiality" in english
    assert "In the first paragraph of Article 13, the words “three (3)” are replaced by the words “five (5)”." in english
    assert "Article 17 is repealed." in english
    assert "The other provisions of the memorandum of understanding remain unchanged." in english


def test_quoted_text_is_indented_and_closes_where_it_ends(outputs):
    doc = Document(str(outputs["sfax-lyon-2026-amendment-1-fr.docx"]))
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    texts = [p.text.replace("\u00a0", " ").replace("’", "'") for p in paragraphs]
    start = texts.index("L'article 5 est remplacé par les stipulations suivantes :") + 1
    end = next(i for i in range(start, len(texts)) if texts[i].endswith(" »"))
    quoted = paragraphs[start:end + 1]
    assert quoted[0].text == "«\u00a0Article 5 – Participation des acteurs"
    assert {p.style.name for p in quoted} == {"MOU Quote", "MOU Quote List"}
    assert any(p.style.name == "MOU Quote List" and p.text.startswith("«\u00a0association de migrants") for p in quoted)
    assert paragraphs[end + 1].style.name == "MOU Article Heading"  # the amendment's own next article
    body_indent = doc.styles["MOU Body"].paragraph_format.left_indent or 0
    assert doc.styles["MOU Quote"].paragraph_format.left_indent > body_indent  # set apart
    # French drafting: every quoted paragraph opens with «, the last alone closes
    assert all(p.text.startswith("«\u00a0") for p in quoted)
    assert [p.text.endswith("\u00a0»") for p in quoted] == [False] * (len(quoted) - 1) + [True]


def test_tracked_changes_are_exactly_what_changed(outputs):
    path = outputs["sfax-lyon-2026-consolidated-fr.docx"]
    inserted, deleted = changes_of(path, "ins"), changes_of(path, "del")
    assert "cinq (5)" in inserted and "trois (3)" in deleted  # merged, not letters interleaved
    assert "mars 2031" in inserted and "mai 2029" in deleted
    assert "115\u202f000,00" in inserted and "93\u202f000,00" in deleted
    assert "Article 16 bis – Confidentialité" in inserted
    assert "Article 17 – Visibilité des financeurs" in deleted
    doc = body(path)
    for el in doc.iter(qn("w:ins"), qn("w:del")):
        assert el.get(qn("w:author")) == AUTHOR and el.get(qn("w:date")) == "2027-09-15T00:00:00Z"
    ids = [el.get(qn("w:id")) for el in doc.iter(qn("w:ins"), qn("w:del"))]
    assert len(ids) == len(set(ids))
    marks = [p for p in doc.iter(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:ins')}") is not None]
    assert any("Article 16 bis" in "".join(p.itertext()) for p in marks)
    gone = [p for p in doc.iter(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}") is not None]
    assert any("Article 17 – Visibilité" in "".join(p.itertext()) for p in gone)
    rows_in = [tr for tr in doc.iter(qn("w:tr")) if tr.find(f"{qn('w:trPr')}/{qn('w:ins')}") is not None]
    rows_out = [tr for tr in doc.iter(qn("w:tr")) if tr.find(f"{qn('w:trPr')}/{qn('w:del')}") is not None]
    assert any("Guichet d’accueil" in "".join(tr.itertext()) for tr in rows_in)
    assert any("8\u202f000,00" in "".join(tr.itertext()) for tr in rows_out)
    assert all(not tracked.MARKERS.search("".join(p.itertext())) for p in doc.iter(qn("w:p")))


def plain_text(document, template):
    """Paragraph texts of a document rendered without tracked changes."""
    from io import BytesIO
    return tracked.accept_all(Document(BytesIO(layout.separate(document, template, *_when()))).element.body)


def _when():
    import datetime as dt
    return dt.datetime(2027, 9, 15, tzinfo=dt.timezone.utc), "test"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_accepting_gives_the_new_text_and_rejecting_the_old(outputs, lang):
    library = clauses.load(library_dir())
    old = versions.load("sfax-lyon.yaml", AGREEMENTS, library, TODAY).agreement
    new = versions.load(REVISION.name, AGREEMENTS, library, TODAY).agreement
    old_doc = assemble(old, library, lang)
    loc = localiser(new, library, lang)
    numbers = versions.numbering(old_doc, article_keys(new, library, lang), loc.label("amendment", "suffixes"), loc)
    new_doc = assemble(new, library, lang, numbers, versions.annex_numbering(old, new))
    template = ROOT / "templates" / "default" / "agreement.docx"
    consolidated = body(outputs[f"sfax-lyon-2026-consolidated-{lang}.docx"])
    notice = loc.label("amendment", "consolidated_notice", date=loc.date(dt.date(2027, 9, 15)), number="1")
    unsigned = lambda doc: dataclasses.replace(doc, closing=(), signatures=())  # noqa: E731
    without_notice = lambda text: text.replace(notice + "\n", "", 1)  # noqa: E731
    assert notice in tracked.accept_all(consolidated)
    assert without_notice(tracked.accept_all(consolidated)) == plain_text(unsigned(new_doc), template)
    assert without_notice(tracked.reject_all(consolidated)) == plain_text(unsigned(old_doc), template)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_instrument_closes_as_the_agreement_would_on_the_amendment_date(lang):
    """The closing formula and signatures of an amendment come from the new version assembled
    as if signed on the amendment's date, without its articles and annexes."""
    library = clauses.load(library_dir())
    new = versions.load(REVISION.name, AGREEMENTS, library, TODAY).agreement
    signed = dataclasses.replace(new, signing_date=dt.date(2027, 9, 15))
    whole, closing = assemble(signed, library, lang), assemble(signed, library, lang, closing_only=True)
    assert closing.closing == whole.closing and closing.signatures == whole.signatures
    assert closing.closing != assemble(new, library, lang).closing  # the date is in it
    assert closing.articles == closing.annexes == closing.opening == closing.recitals == ()


def runs_marked(cell, prop):
    """Texts of the runs of a table cell carrying ``prop`` (w:strike, w:u)."""
    return ["".join(t.text for t in r.iter(qn("w:t"))) for r in cell._tc.iter(qn("w:r"))
            if r.find(f"{qn('w:rPr')}/{qn(prop)}") is not None]


def test_comparison_table_marks_what_changed_word_by_word(outputs):
    doc = Document(str(outputs["sfax-lyon-2026-comparison-en.docx"]))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Provision", "Current wording", "New wording"]
    provisions = [r.cells[0].text for r in table.rows[1:]]
    assert provisions[:3] == ["Article 2 – Planned actions", "Article 4 – Expected results",
                              "Article 5 – Participation of stakeholders"]
    assert "Article 16A – Confidentiality" in provisions and "Article 17 – Visibility of funders" in provisions
    assert not any(p.startswith(("Article 1 –", "Article 8 –", "Article 11 –")) for p in provisions)
    duration = next(r for r in table.rows if r.cells[0].text.startswith("Article 13"))
    assert runs_marked(duration.cells[1], "w:strike") == ["three (3)"]
    assert runs_marked(duration.cells[2], "w:u") == ["five (5)"]
    assert runs_marked(duration.cells[1], "w:u") == [] and runs_marked(duration.cells[2], "w:strike") == []
    assert "three (3) years" in duration.cells[1].text and "five (5) years" in duration.cells[2].text
    assert len(duration.cells[1].paragraphs) == 3  # heading and two paragraphs, each its own
    repealed = next(r for r in table.rows if r.cells[0].text.startswith("Article 17"))
    assert runs_marked(repealed.cells[1], "w:strike")[0] == "Article 17 – Visibility of funders"
    assert repealed.cells[2].text == "(none)"


def test_comparison_compares_annex_tables_row_by_row(outputs):
    doc = Document(str(outputs["sfax-lyon-2026-comparison-fr.docx"]))
    lines = next(t for t in doc.tables[1:] if [c.text for c in t.rows[0].cells] == ["Action", "Financeur", "Année",
                                                                                  "Montant"])
    assert len(lines.rows[0].cells) == 4  # a table, not "a | b | c" strings
    lyon_2028 = next(r for r in lines.rows if r.cells[1].text == "Ville de Lyon" and r.cells[2].text == "2028"
                     and r.cells[0].text.startswith("3."))
    assert runs_marked(lyon_2028.cells[3], "w:strike") == ["8\u202f000,00"]
    assert runs_marked(lyon_2028.cells[3], "w:u") == ["10\u202f000,00"]
    desk = [r for r in lines.rows if r.cells[0].text.startswith("4. Guichet")]
    assert desk and all(runs_marked(c, "w:u") == [c.text] for r in desk for c in r.cells)
    assert not any(r.cells[0].text.startswith("1. Cycle") for r in lines.rows)  # unchanged rows left out
    # a timeline over other quarters: the old one struck whole, the new one underlined whole, both shaded
    timelines = [t for t in doc.tables[1:] if t.rows[0].cells[1].text == "T3 26"]
    assert len(timelines) == 2 and len(timelines[1].rows[0].cells) > len(timelines[0].rows[0].cells)
    assert runs_marked(timelines[0].rows[1].cells[0], "w:strike") == ["1. Cycle de formation des agents d’accueil"]
    assert runs_marked(timelines[1].rows[4].cells[0], "w:u") == ["4. Guichet d’accueil des personnes migrantes à Sfax"]
    for timeline in timelines:
        assert timeline._tbl.find(f".//{qn('w:shd')}[@{qn('w:fill')}='{layout.SHADE}']") is not None
    assert not tracked.MARKERS.search("".join(doc.element.body.itertext()))


def test_comparison_full_lists_unchanged_articles(tmp_path):
    run = CliRunner().invoke(main, ["build", str(REVISION), "-o", str(tmp_path), "--comparison", "full"])
    assert run.exit_code == 0, run.output
    doc = Document(str(tmp_path / "sfax-lyon-2026-comparison-en.docx"))
    rows = {r.cells[0].text: r for r in doc.tables[0].rows[1:]}
    assert rows["Article 1 – Purpose"].cells[2].text == "Unchanged."
    assert rows["Article 1 – Purpose"].cells[1].text.startswith("Article 1 – Purpose")
    assert runs_marked(rows["Article 13 – Duration, entry into force and amendment"].cells[2], "w:u") == ["five (5)"]
    budget = next(t for t in doc.tables[1:] if [c.text for c in t.rows[0].cells][:2] == ["Action", "Funder"])
    assert any(r.cells[0].text.startswith("1. Training") for r in budget.rows)  # unchanged rows kept


def test_summary_and_identical_versions(tmp_path):
    run = CliRunner().invoke(main, ["build", str(REVISION), "-o", str(tmp_path)], env={"LANG": "en_GB.UTF-8"})
    assert run.exit_code == 0, run.output
    reported = [line for line in run.stderr.splitlines() if re.match(r"^  \S", line) and ": " in line]
    assert len(reported) == len(summary.ELEMENTS)  # every element a revision must cover
    for line in ("  actions: changed", "  stakeholders: changed", "  indicators: changed", "  budget: changed",
                 "  objectives: confirmed (unchanged)", "  governance: confirmed (unchanged)"):
        assert line in run.stderr
    assert "warning" not in run.stderr
    same = CliRunner().invoke(main, ["amend", str(AGREEMENTS / "sfax-lyon.yaml"), str(AGREEMENTS / "sfax-lyon.yaml"),
                                     "-o", str(tmp_path / "same")])
    assert same.exit_code == 1 and "give the same agreement: there is nothing to amend" in same.stderr
    assert not (tmp_path / "same").exists()


@pytest.mark.pandoc
def test_pandoc_reads_the_insertions_and_deletions(outputs):
    pandoc = need_program("pandoc")
    out = subprocess.run([pandoc, "--track-changes=all", "-t", "markdown", "--wrap=none",
                          str(outputs["sfax-lyon-2026-consolidated-en.docx"])],
                         capture_output=True, text=True, check=True).stdout
    assert '[three (3)]{.deletion author="Direction des relations internationales"' in out
    assert '[five (5)]{.insertion author="Direction des relations internationales"' in out


def test_versions_from_git(tmp_path):
    need_program("git")
    repo = tmp_path / "repo"
    shutil.copytree(AGREEMENTS, repo / "agreements")

    def git(*args):
        subprocess.run(["git", "-C", str(repo), "-c", "user.email=t@example.org", "-c", "user.name=T", *args],
                       check=True, capture_output=True)
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "signed version")
    spec = repo / "agreements" / "sfax-lyon.yaml"
    spec.write_text(spec.read_text().replace("years: 3", "years: 4"))
    result = CliRunner().invoke(main, ["amend", f"{spec}@HEAD", str(spec), "-o", str(tmp_path / "out")],
                                env={"LANG": "en_GB.UTF-8"})
    assert result.exit_code == 0, result.output
    consolidated = tmp_path / "out" / "sfax-lyon-2026-consolidated-en.docx"
    assert changes_of(consolidated, "del") == ["three (3)"] and changes_of(consolidated, "ins") == ["four (4)"]
    assert "warning: no migrant or diaspora organisation is added by this revision" in result.stderr
    assert "warning: no new indicator is added by this revision" in result.stderr
    # a revision spec can point at a git version too
    revision = repo / "agreements" / "rev.yaml"
    revision.write_text(spec.read_text().replace("kind: agreement", "kind: revision") + (
        "revision:\n  amends: sfax-lyon.yaml@HEAD\n  number: 1\n  date: 2027-01-10\n"
        "  rationale: {fr: les Parties prolongent le protocole, en: the Parties extend the memorandum}\n"))
    built = CliRunner().invoke(main, ["build", str(revision), "-o", str(tmp_path / "out2")])
    assert built.exit_code == 0, built.output
    missing = CliRunner().invoke(main, ["amend", f"{spec}@nosuchref", str(spec), "-o", str(tmp_path / "x")])
    assert missing.exit_code == 1 and "nosuchref" in missing.stderr and "Traceback" not in missing.output


def test_revision_specs_are_validated(write_spec, base_text):
    no_block = write_spec(base_text.replace("kind: agreement", "kind: revision"))
    assert [p.key for p in api.check(no_block, today=TODAY).errors] == ["revision_block_required"]
    bad = write_spec(base_text.replace("kind: agreement", "kind: revision") + (
        "revision:\n  amends: nowhere.yaml\n  number: 1\n  date: 2027-01-10\n  rationale: x\n"))
    errors = api.check(bad, today=TODAY).errors
    assert [p.format() for p in errors] == [
        f"{bad}:{len(base_text.splitlines()) + 2}:11: revision.amends: the amended version 'nowhere.yaml' does "
        "not exist (a path relative to this file, or PATH@GITREF)"]


def test_a_file_with_at_in_its_name_is_a_path_not_a_git_version(tmp_path):
    from mou_builder.base.refs import split_ref
    (tmp_path / "sfax@2026.yaml").write_text("x")
    assert split_ref("sfax@2026.yaml", tmp_path) == ("sfax@2026.yaml", None)
    assert split_ref("sfax.yaml@v1.0", tmp_path) == ("sfax.yaml", "v1.0")
    assert split_ref("sfax.yaml", tmp_path) == ("sfax.yaml", None)


def test_a_revision_spec_is_read_once_and_each_version_modelled_once(tmp_path, monkeypatch):
    from mou_builder import model
    from mou_builder.validation import loader

    parsed, modelled = [], []
    parse, build = loader.parse_bytes, model.build
    monkeypatch.setattr(loader, "parse_bytes", lambda raw, display: parsed.append(display) or parse(raw, display))
    monkeypatch.setattr(model, "build", lambda data, source, *a: modelled.append(source) or build(data, source, *a))
    written = api.build(REVISION, tmp_path, today=TODAY)
    assert len(written) == 6
    specs = [name for name in parsed if name.endswith(("sfax-lyon.yaml", REVISION.name))]
    assert specs == [str(REVISION), "sfax-lyon.yaml"]  # the amended version as its revision block names it
    assert modelled == ["sfax-lyon.yaml", str(REVISION.resolve())]
