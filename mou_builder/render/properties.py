"""RENDER: what a document says about itself: its properties and its language.

- core and extended properties name mou_builder (never a word processor the file
  never saw), and no thumbnail is left over from a template (:mod:`.package` writes them);
- the language of the text is set where Word looks for it: the default run
  properties of the styles (``w:docDefaults``) carry the document's language, so
  that every paragraph is checked in French, Spanish…, and Arabic parts carry their
  own (``w:lang w:bidi``, set with right to left in :mod:`.bidi`); a part in another
  Latin language (sequential and parallel layouts) has it on its runs;
- page numbers take the locale's digits where it writes Arabic-Indic ones.
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .elements import child

_AFTER_LANG = (qn("w:eastAsianLayout"), qn("w:specVanish"), qn("w:oMath"))
_LANG, _R, _RPR = qn("w:lang"), qn("w:r"), qn("w:rPr")


def _lang(rpr, tag: str, rtl: bool) -> None:
    lang = child(rpr, _LANG)
    if lang is None:
        lang = OxmlElement("w:lang")
        following = next((c for c in rpr if c.tag in _AFTER_LANG), None)
        if following is not None:
            following.addprevious(lang)
        else:
            rpr.append(lang)
    lang.set(qn("w:bidi" if rtl else "w:val"), tag)


def document_language(docx, tag: str, rtl: bool = False) -> None:
    """The document's language in the styles' default run properties (``docx``: a
    :class:`.package.Package`; the styles are changed once for each language)."""
    docx.derive(docx.layout.styles, ("language", tag, rtl), lambda styles: _default_language(styles, tag, rtl))


def _default_language(styles, tag: str, rtl: bool) -> None:
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _lang(rpr, tag, rtl)


def runs_language(elements, tag: str) -> None:
    """A part in another Latin language than the document's: its language on each run."""
    for element in elements:
        for run in element.iter(_R):
            rpr = child(run, _RPR)
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                run.insert(0, rpr)
            _lang(rpr, tag, rtl=False)


def page_numbers_in_native_digits(docx) -> None:
    """Page numbers in Arabic-Indic digits where the locale writes them (the sections'
    number format: Word shows the PAGE field with it)."""
    for sect_pr in docx.sections():
        for old in sect_pr.findall(qn("w:pgNumType")):
            sect_pr.remove(old)
        number_type = OxmlElement("w:pgNumType")
        number_type.set(qn("w:fmt"), "hindiNumbers")
        sect_pr.insert_element_before(number_type, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
                                      "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter",
                                      "w:docGrid", "w:printerSettings", "w:sectPrChange")
