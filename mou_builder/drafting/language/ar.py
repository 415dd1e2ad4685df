"""Arabic: names carry their definiteness themselves (بلدية صفاقس, in the construct
state), so no article is added and prepositions stand as they are; titles name
their body in the construct state (رئيسة بلدية صفاقس)."""
from __future__ import annotations

from . import Language


class Arabic(Language):
    code = "ar"
    of_word = ""

    def with_article(self, name, explicit=None, where="", institutional=True):
        return str(name)

    def prep(self, word, text):
        text = str(text)
        return f"{word} {text}" if word and text else text

    def with_title_article(self, title, gender):
        return title


LANGUAGE = Arabic
