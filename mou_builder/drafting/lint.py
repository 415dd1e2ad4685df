"""A drafting lint: what the drafting conventions rule out, found in a document's text.

It reads lines of text (what ``render.readback.lines`` gives for a DOCX) and reports:
- ``elision``: a missing elision or contraction ("de le", "à les", "de Al", "que il",
  Italian "di il", "in la", Spanish "de el", Portuguese "de o", "em a"…);
- ``capital``: a capital inside a sentence where a spec value continues it
  ("a pour objet de Renforcer", "is to Set up") when the word is not one of the spec's
  names nor an acronym;
- ``punctuation``: doubled or clashing punctuation ("..", ". ;", ".;", ",.", ";;");
- ``article``: an institution without its article after a word that needs one
  ("entre Commune de", "Pour Commune de", "for City Council");
- ``place``: an institution as the place of signature ("Fait à Commune", "Hecho en
  Ayuntamiento").
Table rows (cells joined by " | ") and cell lines (" / ") are read one cell at a time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import phrase
from .language import for_language

_VOWELS = "aeiouàâäéèêëîïôöùûüœæAEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ"
_V = f"(?:[{_VOWELS}]|[yY](?![{_VOWELS}yY]))"  # a "y" before a vowel is a consonant: de Yélimané
_NOT_ELIDED_BEFORE = r"(?!(?:ou|où|et|un|une|onze|oui|huit|ouest)\b)"
ELISION = {
    "fr": [r"\b(?:de|à) (?:le|les)\b(?! \w+(?:er|ir|oir|dre|ire|uire)\b)", rf"\b(?:de|que|jusque|lorsque|puisque) {_NOT_ELIDED_BEFORE}{_V}",
           rf"\b(?:le|la) {_NOT_ELIDED_BEFORE}{_V}", r"\b[Dd]e des\b"],
    "it": [r"\b(?:di|a|da|in|su) (?:(?:il|lo|la|i|gli|le)\s|l['’])"],
    "es": [r"\b(?:de|a) el\b"],
    "pt": [r"\b(?:de|em|por) (?:o|a|os|as)\b", r"\ba (?:o|os|as)\b"],
}
CONTINUED = {  # words after which a spec value continues the sentence
    "fr": r"(?:a pour objet de|ont pour objet de|a pour objet d['’]|contexte suivant\s?:|cadre formel\s?:|"
          r"ce qui suit\s?:)",
    "en": r"(?:is to|are to|following context:|space for participation:|the following is agreed:)",
    "es": r"(?:tiene por objeto|tienen por objeto|contexto siguiente:|marco formal:|lo siguiente:)",
    "it": r"(?:ha lo scopo di|hanno lo scopo di|seguente contesto:|spazio formale:|quanto segue:)",
    "pt": r"(?:tem por objeto|têm por objeto|seguinte contexto:|quadro formal:|o seguinte:)",
}
_ARABIC = re.compile("[\u0600-\u06FF]")
PUNCTUATION = r"(?<!\.)\.\.(?!\.)|\. ?[;,:]|[;,] ?\.(?!\.)|[;,:] ?[;,]|;;|؛\s?[.؛]|\.\s?؛"
BEFORE_INSTITUTION = {
    "fr": r"(?:entre|et|[Pp]our|par|de|à|avec|sur|[Ff]ait à|conclu à|conduite de)",
    "en": r"(?:between|and|[Ff]or|by|at|with|to|from|of)",
    "es": r"(?:entre|y|e|[Pp]or|de|a|con|en|[Hh]echo en)",
    "it": r"(?:tra|fra|e|ed|[Pp]er|di|a|ad|da|con|in|su)",
    "pt": r"(?:entre|e|[Pp]or|de|com|em|[Ff]eito em)",  # not "a": it is also the article
}
PLACE = {
    "fr": r"(?:[Ff]ait|conclus?) (?:à|au|aux)(?: la| l['’])?",
    "en": r"(?:[Dd]one|concluded) (?:at|in)(?: the)?",
    "es": r"(?:[Hh]echo|suscriben?) en(?: el| la)?",
    "it": r"(?:[Ff]atto|conclus[oi]) (?:a|ad|al|alla|nel|nella|in)",
    "pt": r"(?:[Ff]eito|celebrados?) (?:em|no|na)",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    line: int
    excerpt: str
    where: str = ""

    def format(self) -> str:
        where = f"{self.where}:" if self.where else ""
        return f"{where}{self.line}: {self.kind}: …{self.excerpt}…"


def _normal(text: str) -> str:
    """Typography undone: the lint reads words, not spaces and apostrophes."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")


def _cells(line: str):
    for cell in line.split(" | "):
        yield from cell.split(" / ")


def _excerpt(text: str, match) -> str:
    return text[max(0, match.start() - 20): match.end() + 20]


def check_lines(lines, lang: str, names=(), where: str = "", library_drafting: Path | None = None):
    """Every finding in ``lines`` of a document in ``lang``; ``names`` are the spec's names."""
    from ..library.resources import builtin_library_dir

    rules = for_language(lang, library_drafting or builtin_library_dir() / "drafting")
    heads = [re.escape(w) for w, _, _ in rules.heads]
    head = rf"(?:{'|'.join(heads)})\b" if heads else None
    words = phrase.name_words(names)
    patterns = [("elision", p) for p in ELISION.get(lang, ())] + [("punctuation", PUNCTUATION)]
    if head and lang in BEFORE_INSTITUTION:
        patterns.append(("article", rf"(?<![\w'])(?<!Hôtel ){BEFORE_INSTITUTION[lang]} {head}"))
    if head and lang in PLACE:
        patterns.append(("place", rf"{PLACE[lang]} {head}"))
    out = []
    for n, line in enumerate(lines, 1):
        for cell in _cells(_normal(line)):
            if lang != "ar" and _ARABIC.search(cell):
                continue  # the Arabic column or line of a bilingual document
            for kind, pattern in patterns:
                for m in re.finditer(pattern, cell):
                    if kind == "place" or not _is_place_name(m, cell, kind):
                        out.append(Finding(kind, n, _excerpt(cell, m), where))
            if lang in CONTINUED:
                for m in re.finditer(rf"{CONTINUED[lang]} ?([^\s]+)", cell):
                    if not phrase.keeps_capital(m.group(1), words):
                        out.append(Finding("capital", n, _excerpt(cell, m), where))
    return out


def _is_place_name(match, cell, kind) -> bool:
    """"de Ville-d'Avray": a head word that is part of a town's hyphenated name."""
    return kind == "article" and cell[match.end():match.end() + 1] == "-"
