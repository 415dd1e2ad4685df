"""`mou diff`: what changed in the clause library and the specs between two git revisions.

Both sides are read from git (``git archive``), the second one from the working
tree when no revision is given. Each changed clause is shown per language as
word-level changes of its text as a reader reads it (:mod:`.reading`), with the
agreements whose documents use it; changed specs (any YAML file of the repository
with ``format: mou/1``) are shown value by value, texts word by word.
"""
from __future__ import annotations

import io
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import model, validation
from ..base import worddiff
from ..base.errors import LibraryError, MouError, SpecInvalid
from ..drafting.assemble import assemble
from ..library import clauses
from ..library.resources import library_dir
from . import reading
from .git import git, repo_root, verify

LIBRARY = "clauses"
SPECS = "agreements"


def materialise(repo: Path, ref: str, dest: Path) -> Path:
    """The clauses/ folder and every YAML file outside it of ``ref``, written out under ``dest``."""
    verify(repo, ref)
    listed = git(repo, "ls-tree", "-r", "--name-only", "-z", ref).split("\0")
    present = [p for p in listed if p.startswith(f"{LIBRARY}/") or p.endswith((".yaml", ".yml"))]
    if present:
        data = git(repo, "archive", "--format=tar", ref, *present, binary=True)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(dest, filter="data")
    return dest


def spec_files(root: Path, working_tree: bool) -> dict:
    """Every spec of the tree at ``root`` (a YAML file with ``format: mou/1``, outside clauses/):
    relative path -> path. In a working tree, the files git tracks or would track."""
    if working_tree:
        listed = git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    else:
        listed = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
    out = {}
    for rel in sorted(set(listed)):
        if not rel.endswith((".yaml", ".yml")) or rel.startswith(f"{LIBRARY}/") or rel.startswith("."):
            continue
        path = root / rel
        try:
            data = validation.load(path).data
        except SpecInvalid:
            data = None
        if (isinstance(data, dict) and data.get("format") == "mou/1") or rel.startswith(f"{SPECS}/"):
            out[rel] = path
    return out


def unbumped_versions(library) -> list[str]:
    """Clauses whose text changed since the last commit while their version did not.

    Empty when the library is not in a git repository (nothing to compare with).
    """
    try:
        root = Path(git(library.root, "rev-parse", "--show-toplevel").strip())
        git(root, "rev-parse", "--verify", "--quiet", "HEAD")
    except MouError:
        return []
    out = []
    for clause in sorted(library.clauses.values(), key=lambda c: c.id):
        rel = Path(clause.path).resolve().relative_to(root.resolve()).as_posix()
        try:
            committed = git(root, "show", f"HEAD:{rel}")
        except MouError:
            continue  # a new file: no earlier version
        with tempfile.TemporaryDirectory() as tmp:
            old_path = Path(tmp, Path(rel).name)
            old_path.write_text(committed, encoding="utf-8")
            try:
                old = clauses.read_clause(old_path)
            except LibraryError:
                continue
        # a translation added is not a change of the clause; a text changed or removed is
        changed = [lang for lang in old.texts
                   if (old.texts[lang]["title"], old.texts[lang]["text"]) !=
                   ((clause.texts.get(lang) or {}).get("title"), (clause.texts.get(lang) or {}).get("text"))]
        if changed and old.version >= clause.version:
            out.append(f"{clause.path}: the text changed since the last commit but the version is "
                       f"still {clause.version}; raise 'version:' to {old.version + 1}")
    return out


@dataclass
class ClauseChange:
    id: str
    path: str
    state: str  # added, removed, modified
    version: tuple  # (old, new)
    languages: dict = field(default_factory=dict)  # lang -> (title lines, text lines)
    affects: dict = field(default_factory=dict)    # spec path -> languages


@dataclass
class Report:
    clauses: list
    labels: list   # (name, lang, old, new)
    specs: list    # (path, state, fields)

    @property
    def empty(self) -> bool:
        return not (self.clauses or self.labels or self.specs)


def _library(root: Path):
    folder = root / LIBRARY
    if not folder.is_dir():
        return None
    clauses.load.cache_clear()
    try:
        return clauses.load(folder)
    except LibraryError as exc:
        raise MouError(f"the clause library cannot be read: {exc}") from None


def _clause_changes(old, new, style) -> list:
    """Changed clauses, per language, word by word, their texts as a reader reads them."""
    names = reading.glossary((new or old).root) if (new or old) else {}

    def read(text):
        return reading.readable(text, names)
    old_ids = set(old.clauses) if old else set()
    new_ids = set(new.clauses) if new else set()
    out = []
    for ident in sorted(old_ids | new_ids):
        a = old.get(ident) if old else None
        b = new.get(ident) if new else None
        state = "added" if a is None else "removed" if b is None else "modified"
        change = ClauseChange(ident, f"{LIBRARY}/{ident}.yaml", state,
                              (a.version if a else None, b.version if b else None))
        for lang in sorted(set(a.texts if a else {}) | set(b.texts if b else {})):
            before = a.texts.get(lang, {}) if a else {}
            after = b.texts.get(lang, {}) if b else {}
            title = worddiff.changed_lines(read(before.get("title", "")), read(after.get("title", "")), style)
            text = worddiff.changed_lines(read(before.get("text", "")), read(after.get("text", "")), style)
            if title or text:
                change.languages[lang] = (title, text)
        if change.languages or change.version[0] != change.version[1]:
            out.append(change)
    return out


