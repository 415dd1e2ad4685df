"""``mou packs diff OLD NEW``: what a new version of a pack changes, clause texts word by
word (as ``mou diff`` shows them), vocabulary, default values and layout templates."""
from __future__ import annotations

from pathlib import Path

from ..library import clauses
from ..library.packs import layer, manifest, semver
from . import diff


def _clauses(pack) -> clauses.Library:
    return clauses.Library(pack.root / "clauses", {c.id: c for c, _ in layer.pack_clauses(pack)})


def compare(old_root: Path, new_root: Path, markdown: bool = False) -> str:
    """The report of the changes from the pack in ``old_root`` to the one in ``new_root``."""
    old, new = manifest.read(old_root), manifest.read(new_root)
    for pack in (old, new):
        manifest.verify(pack)
    style = "markdown" if markdown else "plain"
    report = diff.Report(diff._clause_changes(_clauses(old), _clauses(new), style),
                         diff._label_changes(old.root, new.root), [])
    text = diff.format_report(report, old.label, new.label, markdown, affects=False)
    text = text.replace("the clause library or the specs", "the clauses or the vocabulary")
    extra = _other_changes(old, new)
    return text + ("\n".join(extra) + "\n" if extra else "")


def _other_changes(old, new) -> list[str]:
    lines = []
    if old.version >= new.version:
        lines.append(f"Note: {new.label} is not newer than {old.label}")
    for relative in sorted(set(old.files) | set(new.files)):
        if not relative.startswith("templates/"):
            continue
        a, b = old.files.get(relative), new.files.get(relative)
        if a != b:
            state = "added" if a is None else "removed" if b is None else "changed"
            lines.append(f"Layout template {relative}: {state}")
    a, b = dict(diff._leaves(layer.defaults([old]))), dict(diff._leaves(layer.defaults([new])))
    changed = [f"  {key}: {diff._shown(a.get(key))} → {diff._shown(b.get(key))}"
               for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)]
    if changed:
        lines += ["Default values (defaults.yaml)", *changed]
    requires = {k: (old.requires.get(k), new.requires.get(k)) for k in set(old.requires) | set(new.requires)}
    lines += [f"Requires {k}: {x or '-'} → {y or '-'}" for k, (x, y) in sorted(requires.items()) if x != y]
    if old.version != new.version:
        lines.insert(0, f"Version {semver.show(old.version)} → {semver.show(new.version)}")
    return lines
