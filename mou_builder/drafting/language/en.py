"""English: "the" before institutions (the City of Lyon, the Lyon City Council), no
contractions; an institution word may stand anywhere in the name."""
from __future__ import annotations

import re

from . import Language


class English(Language):
    code = "en"
    connectors = ("of",)
    of_word = "of"

    def article(self, gender, word):
        return "the"

    def _head(self, name):
        for word, gender, article in self.heads:
            if re.search(rf"(?<![\w'’]){re.escape(word)}(?![\w'’])", name):
                return word, gender, article
        return None

    def starts_with_article(self, name):
        return name.lower().startswith("the ")

    def with_title_article(self, title, gender):
        return f"the {title}" if title else title


LANGUAGE = English
