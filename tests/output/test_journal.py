"""The journal an interrupted build leaves tells the next build which files are its own, in
the format of this version and of earlier ones; a batch keeps one journal per process."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import TODAY
from mou_builder import api
from mou_builder.base import files
from mou_builder.base.errors import OutputError
from mou_builder.cli import main
from mou_builder.output import buildrecord
from test_write_unit import NAME, consistent

HALF_DONE = b"PK what an interrupted build renamed into place"


def build(spec, out):
    return api.build(spec, out, today=TODAY)


def interrupted(out, journal_name: str, document: str = f"{NAME}.docx") -> None:
    """As a build stopped between two renames leaves the folder: a new DOCX beside the old
    record, and the journal that lists it."""
    (out / document).write_bytes(HALF_DONE)
    (out / journal_name).write_text(f"{buildrecord.sha256(HALF_DONE)}  {document}\n", encoding="utf-8")


@pytest.mark.parametrize("journal_name", [f".{NAME}.mou-journal",  # one per document, as earlier versions wrote
                                          ".mou-k2p9x1.mou-journal"])  # one per process, as this one writes
def test_a_journal_left_behind_makes_the_next_build_recognise_its_files(write_spec, base_text, tmp_path,
                                                                        journal_name):
    out = tmp_path / "out"
    spec = write_spec(base_text)
    build(spec, out)
    interrupted(out, journal_name)
    spec.write_text(base_text.replace("originals: 2", "originals: 3"), encoding="utf-8")
    build(spec, out)  # no --force, no refusal
    consistent(out)  # the journal is gone too


def test_without_its_journal_the_same_file_is_refused(write_spec, base_text, tmp_path):
    out = tmp_path / "out"
    spec = write_spec(base_text)
    build(spec, out)
    interrupted(out, ".mou-k2p9x1.mou-journal")
    (out / ".mou-k2p9x1.mou-journal").write_text(f"{buildrecord.sha256(b'other bytes')}  {NAME}.docx\n")
    spec.write_text(base_text.replace("originals: 2", "originals: 3"), encoding="utf-8")
    with pytest.raises(OutputError, match="was edited after it was generated"):
        build(spec, out)
    assert (out / f"{NAME}.docx").read_bytes() == HALF_DONE


def test_a_journal_naming_other_documents_stays_for_their_build(write_spec, base_text, tmp_path):
    out = tmp_path / "out"
    spec = write_spec(base_text)
    other = write_spec(base_text.replace("id: city-a-city-b", "id: city-c-city-d"), "other.yaml")
    build(spec, out)
    build(other, out)
    interrupted(out, ".mou-k2p9x1.mou-journal", "city-c-city-d.docx")
    build(spec, out)
    assert (out / ".mou-k2p9x1.mou-journal").exists()  # still needed: it names city-c-city-d.docx
    other.write_text(base_text.replace("id: city-a-city-b", "id: city-c-city-d").replace("originals: 2", "originals: 5"),
                     encoding="utf-8")
    build(other, out)
    consistent(out)


def test_empty_journals_and_those_never_written_are_removed(write_spec, base_text, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".mou-a1b2c3.mou-journal").write_bytes(b"")  # a process killed when its journal was empty
    (out / f"..{NAME}.mou-journal.x1y2z3.tmp").write_bytes(b"half")  # an earlier version's, half written
    (out / ".notes.mou-journal.txt").write_text("mine")  # not a journal
    build(write_spec(base_text), out)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".mou-build.lock", ".notes.mou-journal.txt"]


def test_a_batch_makes_one_journal_per_process_not_one_per_document(write_spec, base_text, tmp_path, monkeypatch):
    made = []
    real = files.make_file

    def counted(*args, **kwargs):
        made.append(args)
        return real(*args, **kwargs)
    monkeypatch.setattr(files, "make_file", counted)
    specs = [write_spec(base_text.replace("id: city-a-city-b", f"id: city-{n}"), f"s{n}.yaml") for n in range(4)]
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", *map(str, specs), "-o", str(out), "--jobs", "1"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.docx"))) == 4 and len(made) == 1
    consistent(out)


@pytest.mark.parametrize("name, made_for", [(f".{NAME}.docx.x1y2z3.tmp", f"{NAME}.docx"),
                                            (".a.b.c.build.yaml.q_9.tmp", "a.b.c.build.yaml"),
                                            (f"{NAME}.docx.x1.tmp", None),  # not hidden: not ours
                                            (".x1y2.tmp", None), (".docx.tmp.bak", None)])
def test_a_temporary_file_tells_which_file_it_was_made_for(name, made_for):
    assert files.temporary_of(name) == made_for
