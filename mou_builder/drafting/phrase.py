"""Words from a spec inside clause sentences: the rules every language shares.

A spec's text is a value slotted into a sentence the clause owns, so the value adapts
to its place (drafting conventions, docs/drafting.md):

- **Final punctuation** belongs to the clause: a value's own final ``.``, ``;``, ``,``
  or ``:`` is dropped before the clause adds its own.
- **Case.** A value that continues a sentence starts in lower case, unless its first
  word keeps its capital. A first word keeps its capital when
  (1) it is written in capitals (``ODD``, ``UNHCR``, ``G20``), or
  (2) its second letter is a capital (``eGov``, ``McAllister``, ``ONGs``), or
  (3) it is one of the spec's own names: a word of a party's name, short name or seat,
      or of a stakeholder's or funder's name (``Sfax``, ``Lyon``, ``Université``); an
      elided article before a name is lowered ("L'Université de Sfax" → "l'Université
      de Sfax") unless the name itself has it (``L'Hospitalet``).
  Anything else is an ordinary word and is written in lower case
  ("a pour objet de Renforcer…" → "a pour objet de renforcer…").
  A value that stands as its own sentence or list item starts with a capital.

The language modules (:mod:`.language`) add what differs: articles, elision and
contractions, list joins, typography.
"""
from __future__ import annotations

import re
from functools import lru_cache

_FINAL = re.compile(r"[\s.;,:]+$")
_ELLIPSIS = re.compile(r"(\.\.\.|…)\s*$")
_OPENERS = "«“\"'‘(["
_WORD = re.compile(r"[^\s]+")


def strip_final(text: str) -> str:
    """The text without its own final ``.``, ``;``, ``,`` or ``:`` (an ellipsis stays)."""
    text = str(text).strip()
    if _ELLIPSIS.search(text):
        return text
    return _FINAL.sub("", text)


def first_word(text: str) -> str:
    match = _WORD.search(str(text))
    return match.group().lstrip(_OPENERS) if match else ""


def _core(word: str) -> str:
    """A word without the punctuation around it and without an elided article (l', d')."""
    word = word.strip(_OPENERS + "»”\"’'.,;:!?)]")
    return re.sub(r"^[A-Za-z][’']", "", word) if re.match(r"^[A-Za-z][’'][^\s]", word) else word


def keeps_capital(word: str, names=frozenset()) -> bool:
    """Whether a first word keeps its capital inside a sentence (rules 1 to 3 above)."""
    stripped = word.strip(_OPENERS + "»”\"’'.,;:!?)]")
    if not stripped[:1].isupper():
        return True  # nothing to lower
    core = _core(word)
    if core != stripped:  # "L'Université…": the elided article is lowered unless the name has it
        return stripped in names
    letters = [c for c in core if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return True  # (1) capitals: an acronym
    if len(letters) > 1 and letters[1].isupper():
        return True  # (2) a capital second letter
    return core in names  # (3) one of the spec's names


def lower_first(text: str, names=frozenset()) -> str:
    """The text with its first letter in lower case unless its first word keeps its capital."""
    text = str(text)
    word = first_word(text)
    if not word or keeps_capital(word, names):
        return text
    i = next(n for n, c in enumerate(text) if c.isalpha())
    return text[:i] + text[i].lower() + text[i + 1:]


def upper_first(text: str) -> str:
    text = str(text)
    for i, c in enumerate(text):
        if c.isalpha():
            return text[:i] + c.upper() + text[i + 1:]
    return text


def continue_sentence(text: str, names=frozenset()) -> str:
    """A value that continues the clause's sentence: lower-case start, no final punctuation."""
    return lower_first(strip_final(text), names)


def own_sentence(text: str) -> str:
    """A value that stands as its own sentence or list item: a capital, no final punctuation."""
    return upper_first(strip_final(text))


def name_words(names) -> frozenset:
    """The words of the spec's names (parties, seats, stakeholders, funders): rule (3)."""
    return _name_words(tuple(str(name or "") for name in names))


@lru_cache(maxsize=1024)  # the same names in each document of a spec, and across a network's
def _name_words(names: tuple) -> frozenset:
    words = set()
    for name in names:
        for word in name.split():
            core = _core(word)
            if core[:1].isupper():
                words.add(core)
                words.add(word.strip(_OPENERS + "»”\"’'.,;:!?)]"))
    return frozenset(words)
