"""The small element helpers the render passes share, against what lxml itself gives."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from mou_builder.render import elements

W = elements.W["w"]
TAGS = ("pPr", "rPr", "r", "t", "pStyle")
CHILDREN = st.lists(st.sampled_from(TAGS + ("comment", "instruction", "other")), max_size=6)


def _element(kinds):
    parent = etree.Element(f"{{{W}}}p", nsmap=elements.W)
    for kind in kinds:
        if kind == "comment":
            parent.append(etree.Comment("a comment"))
        elif kind == "instruction":
            parent.append(etree.ProcessingInstruction("mso", "x"))
        elif kind == "other":
            parent.append(etree.Element("{urn:other}pPr"))  # the same local name, another namespace
        else:
            etree.SubElement(parent, f"{{{W}}}{kind}")
    return parent


@settings(max_examples=300, deadline=None)
@given(CHILDREN, st.sampled_from(TAGS))
def test_a_child_by_its_tag_is_the_one_lxml_finds(kinds, tag):
    """The first child with that tag, whatever comes before it (comments, processing
    instructions, an element of another namespace with the same name), or None."""
    parent = _element(kinds)
    assert elements.child(parent, f"{{{W}}}{tag}") is parent.find(f"{{{W}}}{tag}")
