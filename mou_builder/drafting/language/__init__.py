"""The drafting layer: one module per language behind one interface, :class:`Language`.

Every value from a spec that goes into a clause sentence passes through it. The
shared rules (case, final punctuation) are in :mod:`..phrase`; each language module
says how its articles, elisions and contractions work and what its typography is.
The words themselves (institution words and their gender, signatories' titles) are
data in the clause library, ``drafting/institutions.yaml`` and ``drafting/titles.yaml``.
"""
from __future__ import annotations

import importlib
import os
import re
from functools import lru_cache
from pathlib import Path

from ...base.errors import LibraryError, MouError
from ...base.kept import Kept
from .. import phrase

LANGUAGE_MODULES = ("fr", "en", "es", "it", "pt", "ar")
_UNSEEN = object()  # a name whose institution word was not looked for yet


class NeedsArticle(MouError):
    """A party's name opens with a word the library does not know: the spec must say."""


def _read(path: Path) -> dict:
    try:
        stat = path.stat()
    except OSError:
        raise LibraryError(f"{path}: the drafting data file is missing") from None
    return _read_cached(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _read_cached(path: str, mtime: int, size: int) -> dict:
    from ... import validation  # the spec loader: safe, no aliases, no tags

    data = validation.load(path).data or {}
    if not isinstance(data, dict):
        raise LibraryError(f"{path}: a drafting data file is a mapping")
    return data


class Language:
    """How one language drafts values into sentences. Subclasses fill in the rules."""

    code = ""
    of_word = "de"  # the preposition of "Maire de Lyon", "Sindaco di Palermo"
    default_gender = "m"  # of a name without an institution word (a town): agreement of participles
    connectors = ("de",)  # what links an institution word to its place: "Agglomération de Nantes"

    def __init__(self, root: Path):
        self.root = Path(root)
        data = _read(self.root / "institutions.yaml")
        self.not_institutions = frozenset(data.get("not_institutions") or ())
        entries = []
        for word, value in (data.get(self.code) or {}).items():
            if isinstance(value, dict):
                entries.append((str(word), value.get("gender", "m"), value.get("article")))
            else:
                entries.append((str(word), str(value), None))
        self.heads = sorted(entries, key=lambda e: -len(e[0]))
        self._heads_of = Kept()  # name -> what head() found (the rules are made again when the data changes)
        self.titles = _read(self.root / "titles.yaml")

    # -- articles ----------------------------------------------------------------
    def article(self, gender: str, word: str) -> str:
        """The definite article before ``word`` of ``gender`` ("la", "l'", "the"; "" for none)."""
        return ""

    def attach(self, article: str, text: str) -> str:
        """Article and text joined: "la Commune", "l'Agglomération"."""
        if not article:
            return text
        return article + text if article.endswith(("'", "’")) else f"{article} {text}"

    def head(self, name: str):
        """(word, gender, article) of the institution word ``name`` opens with, or None
        (looked for once per name: the same names come back in every document)."""
        found = self._heads_of.get(name, _UNSEEN)  # (None is an answer: no institution word)
        if found is _UNSEEN:
            found = self._heads_of.put(name, self._head(name))
        return found

    def _head(self, name: str):
        for word, gender, article in self.heads:
            if name == word or name.startswith(word + " ") or name.startswith(word + "'"):
                return word, gender, article
        return None

    def looks_institutional(self, name: str) -> bool:
        """A name like "Agglomération de Nantes": a first word, a connector, a place."""
        first = name.split()[0] if name.split() else ""
        first = re.split(r"[-’']", first)[0]
        linked = re.search(rf"\s(?:{'|'.join(self.connectors)})(?:\s|(?<=['’]))", name)
        return bool(linked) and first not in self.not_institutions \
            and not self.starts_with_article(name)

    def starts_with_article(self, name: str) -> bool:
        return False

    def with_article(self, name: str, explicit=None, where: str = "", institutional=True) -> str:
        """The name as a sentence says it: "la Commune de Sfax", "Sfax".

        ``explicit`` is the article the spec gives (``""`` for none); ``institutional``
        says whether a name that reads like an institution must have a known word."""
        name = str(name)
        if not name:
            return name
        if explicit is not None:
            return self.attach(explicit, name)
        if self.starts_with_article(name) and name[:1].islower():
            return name  # the spec already wrote it: "la Région Toscane"
        found = self.head(name)
        if found:
            word, gender, article = found
            return self.attach(article if article is not None else self.article(gender, word), name)
        if institutional and self.looks_institutional(name):
            raise NeedsArticle(
                f"{where}: '{name}' ({self.code}) opens with a word the library does not know "
                f"as an institution: give the party an article in this language, e.g. "
                f"`article: {{{self.code}: {self.article('f', name) or 'the'}}}` (\"\" for none), or add the "
                f"word with its gender to drafting/institutions.yaml in the clause library")
        return name

    # -- prepositions -----------------------------------------------------------
    def prep(self, word: str, text: str) -> str:
        """A preposition before a text, contracted with its article where the language does."""
        text = str(text)
        return f"{word} {text}" if text else text

    def of(self, text: str) -> str:
        return self.prep(self.of_word, text)

    def que(self, text: str) -> str:
        return self.prep("que", text)

    # -- titles -----------------------------------------------------------------
    def title(self, code: str, country: str, ptype: str, gender: str | None, values: dict,
              where: str = "") -> str:
        """The signatory's title with its body: "Présidente de la Commune de Sfax"."""
        entries = self.titles.get(code) or {}
        for key in (f"{country}/{ptype}", country, f"*/{ptype}", "*"):
            entry = (entries.get(key) or {}).get(self.code)
            if entry is None:
                continue
            if isinstance(entry, dict):
                entry = entry.get(gender or "m") or next(iter(entry.values()))
            try:
                return str(entry).format(**values)
            except (KeyError, IndexError, ValueError) as exc:
                raise LibraryError(f"{self.root / 'titles.yaml'}: {code}.{key}.{self.code}: "
                                   f"unknown placeholder {exc}") from None
        raise LibraryError(f"{self.root / 'titles.yaml'}: no title '{code}' in '{self.code}' "
                           f"({where})")

    def with_title_article(self, title: str, gender: str | None) -> str:
        """"le Maire de Lyon", "la Présidente…": the article of a person's title."""
        return self.attach(self.article(gender or "m", title), title) if title else title

    # -- text -------------------------------------------------------------------
    def typography(self, text: str, markup: bool = True) -> str:
        """The language's typography applied to final text (escaped XML when ``markup``)."""
        return text

    # shared rules, here so that clause texts reach them through one object
    continue_sentence = staticmethod(phrase.continue_sentence)
    own_sentence = staticmethod(phrase.own_sentence)
    strip_final = staticmethod(phrase.strip_final)


def vowel_start(text: str, mute_h: bool = False) -> bool:
    """Whether a text starts with a vowel sound (a "y" before a vowel is a consonant:
    "de Yélimané", but "d'Ypres")."""
    start = str(text).lstrip("«“\"(")[:2].lower()
    vowels = "aeiouàâäéèêëîïôöùûüœæ"
    if start[:1] == "y":
        return start[1:2] not in vowels + "y"
    return bool(start) and (start[0] in vowels or (mute_h and start[0] == "h"))


@lru_cache(maxsize=32)
def _cached(code: str, root: str, stamp: tuple) -> Language:
    if code not in LANGUAGE_MODULES:  # a language without its module: no articles, no elision
        return type(f"Language_{code}", (Language,), {"code": code})(Path(root))
    return importlib.import_module(f"{__name__}.{code}").LANGUAGE(Path(root))


def for_language(code: str, root: Path) -> Language:
    """The drafting rules of ``code`` with the data in ``root`` (the library's drafting/)."""
    root = Path(root)
    stamp = _stamp(root)
    if not stamp:
        raise LibraryError(f"{root}: the drafting data (institutions.yaml, titles.yaml) is missing")
    return _cached(code, str(root), stamp)


def _stamp(root: Path) -> tuple:
    """The name and modification time of each YAML file in ``root`` (none when it is not a
    folder), in order of name: the drafting data is read again when it changes."""
    try:
        with os.scandir(root) as entries:
            return tuple(sorted((e.name, e.stat().st_mtime_ns) for e in entries if e.name.endswith(".yaml")))
    except OSError:
        return ()


def filters(drafting) -> dict:
    """The Jinja filters clause texts use to slot spec values into their sentences.

    ``cont`` (continues the sentence), ``sentence`` (stands on its own), ``bare`` (the
    clause's punctuation only); ``prep('di')`` and the shortcuts ``de``, ``a`` (French à),
    ``di``, ``da``, ``su``, ``em``, ``por``, ``que``, ``of`` (contracted with the article).
    ``drafting``: the document being drafted, read when a filter runs (its ``rules``, and
    ``names``, the words of the spec's names): one sandbox serves the documents a thread
    drafts one after the other (drafting/assemble.py).
    """
    def prep(word):
        return lambda t: drafting.rules.prep(word, t)
    out = {
        "cont": lambda t: phrase.continue_sentence(t, drafting.names),
        "sentence": phrase.own_sentence,
        "bare": phrase.strip_final,
        "prep": lambda t, word: drafting.rules.prep(word, t),
        "a": lambda t: drafting.rules.prep("à" if drafting.rules.code == "fr" else "a", t),
        "que": lambda t: drafting.rules.que(t),
        "of": lambda t: drafting.rules.of(t),
    }
    out.update({w: prep(w) for w in ("de", "di", "da", "su", "em", "por")})
    return out
