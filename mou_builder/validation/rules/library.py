"""Rules against the clause library: languages it is written in, optional clauses, parameters, anchors."""
from __future__ import annotations

from collections import Counter

from .. import vocabulary
from .checker import dicts


def check_languages(c):
    langs = c.languages()
    for lang, n in Counter(langs).items():
        if n > 1:
            c.error(("languages",), "duplicate_language", lang=lang)
    supported = c.library.languages() if c.library is not None else vocabulary.LANGUAGES
    for i, lang in enumerate(langs):
        if lang in vocabulary.LANGUAGES and lang not in supported:
            c.error(("languages", i), "language_not_supported", lang=lang,
                       supported=", ".join(supported))
    prevails = c.data.get("prevails")
    if isinstance(prevails, str) and langs and prevails not in langs:
        c.error(("prevails",), "prevails_not_in_languages", lang=prevails)
    authentic = c.data.get("authentic")
    if isinstance(authentic, list):
        for i, lang in enumerate(authentic):
            if lang not in langs:
                c.error(("authentic", i), "authentic_not_in_languages", lang=lang)


def check_clauses(c):
    spec_clauses = c.data.get("clauses")
    if not isinstance(spec_clauses, dict) or c.library is None:
        return
    optional = c.library.optional_ids()
    include = spec_clauses.get("include")
    if isinstance(include, list):
        for i, ident in enumerate(include):
            if isinstance(ident, str) and ident not in optional:
                c.error(("clauses", "include", i), "unknown_clause", id=ident,
                           known=", ".join(sorted(optional)))
    params = spec_clauses.get("params")
    if isinstance(params, dict):
        for ident, values in params.items():
            path = ("clauses", "params", ident)
            clause = c.library.get(ident)
            if clause is None:
                c.error(path, "unknown_clause", id=ident,
                           known=", ".join(sorted(c.library.ids())))
                continue
            for key, reason in clause.check_params(values if isinstance(values, dict) else {}):
                c.error(path + ((key,) if key else ()), reason[0], clause=ident,
                           param=key, **reason[1])
    included = {x for x in include if isinstance(x, str)} if isinstance(include, list) else set()
    anchors = {c.id for c in c.library.in_part("article") if not c.optional or c.id in included}
    for i, custom in dicts(spec_clauses.get("custom")):
        after = custom.get("after")
        if isinstance(after, str) and after not in anchors:
            c.error(("clauses", "custom", i, "after"), "unknown_anchor", id=after,
                       known=", ".join(sorted(anchors)))
        if isinstance(custom.get("id"), str):
            anchors.add(custom["id"])
    c.ids(("clauses", "custom"), spec_clauses.get("custom"))
