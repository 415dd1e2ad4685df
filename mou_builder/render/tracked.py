"""Native Word tracked changes in a rendered document.

The consolidated text of an amendment is assembled with markers (private-use
characters, refused in specs) around what was inserted or deleted; once the
template has been rendered, :func:`apply` turns them into ``w:ins`` and
``w:del`` (with ``w:delText``), inserted or deleted paragraph marks, and
inserted or deleted table rows, with the author and date of the revision.
Word and LibreOffice then let the reader accept or reject each change.

A comparison table carries the same word markers; :func:`redline` turns them into
formatted runs instead: deleted words struck through, added words underlined.
"""
from __future__ import annotations

import copy
import datetime as dt
import html
import re

from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from lxml import etree
from markupsafe import Markup, escape

from ..base import worddiff
from .bidi import insert_rpr

INS_PARA, DEL_PARA = "\ue010", "\ue011"
DEL_START, DEL_END, INS_START, INS_END = "\ue012", "\ue013", "\ue014", "\ue015"
INS_ROW, DEL_ROW = "\ue016", "\ue017"
MARKERS = re.compile("[\ue010-\ue017]")
_SPLIT = re.compile(f"({DEL_START}.*?{DEL_END}|{INS_START}.*?{INS_END})", re.S)


# -- marking texts (before rendering) -------------------------------------------------
def inline(old: str, new: str) -> Markup:
    """Escaped new text with its word-level changes from ``old`` marked."""
    return escape(redlined(html.unescape(str(old)), html.unescape(str(new))))


def sides(old: str, new: str) -> tuple[str, str]:
    """Plain texts for a redline side by side: ``old`` with its deleted words marked,
    ``new`` with its added words marked."""
    before, after = [], []
    for seg in worddiff.diff(old, new):
        if seg.kind != "insert":
            before.append(seg.text if seg.kind == "equal" else f"{DEL_START}{seg.text}{DEL_END}")
        if seg.kind != "delete":
            after.append(seg.text if seg.kind == "equal" else f"{INS_START}{seg.text}{INS_END}")
    return "".join(before), "".join(after)


def redlined(old: str, new: str) -> str:
    """One plain text with its deleted and added words marked (a table cell)."""
    if old == new:
        return new
    return "".join(seg.text if seg.kind == "equal" else f"{DEL_START}{seg.text}{DEL_END}" if seg.kind == "delete"
                   else f"{INS_START}{seg.text}{INS_END}" for seg in worddiff.diff(old, new))


def inserted(text) -> Markup:
    return Markup(INS_PARA) + Markup(text)


def deleted(text) -> Markup:
    return Markup(DEL_PARA) + Markup(text)


# -- writing revisions (after rendering) ----------------------------------------------
class _Revisions:
    def __init__(self, author: str, date: dt.date):
        self.author = author
        self.date = f"{date.isoformat()}T00:00:00Z"
        self.next_id = 1

    def mark(self, tag: str):
        el = OxmlElement(f"w:{tag}")
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        return el


