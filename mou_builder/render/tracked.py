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

import datetime as dt
import html
import re

from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser
from lxml import etree
from markupsafe import Markup, escape

from ..base import worddiff
from .elements import W, clone, insert_run_property, paragraph_properties

INS_PARA, DEL_PARA = "\ue010", "\ue011"
DEL_START, DEL_END, INS_START, INS_END = "\ue012", "\ue013", "\ue014", "\ue015"
INS_ROW, DEL_ROW = "\ue016", "\ue017"
ALL_MARKERS = INS_PARA + DEL_PARA + DEL_START + DEL_END + INS_START + INS_END + INS_ROW + DEL_ROW
MARKERS = re.compile(f"[{ALL_MARKERS}]")
_SPLIT = re.compile(f"({DEL_START}.*?{DEL_END}|{INS_START}.*?{INS_END})", re.S)


def marked(text: str) -> bool:
    """Whether ``text`` holds a marker (a substring test for each: many times faster on a
    whole document's text than a search for the class of them)."""
    return any(marker in text for marker in ALL_MARKERS)


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
_P, _R, _T, _RPR, _TR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:rPr"), qn("w:tr")
_ID, _AUTHOR, _DATE = qn("w:id"), qn("w:author"), qn("w:date")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_PARA_AND_ROW = re.compile(f"[{INS_PARA}{DEL_PARA}{INS_ROW}{DEL_ROW}]")


def _element(tag: str):
    """A new element of the WordprocessingML namespace (what ``OxmlElement`` makes, without
    parsing a prefixed name each time: a consolidated text makes about a thousand)."""
    return oxml_parser.makeelement(tag, nsmap=W)


class _Revisions:
    def __init__(self, author: str, date: dt.date):
        self.author = author
        self.date = f"{date.isoformat()}T00:00:00Z"
        self.next_id = 1

    def mark(self, tag: str):
        el = _element(qn(f"w:{tag}"))
        el.set(_ID, str(self.next_id))
        el.set(_AUTHOR, self.author)
        el.set(_DATE, self.date)
        self.next_id += 1
        return el


_TEXT_TAGS = {False: qn("w:t"), True: qn("w:delText")}


def _run(template_rpr, text: str, deleted_text: bool):
    r = _element(_R)
    if template_rpr is not None:
        r.append(clone(template_rpr))
    t = _element(_TEXT_TAGS[deleted_text])
    t.text = text
    t.set(_SPACE, "preserve")
    r.append(t)
    return r


def _paragraph_mark(p, revisions, kind):
    ppr = paragraph_properties(p)
    rpr = ppr.find(_RPR)
    if rpr is None:
        rpr = _element(_RPR)
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
    runs = [r for r in p if r.tag == _R]
    text = "".join(t.text or "" for r in runs for t in r.iter(_T))
    if not marked(text) and whole is None:
        return False
    text = _PARA_AND_ROW.sub("", text)
    rpr = runs[0].find(_RPR) if runs else None
    position = p.index(runs[0]) if runs else len(p)
    for r in runs:
        p.remove(r)
    for kind, part in _pieces(text, whole):
        p.insert(position, make(kind, part, rpr))
        position += 1
    return True


def _rewrite(p, revisions, whole: str | None) -> None:
    """Tracked changes from the markers of paragraph ``p``."""
    text = "".join(p.itertext(_T, with_tail=False))
    if whole is None and not marked(text):
        return  # most paragraphs: nothing marked
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


def _containing(path: str, characters: str) -> etree.XPath:
    """The elements at ``path`` with a text (``w:t``) inside that holds one of ``characters``:
    found by libxml2, where most paragraphs and rows of a document hold none."""
    test = " or ".join(f'contains(., "{c}")' for c in characters)
    return etree.XPath(path.replace("TEXT", f"w:t[{test}]"), namespaces=W)

_MARKED_ROWS = _containing(".//w:tr[.//TEXT]", INS_ROW + DEL_ROW)
_MARKED_PARAGRAPHS = _containing(".//w:p[.//TEXT]", ALL_MARKERS)
_MARKED_RUNS_PARAGRAPHS = _containing(".//w:p[w:r//TEXT]", ALL_MARKERS)


def apply(document, author: str, date: dt.date) -> None:
    """Turn the markers of ``document``'s body into tracked changes."""
    revisions = _Revisions(author, date)
    body = document.body
    for tr in _MARKED_ROWS(body):
        text = "".join(tr.itertext(_T))
        kind = "ins" if INS_ROW in text else "del" if DEL_ROW in text else None
        if kind is None:  # a row inside a row already rewritten
            continue
        tr_pr = tr.get_or_add_trPr()
        tr_pr.insert_element_before(revisions.mark(kind), "w:trPrChange")
        for p in tr.iter(_P):
            _rewrite(p, revisions, kind)
    for p in _MARKED_PARAGRAPHS(body):
        _rewrite(p, revisions, None)


# -- a redline (after rendering) ----------------------------------------------------
REDLINE_COLOURS = {"del": "C00000", "ins": "1F4E79"}
_STRIKE, _U, _COLOR, _VAL = qn("w:strike"), qn("w:u"), qn("w:color"), qn("w:val")


def _styled(kind, part, rpr):
    """A run, struck through (deleted words) or underlined (added ones) as Word shows revisions."""
    r = _run(rpr, part, False)
    if kind is None:
        return r
    props = r.find(_RPR)
    if props is None:
        props = _element(_RPR)
        r.insert(0, props)
    if kind == "del":
        insert_run_property(props, _element(_STRIKE))
    else:
        u = _element(_U)
        u.set(_VAL, "single")
        insert_run_property(props, u)
    colour = _element(_COLOR)
    colour.set(_VAL, REDLINE_COLOURS[kind])
    insert_run_property(props, colour)
    return r


def redline(document) -> None:
    """Turn the word markers of ``document``'s body into struck and underlined runs."""
    if not marked(document.rendered_body):  # most documents have none
        return
    for p in _MARKED_RUNS_PARAGRAPHS(document.body):
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
