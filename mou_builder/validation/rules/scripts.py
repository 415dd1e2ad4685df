"""Rules on the texts of sentences: fit for every language of the document.

A sentence field (the objective, descriptions, results, context, participation texts…)
given as a plain string repeats the same words in every language: in a document in
several languages, that is a warning. When a language of the document is written in
another script (Arabic beside French, Spanish or Italian), the same words cannot be
right in both: an error, as is a text given for one language in the other's script
(French words in the Arabic text).
"""
from __future__ import annotations

import re


# the fields whose texts are sentences (names and labels may stay the same in every language)
SENTENCE_FIELDS = (
    ("subject",), ("history", "context"), ("purpose", "objective"), ("purpose", "specific_objectives", "*"),
    ("actions", "*", "description"), ("actions", "*", "deliverables", "*"), ("results", "*", "text"),
    ("participation", "platform"), ("participation", "diaspora"), ("coherence", "other_levels"),
    ("legal_bases", "*"), ("clauses", "custom", "*", "text"), ("revision", "rationale"),
    ("parties", "*", "represented_by", "authority"),
)
RIGHT_TO_LEFT_SCRIPT = {"ar": "arabic"}  # every other document language is written in Latin script
_ARABIC = re.compile("[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile("[A-Za-z\u00C0-\u024F]")


def script_of(text: str) -> str | None:
    """"arabic" or "latin": the script most of the letters are in (None without letters)."""
    if _ARABIC.search(text) is None:  # most texts are in one script: no letter to count
        return "latin" if _LATIN.search(text) else None
    if _LATIN.search(text) is None:
        return "arabic"
    arabic, latin = len(_ARABIC.findall(text)), len(_LATIN.findall(text))
    if not arabic and not latin:
        return None
    return "arabic" if arabic >= latin else "latin"


def expected_script(lang: str) -> str:
    return RIGHT_TO_LEFT_SCRIPT.get(lang, "latin")


def _values(data, path, prefix=()):
    """(path, value) of every value at ``path`` ("*" for each item of a list)."""
    if not path:
        yield prefix, data
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for i, item in enumerate(data) if isinstance(data, list) else ():
            yield from _values(item, rest, prefix + (i,))
    elif isinstance(data, dict) and head in data:
        yield from _values(data[head], rest, prefix + (head,))


def check_scripts(c):
    languages = c.languages()
    scripts = {lang: expected_script(lang) for lang in languages}
    if not languages:
        return
    for field in SENTENCE_FIELDS:
        for path, value in _values(c.data, field):
            if isinstance(value, str) and value.strip():
                _plain(c, path, value, languages, scripts)
            elif isinstance(value, dict):
                for lang, text in value.items():
                    found = script_of(text) if isinstance(text, str) else None
                    if lang in scripts and found and found != scripts[lang]:
                        c.error(path + (lang,), f"text_in_{found}_script", lang=lang)


def _plain(c, path, value, languages, scripts):
    if len(languages) < 2:
        return
    found = script_of(value)
    wrong = [lang for lang in languages if found and scripts[lang] != found]
    if wrong:
        c.error(path, f"plain_text_in_{found}_script", langs=", ".join(wrong),
                example=", ".join(f"{lang}: …" for lang in languages))
    else:
        c.warn(path, "plain_text_in_languages", langs=", ".join(languages),
               example=", ".join(f"{lang}: …" for lang in languages))


__all__ = ["check_scripts", "script_of"]
