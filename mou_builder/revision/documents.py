"""The three documents of an amendment in one language, from the two versions:
both assembled (the new one keeping the amended numbering), compared, then written
as the instrument, the consolidated text and the comparison table."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .compare import changes
from .consolidated import consolidated
from .instrument import instrument
from .table import comparison
from .versions import numbering
from .. import model
from ..drafting.assemble import Document, article_keys, assemble, localiser
from ..drafting.i18n import Localiser


@dataclass(frozen=True)
class Compared:
    loc: Localiser
    old: Document
    new: Document
    found: list
    numbers: dict  # article key → its number in the amended text ("16 bis")
    annexes: dict  # annex key → its number


def compare(old: model.Agreement, new: model.Agreement, library, lang: str, annexes: dict) -> Compared:
    loc = localiser(new, library, lang)
    old_doc = assemble(old, library, lang)
    numbers = numbering(old_doc, article_keys(new, library, lang), loc.label("amendment", "suffixes"), loc)
    new_doc = assemble(new, library, lang, numbers, annexes)
    return Compared(loc, old_doc, new_doc, changes(old_doc, new_doc), numbers, annexes)


def documents(old: model.Agreement, new: model.Agreement, compared: Compared, revision: model.Revision,
              library, mode: str) -> dict:
    """{"amendment", "consolidated", "comparison"} → the Document in ``compared``'s language."""
    loc, lang = compared.loc, compared.loc.lang
    L = lambda *k, **f: loc.label("amendment", *k, **f)  # noqa: E731
    number, date = loc.digits(str(revision.number)), loc.date(revision.date)
    # the agreement as if signed on the amendment's date: its closing formula and signatures
    signed = assemble(dataclasses.replace(new, signing_date=revision.date), library, lang,
                      compared.numbers, compared.annexes, closing_only=True)
    parties = loc.join(p.short_name.get(lang) for p in new.parties)
    notice = L("consolidated_notice", date=date, number=number)
    header = L("consolidated_header", short=compared.new.short_title, date=date)
    return {
        "amendment": instrument(old, new, compared.old, compared.new, signed, compared.found, revision, loc),
        "consolidated": dataclasses.replace(consolidated(compared.old, compared.new, notice, header),
                                            tracked=(revision.author, revision.date)),
        "comparison": comparison(compared.old, compared.new, compared.found, mode,
                                 L("comparison_title", number=number, to=L("to_instrument", new.instrument),
                                   parties=parties), L("short", number=number), loc),
    }
