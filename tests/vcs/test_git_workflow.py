"""Reproducible builds, build records, protection of edits, clause diffs, versions, docx2text."""
from __future__ import annotations

import hashlib
import shutil
import subprocess

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from lxml import etree

from conftest import AGREEMENTS, GOLDEN_DIR, ROOT, TODAY, need_program
from mou_builder import api
from mou_builder.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], env={"LANG": "en_GB.UTF-8"},
                              catch_exceptions=False)


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), "-c", "user.email=t@example.org", "-c", "user.name=T",
                           *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    need_program("git")
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    shutil.copytree(ROOT / "clauses", root / "clauses")
    shutil.copytree(AGREEMENTS, root / "agreements")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "initial")
    return root


def test_build_record_describes_the_document(tmp_path):
    out = tmp_path / "out"
    api.build(AGREEMENTS / "sfax-lyon.yaml", out, today=TODAY)
    record = yaml.safe_load((out / "sfax-lyon-2026-fr.build.yaml").read_text())
    docx = (out / "sfax-lyon-2026-fr.docx").read_bytes()
    assert record["outputs"] == {"sfax-lyon-2026-fr.docx": hashlib.sha256(docx).hexdigest()}
    assert record["spec"]["sha256"] == hashlib.sha256((AGREEMENTS / "sfax-lyon.yaml").read_bytes()).hexdigest()
    assert record["template"]["path"] == "builtin:default"
    assert record["languages"] == {"fr": "fr_TN"}
    ids = [c["id"] for c in record["clauses"]]
    assert ids[:2] == ["purpose", "actions"] and "termination" in ids and "opening" in ids
    assert all(c["version"] >= 1 and len(c["text"]["fr"]) == 16 for c in record["clauses"])
    assert record["tool"].startswith("mou_builder ")


