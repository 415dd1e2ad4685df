"""French: le/la/l', de → d', de + le → du, à + les → aux, que → qu', and the
typography of French legal texts (no-break space before ; : ! ? » and after «,
typographic apostrophe)."""
from __future__ import annotations

import re

from . import Language, vowel_start
from ...base.kept import Kept

NBSP = "\u00a0"
_CONTRACTIONS = {  # preposition -> (article as written, what the pair becomes)
    "de": (("les ", "des "), ("le ", "du ")),
    "à": (("les ", "aux "), ("le ", "au ")),
}
_ELIDED = {"de": "d’", "que": "qu’", "le": "l’", "la": "l’", "jusque": "jusqu’", "lorsque": "lorsqu’",
           "puisque": "puisqu’"}
_ENTITY = re.compile(r"(&#?\w+;)")
_APOSTROPHE_ENTITY = re.compile(r"(?<=[^\W\d_])(?:&#39;|&#x27;)(?=[^\W\d_])")
# each pattern starts with the character it is about, so that the regular expression engine
# looks for that character and tests what surrounds it only there (a pattern that starts
# with a lookbehind is tried at every position of the text, ten times slower)
_APOSTROPHE = re.compile(r"'(?<=[^\W\d_]')(?=[^\W\d_])")
_SPACE_BEFORE = re.compile(r"[ \u202f](?=[;:!?»])")
_GLUED_BEFORE = re.compile(r"[;!?»](?<=[^\s\u00a0\u202f/:;!?&][;!?»])(?=\s|$|[.,)])")
_GLUED_COLON = re.compile(r":(?<=[^\W\d_]:)(?=\s|$)")
_ADDRESS = re.compile(r"(?:https?://|www\.|[\w.+-]+@)[^\s]*?(?=[;,.:!?»)]*(?:\s|$))")
_ADDRESS_SIGNS = ("://", "www.", "@")  # one of them is in every address _ADDRESS finds
_NUMERO = re.compile(r"n° (?<=\bn° )(?=\w)")
_AFTER_GUILLEMET = re.compile(r"«[ \u202f]?(?=\S)")
_TOUCHED = re.compile(r"[';:!?«»]|n°")  # what the rules below look for: a text without any stays as it is
_TYPESET = Kept()  # (text, escaped XML or not) -> the text typeset, for the process: the
# library's paragraphs and the table headings come back in every document


class French(Language):
    code = "fr"
    connectors = ("de", "d['’]", "du", "des")
    default_gender = "f"  # "Sfax, représentée par…": a town, like la ville

    def article(self, gender, word):
        if vowel_start(word, mute_h=False):
            return "l’"
        return "la" if gender == "f" else "le"

    def starts_with_article(self, name):
        return bool(re.match(r"^(?:le|la|les|l['’])(?:\s|(?<=['’]))", name, re.IGNORECASE))

    def prep(self, word, text):
        text = str(text)
        if not text:
            return text
        low = text.lower()
        for article, pair in _CONTRACTIONS.get(word, ()):
            if low.startswith(article):  # also a town's own article: au Havre, du Mans
                return pair + text[len(article):]
        if word in _ELIDED and vowel_start(text, mute_h=True) and not low.startswith(("oui", "ouest")):
            return _ELIDED[word] + text
        return f"{word} {text}"

    def typography(self, text, markup=True):
        # a text as it is for the key (escaped text is a str, and keeps its hash: a copy
        # would hash a whole paragraph again), a plain str for the rules
        key = (text if isinstance(text, str) else str(text), markup)
        done = _TYPESET.get(key)
        return _TYPESET.put(key, _typography(str(key[0]), markup)) if done is None else done


def _typography(text: str, markup: bool) -> str:
    if not markup:
        return _punctuation(text)
    if "&#39;" not in text and "&#x27;" not in text and not _TOUCHED.search(_ENTITY.sub("", text)):
        return text  # nothing the rules look for outside character references
    return _markup_punctuation(text)


def _markup_punctuation(text: str, rules=None) -> str:
    """The rules applied to escaped XML: between its character references, and to the
    apostrophes escaped as references (``rules``: :func:`_punctuation` unless given)."""
    if "&#39;" in text or "&#x27;" in text:
        text = _APOSTROPHE_ENTITY.sub("’", text)
    rules = rules or _punctuation
    return "".join(p if _ENTITY.fullmatch(p) else rules(p) for p in _ENTITY.split(text))


def _punctuation(text: str) -> str:
    """The rules, on a text that holds something they look for (the others stay as they are)."""
    return _rules(text) if _TOUCHED.search(text) else text


def _rules(text: str) -> str:
    addresses = []

    def keep(match):  # web and mail addresses stay as written
        addresses.append(match.group())
        return f"\x00{len(addresses) - 1}\x00"
    if any(sign in text for sign in _ADDRESS_SIGNS):
        text = _ADDRESS.sub(keep, text)
    text = _APOSTROPHE.sub("’", text)
    text = _SPACE_BEFORE.sub(NBSP, text)
    text = _GLUED_BEFORE.sub(_after_nbsp, text)
    text = _GLUED_COLON.sub(NBSP + ":", text)
    text = _AFTER_GUILLEMET.sub("«" + NBSP, text)
    text = _NUMERO.sub("n°" + NBSP, text)
    return re.sub("\x00(\\d+)\x00", lambda m: addresses[int(m.group(1))], text) if addresses else text


def _after_nbsp(match) -> str:
    return NBSP + match.group()


LANGUAGE = French
