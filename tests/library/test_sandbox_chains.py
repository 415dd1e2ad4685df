"""A chain of tests on one attribute (``{% if b.kind == … %}…{% elif b.kind == … %}``, as
the layouts test each block's kind) reads the attribute once and picks the same branch as
Jinja does; chains on other values are left as they are."""
from __future__ import annotations

import pytest

from mou_builder.library import sandbox

CHAIN = ("{% for b in blocks %}{% if b.kind == 'item' %}I{% elif b.kind == 'lead' %}L"
         "{% elif b.kind in ('quote', 'notice') %}Q{% else %}B{% endif %}{% endfor %}")


class Block:
    reads = 0

    def __init__(self, kind):
        self._kind = kind

    @property
    def kind(self):
        Block.reads += 1
        return self._kind


def _blocks(*kinds):
    return [Block(k) for k in kinds]


def test_the_chain_takes_the_branch_of_each_kind():
    out = sandbox.environment().from_string(CHAIN).render(blocks=_blocks("item", "lead", "notice", "body", "quote"))
    assert out == "ILQBQ"


def test_the_attribute_is_read_once_for_the_whole_chain():
    Block.reads = 0
    sandbox.environment().from_string(CHAIN).render(blocks=_blocks("body", "body", "item"))
    assert Block.reads == 3


def test_a_chain_on_two_values_reads_each_where_it_is_tested():
    source = "{% if a.kind == 'x' %}A{% elif b.kind == 'x' %}B{% else %}-{% endif %}"
    env = sandbox.environment()
    assert env.from_string(source).render(a=Block("y"), b=Block("x")) == "B"
    assert env.from_string(source).render(a=Block("x"), b=Block("x")) == "A"


def test_an_undefined_attribute_in_a_chain_is_still_an_error():
    source = "{% if b.missing == 'x' %}A{% elif b.missing == 'y' %}B{% endif %}"
    with pytest.raises(sandbox.TemplateError):
        sandbox.environment().from_string(source).render(b=Block("x"))
