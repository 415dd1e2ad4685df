"""Portuguese: o/a, and de, em, a, por joined with the article (do, na, ao, à,
pelo, pelas…)."""
from __future__ import annotations

import re

from . import Language

_JOINED = {
    "de": {"o": "do", "a": "da", "os": "dos", "as": "das"},
    "em": {"o": "no", "a": "na", "os": "nos", "as": "nas"},
    "a": {"o": "ao", "a": "à", "os": "aos", "as": "às"},
    "por": {"o": "pelo", "a": "pela", "os": "pelos", "as": "pelas"},
}
_ARTICLE = re.compile(r"^(o|a|os|as)\s")


class Portuguese(Language):
    code = "pt"
    connectors = ("de", "do", "da", "dos", "das")

    def article(self, gender, word):
        return "a" if gender == "f" else "o"

    def starts_with_article(self, name):
        return bool(_ARTICLE.match(name))

    def prep(self, word, text):
        text = str(text)
        match = _ARTICLE.match(text)
        if word in _JOINED and match:
            return f"{_JOINED[word][match.group(1)]} {text[match.end():]}"
        return super().prep(word, text)


LANGUAGE = Portuguese
