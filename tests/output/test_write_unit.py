"""A document, its PDF and its record are written as one unit: our own files are never
refused, nobody else's are overwritten, nothing is left half-done."""
from __future__ import annotations

import errno
import fcntl
import os

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import TODAY
from mou_builder import api
from mou_builder.base import files
from mou_builder.base.errors import OutputError
from mou_builder.cli import main
from mou_builder.output import buildrecord, pdf

NAME = "city-a-city-b"


def build(spec, out, **kw):
    return api.build(spec, out, today=TODAY, **kw)


def snapshot(folder):
    """The user's files of a folder (not the lock file)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name != ".mou-build.lock"}


def consistent(out):
    """Every output of the folder's records is there with the recorded bytes; no temporary file."""
    assert not list(out.glob(".*.tmp")) and not list(out.glob(".*.mou-journal"))
    for record_path in out.glob("*" + buildrecord.SUFFIX):
        record = buildrecord.parse(record_path.read_bytes())
        for name, digest in record["outputs"].items():
            assert buildrecord.sha256((out / name).read_bytes()) == digest, name


@pytest.fixture
def fake_pdf(monkeypatch):
    monkeypatch.setattr(pdf, "convert", lambda data, name, lang="en": b"%PDF-1.7 of " + name.encode())


def test_a_foreign_file_named_like_a_record_is_not_replaced(write_spec, base_text, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{NAME}.build.yaml").write_text("my own notes\n")
    with pytest.raises(OutputError) as info:
        build(write_spec(base_text), out)
    assert f"{NAME}.build.yaml exists and is not a build record written by mou build" in str(info.value)
    assert snapshot(out) == {f"{NAME}.build.yaml": b"my own notes\n"}


def test_a_spec_saved_where_its_record_goes_is_never_overwritten(base_text, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    spec = out / f"{NAME}.build.yaml"
    spec.write_text(base_text, encoding="utf-8")
    for force in (False, True):
        with pytest.raises(OutputError) as info:
            build(spec, out, force=force)
        assert "is the spec being built, and the build would write over it" in str(info.value)
    assert spec.read_text(encoding="utf-8") == base_text
    assert list(snapshot(out)) == [spec.name]


def test_a_record_that_is_not_one_of_ours_is_a_clear_refusal(write_spec, base_text, tmp_path):
    out = tmp_path / "out"
    spec = write_spec(base_text)
    build(spec, out)
    record = out / f"{NAME}.build.yaml"
    record.write_text(record.read_text().split("outputs:")[0] + "outputs: [1]\n")
    with pytest.raises(OutputError) as info:
        build(spec, out)
    assert f"{NAME}.build.yaml exists and is not a build record written by mou build" in str(info.value)


def test_an_unreadable_document_is_a_located_message(write_spec, base_text, tmp_path):
    out = tmp_path / "out"
    (out / f"{NAME}.docx").mkdir(parents=True)
    with pytest.raises(OutputError) as info:
        build(write_spec(base_text), out)
    assert f"cannot read {out / NAME}.docx to check that it was not edited" in str(info.value)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_spec_that_would_write_the_file_of_an_earlier_one_is_refused(write_spec, base_text, tmp_path, jobs):
    first = write_spec(base_text.replace(f"id: {NAME}", "id: a").replace("languages: [en]", "languages: [fr, en]")
                       .replace("subject: local migration governance", "subject: {fr: gouvernance, en: governance}"),
                       "a.yaml")
    second = write_spec(base_text.replace(f"id: {NAME}", "id: a-fr"), "b.yaml")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(first), str(second), "-o", str(out), "--jobs", jobs],
                                env={"LANG": "en_GB.UTF-8"})
    assert result.exit_code == 1
    assert f"{second}: error: {first} and {second} would both write {out / 'a-fr.docx'}; give each spec its own " \
        "id" in result.stderr
    assert result.stdout.splitlines() == [str(out / "a-fr.docx"), str(out / "a-en.docx")]
    assert buildrecord.read(out / "a-fr.docx")["spec"]["path"] == "../a.yaml"  # the first spec's, not replaced
    assert f"{second}: 1 error, 0 warnings" in result.stderr.splitlines()
    assert result.stderr.splitlines()[-1] == "2 specs: 1 built, 1 failed, 0 unchanged"


def test_a_pdf_no_longer_made_is_removed_and_the_build_says_so(write_spec, base_text, tmp_path, fake_pdf):
    out = tmp_path / "out"
    spec = write_spec(base_text)
    build(spec, out, make_pdf=True)
    assert (out / f"{NAME}.pdf").read_bytes() == b"%PDF-1.7 of " + f"{NAME}.docx".encode()
    written = build(spec, out)
    assert not (out / f"{NAME}.pdf").exists()
    assert written.notes[-1] == (f"removed {NAME}.pdf: an earlier build wrote it and this one does not "
                                 f"(add --pdf to keep a PDF)")
    assert list(buildrecord.read(out / f"{NAME}.docx")["outputs"]) == [f"{NAME}.docx"]
    build(spec, out, make_pdf=True)  # no refusal
    consistent(out)


def test_an_edited_pdf_no_longer_made_is_kept_and_the_build_says_so(write_spec, base_text, tmp_path, fake_pdf):
    out = tmp_path / "out"
    spec = write_spec(base_text)
    build(spec, out, make_pdf=True)
    (out / f"{NAME}.pdf").write_bytes(b"%PDF annotated")
    written = build(spec, out)
    assert (out / f"{NAME}.pdf").read_bytes() == b"%PDF annotated"
    assert written.notes[-1] == (f"kept {NAME}.pdf: an earlier build wrote it, it was edited since, and this "
                                 f"build does not replace it; it no longer matches the document")


