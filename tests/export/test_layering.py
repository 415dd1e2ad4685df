"""The export stage sits on top: only the command line imports it."""
from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "mou_builder"


def test_no_stage_below_imports_export():
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if "export" not in p.relative_to(PACKAGE).parts and p.name != "cli.py"
                 and re.search(r"^\s*(from|import)\s+(\.+|mou_builder\.)export\b", p.read_text(encoding="utf-8"), re.M)]
    assert offenders == []


def test_export_imports_only_the_api_model_and_lower_stages():
    allowed = {"api", "base", "model", "library", "drafting", "validation"}
    found = set()
    for path in (PACKAGE / "export").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"^\s*from \.\.(\w+)", text, re.M))
        for names in re.findall(r"^\s*from \.\. import ([\w, ]+)", text, re.M):  # from .. import api
            found |= {n.strip() for n in names.split(",")} - {"__version__"}
    assert found and found <= allowed, found - allowed
