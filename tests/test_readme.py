"""The README's tour works as written for someone who just followed the quick start."""
from __future__ import annotations

import re

from conftest import ROOT


def test_the_tour_activates_the_virtual_environment_before_running_mou():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tour = readme[readme.index("## A tour"):]
    first_mou = re.search(r"^mou ", tour, re.M).start()
    assert "source .venv/bin/activate" in tour[:first_mou]
    assert "python3 -m venv .venv" in readme[:readme.index("## A tour")]
