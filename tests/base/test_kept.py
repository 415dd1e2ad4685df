"""What a process keeps from one document to the next stays within its bound."""
from __future__ import annotations

from mou_builder.base.kept import Kept


def test_a_value_is_made_once_then_read_back():
    kept, calls = Kept(8), []

    def make():
        calls.append(1)
        return "typeset"
    assert kept.made("text", make) == kept.made("text", make) == "typeset"
    assert calls == [1]


def test_a_full_store_is_emptied_whole_before_it_takes_one_more():
    kept = Kept(3)
    for n in range(3):
        kept.put(n, str(n))
    assert len(kept) == 3
    assert kept.put("new", "x") == "x" and dict(kept) == {"new": "x"}
    for n in range(10_000):  # however long the run
        kept.made(n, lambda n=n: str(n))
        assert len(kept) <= 3
