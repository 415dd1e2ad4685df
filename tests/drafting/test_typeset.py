"""A document's typography: a language without rules leaves escaped text as it is, and
escapes what is not (the same document either way)."""
from __future__ import annotations

import dataclasses

from conftest import AGREEMENTS, TODAY
from mou_builder import model, validation
from mou_builder.drafting import assemble
from mou_builder.library import sandbox


def _assembled(library, name, lang):
    agreement = model.build(validation.load(AGREEMENTS / name).data, name, TODAY)
    return assemble.assemble(agreement, library, lang), assemble.localiser(agreement, library, lang).rules


def test_a_language_without_typography_rules_gives_the_same_document(library):
    doc, rules = _assembled(library, "hospitalet-santatecla-canelones.yaml", "en")
    assert assemble.typeset(doc, rules) == doc
    first = doc.articles[0]
    plain = dataclasses.replace(doc, articles=(dataclasses.replace(first, title="Purpose & scope"),)
                                + doc.articles[1:])
    done = assemble.typeset(plain, rules)  # a title that is not escaped text yet is made one
    assert type(done.articles[0].title) is sandbox.Markup and done.articles[0].title == "Purpose & scope"
    assert done.articles[1:] == doc.articles[1:] and done.opening == doc.opening


def test_french_typography_reaches_every_part(library):
    doc, rules = _assembled(library, "montreuil-yelimane.yaml", "fr")
    texts = [b.text for b in doc.opening + doc.recitals + doc.closing] + [doc.title]
    texts += [b.text for x in doc.articles for b in x.blocks]
    assert not any(" :" in t or " ;" in t or "'" in t for t in texts)
    assert any("\u00a0:" in t for t in texts)
