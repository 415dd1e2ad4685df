"""An old fragment of a change in words is told found once in its paragraph as the pattern
``(?<!\\w)fragment(?!\\w)`` finds it: whole words, in any script, digits and underscores
counting as letters."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from mou_builder.revision.compare import _unique, _words

CHARS = st.sampled_from(list("ab _-.,'’()0123") + ["\u00a0", "\u202f", "é", "ع", "٣", "²", "Ⅻ", "\u0301"])
TEXTS = st.text(CHARS, max_size=30)


def by_pattern(fragment: str, text: str) -> bool:
    return len(re.findall(r"(?<!\w)" + re.escape(fragment) + r"(?!\w)", text)) == 1


@settings(max_examples=3000, deadline=None)
@given(TEXTS.filter(bool), TEXTS, TEXTS)
def test_a_fragment_is_found_once_as_the_pattern_finds_it(fragment, before, after):
    for text in (before + fragment + after, before + fragment + after + fragment, before + after):
        assert _unique(fragment, text) == by_pattern(fragment, text), (fragment, text)


def test_words_in_context():
    assert _unique("mai 2029", "jusqu'en mai 2029 inclus")
    assert not _unique("mai", "mai ou maison, mai")  # twice as a word
    assert _unique("mai", "maison ou mai")  # once as a word, once inside one
    assert not _unique("2029", "20290 ou x2029")
    assert _unique("trois (3)", "pendant trois (3) ans")
    assert _words("trois (3) ans, 93\u202f000,00 €") == 4  # a number with its separators is one word
