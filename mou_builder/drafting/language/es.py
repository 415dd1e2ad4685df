"""Spanish: el/la, de + el → del, a + el → al (not before a name's own capital
"El": de El Salvador)."""
from __future__ import annotations

import re

from . import Language

_CONTRACTED = {"de": "del ", "a": "al "}


class Spanish(Language):
    code = "es"
    connectors = ("de", "del")

    def article(self, gender, word):
        return "la" if gender == "f" else "el"

    def starts_with_article(self, name):
        return bool(re.match(r"^(?:el|la|los|las)\s", name, re.IGNORECASE))

    def prep(self, word, text):
        text = str(text)
        if word in _CONTRACTED and text.startswith("el "):
            return _CONTRACTED[word] + text[3:]
        return super().prep(word, text)


LANGUAGE = Spanish
