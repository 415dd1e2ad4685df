"""Shared helpers: paths, the base spec, building and reading documents."""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from mou_builder import api
from mou_builder.library import clauses
from mou_builder.library.resources import library_dir
from mou_builder.render import readback as textdump

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
EXAMPLES = sorted(AGREEMENTS.glob("*.yaml"))
SPECS = Path(__file__).resolve().parent / "specs"
BASE = SPECS / "base.yaml"
TODAY = dt.date(2026, 11, 22)  # validation of undated specs counts from "today": fix it
SHARED = ROOT.parent / "shared"
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def need_program(name: str) -> str:
    """The program's path; in CI a missing program fails the test instead of skipping it."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI (.ci/run installs it)")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture(scope="session", autouse=True)
def cache_folder(tmp_path_factory):
    """What mou_builder keeps between runs (compiled code, library data, digests of checked
    clause texts) goes to a folder of the test run, not the user's."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MOU_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def library():
    return clauses.load(library_dir())


@pytest.fixture
def base_text() -> str:
    return BASE.read_text(encoding="utf-8")


@pytest.fixture
def write_spec(tmp_path):
    def write(text: str, name: str = "spec.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return write


def build_lines(spec: Path, out: Path, library=None) -> dict:
    """Build ``spec`` into ``out`` and return {file name: text lines}."""
    written = api.build(spec, out, library=library, today=TODAY)
    return {p.name: textdump.lines(p) for p in written}


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]


def paths(data, prefix=()):
    """The path of every value inside ``data`` (its own first: ``()``)."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from paths(value, prefix + (i,))
