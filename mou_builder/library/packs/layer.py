"""Layering: the built-in library, then each selected pack in order, then the spec.

A pack's clause with the id of one already present replaces it (it declares
``replaces: {id: ..., version: N}``, the version it was written against); a new id
adds a clause. A pack's ``clauses/labels.yaml`` overrides single labels; its
``clauses/legal/CC.yaml`` replaces the legal data of country CC; its
``templates/agreement.docx`` is the layout when the spec names no template (the last
pack holding one wins); its ``defaults.yaml`` gives spec values the spec itself does
not (see :func:`apply_defaults`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import clauses
from . import manifest, semver
from .manifest import Pack, PackError


@dataclass(frozen=True)
class Origin:
    """Where one clause text in use comes from, and what it replaced."""

    layer: str  # "library" or "NAME VERSION"
    path: str
    version: int
    replaces: tuple = ()  # (layer, version) of each text it overrides, nearest first
    written_against: int | None = None


class LabelFiles(tuple):
    """The vocabulary files in layering order (the library's first)."""

    def __str__(self):
        return " + ".join(map(str, self))


class Layered(clauses.Library):
    """A library with packs over it; ``packs`` in order, ``origins`` per clause id."""

    def __init__(self, base: clauses.Library, packs: list, clause_map: dict, origins: dict):
        super().__init__(base.root, clause_map)
        self.base = base
        self.packs = tuple(packs)
        self.origins = origins

    @property
    def labels_path(self):
        extra = [p.root / "clauses" / "labels.yaml" for p in self.packs if p.file("clauses/labels.yaml")]
        return LabelFiles([self.base.labels_path, *extra]) if extra else self.base.labels_path

    def legal(self):
        """The library's legal data; a pack's ``clauses/legal/CC.yaml`` replaces country CC's."""
        from .. import legal

        merged = self.base.legal()
        for pack in self.packs:
            own = legal.load(pack.root / "clauses" / "legal")
            merged = legal.Legal({**merged.bases, **own.bases}, {**merged.steps, **own.steps})
        return merged

    @property
    def drafting_dir(self):
        """Drafting data (titles, institution words): the last pack holding a clauses/drafting/
        folder gives it whole, else the library's."""
        for pack in reversed(self.packs):
            if any(name.startswith("clauses/drafting/") for name in pack.files):
                return pack.root / "clauses" / "drafting"
        return getattr(self.base, "drafting_dir", None)

    def template_folder(self) -> Path | None:
        """The folder of the last pack holding a layout template."""
        for pack in reversed(self.packs):
            if pack.file("templates/agreement.docx"):
                return pack.root / "templates"
        return None

    def pack_of(self, path: Path):
        path = Path(path).resolve()
        for pack in self.packs:
            if pack.root.resolve() in path.parents:
                return pack
        return None


def pack_clauses(pack: Pack) -> list[tuple]:
    """(Clause, replaces-or-None) for each clause file of a pack."""
    out = []
    for relative in sorted(pack.files):
        if relative.count("/") != 1 or not relative.startswith("clauses/") \
                or relative.endswith(clauses.NOT_CLAUSES):
            continue
        path = pack.root / relative
        clause = clauses.read_clause(path)
        data = clauses.read_yaml(path).data
        replaces = data.get("replaces")
        if replaces is not None and not (isinstance(replaces, dict) and replaces.get("id") == clause.id
                                         and isinstance(replaces.get("version"), int)):
            raise PackError(f"{path}: 'replaces' is {{id: {clause.id}, version: N}}: the library clause "
                            f"this text replaces and the version it was written against")
        out.append((clause, replaces))
    return out


def layer(base: clauses.Library, packs: list) -> clauses.Library:
    """``base`` with ``packs`` over it, in order; ``base`` itself when there is no pack."""
    if not packs:
        return base
    check_requirements(packs)
    clause_map = dict(base.clauses)
    origins = {ident: Origin("library", c.path, c.version) for ident, c in base.clauses.items()}
    for pack in packs:
        for clause, replaces in pack_clauses(pack):
            before = origins.get(clause.id)
            chain = ((before.layer, before.version),) + before.replaces if before else ()
            origins[clause.id] = Origin(pack.label, clause.path, clause.version, chain,
                                        replaces["version"] if replaces else None)
            clause_map[clause.id] = clause
    return Layered(base, packs, clause_map, origins)


def check_requirements(packs: list) -> None:
    """Each pack's ``requires`` met by a pack listed before it (or by the tool itself)."""
    from ... import __version__

    for index, pack in enumerate(packs):
        earlier = {p.name: p for p in packs[:index]}
        for name, wanted in pack.requires.items():
            if name == manifest.TOOL:
                tool = semver.parse(".".join((__version__.split("+")[0].split(".") + ["0", "0"])[:3]))
                if not semver.matches(tool, wanted):
                    raise PackError(f"{pack.label} requires {manifest.TOOL} {wanted}; this is {__version__}")
                continue
            have = earlier.get(name)
            if have is None:
                raise PackError(f"{pack.label} requires the pack {name} {wanted}: list {name} before "
                                f"{pack.name} under 'packs'")
            if not semver.matches(have.version, wanted):
                raise PackError(f"{pack.label} requires {name} {wanted}, but the spec selects {have.label}")


def defaults(packs: list) -> dict:
    """The packs' default spec values merged in order (a later pack wins)."""
    merged = {}
    for pack in packs:
        if pack.file("defaults.yaml"):
            data = clauses.read_yaml(pack.root / "defaults.yaml").data or {}
            if not isinstance(data, dict):
                raise PackError(f"{pack.root / 'defaults.yaml'}: default values are a mapping of spec fields")
            merged = merge(merged, data)
    return merged


def merge(under: dict, over: dict) -> dict:
    """``over`` on top of ``under``: mappings merged key by key, anything else replaced."""
    out = dict(under)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def prepare(path: Path, source, library: clauses.Library) -> clauses.Library:
    """The spec's ``packs`` over ``library``; their defaults put under the spec's values
    (``source.data`` completed). Called between LOAD and VALIDATE."""
    data = source.data
    entries = data.get("packs") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries or not all(isinstance(e, str) for e in entries):
        return library  # none, or malformed: validation says so
    selected = select(entries, Path(path).parent)
    source.data = merge(defaults(selected), data)
    return layer(library, selected)


def select(entries, spec_dir: Path) -> list:
    """The packs a spec's ``packs`` list names, found and verified (see :func:`store.find`)."""
    from . import store

    packs = [store.find(str(entry), spec_dir) for entry in entries]
    names = [p.name for p in packs]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise PackError(f"packs: {', '.join(repeated)} selected more than once")
    return packs


def explain(library: clauses.Library, ident: str) -> list[str]:
    """Where the text of clause ``ident`` in use comes from, and what it overrides."""
    origins = getattr(library, "origins", None)
    clause = library.get(ident)
    if not origins or ident not in origins:
        return [f"from the clause library ({clause.path}), v{clause.version}; no pack replaces it"]
    origin = origins[ident]
    where = "the clause library" if origin.layer == "library" else f"the pack {origin.layer}"
    lines = [f"from {where} ({origin.path}), v{origin.version}"]
    for name, version in origin.replaces:
        lines.append(f"  replaces the text of {'the clause library' if name == 'library' else name} (v{version})")
    if origin.written_against is not None:
        lines.append(f"  written against the library's v{origin.written_against}")
    if not origin.replaces and origin.layer != "library":
        lines.append("  a clause the pack adds (the library has none of this id)")
    return lines
