"""One sandbox drafts the documents of a thread one after the other: each document's texts
are rendered with its own language, names and numbers, as a sandbox of its own renders them."""
from __future__ import annotations

import sys
import threading

from conftest import AGREEMENTS, TODAY
from mou_builder import model, validation
from mou_builder.drafting import assemble
from mou_builder.drafting.i18n import Localiser
from mou_builder.library import sandbox
from mou_builder.library.resources import library_dir

TEXT = "{{ 'Lyon et Sfax' | cont }} / {{ 'Ville de Lyon' | a }} / {{ 3 | spell }} / {{ ['a', 'b'] | join_list }}"


def _alone(loc, names):
    """The text rendered by a sandbox made for this document only."""
    drafting = assemble._Drafting()
    drafting.loc, drafting.rules, drafting.names = loc, loc.rules, names
    env = sandbox.environment(text_mode=True, spell=loc.spell, join_list=loc.join,
                              **assemble.filters(drafting))
    return env.from_string(TEXT).render()


def test_each_document_renders_with_its_own_language_and_names():
    fr = Localiser("fr", "fr_FR", library_dir() / "labels.yaml")
    en = Localiser("en", "en_GB", library_dir() / "labels.yaml")
    documents = [(fr, frozenset({"Lyon"})), (en, frozenset()), (fr, frozenset()), (en, frozenset({"Lyon"}))]
    expected = [_alone(loc, names) for loc, names in documents]
    assert expected[0] == "Lyon et Sfax / à Ville de Lyon / trois (3) / a et b"
    assert expected[2].startswith("lyon et Sfax") and expected[1].endswith("three (3) / a and b")
    for _ in range(2):
        got = [assemble._sandbox(loc, names).template(TEXT).render() for loc, names in documents]
        assert got == expected


def _documents(library):
    out = []
    for name in ("sfax-lyon.yaml", "granada-irbid.yaml", "montreuil-yelimane.yaml"):
        agreement = model.build(validation.load(AGREEMENTS / name).data, name, TODAY)
        out += [(agreement, lang) for lang in agreement.languages]
    return out


def test_threads_drafting_at_once_each_get_their_documents(library):
    documents = _documents(library)
    expected = [assemble.assemble(a, library, lang) for a, lang in documents]
    results, errors = {}, []

    def draft(n):
        try:
            for _ in range(3):
                for i, (a, lang) in enumerate(documents[n:] + documents[:n]):
                    results[(n, i)] = assemble.assemble(a, library, lang)
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
    threads = [threading.Thread(target=draft, args=(n,)) for n in range(3)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # the threads take turns within every document
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert not errors
    for (n, i), doc in results.items():
        assert doc == expected[(n + i) % len(documents)]
