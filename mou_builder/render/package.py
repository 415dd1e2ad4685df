"""RENDER: a layout template opened once per process, and the packages made from it.

Plain docxtpl, for every document, opens the template with python-docx, rewrites the
XML of its body, headers and footers so that Jinja can read it, compiles it, renders,
parses the result back and has python-docx zip the package, which then had to be
zipped once more for reproducible bytes. Here a template is opened once for each
content (a file that changes is opened again): its zip entries are kept as bytes, the
XML of its body, headers, footers and footnotes is rewritten by docxtpl once and
compiled once, and what the layouts look up in it (the styles' names, their
right-to-left twins, the text width) is read once. A document renders those sources,
parses only the parts it changes, and writes its package in one pass, with fixed
dates, order and attributes, so that the same sources give the same bytes.

The parts every document in a language changes alike (the styles with the document's
language) are changed and compressed once per process, or read back from the cache folder
(:mod:`.zipped`): about 7 ms for each template and language a process would otherwise work
out again.
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import posixpath
import re
import zipfile
from html import escape
from pathlib import Path

from docx.enum.section import WD_HEADER_FOOTER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.styles import BabelFish
from docxtpl import DocxTemplate
from lxml import etree

from . import elements, grids, zipped
from .zipped import CONTENT_TYPES
from ..base import cachedir, digests
from ..base.errors import LibraryError
from ..library import templates

_PACKAGE_RELS = "_rels/.rels"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_NO_RELS = f'<Relationships xmlns="{_RELS_NS}"/>'.encode("utf-8")
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"
_RTL_SUFFIX = " RTL"
_TEXT_WIDTH_TWIPS = 9240  # A4 less 2 cm margins: when the section does not say
_APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<Application>mou_builder</Application><DocSecurity>0</DocSecurity>'
        '<AppVersion>{version}</AppVersion></Properties>')
_RENDERED_PROPERTIES = ("comments", "identifier")  # the others are set from the agreement
_PARAGRAPH = re.compile(r"<w:p([ >])")
_PARAGRAPH_BACK = re.compile(r"\n(?=<w:p[ >])")
_LISTING_CHARACTERS = ("\t", "\a", "\n", "\f")

_OPENED: dict[str, "Layout"] = {}


def opened(path: Path) -> "Layout":
    """The layout template at ``path``, checked (:func:`templates.check`, unless it is one of
    the built-in templates) and opened once for each content it has had."""
    try:
        key = digests.known(path)  # (the file as it was last read: not read again)
        layout = None if key is None else _OPENED.get(key)
        if layout is None:
            data, key = digests.read(path)
            layout = _OPENED.get(key)
    except OSError as exc:
        raise LibraryError(f"{path}: cannot read the template: {exc.strerror or exc}") from None
    if layout is None:
        if not templates.is_builtin(path):  # the built-in ones come with the code (a test checks them)
            templates.check(path, data)
        if len(_OPENED) >= 16:  # a long-running process that sees many templates
            _OPENED.pop(next(iter(_OPENED)))
        layout = _OPENED[key] = Layout(data, key)
    return layout


def _xml(element) -> str:
    """An element as docxtpl reads it (text, not pretty-printed)."""
    return etree.tostring(element, encoding="unicode", pretty_print=False)


def rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _target(part: str, target: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target)).lstrip("/")


class Layout:
    """A template's entries, its sources for Jinja, and what the layouts look up in it."""

    def __init__(self, data: bytes, digest: str):
        self.digest = digest  # of ``data``
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            self.entries = {name: package.read(name) for name in package.namelist()}
        self.docxtpl = DocxTemplate(io.BytesIO(data))  # for its XML rewriting only: never opened
        self.document = next(_target("", rel.get("Target")) for rel in parse_xml(self.entries[_PACKAGE_RELS])
                             if rel.get("Type") == RT.OFFICE_DOCUMENT)
        shell = parse_xml(self.entries[self.document])
        self.body = self._source(_xml(shell.body))
        shell.replace(shell.body, shell.body.makeelement(shell.body.tag, {}))
        self._shell = shell  # the document part without its body: copied for each document
        self.rendered_parts = {}  # part name -> Jinja source (headers, footers, footnotes)
        self.rels = {}  # relationship id of the document part -> part name
        self.text_parts = set()  # rendered parts kept as text (footnotes, as docxtpl does)
        self.styles = None
        for rel in parse_xml(self.entries.get(rels_name(self.document), _NO_RELS)):
            if rel.get("TargetMode") == "External":
                continue
            name, kind = _target(self.document, rel.get("Target")), rel.get("Type")
            self.rels[rel.get("Id")] = name
            if kind in (RT.HEADER, RT.FOOTER) and self.entries.get(name):
                self.rendered_parts[name] = self._source(_xml(parse_xml(self.entries[name])))
            elif kind == RT.FOOTNOTES and name in self.entries:
                self.rendered_parts[name] = self._source(self.entries[name].decode("utf-8"))
                self.text_parts.add(name)
            elif kind == RT.STYLES and name in self.entries:
                self.styles = name
        if self.styles is None:
            raise KeyError("word/styles.xml (the template has no styles)")
        self._read_styles(parse_xml(self.entries[self.styles]))
        self.core = self.entries.get("docProps/core.xml")
        self.derived = {}  # (part name, key) -> the part's bytes after a change made once
        self.deflated = {}  # (part name, key) -> its compressed entry

    def derived_part(self, name: str, key, change) -> bytes:
        """Part ``name`` as ``change`` leaves it (the same for every document given ``key``),
        and its compressed entry: made once per process, or read back from the cache folder
        (named by the source of the module that makes the change, too)."""
        found = self.derived.get((name, key))
        if found is None:
            source = cachedir.source_digest(getattr(change, "__module__", None))
            kept_as = zipped.kept_name(self.digest, "derived", name, key, source) if source else None
            found, self.deflated[(name, key)] = zipped.kept_part(kept_as, lambda: self._changed(name, change))
            self.derived[(name, key)] = found
        return found

    def _changed(self, name: str, change) -> bytes:
        root = parse_xml(self.entries[name])
        change(root)
        return serialize_part_xml(root)

    def _read_styles(self, styles) -> None:
        """The styles' names by id (as Word shows them), their right-to-left twins, the
        default table style."""
        names = {}
        for style in styles.findall(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None and name.get(qn("w:val")) is not None:
                names[style.get(qn("w:styleId"))] = BabelFish.internal2ui(name.get(qn("w:val")))
        ids = {name: sid for sid, name in names.items()}
        self.style_names = names
        self.rtl_twins = {sid: ids[name + _RTL_SUFFIX] for sid, name in names.items() if name + _RTL_SUFFIX in ids}
        default = styles.xpath("w:style[@w:type='table' and @w:default='1']/@w:styleId")
        self.default_table_style = default[0] if default else None

    def table_style(self, tbl) -> str | None:
        """The name of a table's style (the template's default table style when it names none)."""
        style = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
        sid = style.get(qn("w:val")) if style is not None else self.default_table_style
        return self.style_names.get(sid)

    def _source(self, xml: str) -> str:
        return _PARAGRAPH.sub(r"\n<w:p\1", self.docxtpl.patch_xml(xml))

    def render(self, context: dict, env, regridded=None) -> "Package":
        """A package whose body, headers, footers and footnotes are rendered with ``context``;
        ``regridded(layout, tbl)``: whether the caller gives body table ``tbl`` a grid of its
        own afterwards (docxtpl's fix of its grid would be undone)."""
        rendered = self._rendered(self.body, context, env)
        body = grids.parsed_body(rendered, self.docxtpl, None if regridded is None else lambda tbl: regridded(self, tbl))
        for n, doc_pr in enumerate(_DRAWINGS(body)):
            doc_pr.attrib["id"] = str(1001 + n)  # unique drawing ids, as docxtpl numbers them
        root = elements.clone(self._shell)
        root.replace(root.body, body)
        package = Package(self, root, rendered)
        for name, source in self.rendered_parts.items():
            xml = self._rendered(source, context, env)
            if name in self.text_parts:
                package.blobs[name] = xml.encode("utf-8")
            else:
                package.parts[name] = parse_xml(xml.encode("utf-8"))
        package.properties = self._properties(context, env)
        return package

    def _rendered(self, source: str, context: dict, env) -> str:
        xml = _PARAGRAPH_BACK.sub("", env.from_string(source).render(context))
        if "_" in xml:  # (one fast scan; most documents have no underscore at all)
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if any(c in xml for c in _LISTING_CHARACTERS):
            xml = self.docxtpl.resolve_listing(xml)
        return xml

    def _properties(self, context: dict, env) -> dict:
        if self.core is None:
            return {}
        props = CoreProperties(parse_xml(self.core))
        return {name: env.from_string(getattr(props, name)).render(context) for name in _RENDERED_PROPERTIES}


_SECTIONS = etree.XPath("./w:p/w:pPr/w:sectPr | ./w:sectPr", namespaces=elements.W)
_DRAWINGS = etree.XPath("//wp:docPr", namespaces={
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"})


class Package:
    """One document being made: the parts it changes as XML trees, the others as the
    template has them."""

    def __init__(self, layout: Layout, root, rendered_body: str = ""):
        self.layout = layout
        self.root = root
        # the body's XML as the template rendered it: whether a text occurs in the body is
        # found there, without gathering the text of the tree
        self.rendered_body = rendered_body
        self.parts = {layout.document: root}  # part name -> XML element
        self.blobs = {}  # part name -> bytes (new or rendered as text)
        self.properties = {}
        self._derived = {}  # part name -> key of its change in the layout's cache

    @property
    def body(self):
        return self.root.body

    @property
    def rtl_twins(self) -> dict:
        return self.layout.rtl_twins

    def part(self, name: str):
        """A part as an XML tree, parsed from the template the first time it is asked for."""
        if name not in self.parts:
            key = self._derived.pop(name, None)
            data = self.layout.derived[(name, key)] if key is not None else self.layout.entries[name]
            self.parts[name] = parse_xml(data)
        return self.parts[name]

    @property
    def styles(self):
        return self.part(self.layout.styles)

    def derive(self, name: str, key, change) -> None:
        """Part ``name`` as ``change`` (a function of its XML root) leaves it, the same for
        every document given the same ``key``: changed, serialised and compressed once."""
        if name in self.parts:  # already changed in this document alone: change it too
            change(self.parts[name])
            return
        self.layout.derived_part(name, key, change)
        self._derived[name] = key

    def sections(self) -> list:
        return _SECTIONS(self.body)

    def header_footer_parts(self) -> list:
        """The roots of every header and footer, as rendered."""
        return [root for name, root in self.parts.items() if name in self.layout.rendered_parts
                and root.tag in (qn("w:hdr"), qn("w:ftr"))]

    def referenced(self, sect_pr, kind: str) -> tuple:
        """The name and root of the header or footer a section shows (default type), or Nones."""
        for ref in sect_pr.findall(qn(f"w:{kind}Reference")):
            if ref.get(qn("w:type"), "default") == "default":
                name = self._rel_target(ref.get(qn("r:id")))
                if name is None or (name not in self.parts and name not in self.layout.entries):
                    return None, None  # a reference to nothing: the section shows no header
                return name, self.part(name)
        return None, None

    def _rel_target(self, r_id: str) -> str | None:
        rels = self.parts.get(rels_name(self.layout.document))
        if rels is None:
            return self.layout.rels.get(r_id)
        for rel in rels:
            if rel.get("Id") == r_id:
                return _target(self.layout.document, rel.get("Target"))
        return None

    def text_width(self) -> int:
        """Twips between the margins of the last section."""
        sections = self.sections()
        sect_pr = sections[-1] if sections else None
        try:
            size, margins = sect_pr.find(qn("w:pgSz")), sect_pr.find(qn("w:pgMar"))
            return int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))
        except (AttributeError, TypeError, ValueError):
            return _TEXT_WIDTH_TWIPS

    def add_header_footer(self, sect_pr, kind: str, source: "Package", name: str | None, root) -> None:
        """A copy of ``source``'s header or footer ``name`` (with its relationships) as the
        section's own; an empty one when ``source`` has none."""
        rels, types = self.part(rels_name(self.layout.document)), self.part(CONTENT_TYPES)
        taken = set(self.layout.entries) | set(self.parts) | set(self.blobs)
        new = next(f"word/{kind}{n}.xml" for n in range(1, len(taken) + 2) if f"word/{kind}{n}.xml" not in taken)
        ids = {rel.get("Id") for rel in rels}
        r_id = next(f"rId{n}" for n in range(1, len(ids) + 2) if f"rId{n}" not in ids)
        rels.append(rels.makeelement(f"{{{_RELS_NS}}}Relationship", {
            "Id": r_id, "Type": RT.HEADER if kind == "header" else RT.FOOTER,
            "Target": posixpath.relpath(new, posixpath.dirname(self.layout.document))}))
        overrides = types.findall(f"{{{_TYPES_NS}}}Override")
        override = types.makeelement(f"{{{_TYPES_NS}}}Override", {
            "PartName": "/" + new, "ContentType": _HEADER_TYPE.format(kind=kind)})
        later = [o for o in overrides if o.get("PartName") > "/" + new]  # in order, as python-docx writes them
        later[0].addprevious(override) if later else types.append(override)
        if root is None:
            self.parts[new] = OxmlElement("w:hdr" if kind == "header" else "w:ftr")
        else:
            self.parts[new] = copy.deepcopy(root)
            own = source.layout.entries.get(rels_name(name))
            if own is not None:
                self.blobs[rels_name(new)] = own
        add = sect_pr.add_headerReference if kind == "header" else sect_pr.add_footerReference
        add(WD_HEADER_FOOTER.PRIMARY, r_id)

    # -- writing -------------------------------------------------------------------------
    def to_bytes(self, when: dt.datetime, core: dict, version: str) -> bytes:
        """The package, stamped with ``when``: core properties from ``core`` (and those the
        template renders), extended properties naming mou_builder, no thumbnail."""
        entries = {name: ((name, None), data) for name, data in self.layout.entries.items()}
        self._without_thumbnail(entries)
        for name, key in self._derived.items():
            entries[name] = ((name, key), self.layout.derived[(name, key)])
        if self.layout.core is not None:
            entries["docProps/core.xml"] = self._core(core, when, version)
        if "docProps/app.xml" in entries:
            app = _APP.format(version=escape(app_version(version), quote=False)).encode("utf-8")
            entries["docProps/app.xml"] = (("docProps/app.xml", version), app)
        for name, root in self.parts.items():
            entries[name] = serialize_part_xml(root)
        entries.update(self.blobs)
        return zipped.write_zip(entries, when, self.layout.deflated)

    def _core(self, core: dict, when: dt.datetime, version: str) -> bytes:
        element = parse_xml(self.layout.core)
        props = CoreProperties(element)
        for name, value in {**self.properties, **core}.items():
            setattr(props, name, value)
        props.author = props.last_modified_by = f"mou_builder {version}"
        props.created = props.modified = when
        props.revision = 1
        return serialize_part_xml(element)

    def _without_thumbnail(self, entries: dict) -> None:
        """A template's thumbnail shows the template: the part and what names it go."""
        if RT.THUMBNAIL.encode("utf-8") not in entries.get(_PACKAGE_RELS, b""):
            return
        rels, types = self.part(_PACKAGE_RELS), self.part(CONTENT_TYPES)
        for rel in list(rels):
            if rel.get("Type") == RT.THUMBNAIL:
                rels.remove(rel)
                name = _target("", rel.get("Target"))
                entries.pop(name, None)
                for override in list(types):
                    if override.get("PartName") == "/" + name:
                        types.remove(override)


def app_version(version: str) -> str:
    """AppVersion as Office writes it (major.minor with four digits): "0.1.0" → "0.0100"."""
    parts = [int(p) if p.isdigit() else 0 for p in (version.split(".") + ["0", "0"])[:3]]
    return f"{parts[0]}.{parts[1]:02d}{parts[2]:02d}"