def _label_changes(old_root: Path, new_root: Path) -> list:
    from ..drafting.i18n import label_entries

    def read(root):
        path = root / LIBRARY / "labels.yaml"
        if not path.exists():
            return {}
        return {".".join(map(str, k)): v for k, v in label_entries(validation.load(path).data or {})}
    a, b = read(old_root), read(new_root)
    out = []
    for name in sorted(set(a) | set(b)):
        for lang in sorted(set(a.get(name, {})) | set(b.get(name, {}))):
            x, y = a.get(name, {}).get(lang), b.get(name, {}).get(lang)
            if x != y:
                out.append((name, lang, x, y))
    return out


def _leaves(value, path=()):
    """(dotted path, value) of every scalar of a spec."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list) and value:
        for i, item in enumerate(value):
            yield from _leaves(item, path + (i,))
    else:
        yield validation.dotted(path), value


def _spec_lines(a: Path, b: Path, style: str) -> list[str]:
    """What changed in a spec, value by value, texts word by word."""
    try:
        old, new = dict(_leaves(validation.load(a).data)), dict(_leaves(validation.load(b).data))
    except SpecInvalid:
        return ["(not readable)"]
    lines = []
    for key in list(dict.fromkeys([*old, *new])):
        x, y = old.get(key), new.get(key)
        if key in old and key in new and x == y:
            continue
        if isinstance(x, str) and isinstance(y, str):
            change = worddiff.render(worddiff.diff(x, y), style).strip()
        else:
            change = worddiff.render([worddiff.Segment("delete", _shown(x))] * (key in old)
                                     + [worddiff.Segment("insert", _shown(y))] * (key in new), style)
        lines.append(f"{key}: {change}")
    return lines


def _shown(value) -> str:
    return "true" if value is True else "false" if value is False else "[]" if value == [] else \
        "{}" if value == {} else str(value)


def _spec_changes(old_root: Path, new_root: Path, working_tree: bool, style: str) -> list:
    a, b = spec_files(old_root, False), spec_files(new_root, working_tree)
    out = []
    for name in sorted(set(a) | set(b)):
        if name not in a:
            out.append((name, "added", []))
        elif name not in b:
            out.append((name, "removed", []))
        elif a[name].read_bytes() != b[name].read_bytes():
            out.append((name, "modified", _spec_lines(a[name], b[name], style)))
    return out


def _uses(root: Path, library, working_tree: bool) -> dict:
    """For each spec under ``root``: {(clause id, lang), …} its documents use."""
    out = {}
    for rel, path in spec_files(root, working_tree).items():
        checked = validation.check_file(path, library)
        if checked.failed():
            continue
        agreement = model.build(checked.source.data, str(path))
        used = set()
        for lang in agreement.languages:
            try:
                used |= {(ident, lang) for ident, _ in assemble(agreement, library, lang).clauses_used}
            except MouError:
                continue
        out[rel] = used
    return out


def compare(repo: Path, ref1: str, ref2: str | None = None, style: str = "plain") -> Report:
    root = repo_root(repo)
    with tempfile.TemporaryDirectory(prefix="mou-diff-") as tmp:
        old_root = materialise(root, ref1, Path(tmp, "old"))
        new_root = materialise(root, ref2, Path(tmp, "new")) if ref2 else root
        old_lib, new_lib = _library(old_root), _library(new_root)
        report = Report(_clause_changes(old_lib, new_lib, style), _label_changes(old_root, new_root),
                        _spec_changes(old_root, new_root, ref2 is None, style))
        if report.clauses:
            library = new_lib or clauses.load(library_dir())
            uses = _uses(new_root, library, ref2 is None)
            for change in report.clauses:
                for spec_path, used in uses.items():
                    langs = sorted({lang for ident, lang in used if ident == change.id}
                                   & (set(change.languages) or {lang for _, lang in used}))
                    if langs:
                        change.affects[spec_path] = langs
        clauses.load.cache_clear()
    return report


def format_report(report: Report, ref1: str, ref2: str | None, markdown: bool = False,
                  affects: bool = True) -> str:
    target = ref2 or "working tree"
    if report.empty:
        return f"No change in the clause library or the specs between {ref1} and {target}.\n"
    lines = [f"# Changes between {ref1} and {target}" if markdown else f"Changes between {ref1} and {target}", ""]
    for c in report.clauses:
        version = f"v{c.version[0]} → v{c.version[1]}" if c.version[0] != c.version[1] else f"v{c.version[1]}"
        head = f"Clause `{c.id}` ({c.state}, {version}) — `{c.path}`" if markdown \
            else f"Clause {c.id} ({c.state}, {version}) — {c.path}"
        lines.append(f"## {head}" if markdown else head)
        for lang, (title, text) in c.languages.items():
            for line in title:
                lines.append(f"- **{lang}** title: {line}" if markdown else f"  {lang} title: {line}")
            for line in text:
                lines.append(f"- **{lang}**: {line}" if markdown else f"  {lang}: {line}")
        if not affects:
            pass
        elif c.affects:
            used = "; ".join(f"{path} ({', '.join(langs)})" for path, langs in c.affects.items())
            lines.append(f"\nAffects: {used}" if markdown else f"  affects: {used}")
        else:
            lines.append("\nAffects no agreement of the repository." if markdown
                         else "  affects no agreement of the repository")
        lines.append("")
    if report.labels:
        lines.append("## Vocabulary (clauses/labels.yaml)" if markdown else "Vocabulary (clauses/labels.yaml)")
        for name, lang, old, new in report.labels:
            lines.append(f"- `{name}` {lang}: {old!r} → {new!r}" if markdown else f"  {name} {lang}: {old!r} → {new!r}")
        lines.append("")
    if report.specs:
        lines.append("## Specs" if markdown else "Specs")
        for path, state, changes in report.specs:
            lines.append(f"- `{path}`: {state}" if markdown else f"  {path}: {state}")
            lines += [f"  - {line}" if markdown else f"    {line}" for line in changes]
        lines.append("")
    return "\n".join(lines)
