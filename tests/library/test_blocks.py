"""Rendered clause text read as paragraphs, list leads and list items (docs/clauses.md)."""
from __future__ import annotations

from mou_builder.library.clauses import Block, blocks

TEXT = """The Parties agree:

- first,
  on two lines;
-   second.

A closing  paragraph with an  empty value.
"""


def test_paragraphs_leads_and_items():
    assert blocks(TEXT) == (
        Block("lead", "The Parties agree:"), Block("item", "first, on two lines;"),
        Block("item", "second."), Block("p", "A closing paragraph with an empty value."))


def test_a_text_read_before_gives_its_own_blocks_again():
    for _ in range(2):  # the second time from what was kept
        assert blocks(TEXT)[0] == Block("lead", "The Parties agree:")
        assert blocks(TEXT.replace("agree", "decide"))[0] == Block("lead", "The Parties decide:")
        assert blocks("-x\n- y") == (Block("lead", "-x"), Block("item", "y"))
        assert blocks(" \n\n") == ()
