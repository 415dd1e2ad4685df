"""A Text of a spec is one line: every run of whitespace (Unicode's, as in the spec's
folded and wrapped scalars) is one space, and none is left at either end."""
from __future__ import annotations

import re
import sys

from hypothesis import given, strategies as st

from mou_builder.base.text import Text

WHITESPACE = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and chr(c).isspace()]


def test_every_unicode_whitespace_counts():
    assert len(WHITESPACE) == 29 and "\u00a0" in WHITESPACE and "\u3000" in WHITESPACE
    assert Text.of("  Sfax\u00a0\u2028 and\t\n Lyon \u3000").get("fr") == "Sfax and Lyon"


@given(st.text(st.sampled_from(WHITESPACE + list("ab é–")), max_size=12))
def test_runs_of_whitespace_collapse_as_a_regular_expression_would(text):
    expected = re.sub(r"\s+", " ", text).strip()
    assert Text.of(text).get("en") == expected
    assert Text.of({"en": text}).get("en") == expected


@given(st.lists(st.tuples(st.sampled_from(["fr", "en", "*"]), st.sampled_from(["", "a", "b"])), max_size=5),
       st.sampled_from(["fr", "en", "es", "*"]))
def test_a_language_gets_its_text_else_the_shared_one_else_nothing(values, lang):
    found = dict(values)  # the last of each language, as a mapping keeps it
    assert Text(tuple(values)).get(lang) == found.get(lang, found.get("*", ""))
