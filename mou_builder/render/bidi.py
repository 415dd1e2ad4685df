"""Right-to-left text (Arabic) in a rendered document.

What Word and LibreOffice need for Arabic to read right to left:
- the paragraph: ``w:bidi``, which the template's RTL twin styles carry
  ("MOU Body" → "MOU Body RTL"), so a paragraph only changes its style;
- the runs: ``w:rtl`` and ``w:lang w:bidi`` (the complex-script font and size
  come from the styles);
- tables: ``w:bidiVisual`` (the first column on the right);
- the section: ``w:bidi``.
Latin names and figures inside an Arabic sentence are put in runs of their own
without ``w:rtl``, so that they keep their order.
"""
from __future__ import annotations

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from . import elements

RTL_LANGUAGES = frozenset({"ar"})
# Latin letters and digits (with what joins them inside a name or a number)
_LTR = re.compile(r"[0-9A-Za-z\u00C0-\u024F](?:[0-9A-Za-z\u00C0-\u024F.,'’\-/ ]*[0-9A-Za-z\u00C0-\u024F])?")


def is_rtl(lang: str) -> bool:
    return lang in RTL_LANGUAGES


_RPR, _RTL, _LANG, _BIDI = qn("w:rPr"), qn("w:rtl"), qn("w:lang"), qn("w:bidi")
_T, _R, _PSTYLE, _VAL = qn("w:t"), qn("w:r"), qn("w:pStyle"), qn("w:val")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_FRESH = {}  # (rtl, language tag) -> the run properties of a run that had none


def _fresh(rtl: bool, lang_tag: str):
    """A copy of ``<w:rPr><w:rtl/><w:lang w:bidi=…/></w:rPr>`` (without ``w:rtl`` for a Latin piece)."""
    key = (rtl, lang_tag)
    if key not in _FRESH:
        rpr = OxmlElement("w:rPr")
        if rtl:
            rpr.append(OxmlElement("w:rtl"))
        rpr.append(OxmlElement("w:lang", {_BIDI: lang_tag}))
        _FRESH[key] = rpr
    return elements.clone(_FRESH[key])


def _set_run(r, rtl: bool, lang_tag: str, rpr=None):
    """The run's direction and language; ``rpr``: its properties when the caller has them."""
    rpr = elements.child(r, _RPR) if rpr is None else rpr
    if rpr is None:
        r.insert(0, _fresh(rtl, lang_tag))
        return
    for old in [c for c in rpr if c.tag == _RTL or c.tag == _LANG]:
        rpr.remove(old)
    for el in list(_fresh(rtl, lang_tag)):
        elements.insert_run_property(rpr, el)


def _pieces(text: str) -> list:
    """``text`` cut into Arabic and Latin pieces: [(piece, is_rtl)]."""
    pieces, pos = [], 0
    for m in _LTR.finditer(text):
        if m.start() > pos:
            pieces.append((text[pos:m.start()], True))
        pieces.append((m.group(), False))
        pos = m.end()
    if pos < len(text):
        pieces.append((text[pos:], True))
    return pieces


def _run_rtl(r, lang_tag: str) -> None:
    """A run right to left, cut into Latin and Arabic pieces first when it holds both (a run
    of one text, with or without properties: tabs, breaks and fields are left whole)."""
    children = list(r)
    tags = [c.tag for c in children]
    if tags == [_T]:
        t, rpr = children[0], None
    elif len(tags) == 2 and _T in tags and _RPR in tags:
        t, rpr = children[tags.index(_T)], children[tags.index(_RPR)]
    else:
        _set_run(r, True, lang_tag)
        return
    text = t.text or ""
    pieces = _pieces(text) if _LTR.search(text) is not None else [(text, True)]
    if len(pieces) == 1:
        _set_run(r, pieces[0][1], lang_tag, rpr)
        return
    for piece, rtl in pieces:
        new = elements.clone(r)
        t = elements.child(new, _T)
        t.text = piece
        t.set(_SPACE, "preserve")
        r.addprevious(new)
        _set_run(new, rtl, lang_tag)
    r.getparent().remove(r)


def paragraph_rtl(p, twins: dict, lang_tag: str) -> None:
    ppr = elements.paragraph_properties(p)
    style = elements.child(ppr, _PSTYLE)
    if style is not None and style.get(_VAL) in twins:
        style.set(_VAL, twins[style.get(_VAL)])
    elif elements.child(ppr, _BIDI) is None:
        elements.paragraph_property(p, "w:bidi")
    for r in list(p.iter(_R)):
        _run_rtl(r, lang_tag)


def table_rtl(tbl) -> None:
    tbl_pr = tbl.tblPr
    if tbl_pr.find(qn("w:bidiVisual")) is None:
        tbl_pr.insert_element_before(OxmlElement("w:bidiVisual"), "w:tblStyleRowBandSize",
                                     "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing",
                                     "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
                                     "w:tblLook", "w:tblCaption", "w:tblDescription")


def region_rtl(twins: dict, elements, lang_tag: str, tables: bool = True) -> None:
    """Make every paragraph (and, with ``tables``, every table) in ``elements`` right to left;
    ``twins`` maps a style id to the id of its right-to-left twin ("MOU Body" → "MOU Body RTL")."""
    for element in elements:
        if element.tag == qn("w:p"):
            paragraph_rtl(element, twins, lang_tag)
            continue
        for p in element.iter(qn("w:p")):
            paragraph_rtl(p, twins, lang_tag)
        if tables:
            for tbl in ([element] if element.tag == qn("w:tbl") else []) + list(element.iter(qn("w:tbl"))):
                table_rtl(tbl)


def document_rtl(package, lang_tag: str) -> None:
    """A whole document in a right-to-left language: body, headers, footers, sections
    (``package``: a :class:`.package.Package`)."""
    twins = package.rtl_twins
    region_rtl(twins, [el for el in package.body if el.tag != qn("w:sectPr")], lang_tag)
    for root in package.header_footer_parts():
        region_rtl(twins, list(root), lang_tag)
    for sect_pr in package.sections():
        if sect_pr.find(qn("w:bidi")) is None:
            sect_pr.insert_element_before(OxmlElement("w:bidi"), "w:rtlGutter", "w:docGrid",
                                          "w:printerSettings", "w:sectPrChange")