def _run(template_rpr, text: str, deleted_text: bool):
    r = OxmlElement("w:r")
    if template_rpr is not None:
        r.append(copy.deepcopy(template_rpr))
    t = OxmlElement("w:delText" if deleted_text else "w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def _paragraph_mark(p, revisions, kind):
    ppr = p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
    rpr.insert(0, revisions.mark(kind))


def _pieces(text: str, whole: str | None) -> list[tuple]:
    """(kind, text) pieces of a marked text: "del", "ins", or ``whole`` for the rest."""
    pieces = []
    for part in _SPLIT.split(text):
        if not part:
            continue
        if part[0] == DEL_START:
            pieces.append(("del", part[1:-1]))
        elif part[0] == INS_START:
            pieces.append(("ins", part[1:-1]))
        else:
            pieces.append((whole, part))
    return pieces


def _rebuild(p, make, whole: str | None) -> bool:
    """Rebuild the runs of paragraph ``p`` from its marked text, each piece made by
    ``make(kind, text, run properties)``; False when the paragraph carries no marker."""
    runs = [r for r in p if r.tag == qn("w:r")]
    text = "".join(t.text or "" for r in runs for t in r.iter(qn("w:t")))
    if not MARKERS.search(text) and whole is None:
        return False
    text = re.sub(f"[{INS_PARA}{DEL_PARA}{INS_ROW}{DEL_ROW}]", "", text)
    rpr = runs[0].find(qn("w:rPr")) if runs else None
    position = list(p).index(runs[0]) if runs else len(p)
    for r in runs:
        p.remove(r)
    for kind, part in _pieces(text, whole):
        p.insert(position, make(kind, part, rpr))
        position += 1
    return True


def _rewrite(p, revisions, whole: str | None) -> None:
    """Tracked changes from the markers of paragraph ``p``."""
    text = "".join(t.text or "" for t in p.iter(qn("w:t")))
    if text[:1] in (INS_PARA, DEL_PARA):
        whole = whole or ("ins" if text[0] == INS_PARA else "del")

    def make(kind, part, rpr):
        if kind is None:
            return _run(rpr, part, False)
        el = revisions.mark(kind)
        el.append(_run(rpr, part, kind == "del"))
        return el
    if _rebuild(p, make, whole) and whole is not None:
        _paragraph_mark(p, revisions, whole)


# the texts of every w:t below an element (an XPath, 7 times faster than itertext on
# python-docx's element classes)
_TEXTS = etree.XPath(".//w:t/text()", namespaces={"w": nsmap["w"]}, smart_strings=False)


def _marked(body) -> bool:
    """Whether any text of ``body`` carries a marker (most documents carry none)."""
    return MARKERS.search("".join(_TEXTS(body))) is not None


def apply(document, author: str, date: dt.date) -> None:
    """Turn the markers of ``document``'s body into tracked changes."""
    revisions = _Revisions(author, date)
    body = document.body
    if not _marked(body):
        return
    for tr in list(body.iter(qn("w:tr"))):
        text = "".join(tr.itertext())
        kind = "ins" if INS_ROW in text else "del" if DEL_ROW in text else None
        if kind is None:
            continue
        tr_pr = tr.get_or_add_trPr()
        tr_pr.insert_element_before(revisions.mark(kind), "w:trPrChange")
        for p in tr.iter(qn("w:p")):
            _rewrite(p, revisions, kind)
    for p in list(body.iter(qn("w:p"))):
        _rewrite(p, revisions, None)


# -- a redline (after rendering) ----------------------------------------------------
REDLINE_COLOURS = {"del": "C00000", "ins": "1F4E79"}


def _styled(kind, part, rpr):
    """A run, struck through (deleted words) or underlined (added ones) as Word shows revisions."""
    r = _run(rpr, part, False)
    if kind is None:
        return r
    props = r.find(qn("w:rPr"))
    if props is None:
        props = OxmlElement("w:rPr")
        r.insert(0, props)
    if kind == "del":
        insert_rpr(props, OxmlElement("w:strike"))
    else:
        u = OxmlElement("w:u")
        u.set(qn("w:val"), "single")
        insert_rpr(props, u)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), REDLINE_COLOURS[kind])
    insert_rpr(props, colour)
    return r


def redline(document) -> None:
    """Turn the word markers of ``document``'s body into struck and underlined runs."""
    if not _marked(document.body):
        return
    for p in list(document.body.iter(qn("w:p"))):
        _rebuild(p, _styled, None)


def accepted(text) -> str:
    """A marked text as it reads once every change is accepted (for document properties)."""
    text = re.sub(f"{DEL_START}.*?{DEL_END}", "", html.unescape(str(text)), flags=re.S)
    return MARKERS.sub("", text)


def accept_all(xml_root) -> str:
    """The text of a body with every change accepted (for checks)."""
    return _resolve(xml_root, keep="ins")


def reject_all(xml_root) -> str:
    return _resolve(xml_root, keep="del")


def _resolve(root, keep: str) -> str:
    lines = []
    for p in root.iter(qn("w:p")):
        mark = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
        gone = "del" if keep == "ins" else "ins"
        row = next((a for a in p.iterancestors(qn("w:tr"))), None)
        row_gone = row is not None and row.find(f"{qn('w:trPr')}/{qn('w:' + gone)}") is not None
        if row_gone or (mark is not None and mark.find(qn("w:" + gone)) is not None):
            continue
        parts = []
        for node in p.iter(qn("w:t"), qn("w:delText")):
            inside = next((a.tag for a in node.iterancestors(qn("w:ins"), qn("w:del"))), None)
            if inside == qn("w:" + gone):
                continue
            parts.append(node.text or "")
        lines.append("".join(parts))
    return "\n".join(line for line in lines if line.strip())
