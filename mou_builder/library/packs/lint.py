"""Checks of a pack (``mou packs check``) and of layout templates in general.

Each finding is a line ``PLACE: what is wrong: what to do``. A pack is checked for:
its manifest and hashes; clauses that load, are written in every language the
pack declares, have no stale translation, and declare what they replace, written
against the library's current version; layout templates that are safe DOCX packages
(:mod:`..template_safety`), whose tags compile in the sandbox, hold straight quotes
and no spell-checker marks, sit in one run, reach for no ``_private`` attribute and
use only the names the layout provides.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from jinja2 import meta, nodes

from ...base.errors import LibraryError
from .. import clauses, legal, sandbox, templates, translations
from . import layer, manifest

# what render/layout.py gives a layout template (a test keeps the two in step)
LAYOUT_NAMES = {"doc", "signatures", "labels", "lang", "draft", "columns", "rows"}
TYPOGRAPHIC = "“”‘’„«»"
_TAG = re.compile(r"\{(?:<[^>]{0,2000}>)*[{%](.{0,4000}?)[%}](?:<[^>]{0,2000}>)*\}", re.S)
_XML = re.compile(r"<[^>]*>")


def check_template(path: Path) -> list[str]:
    """Findings on one DOCX layout template."""
    try:
        templates.check(path)
    except LibraryError as exc:
        return [exc.message]
    found = []
    with zipfile.ZipFile(path) as z:
        parts = [n for n in z.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
        for part in parts:
            found += _tags(path, part, z.read(part).decode("utf-8", "replace"))
    found += _jinja(path)
    return found


def _tags(path, part, xml: str) -> list[str]:
    found = []
    for match in _TAG.finditer(xml):
        raw, text = match.group(0), _XML.sub("", match.group(0))
        where = f"{path}: {part}: tag '{text[:60]}'"
        if "<w:proofErr" in raw:
            found.append(f"{where}: holds a spell-checker mark (w:proofErr): retype the tag in one go, "
                         f"or ignore the spelling in Word, so the tag is plain text")
        elif "</w:r>" in raw:
            found.append(f"{where}: is split across runs (formatting changes inside it): give the whole tag "
                         f"one formatting")
        quotes = sorted({c for c in text if c in TYPOGRAPHIC})
        if quotes:
            found.append(f"{where}: holds typographic quotes ({' '.join(quotes)}): write straight quotes "
                         f"(\" or ') inside tags; turn off Word's smart quotes while typing them")
    return found


def _jinja(path: Path) -> list[str]:
    from docxtpl import DocxTemplate

    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
        source = "".join(tpl.patch_xml(x) for x in [tpl.get_xml(), *_headers(tpl)])
        tree = sandbox.environment().parse(source)
    except sandbox.TemplateError as exc:
        return [f"{path}: a tag does not compile: {exc}"]
    except Exception as exc:  # docxtpl on a malformed package
        return [f"{path}: cannot read the template's tags: {type(exc).__name__}: {exc}"]
    found = []
    unknown = sorted(meta.find_undeclared_variables(tree) - LAYOUT_NAMES)
    if unknown:
        found.append(f"{path}: uses {', '.join(unknown)}, which the layout does not provide "
                     f"(names: {', '.join(sorted(LAYOUT_NAMES))}; see docs/templates.md)")
    private = sorted({n.attr for n in tree.find_all(nodes.Getattr) if n.attr.startswith("_")}
                     | {n.arg.value for n in tree.find_all(nodes.Getitem)
                        if isinstance(n.arg, nodes.Const) and str(n.arg.value).startswith("_")})
    if private:
        found.append(f"{path}: reaches for {', '.join(private)}: a template may not use names starting "
                     f"with '_' (Python internals); the sandbox refuses them")
    return found


def _headers(tpl):
    part = tpl.docx.part
    for rel in part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")):
            yield rel.target_part.blob.decode("utf-8", "replace")


def check_pack(folder: Path, library: clauses.Library) -> list[str]:
    """Every finding on the pack in ``folder`` (laid over ``library`` for replacements)."""
    try:
        pack = manifest.read(folder)
        manifest.verify(pack)
    except LibraryError as exc:
        return [exc.message]
    found = []
    try:
        entries = layer.pack_clauses(pack)
    except LibraryError as exc:
        return [exc.message]
    for clause, replaces in entries:
        found += _clause(pack, clause, replaces, library)
    for name in ("agreement.docx", "parallel.docx"):
        if pack.file(f"templates/{name}"):
            found += check_template(pack.root / "templates" / name)
    try:
        layer.defaults([pack])
        legal.load(pack.root / "clauses" / "legal")
    except LibraryError as exc:
        found.append(exc.message)
    return found


def _clause(pack, clause, replaces, library) -> list[str]:
    found = [f"{clause.path}: declared language '{lang}' has no text: add a '{lang}:' block, or take "
             f"'{lang}' out of the pack's languages" for lang in pack.languages if lang not in clause.texts]
    for lang in clause.texts:
        problem = translations.state(clause, lang)
        if problem:
            found.append(f"{clause.path}: {lang}: {problem}")
    under = library.get(clause.id)
    if under is not None and replaces is None:
        found.append(f"{clause.path}: replaces the library clause '{clause.id}' (v{under.version}) without "
                     f"saying so: add 'replaces: {{id: {clause.id}, version: {under.version}}}'")
    elif under is None and replaces is not None:
        found.append(f"{clause.path}: replaces '{clause.id}', which the library does not hold")
    elif replaces is not None and under.version > replaces["version"]:
        found.append(f"{clause.path}: written against '{clause.id}' v{replaces['version']}, but the library "
                     f"is at v{under.version}: compare the texts ('mou clauses show {clause.id}'), update "
                     f"this one and its 'replaces.version'")
    return found


def check_library_templates(folder: Path) -> list[str]:
    """Findings on the built-in layout templates (for ``mou clauses check``)."""
    return [f for path in sorted(Path(folder).glob("*/*.docx")) for f in check_template(path)]
