"""mou build of many specs: folders, --jobs, a failing spec among good ones, unchanged outputs,
the same bytes as one-by-one builds, the progress bar on a terminal only, Ctrl-C."""
from __future__ import annotations

import hashlib
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import AGREEMENTS, BASE, ROOT, line_of
from mou_builder import api
from mou_builder.cli import main
from mou_builder.render import readback as textdump

MOU = [sys.executable, "-m", "mou_builder"]
ENV = {**os.environ, "LANG": "en_GB.UTF-8", "PYTHONPATH": str(ROOT)}


def mou(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*MOU, *map(str, args)], capture_output=True, text=True, env=ENV, timeout=600, **kwargs)


def invoke(*args):
    return CliRunner().invoke(main, list(map(str, args)), env={"LANG": "en_GB.UTF-8"}, catch_exceptions=False)


def hashes(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if not p.name.startswith(".")}


def variant(source: Path, folder: Path, ident: str, **changes) -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data.update(id=ident, **changes)
    path = folder / f"{ident}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """A folder of specs: an agreement and its amendment, a bilingual one in each layout, a
    one-language one, three parties."""
    folder = tmp_path_factory.mktemp("mixed") / "specs"
    folder.mkdir()
    for name in ("sfax-lyon.yaml", "sfax-lyon-amendment-1.yaml", "hospitalet-santatecla-canelones.yaml",
                 "montreuil-yelimane.yaml"):
        shutil.copy(AGREEMENTS / name, folder / name)
    for layout in ("separate", "sequential", "parallel"):
        variant(AGREEMENTS / "schaerbeek-alhoceima.yaml", folder, f"schaerbeek-{layout}", layout=layout)
    return folder


def test_a_folder_builds_every_example_with_the_amendment_and_its_base(tmp_path):
    out = tmp_path / "out"
    result = mou("build", AGREEMENTS, "-o", out, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    written = result.stdout.splitlines()
    assert sorted(written) == sorted(str(p) for p in out.glob("*.docx"))
    for spec in sorted(AGREEMENTS.glob("*.yaml")):
        ident = yaml.safe_load(spec.read_text(encoding="utf-8"))["id"]
        assert any(Path(w).name.startswith(ident) for w in written), spec.name
    assert "Amendment No. 1" in textdump.text(out / "sfax-lyon-2026-amendment-1-en.docx")
    assert "Article 1 – Objet" in textdump.text(out / "sfax-lyon-2026-fr.docx")
    count = len(list(AGREEMENTS.glob("*.yaml")))
    assert result.stderr.splitlines()[-1] == f"{count} specs: {count} built, 0 failed, 0 unchanged"


def test_batch_outputs_are_the_bytes_of_one_by_one_builds(mixed, tmp_path):
    alone = tmp_path / "alone"
    for spec in sorted(mixed.glob("*.yaml")):
        assert mou("build", spec, "-o", alone, "--jobs", "1").returncode == 0, spec
    expected = hashes(alone)
    assert len([n for n in expected if n.endswith(".docx")]) == 2 + 6 + 1 + 1 + 2 + 1 + 1  # sfax-lyon, its amendment, two, three layouts
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        result = mou("build", mixed, "-o", out, "--jobs", jobs)
        assert result.returncode == 0, result.stderr
        assert hashes(out) == expected, jobs  # the documents and their build records


def test_a_failing_spec_fails_alone(tmp_path):
    specs = tmp_path / "specs"
    specs.mkdir()
    good = BASE.read_text(encoding="utf-8")
    (specs / "a-good.yaml").write_text(good, encoding="utf-8")
    bad_text = good.replace("years: 3", "years: three").replace("id: city-a-city-b", "id: broken")
    (specs / "b-bad.yaml").write_text(bad_text, encoding="utf-8")
    (specs / "c-good.yaml").write_text(good.replace("id: city-a-city-b", "id: other"), encoding="utf-8")
    out = tmp_path / "out"
    result = mou("build", specs, "-o", out, "--jobs", "2")
    assert result.returncode == 1
    assert sorted(p.name for p in out.glob("*.docx")) == ["city-a-city-b.docx", "other.docx"]
    lines = result.stderr.splitlines()
    bad = specs / "b-bad.yaml"
    located = [n for n, line in enumerate(lines) if line.startswith(f"{bad}:{line_of(bad_text, 'years: three')}:")]
    assert located and f"{bad}: 1 error, 0 warnings" in lines[located[0] + 1:]
    assert lines[-1] == "3 specs: 2 built, 1 failed, 0 unchanged"


def test_a_second_build_leaves_unchanged_outputs_alone(mixed, tmp_path):
    out = tmp_path / "out"
    assert mou("build", mixed, "-o", out).returncode == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    time.sleep(0.05)
    (mixed / "montreuil-yelimane.yaml").write_text((mixed / "montreuil-yelimane.yaml").read_text(encoding="utf-8")
                                                   + "# a comment: a new spec hash\n", encoding="utf-8")
    try:
        result = mou("build", mixed, "-o", out, "--jobs", "2")
    finally:
        shutil.copy(AGREEMENTS / "montreuil-yelimane.yaml", mixed / "montreuil-yelimane.yaml")
    assert result.returncode == 0, result.stderr
    count = len(list(mixed.glob("*.yaml")))
    assert result.stderr.splitlines()[-1] == f"{count} specs: 1 built, 0 failed, {count - 1} unchanged"
    after = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    rewritten = sorted(name for name in before if after[name] != before[name])
    assert rewritten == ["montreuil-yelimane-2026.build.yaml", "montreuil-yelimane-2026.docx"]
    assert len(result.stdout.splitlines()) == len(list(out.glob("*.docx")))  # the paths, written or not


def test_folder_listing_skips_records_and_files_that_are_not_specs(tmp_path):
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(BASE, specs / "agreement.yaml")
    (specs / "settings.yml").write_text("colour: blue\n", encoding="utf-8")
    (specs / "old.build.yaml").write_text("tool: mou_builder 1\n", encoding="utf-8")
    (specs / "notes.txt").write_text("format: mou/1\n", encoding="utf-8")
    result = invoke("build", specs, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(tmp_path / "out" / "city-a-city-b.docx")]
    assert f"{specs / 'settings.yml'}: skipped: not a spec (it has no 'format: mou/1' line)" in result.stderr
    assert "old.build.yaml" not in result.stderr


def test_a_folder_without_specs_is_an_error_naming_it(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("build", empty, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{empty}: no spec (*.yaml, *.yml) in this folder" in result.stderr
    assert "Traceback" not in result.output


def test_a_bug_in_one_spec_is_one_line_and_the_others_are_built(tmp_path, monkeypatch):
    real_build = api.build

    def build(path, *args, **kwargs):
        if Path(path).name == "buggy.yaml":
            raise ZeroDivisionError("division by zero")
        return real_build(path, *args, **kwargs)
    monkeypatch.setattr(api, "build", build)  # the forked workers inherit it
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(BASE, specs / "buggy.yaml")
    variant(BASE, specs, "fine")
    result = invoke("build", specs, "-o", tmp_path / "out", "--jobs", "2")
    assert result.exit_code == 1
    assert (f"{specs / 'buggy.yaml'}: internal error (ZeroDivisionError: division by zero); this is a bug in "
            "mou_builder. Run again with --debug for the details and report them.") in result.stderr.splitlines()
    assert "Traceback" not in result.output
    assert result.stdout.splitlines() == [str(tmp_path / "out" / "fine.docx")]
    assert result.stderr.splitlines()[-1] == "2 specs: 1 built, 1 failed, 0 unchanged"


def test_summary_in_the_console_language(tmp_path):
    result = CliRunner().invoke(main, ["build", str(BASE), "-o", str(tmp_path), "--lang", "fr"])
    assert result.stderr.splitlines()[-1] == "1 spécification : 1 construite, 0 en échec, 0 inchangée"


def test_no_progress_bar_when_stderr_is_not_a_terminal(mixed, tmp_path):
    result = mou("build", mixed, "-o", tmp_path, "--jobs", "2")
    assert "\r" not in result.stderr and "building" not in result.stderr
    assert all(line.startswith(str(tmp_path)) for line in result.stdout.splitlines())


def _read_all(fd: int, proc: subprocess.Popen) -> bytes:
    data = b""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the terminal closed: every writer is gone
                break
            if not chunk:
                break
            data += chunk
        elif proc.poll() is not None:
            break
    return data


def test_progress_bar_on_a_terminal(mixed, tmp_path):
    master, slave = pty.openpty()
    proc = subprocess.Popen([*MOU, "build", str(mixed), "-o", str(tmp_path), "--jobs", "2"], stdout=subprocess.PIPE,
                            stderr=slave, env={**ENV, "COLUMNS": "100"})
    os.close(slave)
    terminal = _read_all(master, proc).decode("utf-8", "replace")
    stdout, _ = proc.communicate(timeout=60)
    os.close(master)
    assert proc.returncode == 0, terminal
    count = len(list(mixed.glob("*.yaml")))
    assert "building" in terminal and f"{count}/{count}" in terminal
    assert terminal.rstrip().splitlines()[-1].endswith(f"{count} specs: {count} built, 0 failed, 0 unchanged")
    assert len(stdout.decode().splitlines()) == len(list(tmp_path.glob("*.docx")))  # no bar in the paths


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _busy_batch(tmp_path):
    """A batch of 12 specs with two workers, started in its own process group, once it has
    written its first document: (process, specs folder, output folder, worker pids)."""
    specs = tmp_path / "specs"
    specs.mkdir()
    for n in range(12):
        variant(AGREEMENTS / "sfax-lyon.yaml", specs, f"spec-{n:02}")
    out = tmp_path / "out"
    proc = subprocess.Popen([*MOU, "build", str(specs), "-o", str(out), "--jobs", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=ENV, start_new_session=True)
    assert proc.stdout.readline()  # a document is written: the workers are busy
    workers = _children(proc.pid)
    assert len(workers) == 2
    return proc, specs, out, workers


def _whole_documents(out: Path, workers) -> None:
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists()
    for document in out.glob("*.docx"):  # every document there is whole
        assert "Article 1" in textdump.text(document)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_ctrl_c_stops_the_workers_and_leaves_no_temporary_file(tmp_path):
    proc, _, out, workers = _busy_batch(tmp_path)
    os.killpg(proc.pid, signal.SIGINT)  # what the terminal does: the whole group
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert "Aborted!" in stderr.decode() and "Traceback" not in stderr.decode()
    assert list(out.glob("*.tmp")) == [] and list(out.glob(".*.tmp")) == []
    _whole_documents(out, workers)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_a_worker_killed_outright_fails_the_specs_left_and_nothing_hangs(tmp_path):
    """SIGKILL (the out-of-memory killer, kill -9) gives a worker no chance to answer: the
    batch reports every spec it did not build, and ends."""
    proc, specs, out, workers = _busy_batch(tmp_path)
    try:
        os.kill(workers[0], signal.SIGKILL)
        _, stderr = (b.decode() for b in proc.communicate(timeout=120))
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    lost = [line for line in stderr.splitlines() if "a worker process of the batch ended before it was done" in line]
    summary = stderr.splitlines()[-1]
    assert summary.startswith("12 specs: ") and f"{len(lost)} failed" in summary and "Traceback" not in stderr
    # (a worker killed between two specs loses none: the pool starts another one)
    assert proc.returncode == (1 if lost else 0)
    _whole_documents(out, workers)
    again = mou("build", specs, "-o", out, "--jobs", "2")  # what the message says to do
    assert again.returncode == 0, again.stderr
    assert len(list(out.glob("*.docx"))) == 24 and list(out.glob(".*.tmp")) == []
    assert list(out.glob(".*.mou-journal")) == []  # the killed worker's journal served, and went


def test_each_spec_is_read_once(mixed, tmp_path, monkeypatch):
    from mou_builder.validation import loader

    read = []
    real_parse = loader.parse
    def parse(text, display, *args, **kwargs):
        if (mixed / Path(display).name).exists():  # not the library's files
            read.append(Path(display).name)
        return real_parse(text, display, *args, **kwargs)
    monkeypatch.setattr(loader, "parse", parse)
    result = invoke("build", mixed, "-o", tmp_path, "--jobs", "1")
    assert result.exit_code == 0, result.output
    expected = sorted(p.name for p in mixed.glob("*.yaml")) + ["sfax-lyon.yaml"]  # again: what the amendment amends
    assert sorted(read) == sorted(expected)


def test_spawned_workers_build_the_same_bytes(mixed, tmp_path):
    """Where fork is not available (Windows), the workers are spawned: they load the library
    themselves and write under the batch's lock."""
    forked, spawned = tmp_path / "forked", tmp_path / "spawned"
    assert mou("build", mixed, "-o", forked, "--jobs", "2").returncode == 0
    script = ("import multiprocessing, sys\nreal = multiprocessing.get_context\n"
              "multiprocessing.get_context = lambda method=None: real('spawn')\n"
              "from mou_builder.cli import main\nmain(sys.argv[1:])\n")
    result = subprocess.run([sys.executable, "-c", script, "build", str(mixed), "-o", str(spawned), "--jobs", "2"],
                            capture_output=True, text=True, env=ENV, timeout=600)
    assert result.returncode == 0, result.stderr
    assert hashes(spawned) == hashes(forked)


