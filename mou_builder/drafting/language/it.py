"""Italian: il/lo/la/l', and di, a, da, in, su joined with the article (del, allo,
dalla, nell', sui…), also before a town's own article (della Spezia, dell'Aquila)."""
from __future__ import annotations

import re

from . import Language, vowel_start

_BASES = {"di": "de", "a": "a", "da": "da", "in": "ne", "su": "su"}
_ARTICLE = re.compile(r"^(il|lo|la|l['’]|i|gli|le)(\s|(?<=['’]))", re.IGNORECASE)
_ENDINGS = {"il": "l", "lo": "llo", "la": "lla", "l'": "ll’", "l’": "ll’", "i": "i", "gli": "gli",
            "le": "lle"}


class Italian(Language):
    code = "it"
    connectors = ("di", "d['’]", "del", "della", "dello", "dell['’]", "dei", "degli", "delle")
    of_word = "di"

    def article(self, gender, word):
        if vowel_start(word):
            return "l’"
        if gender == "f":
            return "la"
        low = word.lower()
        if re.match(r"^(s[^aeiou]|z|gn|ps|pn|x|y)", low):
            return "lo"
        return "il"

    def starts_with_article(self, name):
        return bool(_ARTICLE.match(name))

    def prep(self, word, text):
        text = str(text)
        match = _ARTICLE.match(text)
        if word in _BASES and match:
            article = match.group(1).lower()
            joined = _BASES[word] + _ENDINGS[article]
            if word == "a" and article == "il":
                joined = "al"
            elif word == "in" and article == "il":
                joined = "nel"
            elif word == "di" and article == "il":
                joined = "del"
            elif word == "da" and article == "il":
                joined = "dal"
            elif word == "su" and article == "il":
                joined = "sul"
            rest = text[match.end():]
            return joined + rest if joined.endswith("’") else f"{joined} {rest}"
        if word == "a" and text[:1] in "aAàÀ":
            return f"ad {text}"
        return super().prep(word, text)


LANGUAGE = Italian
