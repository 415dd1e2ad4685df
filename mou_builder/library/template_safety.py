"""What a layout template may hold, checked as XML before docxtpl opens it.

A template is a Word package from elsewhere: it must not make the document fetch
anything (a linked picture, an included text, a remote attached template, a hyperlink
relationship), run anything (macros, ActiveX, embedded objects) or carry parts we do
not know. The package's content types and every relationship are parsed as XML
(whatever their encoding and however an attribute is written), part and relationship
types are allow-listed, and the Word parts are searched for fields that fetch.
"""
from __future__ import annotations

import posixpath
import re
import zipfile

from lxml import etree

from ..base.errors import LibraryError

_OFFICE = "application/vnd.openxmlformats-officedocument."
_WORD = _OFFICE + "wordprocessingml."
PART_TYPES = frozenset({
    "application/xml", "application/vnd.openxmlformats-package.relationships+xml",
    "application/vnd.openxmlformats-package.core-properties+xml",
    _OFFICE + "extended-properties+xml", _OFFICE + "custom-properties+xml",
    _OFFICE + "customXmlProperties+xml", _OFFICE + "theme+xml", _OFFICE + "obfuscatedFont",
    *(_WORD + kind + "+xml" for kind in (
        "document.main", "template.main", "styles", "settings", "webSettings", "fontTable",
        "numbering", "header", "footer", "footnotes", "endnotes", "comments", "commentsExtended",
        "commentsIds", "commentsExtensible", "people", "document.glossary")),
    "application/vnd.ms-word.stylesWithEffects+xml",
    "image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/x-emf", "image/x-wmf",
})
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships/"
RELATIONSHIP_TYPES = frozenset({
    _PKG + "metadata/core-properties", _PKG + "metadata/thumbnail",
    *(_REL + kind for kind in (
        "officeDocument", "extended-properties", "custom-properties", "styles", "settings",
        "webSettings", "fontTable", "theme", "numbering", "header", "footer", "footnotes",
        "endnotes", "comments", "customXml", "customXmlProps", "image", "font", "glossaryDocument")),
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.microsoft.com/office/2011/relationships/people",
    "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
    "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
    "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
})
_FETCHING_FIELD = re.compile(r"\b(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDEAUTO|DDE|IMPORT)\b", re.I)
_NETWORK = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|\\\\|//)", re.I)  # a scheme, a UNC or network path
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_EMBEDDING = {f"{{{_W}}}object", f"{{{_W}}}control", f"{{{_W}}}subDoc", f"{{{_W}}}altChunk",
              "{urn:schemas-microsoft-com:office:office}OLEObject"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _xml(path, z: zipfile.ZipFile, name: str):
    try:
        root = etree.fromstring(z.read(name), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise LibraryError(f"{path}: part '{name}' is not well-formed XML ({exc})") from None
    if root.getroottree().docinfo.doctype:
        raise LibraryError(f"{path}: part '{name}' declares a DOCTYPE; a Word part never does")
    return root


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _extension(name: str) -> str:
    base = posixpath.basename(name)
    return base.rsplit(".", 1)[1].lower() if "." in base else ""


def content_types(path, z: zipfile.ZipFile) -> dict:
    """The content type of every part of the package (refusing those not allowed)."""
    if "[Content_Types].xml" not in z.namelist():
        raise LibraryError(f"{path}: not a Word package (no [Content_Types].xml)")
    root = _xml(path, z, "[Content_Types].xml")
    defaults, overrides = {}, {}
    for el in root.iter():
        if _local(el.tag) == "Default":
            defaults[el.get("Extension", "").lower()] = el.get("ContentType", "").strip()
        elif _local(el.tag) == "Override":
            overrides[el.get("PartName", "").lstrip("/").lower()] = el.get("ContentType", "").strip()
    types = {}
    for name in z.namelist():
        if name.endswith("/") or name == "[Content_Types].xml":
            continue
        kind = overrides.get(name.lower()) or defaults.get(_extension(name), "")
        if kind.split(";")[0].strip().lower() not in {t.lower() for t in PART_TYPES}:
            raise LibraryError(f"{path}: part '{name}' has the type '{kind or 'unknown'}', which a layout "
                               f"template may not hold (macros, embedded objects and unknown parts are "
                               f"refused); remove it")
        types[name] = kind
    return types


def relationships(path, z: zipfile.ZipFile, name: str) -> None:
    """Every relationship of ``name`` (a .rels part) internal and of an allowed type."""
    for el in _xml(path, z, name).iter():
        if _local(el.tag) != "Relationship":
            continue
        kind, target = el.get("Type", "").strip(), el.get("Target", "")
        mode = el.get("TargetMode")
        if (mode is not None and mode.strip().lower() != "internal") or _NETWORK.match(target):
            raise LibraryError(f"{path}: '{name}' links to an external file or address "
                               f"('{target}'); remove the link")
        if kind not in RELATIONSHIP_TYPES:
            what = "an attached template" if kind.endswith("/attachedTemplate") else \
                "macros" if "vba" in kind.lower() else f"a relationship of type '{kind}'"
            raise LibraryError(f"{path}: '{name}' holds {what}, which a layout template may not; remove it")


def word_part(path, z: zipfile.ZipFile, name: str) -> None:
    """No field that fetches, no embedded object, no address to fetch in a Word part."""
    root = _xml(path, z, name)
    instructions = []
    for el in root.iter():
        local = _local(el.tag)
        if el.tag in _EMBEDDING:
            raise LibraryError(f"{path}: '{name}' holds an embedded object or control ({local}); "
                               f"remove it")
        if local == "instrText":
            instructions.append(el.text or "")
        elif local == "fldSimple":
            instructions.append(" " + (el.get(f"{{{_W}}}instr") or "") + " ")
        for attr, value in el.attrib.items():
            if _local(attr) in ("href", "src", "link") and _NETWORK.match(value):
                raise LibraryError(f"{path}: '{name}' refers to an outside address ('{value}'); remove it")
    code = "".join(instructions)
    found = _FETCHING_FIELD.search(code)
    if found or re.search(r"[a-z]+://|\\\\", code, re.I):
        what = found.group(1).upper() if found else "with an address"
        raise LibraryError(f"{path}: '{name}' holds a field {what} that fetches from outside the "
                           f"document; remove the field")


def check(path, z: zipfile.ZipFile) -> None:
    """Raise :class:`LibraryError` unless every part of the package may be in a template."""
    for name, kind in content_types(path, z).items():
        if name.endswith(".rels"):
            relationships(path, z, name)
        elif kind.startswith(_WORD):
            word_part(path, z, name)