def test_a_batch_leaves_the_collector_as_it_found_it(tmp_path, library):
    """The library is set aside from garbage collection during a batch only: a process that
    builds again (a server, a test run) collects what the batch left behind."""
    import gc

    from mou_builder import batch

    before = gc.get_freeze_count()
    settings = batch.Settings(out_dir=str(tmp_path / "out"))
    states = [o.state for o in batch.outcomes([AGREEMENTS / "sfax-lyon.yaml"], settings, library, 1)]
    assert states == ["built"]
    assert gc.get_freeze_count() == before


def test_the_earlier_spec_keeps_its_files_even_when_read_last(tmp_path, monkeypatch, base_text):
    """Two specs that would write the same file: the earlier in the order of the specs is built
    and the later refused, whichever worker reads its spec first."""
    from mou_builder import validation

    real_load = validation.load

    def load(path, *args, **kwargs):
        if Path(path).name == "a.yaml":
            time.sleep(1)  # the worker with b.yaml reports its files first
        return real_load(path, *args, **kwargs)
    monkeypatch.setattr(validation, "load", load)  # the forked workers inherit it
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "a.yaml").write_text(base_text, encoding="utf-8")
    (specs / "b.yaml").write_text(base_text.replace("signing:", "# the same id\nsigning:"), encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("build", specs, "-o", out, "--jobs", "2")
    assert result.exit_code == 1
    a, b = specs / "a.yaml", specs / "b.yaml"
    assert (f"{b}: error: {a} and {b} would both write {out / 'city-a-city-b.docx'}; give each spec its own id"
            in result.stderr.splitlines())
    assert result.stdout.splitlines() == [str(out / "city-a-city-b.docx")]
    assert yaml.safe_load((out / "city-a-city-b.build.yaml").read_text(encoding="utf-8"))["spec"]["path"] \
        == "../specs/a.yaml"
    assert result.stderr.splitlines()[-1] == "2 specs: 1 built, 1 failed, 0 unchanged"


def test_with_workers_the_batch_process_parses_no_spec(mixed, tmp_path, monkeypatch):
    """The workers read the specs and report the files they would write: the batch's own
    process only claims them."""
    from mou_builder.validation import loader

    parsed = []  # what this process parsed (a forked worker appends to its own copy)
    real_parse = loader.parse

    def parse(text, display, *args, **kwargs):
        parsed.append(Path(display).name)
        return real_parse(text, display, *args, **kwargs)
    monkeypatch.setattr(loader, "parse", parse)
    result = invoke("build", mixed, "-o", tmp_path, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert not set(parsed) & {p.name for p in mixed.glob("*.yaml")}


def test_a_bug_in_the_claims_fails_the_specs_waiting_and_nothing_hangs(mixed, tmp_path, monkeypatch):
    def clash(self, path, names):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(api.OutputPlan, "clash", clash)
    result = invoke("build", mixed, "-o", tmp_path, "--jobs", "2")
    assert result.exit_code == 1
    count = len(list(mixed.glob("*.yaml")))
    assert result.stderr.splitlines()[-1] == f"{count} specs: 0 built, {count} failed, 0 unchanged"
    assert "internal error (RuntimeError: the claims of the batch's files stopped)" in result.stderr
    assert "Traceback" not in result.output and list(tmp_path.glob("*.docx")) == []


class _Asked:
    def __init__(self):
        self.asked = []

    def claim(self, index, names):
        self.asked.append((index, names))


@pytest.mark.parametrize("stopped_by", [SystemExit(1), KeyboardInterrupt()])
def test_a_worker_stopped_while_it_reads_its_spec_does_not_wait_for_its_claim(monkeypatch, stopped_by):
    """The batch is ending (Ctrl-C, the workers sent SIGTERM): asking for the claim of the
    spec's files would wait for an answer that never comes."""
    from mou_builder import batch, validation

    def load(path):
        raise stopped_by
    asked = _Asked()
    monkeypatch.setattr(validation, "load", load)
    monkeypatch.setitem(batch._STATE, "claims", asked)
    with pytest.raises(type(stopped_by)):
        batch._read(3, "spec.yaml")
    assert asked.asked == []


def test_a_bug_while_reading_a_spec_still_answers_for_it(monkeypatch):
    """The specs after it wait for its claim: it claims nothing, and fails alone."""
    from mou_builder import batch, validation

    def load(path):
        raise ZeroDivisionError("a bug")
    asked = _Asked()
    monkeypatch.setattr(validation, "load", load)
    monkeypatch.setitem(batch._STATE, "claims", asked)
    with pytest.raises(ZeroDivisionError):
        batch._read(3, "spec.yaml")
    assert asked.asked == [(3, [])]
