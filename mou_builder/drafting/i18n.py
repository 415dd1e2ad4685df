"""LOCALISE: dates, numbers, amounts, country names and vocabulary per language.

The only module that talks to Babel. Locales are chosen from a whitelist and
never taken raw from a spec (a locale string reaches Babel's data loader).
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal, get_currency_precision

from ..base.errors import LibraryError
from ..base.kept import Kept
from ..library import blanks, sandbox
from ..validation.vocabulary import KNOWN_LOCALES

_FIRST_OF_MONTH = {"fr": "1er", "it": "1º"}
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DEFAULT_LOCALE = {"fr": "fr_FR", "en": "en_GB", "es": "es_ES", "it": "it_IT", "pt": "pt_PT",
                  "ar": "ar", "ca": "ca_ES"}



def choose_locale(lang: str, requested: str | None, countries) -> str:
    """The locale of a document in ``lang``: the spec's when it fits, else derived."""
    if requested and requested in KNOWN_LOCALES and requested.startswith(lang + "_"):
        return requested
    for country in countries:
        candidate = f"{lang}_{country}"
        if candidate in KNOWN_LOCALES:
            return candidate
    return DEFAULT_LOCALE.get(lang, "en_GB")


def _labels(path) -> dict:
    """The vocabulary in ``path``, or the files of a tuple merged in order (a pack's labels
    over the library's: see library/packs/layer.py)."""
    if isinstance(path, tuple):
        from ..library.packs.layer import merge

        merged = {}
        for one in path:
            merged = merge(merged, _labels(str(one)))
        return merged
    path = str(path)
    try:
        stat = Path(path).stat()
    except OSError:
        raise LibraryError(f"{path}: the vocabulary file is missing") from None
    return _read_labels(path, stat.st_mtime_ns, stat.st_size)


_PLAIN_LABELS = Kept(32)  # (id of a vocabulary, language) -> (the vocabulary, {(gender, path): text},
# {(gender, path, native digits, values…): text}); 32: a long-running process whose files keep changing


def _plain_labels(labels: dict, lang: str) -> tuple:
    """The plain labels of ``labels`` in ``lang`` looked up so far in this process, and the
    labels filled with values, shared by every document using the same vocabulary (the entry
    keeps the vocabulary, so its id is not reused while the entry lives; a vocabulary read
    again is a new one)."""
    entry = _PLAIN_LABELS.get((id(labels), lang))
    if entry is None or entry[0] is not labels:
        entry = _PLAIN_LABELS.put((id(labels), lang), (labels, Kept(), Kept()))
    return entry[1], entry[2]


_FORMATS = Kept(64)  # (locale, language) -> {(kind, ...): text}: Babel's dates, months, figures
# and amounts, shared for the process by every document in that locale (a batch formats the
# same months and amounts again and again); Babel's data does not change while it runs


def _formats(locale: str, lang: str) -> Kept:
    return _FORMATS.made((locale, lang), Kept)


@lru_cache(maxsize=64)
def _locale(name: str) -> tuple:
    """Babel's locale of that name, read once for the process, and whether it writes
    Arabic-Indic digits: Babel formats with Latin digits even where the locale writes
    Arabic-Indic ones (ar_EG, ar_LB…), so they are converted here (the Maghreb locales
    use Latin digits)."""
    locale = Locale.parse(name)
    return locale, locale.default_numbering_system == "arab"


@lru_cache(maxsize=8)
def _read_labels(path: str, mtime: int, size: int) -> dict:
    from ..library import compiled  # the same safe loader as specs: a pack's labels are not trusted

    return compiled.read_yaml(path).data or {}


def label_entries(node, path=()):
    """Every entry of a labels file: (path, {lang: text-or-forms})."""
    from ..validation.vocabulary import LANGUAGES

    if isinstance(node, dict) and set(node) & set(LANGUAGES) and not all(
            isinstance(v, dict) and set(v) <= set(LANGUAGES) for v in node.values()):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from label_entries(value, path + (key,))


def missing_labels(labels_path, lang: str) -> list[str]:
    """Dotted names of the labels that have no ``lang`` text."""
    return [".".join(map(str, path)) for path, entry in label_entries(_labels(labels_path))
            if not entry.get(lang)]


