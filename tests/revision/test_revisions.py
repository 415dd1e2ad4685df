"""Revisions: the amendment instrument, tracked changes in the consolidated text, the comparison."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from conftest import AGREEMENTS, ROOT, TODAY, need_program
from mou_builder import api
from mou_builder.cli import main
from mou_builder.drafting.assemble import assemble, localiser
from mou_builder.library import clauses
from mou_builder.library.resources import library_dir
from mou_builder.render import layout
from mou_builder.render import readback as textdump
from mou_builder.render import tracked
from mou_builder.revision import amend

REVISION = AGREEMENTS / "sfax-lyon-amendment-1.yaml"
AUTHOR = "Direction des relations internationales"


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
    text = textdump.text(outputs["sfax-lyon-2026-amendment-1-fr.docx"])
    assert text.splitlines()[1] == "Avenant n° 1 au protocole d'accord entre Sfax et Lyon"
    assert "Considérant le protocole d'accord, signé le 25 juin 2026 ;" in text
    assert "L'article 13 est remplacé par les dispositions suivantes :" in text
    assert "Il est conclu pour cinq (5) ans" in text
    assert "Il est inséré, après l'article 16, un article 16 bis ainsi rédigé :" in text
    assert text.index("Article 16 bis – Confidentialité") < text.index("L'article 17 est abrogé.")
    assert "L'annexe 3 (Budget prévisionnel) est remplacée par l'annexe jointe au présent avenant." in text
    assert "Toutes les autres dispositions du protocole d'accord demeurent inchangées." in text
    assert "Fait à Sfax, le 15 septembre 2027, en deux (2) exemplaires originaux." in text
    assert "Annexe 3 – Budget prévisionnel (nouvelle version)" in text
    english = textdump.text(outputs["sfax-lyon-2026-amendment-1-en.docx"])
    assert "Amendment No. 1 to the memorandum of understanding between Sfax and Lyon" in english
    assert "The following Article 16A is inserted after Article 16:" in english
    assert "Article 17 is repealed." in english


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
    assert any("Guichet d'accueil" in "".join(tr.itertext()) for tr in rows_in)
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
    old = amend.load("sfax-lyon.yaml", AGREEMENTS, library, TODAY).agreement
    new = amend.load(REVISION.name, AGREEMENTS, library, TODAY).agreement
    old_doc = assemble(old, library, lang)
    loc = localiser(new, library, lang)
    numbers = amend.numbering(old_doc, assemble(new, library, lang), loc.label("amendment", "suffixes"), loc)
    new_doc = assemble(new, library, lang, numbers, amend.annex_numbering(old, new))
    template = ROOT / "templates" / "default" / "agreement.docx"
    consolidated = body(outputs[f"sfax-lyon-2026-consolidated-{lang}.docx"])
    title_free = lambda text: text.split("\n", 1)[1]  # noqa: E731  (the title says "consolidated")
    assert title_free(tracked.accept_all(consolidated)) == title_free(plain_text(new_doc, template))
    assert title_free(tracked.reject_all(consolidated)) == title_free(plain_text(old_doc, template))


def test_comparison_table_lists_only_what_changed(outputs):
    doc = Document(str(outputs["sfax-lyon-2026-comparison-en.docx"]))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Provision", "Current wording", "New wording"]
    provisions = [r.cells[0].text for r in table.rows[1:]]
    assert provisions[:3] == ["Article 2 – Planned actions", "Article 5 – Participation of stakeholders",
                              "Article 10 – Monitoring and evaluation"]
    assert "Article 16A – Confidentiality" in provisions and "Article 17 – Visibility of funders" in provisions
    assert not any(p.startswith("Article 1 –") or p.startswith("Article 8 –") for p in provisions)
    duration = next(r for r in table.rows if r.cells[0].text.startswith("Article 13"))
    assert "three (3) years" in duration.cells[1].text and "five (5) years" in duration.cells[2].text


def test_summary_and_identical_versions(tmp_path):
    run = CliRunner().invoke(main, ["build", str(REVISION), "-o", str(tmp_path)], env={"LANG": "en_GB.UTF-8"})
    assert run.exit_code == 0, run.output
    reported = [line for line in run.stderr.splitlines() if line.startswith("  ") and ": " in line]
    assert len(reported) == len(amend.ELEMENTS)  # every element a revision must cover
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
