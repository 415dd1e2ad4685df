"""The clause library: one plain-text YAML file per clause, every language inside.

A clause file (see docs/clauses.md)::

    id: termination            # stable id, the file's name
    version: 1                 # raised whenever the text changes in substance
    part: article              # opening | recital | article | closing
    order: 190                 # position within its part
    optional: true             # only when the spec lists it in clauses.include
    when: "budget"             # optional condition, a template expression
    also_when: "not duration.binding"  # an optional clause that this condition makes apply
    params:
      notice_months: {type: integer, default: 3, min: 1, max: 24}
    fr:
      title: Dénonciation et retrait
      text: |
        Chaque Partie peut se retirer …
    en:
      title: Termination and withdrawal
      text: |
        …

A text is rendered in the sandbox with the agreement's values, then read as
blocks: paragraphs are separated by blank lines (lines of one paragraph are
joined: one sentence per line); a line starting with "- " begins a list item,
which runs to the next blank line or the next "- ".
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from . import checked_texts, compiled, plain, sandbox
from ..base.errors import LibraryError
from ..base.kept import Kept
from ..validation.vocabulary import LANGUAGES

PARTS = ("opening", "recital", "article", "closing")
NOT_CLAUSES = ("labels.yaml", "reading.yaml")  # the vocabulary; how `mou diff` shows clause texts
_PARAM_TYPES = {"integer": int, "string": str, "boolean": bool}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: object
    min: object = None
    max: object = None


@dataclass(frozen=True)
class Block:
    """A rendered paragraph (``kind`` "p"), a paragraph that introduces a list ("lead": kept
    with the list on its page) or a list item ("item"); ``text`` is escaped XML text."""

    kind: str
    text: sandbox.Markup


@dataclass(frozen=True)
class Clause:
    id: str
    version: int
    part: str
    order: int
    optional: bool
    when: str | None
    params: tuple
    texts: dict  # lang -> {"title", "text", and for translations "status", "source_hash"}
    path: str
    source: str = "fr"  # the language the other texts are translated from
    also_when: str | None = None  # an optional clause that also applies, listed or not, when this holds

    def languages(self) -> tuple:
        return tuple(self.texts)

    def defaults(self) -> dict:
        return {p.name: p.default for p in self.params}

    def check_params(self, values: dict):
        """Problems with parameters a spec gives: (name, (message key, params))."""
        known = {p.name: p for p in self.params}
        for name, value in values.items():
            param = known.get(name)
            if param is None:
                yield name, ("param_unknown", {"known": ", ".join(known) or "-"})
                continue
            expected = _PARAM_TYPES[param.type]
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                yield name, ("param_type", {"types": (param.type,)})
            elif expected is int and not (param.min <= value <= param.max):
                yield name, ("param_range", {"min": param.min, "max": param.max})

    def title(self, lang: str) -> str:
        return self.texts[lang]["title"]

    def text(self, lang: str) -> str:
        return self.texts[lang]["text"]

    def source_text(self) -> str:
        return self.texts[self.source]["text"]

    def status(self, lang: str) -> str:
        return "source" if lang == self.source else self.texts[lang].get("status") or "draft"


class Library:
    """All the clauses of a folder, by id."""

    def __init__(self, root: Path, clauses: dict):
        self.root = root
        self.clauses = clauses
        self._legal = None

    def ids(self):
        return sorted(self.clauses)

    def get(self, ident: str) -> Clause | None:
        return self.clauses.get(ident)

    def languages(self) -> tuple:
        """Languages every clause is written in (a document can be drafted in these)."""
        sets = [set(c.texts) for c in self.clauses.values()]
        common = set.intersection(*sets) if sets else set()
        return tuple(lang for lang in LANGUAGES if lang in common)

    def all_languages(self) -> tuple:
        """Languages any clause is written in."""
        found = {lang for c in self.clauses.values() for lang in c.texts}
        return tuple(lang for lang in LANGUAGES if lang in found)

    def optional_ids(self):
        return {c.id for c in self.clauses.values() if c.optional}

    def in_part(self, part: str):
        return sorted((c for c in self.clauses.values() if c.part == part),
                      key=lambda c: (c.order, c.id))

    @property
    def labels_path(self) -> Path:
        return self.root / "labels.yaml"

    def legal(self):
        """The legal bases and steps before signature (legal/*.yaml; see library/legal.py),
        read once, like the clauses."""
        if self._legal is None:
            from . import legal
            self._legal = legal.load(self.root / "legal")
        return self._legal

    @cached_property
    def drafting_dir(self) -> Path:
        """Institution words and titles (drafting/); a pack without them uses the built-in ones
        (looked for once: each document language asks)."""
        own = self.root / "drafting"
        if own.is_dir():
            return own
        from .resources import builtin_library_dir

        return builtin_library_dir() / "drafting"


def _fail(path, line, message) -> LibraryError:
    return LibraryError(f"{path}:{line}: {message}")


def read_clause(path: Path) -> Clause:
    """One clause file, checked (a :class:`LibraryError` names the file and line)."""
    return _load_clause(Path(path))


read_yaml = compiled.read_library_file  # the packs read their files through it too


def _load_clause(path: Path) -> Clause:
    src = read_yaml(path)
    d = src.data
    if not isinstance(d, dict):
        raise _fail(path, 1, "a clause file is a mapping (id:, version:, part:, fr:, …)")

    def need(key, kind):
        if not isinstance(d.get(key), kind) or isinstance(d.get(key), bool) and kind is int:
            raise _fail(path, src.mark((key,))[0], f"'{key}' is required ({kind.__name__})")
        return d[key]

    ident = need("id", str)
    if ident != path.stem:
        raise _fail(path, src.mark(("id",))[0], f"id '{ident}' must match the file name '{path.stem}'")
    part = need("part", str)
    if part not in PARTS:
        raise _fail(path, src.mark(("part",))[0], f"part must be one of {', '.join(PARTS)}")
    params = []
    for name, rule in (d.get("params") or {}).items():
        if not isinstance(rule, dict) or rule.get("type") not in _PARAM_TYPES or "default" not in rule:
            raise _fail(path, src.mark(("params", name))[0],
                        "a parameter needs a type (integer, string, boolean) and a default")
        if rule["type"] == "integer" and not all(isinstance(rule.get(k), int) for k in ("default", "min", "max")):
            raise _fail(path, src.mark(("params", name))[0],
                        "an integer parameter needs an integer default, min and max")
        params.append(Param(name, rule["type"], rule["default"], rule.get("min"), rule.get("max")))
    texts = {}
    for lang, body in d.items():
        if lang in LANGUAGES:
            if not isinstance(body, dict) or not isinstance(body.get("text"), str) \
                    or not isinstance(body.get("title", ""), str):
                raise _fail(path, src.mark((lang,))[0], f"'{lang}' needs a 'text' (and a 'title' for articles)")
            status = body.get("status")
            if status is not None and status not in ("draft", "reviewed"):
                raise _fail(path, src.mark((lang, "status"))[0], "status must be draft or reviewed")
            texts[lang] = {"title": body.get("title", ""), "text": body["text"], "status": status,
                           "source_hash": str(body.get("source_hash") or "")}
    if not texts:
        raise _fail(path, 1, "the clause has no text in any language (fr:, en: …)")
    source = d.get("source", "fr")
    if source not in texts:
        raise _fail(path, src.mark(("source",))[0], f"the source language '{source}' has no text")
    _check_syntax(path, src, texts)
    return Clause(ident, need("version", int), part, need("order", int),
                  bool(d.get("optional", False)), d.get("when"), tuple(params), texts, str(path),
                  source, d.get("also_when"))


@lru_cache(maxsize=1)
def _syntax_checker() -> tuple:
    """The sandbox that checks clause texts, and what their digests cover besides the text
    (made once per process, not once per clause file)."""
    env = sandbox.environment(text_mode=True)
    return env, checked_texts.prefix(env)


def _check_syntax(path: Path, src, texts: dict) -> None:
    """A syntax error is the library's problem: say where (a text that parsed before, in
    this run or an earlier one, is not parsed again: :mod:`.checked_texts`)."""
    env, head = _syntax_checker()
    for lang, body in texts.items():
        for field in ("title", "text"):
            key = checked_texts.digest(body[field], head)
            if checked_texts.seen(key):
                continue
            try:
                env.parse(body[field])
            except RecursionError:
                raise _fail(path, src.mark((lang, field))[0],
                            f"{lang}.{field} is nested too deeply") from None
            except sandbox.TemplateError as exc:
                line = src.mark((lang, field))[0] + (getattr(exc, "lineno", 1) or 1)
                raise _fail(path, line, f"template error in {lang}.{field}: {exc}") from None
            checked_texts.add(key)


def load(root: str | Path) -> Library:
    """The library in ``root``; cached until one of its files changes."""
    root = Path(root)
    if not root.is_dir():
        raise LibraryError(f"{root}: the clause library folder does not exist")
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(root.glob("*.yaml")))
    return _load(root.resolve(), stamp)


@lru_cache(maxsize=8)
def _load(root: Path, stamp: tuple) -> Library:
    clauses = {}
    try:
        for path in sorted(root.glob("*.yaml")):
            if path.name in NOT_CLAUSES:
                continue
            clause = _load_clause(path)
            clauses[clause.id] = clause
    finally:  # what parsed is kept, even when a later file is wrong
        checked_texts.save()
    return Library(root, clauses)


load.cache_clear = _load.cache_clear


# -- rendering -------------------------------------------------------------------
_ITEM = re.compile(r"^\s*- +")
_SPACES = re.compile(r" {2,}")


_BLOCKS = Kept()  # rendered text -> its blocks, for the process: a clause without values, or
# with the same values, renders the same text in every document


def blocks(rendered: str) -> tuple:
    """Split rendered clause text into paragraphs and list items."""
    text = str(rendered)
    found = _BLOCKS.get(text)
    return _BLOCKS.put(text, _blocks(text)) if found is None else found


def _blocks(rendered: str) -> tuple:
    out, current, kind = [], [], "p"

    def flush():
        if current:  # an empty value ("" honorific) must not leave a double space
            text = " ".join(current)
            out.append(Block(kind, sandbox.Markup(_SPACES.sub(" ", text) if "  " in text else text)))
            current.clear()

    for line in rendered.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
            kind = "p"
        elif stripped[0] == "-" and _ITEM.match(line):
            flush()
            kind = "item"
            current.append(_ITEM.sub("", line).strip())
        else:
            current.append(stripped)
    flush()
    return tuple(Block("lead", b.text) if b.kind == "p" and n + 1 < len(out) and out[n + 1].kind == "item"
                 else b for n, b in enumerate(out))


@contextmanager
def _as_library_error(where: str):
    """What a clause's template does wrong, as a :class:`LibraryError` naming ``where``."""
    try:
        yield
    except (sandbox.SecurityError, RecursionError, MemoryError) as exc:
        raise LibraryError(f"{where}: {sandbox.refusal(exc)}") from None
    except sandbox.TemplateError as exc:
        raise LibraryError(f"{where}: {exc}") from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
        raise LibraryError(f"{where}: {type(exc).__name__}: {exc}") from None


def render_text(source: str, context: dict, env, where: str) -> sandbox.Markup:
    """Render one clause text in the sandbox; errors name the clause and language."""
    literal = plain.text(env, source)
    if literal is not None:  # a title: nothing to run
        return sandbox.Markup(literal)
    with _as_library_error(where):
        return sandbox.Markup(env.template(source).render(context))


def applies(clause: Clause, context: dict, env, include) -> bool:
    """Whether a clause is in the document: core ones always, optional ones when the spec
    lists them or when their ``also_when`` holds; then only if their ``when`` holds."""
    if clause.optional and clause.id not in include:
        if not (clause.also_when and _holds(clause, "also_when", context, env)):
            return False
    return not clause.when or _holds(clause, "when", context, env)


def _holds(clause: Clause, field: str, context: dict, env) -> bool:
    source = getattr(clause, field)
    found, value = plain.condition(env, source, context)
    if found:  # ``when: "not light or coherence.plans"``
        return bool(value)
    with _as_library_error(f"{clause.path}: {field}"):
        return bool(env.compile_expression(source, undefined_to_none=False)(**context))