class Localiser:
    """Everything language-dependent about one document language."""

    def __init__(self, lang: str, locale: str, labels_path: Path, drafting_dir: Path | None = None):
        self.lang = lang
        self._drafting_dir = drafting_dir
        self.locale, self.native_digits = _locale(locale)
        self.labels_path = str(labels_path)
        self._labels = _labels(labels_path)
        self._formatted = _formats(str(self.locale), lang)  # (kind, ...) -> text
        self._plain, self._filled = _plain_labels(self._labels, lang)

    def _once(self, key: tuple, make) -> str:
        """The text for ``key``, formatted by ``make`` the first time a document in this locale
        asks."""
        return self._formatted.made(key, make)

    # -- vocabulary ------------------------------------------------------------
    def label(self, *path, gender: str | None = None, **fmt) -> str:
        if not fmt:  # a plain label: looked up once per vocabulary and language
            text = self._plain.get((gender, path))  # (the most asked for: no function made)
            return self._plain.put((gender, path), self._label(path, gender, fmt)) if text is None else text
        key = (gender, path, self.native_digits, *((k, type(v), v) for k, v in fmt.items()))
        try:
            return self._filled.made(key, lambda: self._label(path, gender, fmt))
        except TypeError:  # a value that cannot be a key (none of ours): filled each time
            return self._label(path, gender, fmt)

    def _label(self, path: tuple, gender: str | None, fmt: dict) -> str:
        node = self._labels
        for part in path:
            if not isinstance(node, dict) or part not in node:
                raise LibraryError(f"{self.labels_path}: no label {'.'.join(map(str, path))}")
            node = node[part]
        if not isinstance(node, dict) or self.lang not in node:
            raise LibraryError(f"{self.labels_path}: label {'.'.join(map(str, path))} "
                               f"has no '{self.lang}' text")
        value = node[self.lang]
        if isinstance(value, dict):
            value = value.get(gender or "m") or next(iter(value.values()))
        fmt = {k: self.digits(str(v)) if isinstance(v, int) else v for k, v in fmt.items()}
        if not fmt:
            return str(value)
        return blanks.fill(value, f"{self.labels_path}: {'.'.join(map(str, path))} ({self.lang})", **fmt)

    def heading(self, n, title) -> sandbox.Markup:
        """"Article 3 – Budget" as escaped text; ``title`` is escaped text (``Markup``)."""
        return self._filled.made(("heading", type(n), n, type(title), title), lambda: sandbox.Markup(
            blanks.fill(sandbox.escape(self.label("frame", "article_heading")),
                        f"{self.labels_path}: frame.article_heading",
                        n=sandbox.escape(n), title=sandbox.escape(title))))

    def digits(self, text: str) -> str:
        """Digits as the locale writes them."""
        return text.translate(_ARABIC_INDIC) if self.native_digits else text

    def spell(self, n: int) -> str:
        """A count as legal texts write it: "deux (2)", "three (3)"."""
        words = self._labels.get("number_words", {}).get(self.lang, [])
        figure = self.digits(str(n))
        return f"{words[n]} ({figure})" if 0 <= n < len(words) else figure

    @cached_property
    def rules(self):
        """The drafting rules of this language (articles, contractions, typography), looked
        up once for each document (the data is read again when its files change)."""
        from ..library.resources import builtin_library_dir
        from .language import for_language

        return for_language(self.lang, self._drafting_dir or builtin_library_dir() / "drafting")

    # -- Babel -------------------------------------------------------------------
    def date(self, d: dt.date | None) -> str:
        if d is None:
            return ""
        return self._once(("date", type(d), d), lambda: self._date(d))

    def _date(self, d: dt.date) -> str:
        text = format_date(d, "long", locale=self.locale)
        if d.day == 1 and self.lang in _FIRST_OF_MONTH:  # "1er juin", "1º giugno"
            text = _FIRST_OF_MONTH[self.lang] + text[1:]
        return self.digits(text)

    def planned(self, p) -> str:
        """A planned date (:class:`~mou_builder.base.dates.Planned`): its day, or its month."""
        if p is None:
            return ""
        return self.month(p.date) if p.month else self.date(p.date)

    def month(self, d: dt.date | None) -> str:
        if not d:
            return ""
        return self._once(("month", type(d), d),
                          lambda: self.digits(format_skeleton("yMMMM", d, locale=self.locale)))

    def number(self, value) -> str:
        # by type and text: 1, 1.0 and Decimal("1.0") are equal keys but may not read alike
        return self._once(("number", type(value), str(value)), lambda: self.digits(
            format_decimal(Decimal(value), locale=self.locale, numbering_system="default")))

    def amount(self, value: Decimal, currency: str) -> str:
        return self._once(("amount", type(value), str(value), currency), lambda: self._amount(value, currency))

    def _amount(self, value: Decimal, currency: str) -> str:
        digits = get_currency_precision(currency)
        number = self.digits(format_decimal(
            Decimal(value), format="#,##0." + "0" * digits if digits else "#,##0",
            locale=self.locale, decimal_quantization=True, numbering_system="default"))
        pattern = self.locale.currency_formats["standard"].pattern
        return f"{currency}\u00a0{number}" if pattern.lstrip().startswith("¤") \
            else f"{number}\u00a0{currency}"

    def autonym(self) -> str:
        """The language's own name: "Français", "العربية"."""
        name = Locale.parse(self.lang).get_display_name(self.lang) or self.lang
        return name[:1].upper() + name[1:]

    def country(self, code: str) -> str:
        return self.locale.territories.get(code, code)

    def join(self, items) -> str:
        items = tuple(str(i) for i in items if i)
        return self._once(("join", items), lambda: self._join(items))

    def _join(self, items: tuple) -> str:
        text = format_list(list(items), locale=self.locale) if items else ""
        if self.lang == "ar":  # CLDR glues "و" to the next word; keep a space before Latin text
            text = re.sub(r"(?<=\s)و(?=[A-Za-z0-9\u00C0-\u024F])", "و ", text)
        elif self.lang == "es":  # "y" becomes "e" before an i sound: "Granada e Irbid"
            text = re.sub(r" y (?=[iIíÍ]|[hH][iIíÍ](?![aeoáéó]))", " e ", text)
        elif self.lang == "it":  # "e" becomes "ed" before e: "sesso ed età"
            text = re.sub(r" e (?=[eEèéÈÉ])", " ed ", text)
        return text

    def digits_in_markup(self, markup: str) -> str:
        """Digits of escaped text as the locale writes them, leaving character references alone."""
        if not self.native_digits:
            return markup
        return re.sub(r"&#\d+;|\d", lambda m: m.group() if len(m.group()) > 1 else self.digits(m.group()),
                      markup)

    def period(self, start: dt.date, end: dt.date | None) -> str:
        if end is None or (start.year, start.month) == (end.year, end.month):
            return self.month(start)
        return f"{self.month(start)} – {self.month(end)}"
