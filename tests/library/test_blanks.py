"""Labels with blanks are filled as ``str.format`` reduced to plain names fills them, with
the same message for anything else, whether the label was read before or not."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from mou_builder.base.errors import LibraryError
from mou_builder.library import blanks

_PIECES = st.sampled_from(["a", "é", " ", "{n}", "{title}", "{", "}", "{{", "}}", "{0}", "{}", "{n!r}",
                           "{n:>3}", "{x}", "{n.a}", "{n[0]}", "{ n}", "{n:{title}}", "{title!s:}"])


def _formatted(template, **values):
    try:
        return blanks._FORMATTER.vformat(template, (), {k: str(v) for k, v in values.items()})
    except (ValueError, IndexError, KeyError) as exc:
        return f"where: {exc}"


def _filled(template, **values):
    try:
        return blanks.fill(template, "where", **values)
    except LibraryError as exc:
        return str(exc)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=7).map("".join))
def test_a_label_is_filled_as_the_plain_formatter_fills_it(template):
    for _ in range(2):  # the second time from the pieces kept
        assert _filled(template, n=3, title="T") == _formatted(template, n=3, title="T")


def test_a_label_read_once_is_filled_with_each_calls_values():
    assert blanks.fill("Article {n} – {title}", "w", n=1, title="Budget") == "Article 1 – Budget"
    assert blanks.fill("Article {n} – {title}", "w", n="2 bis", title="Durée") == "Article 2 bis – Durée"
    with pytest.raises(LibraryError, match="'{title}' is not one of the values this label receives"):
        blanks.fill("Article {n} – {title}", "w", n=3)
