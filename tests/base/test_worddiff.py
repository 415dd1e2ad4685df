"""The word diff an amendment's texts are marked with."""
from __future__ import annotations

import pytest

from mou_builder.base import worddiff

TEXTS = ["", " ", "Le budget est de 93 000,00 € (quatre-vingt-treize mille).",
         "المبلغ ٩٣٬٠٠٠ دينار\n\tfin", "l’article 16 bis — « voir » [annexe 2]", "\u00a0a\u202fb  c"]


@pytest.mark.parametrize("text", TEXTS)
def test_the_words_of_a_text_make_it_whole(text):
    assert "".join(worddiff.tokens(text)) == text


@pytest.mark.parametrize("text", TEXTS)
def test_an_unchanged_text_is_one_equal_run(text):
    assert worddiff.diff(text, text) == ([worddiff.Segment("equal", text)] if text else [])


def test_a_replacement_reads_as_one_change():
    segments = worddiff.diff("three (3) years", "five (5) years")
    assert [(s.kind, s.text) for s in segments] == [("delete", "three (3)"), ("insert", "five (5)"),
                                                    ("equal", " years")]