def test_a_build_waits_for_no_one_another_build_holding_the_folder_is_said(write_spec, base_text, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".mou-build.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(OutputError) as info:
            build(write_spec(base_text), out)
    assert f"another build is writing in {out}; wait for it to finish" in str(info.value)
    build(write_spec(base_text), out)


def test_temporary_files_left_by_an_interrupted_build_are_removed(write_spec, base_text, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in (f".{NAME}.docx.x1y2z3.tmp", f".{NAME}.build.yaml.q9.tmp", ".other.docx.a1.tmp"):
        (out / name).write_bytes(b"half")
    build(write_spec(base_text), out)
    assert sorted(p.name for p in out.glob(".*.tmp")) == [".other.docx.a1.tmp"]  # not ours: kept


def test_a_full_disk_leaves_the_previous_unit_in_place(write_spec, base_text, tmp_path, monkeypatch, fake_pdf):
    out = tmp_path / "out"
    spec = write_spec(base_text)
    build(spec, out, make_pdf=True)
    before = snapshot(out)
    real_fsync, calls = os.fsync, []

    def full(fd):
        calls.append(fd)
        if len(calls) == 3:  # the journal is written, then the DOCX, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)
    monkeypatch.setattr(files.os, "fsync", full)
    spec.write_text(base_text.replace("originals: 2", "originals: 3"), encoding="utf-8")
    with pytest.raises(OutputError) as info:
        build(spec, out, make_pdf=True)
    assert "No space left on device" in str(info.value)
    monkeypatch.setattr(files.os, "fsync", real_fsync)
    assert snapshot(out) == before  # no temporary file either
    build(spec, out, make_pdf=True)  # no --force, no refusal
    consistent(out)


def test_a_build_stopped_between_two_renames_is_recognised_as_ours(write_spec, base_text, tmp_path, monkeypatch,
                                                                   fake_pdf):
    out = tmp_path / "out"
    spec = write_spec(base_text)
    build(spec, out, make_pdf=True)
    real_install = files.install

    def stop_after_the_docx(tmp, path, lang="en"):
        real_install(tmp, path, lang)
        if path.suffix == ".docx":
            raise KeyboardInterrupt
    monkeypatch.setattr(files, "install", stop_after_the_docx)
    spec.write_text(base_text.replace("originals: 2", "originals: 3"), encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        build(spec, out, make_pdf=True)
    monkeypatch.setattr(files, "install", real_install)
    spec.write_text(base_text.replace("originals: 2", "originals: 4"), encoding="utf-8")  # and changed again
    build(spec, out, make_pdf=True)  # the new DOCX beside the old record is recognised as ours
    consistent(out)


def test_files_are_flushed_to_the_disk_when_they_replace_others(write_spec, base_text, tmp_path, monkeypatch):
    """A power cut must never leave an empty file in place of a user's earlier version; new
    files in an empty folder have no earlier version to protect, and are not flushed."""
    flushed = []
    real_fsync = os.fsync
    monkeypatch.setattr(files.os, "fsync", lambda fd: (flushed.append(os.readlink(f"/proc/self/fd/{fd}")),
                                                       real_fsync(fd)))
    out = tmp_path / "out"
    spec = write_spec(base_text)
    build(spec, out)
    assert flushed == []
    spec.write_text(base_text.replace("originals: 2", "originals: 3"), encoding="utf-8")
    build(spec, out)
    names = [os.path.basename(p) for p in flushed]
    assert [n.endswith(".mou-journal") for n in names] == [True, False, False, False]  # the journal first
    assert names[1].startswith(f".{NAME}.docx.") and names[2].startswith(f".{NAME}.build.yaml.")
    assert flushed[3] == str(out)  # then the renames
    consistent(out)


def test_an_empty_file_where_a_document_goes_is_replaced(write_spec, base_text, tmp_path):
    """What a power cut can leave of a new file: it holds nothing to lose."""
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{NAME}.docx").write_bytes(b"")
    (out / f"{NAME}.build.yaml").write_bytes(b"")
    build(write_spec(base_text), out)
    consistent(out)
    assert (out / f"{NAME}.docx").stat().st_size > 0


def test_a_build_stopped_just_after_making_a_temporary_file_leaves_none(write_spec, base_text, tmp_path,
                                                                          monkeypatch):
    """A signal can land between two lines: once the temporary file exists and before the
    code that removes it on failure runs. Whatever the process made and did not rename goes
    when it is stopped."""
    out = tmp_path / "out"
    real = files._or_remove

    def stopped(operation, tmp, path, lang):
        if Path(path).parent != out:  # (a file of the cache folder)
            return real(operation, tmp, path, lang)
        raise KeyboardInterrupt  # (Ctrl-C) the file is made, nothing else has happened
    monkeypatch.setattr(files, "_or_remove", stopped)
    result = CliRunner().invoke(main, ["build", str(write_spec(base_text)), "-o", str(out)])
    assert result.exit_code == 1 and "Aborted" in result.output
    assert [p.name for p in out.iterdir() if p.name != ".mou-build.lock"] == []


def test_a_build_leaves_no_temporary_file_pending_in_its_process(write_spec, base_text, tmp_path, monkeypatch):
    """Every temporary file is forgotten once renamed, whatever the folder is called (a
    relative one too): a process that serves many builds does not keep their names."""
    spec = write_spec(base_text)
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path / "out")
    build(spec, ".")  # mou build spec.yaml -o .
    assert files._PENDING == set()
    consistent(tmp_path / "out")