def test_rebuild_after_no_change_leaves_git_status_clean(repo):
    out = repo / "out"
    assert run("build", repo / "agreements" / "sfax-lyon.yaml", "-o", out).exit_code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "built")
    result = run("build", repo / "agreements" / "sfax-lyon.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    assert git(repo, "status", "--porcelain") == ""


def test_an_edited_document_is_never_overwritten_without_force(tmp_path):
    out = tmp_path / "out"
    spec = AGREEMENTS / "sfax-lyon.yaml"
    assert run("build", spec, "-o", out).exit_code == 0
    edited = out / "sfax-lyon-2026-en.docx"
    doc = Document(str(edited))
    doc.add_paragraph("Handwritten note from the legal department")
    doc.save(str(edited))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = run("build", spec, "-o", out)
    assert result.exit_code == 1
    assert f"{edited} was edited after it was generated" in result.stderr
    assert "--force" in result.stderr and "rename or move" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing touched, French one included
    forced = run("build", spec, "-o", out, "--force")
    assert forced.exit_code == 0
    assert "Handwritten note" not in "\n".join(p.text for p in Document(str(edited)).paragraphs)


def test_a_file_not_written_by_mou_is_not_replaced(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "sfax-lyon-2026-fr.docx").write_bytes(b"someone else's file")
    result = run("build", AGREEMENTS / "sfax-lyon.yaml", "-o", out)
    assert result.exit_code == 1 and "was not written by mou build" in result.stderr
    assert (out / "sfax-lyon-2026-fr.docx").read_bytes() == b"someone else's file"


def test_diff_reports_the_changed_words_and_the_affected_agreements(repo):
    clause = repo / "clauses" / "termination.yaml"
    clause.write_text(clause.read_text().replace(
        "Le retrait prend effet {{ params.notice_months | spell }} mois après la réception",
        "Le retrait prend effet {{ params.notice_months | spell }} mois pleins après la réception"))
    result = run("diff", "-C", repo, "HEAD")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Clause termination (modified, v1)" in out
    assert "  fr: Le retrait prend effet [clause parameter 'notice_months'] mois {+pleins+} après" in out
    affects = next(line for line in out.splitlines() if line.startswith("  affects: ")).split("; ")
    assert "agreements/toscana-kasserine.yaml (fr)" in affects
    assert any(a.endswith("agreements/sfax-lyon.yaml (fr)") for a in affects)
    assert "hospitalet" not in out  # English only: the French text is not in its documents
    git(repo, "commit", "-qam", "full months")
    between = run("diff", "-C", repo, "HEAD~1", "HEAD", "--format", "markdown").stdout
    assert "## Clause `termination` (modified, v1)" in between and "**pleins**" in between
    assert run("diff", "-C", repo, "HEAD").stdout.startswith("No change")


def test_diff_lists_changed_specs(repo):
    spec = repo / "agreements" / "sfax-lyon.yaml"
    spec.write_text(spec.read_text().replace("years: 3", "years: 4"))
    out = run("diff", "-C", repo, "HEAD").stdout
    assert "  agreements/sfax-lyon.yaml: modified\n    duration.years: [-3-]{+4+}\n" in out


def test_diff_outside_a_repository_or_of_an_unknown_revision_is_a_clear_error(tmp_path, repo):
    result = run("diff", "-C", tmp_path, "HEAD")
    assert result.exit_code == 1 and "is not inside a git repository" in result.stderr
    unknown = run("diff", "-C", repo, "v9.9")
    assert unknown.exit_code == 1 and "'v9.9' is not a git revision of" in unknown.stderr


def test_adding_a_translation_needs_no_new_version(repo):
    clause = repo / "clauses" / "communication.yaml"
    clause.write_text(clause.read_text() + "ca:\n  status: draft\n  title: Comunicació\n  text: |\n    Text.\n")
    result = run("clauses", "--library", repo / "clauses", "check", "--lang", "fr")
    assert "communication.yaml: the text changed" not in result.stdout


def test_version_must_change_with_the_text(repo):
    clause = repo / "clauses" / "dispute_settlement.yaml"
    text = clause.read_text()
    clause.write_text(text.replace("est réglé à l'amiable", "est réglé de bonne foi à l'amiable"))
    result = run("clauses", "--library", repo / "clauses", "check", "--lang", "fr")
    assert result.exit_code == 1
    assert f"{clause}: the text changed since the last commit but the version is still 1; " \
           "raise 'version:' to 2" in result.stdout
    clause.write_text(clause.read_text().replace("version: 1", "version: 2"))
    fixed = run("clauses", "--library", repo / "clauses", "check", "--lang", "fr")
    assert fixed.exit_code == 0, fixed.output


def test_changing_a_source_text_makes_its_translations_stale(repo):
    clause = repo / "clauses" / "confidentiality.yaml"
    clause.write_text(clause.read_text().replace("version: 1", "version: 2").replace(
        "confidentiel", "strictement confidentiel", 1))
    result = run("clauses", "--library", repo / "clauses", "check")
    assert result.exit_code == 1
    stale = [line.split(": ")[1] for line in result.stdout.splitlines() if ": stale: " in line]
    assert "en" in stale and "fr" not in stale
    assert f"{clause}: en: stale: translated from an older source text" in result.stdout
    for lang in stale:
        assert run("clauses", "--library", repo / "clauses", "stamp", "confidentiality", lang).exit_code == 0
    assert run("clauses", "--library", repo / "clauses", "check").exit_code == 0


def test_docx2text_prints_the_document_and_marks_tracked_changes(tmp_path):
    out = tmp_path / "out"
    api.build(AGREEMENTS / "sfax-lyon.yaml", out, today=TODAY)
    printed = run("docx2text", out / "sfax-lyon-2026-en.docx").stdout
    assert printed == (GOLDEN_DIR / "sfax-lyon-2026-en.txt").read_text(encoding="utf-8")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    doc = Document()
    paragraph = doc.add_paragraph()
    paragraph._p.getparent().replace(paragraph._p, etree.fromstring(
        f'<w:p xmlns:w="{w}"><w:r><w:t xml:space="preserve">valid for </w:t></w:r>'
        f'<w:del w:id="1" w:author="A"><w:r><w:delText>three (3)</w:delText></w:r></w:del>'
        f'<w:ins w:id="2" w:author="A"><w:r><w:t>five (5)</w:t></w:r></w:ins>'
        f'<w:r><w:t xml:space="preserve"> years</w:t></w:r></w:p>'))
    doc.save(str(tmp_path / "tracked.docx"))
    assert run("docx2text", tmp_path / "tracked.docx").stdout == "valid for [-three (3)-]{+five (5)+} years\n"


def test_pre_commit_hooks_call_existing_commands():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"mou-validate", "mou-clauses-check"}
    for hook in hooks:
        words = hook["entry"].split()
        assert words[0] == "mou"
        assert run(*words[1:], "--help").exit_code == 0
