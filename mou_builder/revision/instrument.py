"""The amendment instrument ("Avenant n° 1"), in the drafting guides' fixed forms.

- the parties as the agreement describes them (their representatives and what
  empowers them), taken from the assembled agreement's opening;
- a preamble naming the agreement amended: its title, its parties, its date, the
  earlier amendments and why the parties amend it;
- one article per change: the title replaced, the preamble replaced, an article
  replaced, words replaced in one paragraph, an article inserted ("16 bis"),
  repealed, an annex replaced, added or deleted; new text is quoted and set apart
  (the "quote" blocks, indented by the template) so that its end is visible;
- entry into force, "the other provisions remain unchanged";
- the agreement's own closing formula (place, date, originals, languages and which
  text is authentic) and signature block, dated on the amendment.
"""
from __future__ import annotations

import dataclasses

from .compare import Change, number, plain
from .. import model
from ..base.errors import LibraryError
from ..drafting.assemble import Article, Document, typeset
from ..drafting.parties import views as party_views
from ..library import sandbox
from ..library.clauses import Block


def _p(text) -> Block:
    return Block("p", sandbox.escape(text))


class Wording:
    """The amendment's formulas in one language."""

    def __init__(self, loc, kind: str):
        self.loc, self.kind = loc, kind

    def __call__(self, *key, **fields) -> str:
        agreement = {"of_agreement": self.loc.label("amendment", "of_instrument", self.kind),
                     "the_agreement": self.loc.label("amendment", "the_instrument", self.kind)}
        return self.loc.label("amendment", *key, **{**agreement, **fields})

    def q(self, text: str) -> str:
        """Words quoted inside a sentence."""
        return self("quote_open") + text + self("quote_close")

    def quoted(self, blocks) -> list[Block]:
        """Blocks set apart as quoted new text: the quotes open on the first (or, where the
        language repeats them, on every paragraph) and close on the last."""
        opening, closing = sandbox.escape(self("quote_open")), sandbox.escape(self("quote_close"))
        every = self("quote_paragraphs") == "each"
        out = []
        for k, b in enumerate(blocks):
            text = (opening if k == 0 or every else sandbox.Markup("")) + b.text
            text = text + closing if k == len(blocks) - 1 else text
            out.append(Block("quote_item" if b.kind == "item" else "quote", text))
        return out


def opening(new: Document, L: Wording) -> tuple:
    """"This amendment is concluded between:", the parties as the agreement describes them."""
    parties = [b for b in new.opening if b.kind == "item"]
    return (_p(L("opening")), *parties, _p(L("parties_defined")))


def recitals(old_version: model.Agreement, old: Document, revision: model.Revision, L: Wording) -> tuple:
    loc, lang = L.loc, L.loc.lang
    fields = {"title": L.q(plain(old.title)),
              "parties": loc.join(p["the_name"] for p in party_views(old_version, loc, loc.rules))}
    gender = L("gender", L.kind)  # "intitulé", "intitulée", "intitulés"
    out = [_p(L("recital_initial", gender=gender, date=loc.date(old_version.signing_date), **fields)
              if old_version.signing_date else L("recital_initial_undated", gender=gender, **fields))]
    if revision.number > 1:  # the earlier amendments: "l'avenant n° 1", "les avenants n° 1 et 2"
        out.append(_p(L("recital_amendment" if revision.number == 2 else "recital_amendments",
                        numbers=loc.join(loc.digits(str(n)) for n in range(1, revision.number)))))
    if revision.rationale.get(lang):  # the formula owns the final punctuation
        out.append(_p(L("recital_rationale", rationale=revision.rationale.get(lang).strip().rstrip(".;,"))))
    return tuple(out)


def _words(change: Change, L: Wording) -> list[Block] | None:
    """"Au deuxième alinéa de l'article 10, les mots « … » sont remplacés par les mots « … »";
    None beyond the paragraphs the labels have an ordinal for."""
    places = L.loc.join(L("words_place", old=L.q(a), new=L.q(b)) for a, b in change.places)
    n = number(change.new)
    if not change.paragraph:
        return [_p(L("words_in_article", n=n, places=places))]
    try:
        ordinal = L("ordinal", change.paragraph)
    except LibraryError:
        return None
    return [_p(L("words_in_paragraph", ordinal=ordinal, n=n, places=places))]


def article(change: Change, new: Document, annex_title: dict, L: Wording) -> tuple[str, list, object]:
    """(heading, blocks, annex attached or None) of the article making ``change``."""
    if change.kind == "title":
        return L("heading_title"), [_p(L("title_replaced")), *L.quoted([_p(plain(change.new))])], None
    if change.kind == "preamble":
        return L("heading_preamble"), [_p(L("preamble_replaced")), *L.quoted(new.recitals)], None
    if change.kind in ("replaced", "words"):
        n = number(change.new)
        words = _words(change, L) if change.kind == "words" else None
        if words:
            return L("heading_replaced", n=n), words, None
        return L("heading_replaced", n=n), [_p(L("replaced", n=n)), *L.quoted(
            [Block("p", change.new.heading), *change.new.blocks])], None
    if change.kind == "inserted":
        n = number(change.new)
        formula = L("inserted", n=n, after=change.after) if change.after else \
            L("inserted_first", n=n, before=number(new.articles[1]) if len(new.articles) > 1 else n)
        return L("heading_inserted", n=n), [_p(formula), *L.quoted(
            [Block("p", change.new.heading), *change.new.blocks])], None
    if change.kind == "repealed":
        n = number(change.old)
        return L("heading_repealed", n=n), [_p(L("repealed", n=n))], None
    annex = change.new or change.old
    n = L.loc.digits(str(annex.number))
    title = annex_title[annex.key]
    heading = L("heading_annex" if change.kind == "annex_replaced" else f"heading_{change.kind}", n=n)
    attached = dataclasses.replace(change.new, title=L("annex_attached", n=n, title=title)) \
        if change.new is not None else None
    return heading, [_p(L(change.kind, n=n, title=title))], attached


def instrument(old_version: model.Agreement, new_version: model.Agreement, old: Document, new: Document,
               signed: Document, found: list, revision: model.Revision, loc) -> Document:
    """The instrument in ``loc``'s language; ``signed`` is the new version assembled as if
    signed on the amendment's date: its closing formula and signatures close the amendment."""
    L = Wording(loc, new_version.instrument)
    the_number = loc.digits(str(revision.number))
    parties_short = loc.join(p["the_short"] for p in party_views(new_version, loc, loc.rules))
    annex_title = {x.key: loc.label("annex_title", x.key) for x in (*old.annexes, *new.annexes)}
    articles, attached = [], []
    for change in found:
        heading, body, annex = article(change, new, annex_title, L)
        articles.append((heading, body))
        attached += [annex] if annex is not None else []
    articles.append((L("heading_entry"), [_p(L("entry"))]))
    articles.append((L("heading_unchanged"), [_p(L("unchanged"))]))
    numbered = tuple(Article(f"change-{i}", i, sandbox.escape(head), tuple(body), 0,
                             loc.heading(loc.digits(str(i)), sandbox.escape(head)))
                     for i, (head, body) in enumerate(articles, 1))
    return typeset(dataclasses.replace(
        new, title=L("title", number=the_number, to=L("to_instrument", new_version.instrument), parties=parties_short),
        short_title=L("short", number=the_number), opening=opening(new, L),
        recitals=recitals(old_version, old, revision, L), articles=numbered, closing=signed.closing,
        signatures=signed.signatures, annexes=tuple(attached), tables=(), by_clause={},
        clauses_used=new.clauses_used), loc.rules)
