"""Revisions: two versions of an agreement, DIFFed article by article, rendered three ways.

- the amendment instrument ("Avenant n° 1"): one article per change, in the
  drafting conventions of each language (replaced, inserted "5 bis" without
  renumbering the others, repealed, annex replaced);
- the consolidated agreement with tracked changes (:mod:`mou_builder.tracked`);
- a comparison table: provision, current wording, new wording.

The amended text keeps the numbers of the agreement it amends: articles that
existed keep theirs, inserted ones take the previous number with a suffix.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import html
from dataclasses import dataclass
from pathlib import Path

from docxtpl import Listing

from .. import model, validation
from ..base.errors import SpecInvalid
from ..base.refs import split_ref
from ..drafting.annexes import Annex, Table
from ..drafting.assemble import Article, Document, localiser
from ..drafting.context import annex_numbers
from ..library import sandbox
from ..library.clauses import Block
from ..render import tracked
from ..validation.vocabulary import MIGRANT_CATEGORIES
from ..vcs import git as gitutil


@dataclass(frozen=True)
class Version:
    display: str
    path: Path
    agreement: model.Agreement


def load(ref: str, base: Path, library, today=None, lang="en") -> Version:
    """A version given as a path (relative to ``base``) or as ``PATH@GITREF``."""
    path_text, gitref = split_ref(ref, base)
    path = (base / path_text) if not Path(path_text).is_absolute() else Path(path_text)
    if gitref:
        display = f"{path_text}@{gitref}"
        source = validation.parse(gitutil.show(path, gitref), display)
    else:
        display = path_text
        source = validation.load(path, display)
    problems = [p for p in validation.check(source, library, today) if p.severity == "error"
                and p.key != "amends_not_found"]
    if problems:
        raise SpecInvalid(problems, lang)
    return Version(display, path, model.build(source.data, display, today))


# -- numbering --------------------------------------------------------------------
def _article_keys(doc: Document) -> list:
    return [a.key for a in doc.articles]


def numbering(old: Document, new: Document, suffixes: str, loc) -> dict:
    """New article key → its number in the amended text ("5", "5 bis")."""
    old_numbers = {a.key: loc.digits(str(a.number)) for a in old.articles}
    out, base, count = {}, None, 0
    words = suffixes.split()
    for key in _article_keys(new):
        if key in old_numbers:
            out[key], base, count = old_numbers[key], old_numbers[key], 0
        else:
            root = base or loc.digits("0")
            suffix = words[min(count, len(words) - 1)]
            # "16 bis", "16A", "5-A": a dash or a single letter is joined to the number
            out[key] = f"{root}{suffix}" if suffix.startswith("-") or len(suffix) == 1 else f"{root} {suffix}"
            count += 1
    return out


def annex_numbering(old: model.Agreement, new: model.Agreement) -> dict:
    """Annexes keep their numbers; new ones come after the last."""
    before, plain = annex_numbers(old), annex_numbers(new)
    out = {k: n for k, n in before.items() if k in plain}
    for key in plain:
        if key not in out:
            out[key] = max(list(out.values()) + list(before.values()) + [0]) + 1
    return out


# -- the diff ------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    kind: str  # replaced, inserted, repealed, annex_replaced, annex_added, annex_removed, preamble
    key: str
    old: object = None
    new: object = None
    after: str = ""  # for an inserted article: the number of the article it follows


def _same_article(a: Article, b: Article) -> bool:
    return (str(a.title), [(x.kind, str(x.text)) for x in a.blocks]) == \
        (str(b.title), [(x.kind, str(x.text)) for x in b.blocks])


def _same_annex(a: Annex, b: Annex) -> bool:
    return [(t.caption, t.headers, t.rows) for t in a.tables] == [(t.caption, t.headers, t.rows) for t in b.tables]


def changes(old: Document, new: Document) -> list[Change]:
    out = []
    if [str(b.text) for b in old.recitals] != [str(b.text) for b in new.recitals]:
        out.append(Change("preamble", "preamble", old, new))
    olds, news = {a.key: a for a in old.articles}, {a.key: a for a in new.articles}
    matcher = difflib.SequenceMatcher(None, _article_keys(old), _article_keys(new), autojunk=False)
    previous = ""
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for key in _article_keys(new)[j1:j2]:  # inserted ("16 bis") before repealed (17)
            if tag == "equal":
                if not _same_article(olds[key], news[key]):
                    out.append(Change("replaced", key, olds[key], news[key]))
            else:
                out.append(Change("inserted", key, None, news[key], previous))
            previous = _number(news[key])
        for key in _article_keys(old)[i1:i2] if tag in ("delete", "replace") else []:
            out.append(Change("repealed", key, olds[key]))
    old_annexes, new_annexes = {x.key: x for x in old.annexes}, {x.key: x for x in new.annexes}
    for key, annex in new_annexes.items():
        if key not in old_annexes:
            out.append(Change("annex_added", key, None, annex))
        elif not _same_annex(old_annexes[key], annex):
            out.append(Change("annex_replaced", key, old_annexes[key], annex))
    out += [Change("annex_removed", key, annex) for key, annex in old_annexes.items() if key not in new_annexes]
    return out


def _number(article: Article) -> str:
    """The number in a heading "Article 5 bis – Title"."""
    head = html.unescape(str(article.heading))
    return head.split(" – ")[0].split(" ", 1)[1] if " " in head.split(" – ")[0] else head


# -- consolidated text ----------------------------------------------------------------
def _blocks(old_blocks, new_blocks) -> tuple:
    matcher = difflib.SequenceMatcher(None, [str(b.text) for b in old_blocks],
                                      [str(b.text) for b in new_blocks], autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = old_blocks[i1:i2], new_blocks[j1:j2]
        if tag == "equal":
            out += news
            continue
        for k in range(max(len(olds), len(news))):
            a = olds[k] if k < len(olds) else None
            b = news[k] if k < len(news) else None
            if a is not None and b is not None:
                out.append(Block(b.kind, tracked.inline(a.text, b.text)))
            elif a is not None:
                out.append(Block(a.kind, tracked.deleted(a.text)))
            else:
                out.append(Block(b.kind, tracked.inserted(b.text)))
    return tuple(out)


def _whole(article: Article, mark) -> Article:
    return dataclasses.replace(article, heading=mark(article.heading),
                               blocks=tuple(Block(b.kind, mark(b.text)) for b in article.blocks))


def _rows(old: Table, new: Table) -> Table:
    """The new table with the deleted rows of the old one, marked; bold rows and shaded cells
    follow their rows."""
    matcher = difflib.SequenceMatcher(None, old.rows, new.rows, autojunk=False)
    rows, strong, shaded = [], [], []

    def take(table, index, row):
        strong.extend([len(rows)] if index in table.strong else [])
        shaded.extend((len(rows), c) for r, c in table.shaded if r == index)
        rows.append(row)

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for j in range(j1, j2):
                take(new, j, new.rows[j])
            continue
        for i in range(i1, i2):
            take(old, i, (tracked.DEL_ROW + old.rows[i][0],) + tuple(old.rows[i][1:]))
        for j in range(j1, j2):
            take(new, j, (tracked.INS_ROW + new.rows[j][0],) + tuple(new.rows[j][1:]))
    return dataclasses.replace(new, rows=tuple(rows), strong=tuple(strong), shaded=tuple(shaded))


def _annex(old: Annex | None, new: Annex | None) -> Annex:
    if old is None or new is None:
        base = new or old
        mark = tracked.INS_ROW if new is not None else tracked.DEL_ROW
        heading = tracked.inserted if new is not None else tracked.deleted
        return dataclasses.replace(base, title=heading(sandbox.escape(base.title)), tables=tuple(
            dataclasses.replace(t, rows=tuple((mark + r[0],) + tuple(r[1:]) for r in t.rows))
            for t in base.tables))
    tables = []
    for k in range(max(len(old.tables), len(new.tables))):
        a = old.tables[k] if k < len(old.tables) else dataclasses.replace(new.tables[k], rows=())
        b = new.tables[k] if k < len(new.tables) else dataclasses.replace(old.tables[k], rows=())
        tables += _replaced(a, b) if a.rows and b.rows and a.headers != b.headers else [_rows(a, b)]
    return dataclasses.replace(new, tables=tuple(tables))


def _whole_table(t: Table, row_mark: str, caption_mark) -> Table:
    """Every row of ``t``, its header too, marked inserted or deleted."""
    return dataclasses.replace(
        t, caption=caption_mark(sandbox.escape(t.caption)) if t.caption else "",
        headers=(row_mark + t.headers[0],) + tuple(t.headers[1:]),
        rows=tuple((row_mark + r[0],) + tuple(r[1:]) for r in t.rows))


def _replaced(old: Table, new: Table) -> list:
    """A table whose columns changed (a timeline over other quarters): the old one deleted
    whole, then the new one inserted whole; the note, the same in both, stays once."""
    gone = dataclasses.replace(_whole_table(old, tracked.DEL_ROW, tracked.deleted), note="")
    return [gone, _whole_table(new, tracked.INS_ROW, tracked.inserted)]


def consolidated(old: Document, new: Document, title: str) -> Document:
    olds, news = {a.key: a for a in old.articles}, {a.key: a for a in new.articles}
    matcher = difflib.SequenceMatcher(None, _article_keys(old), _article_keys(new), autojunk=False)
    articles = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for key in _article_keys(new)[j1:j2]:
                a, b = olds[key], news[key]
                articles.append(b if _same_article(a, b) else dataclasses.replace(
                    b, heading=tracked.inline(a.heading, b.heading), blocks=_blocks(a.blocks, b.blocks)))
            continue
        articles += [_whole(news[k], tracked.inserted) for k in _article_keys(new)[j1:j2]]
        articles += [_whole(olds[k], tracked.deleted) for k in _article_keys(old)[i1:i2]]
    old_annexes, new_annexes = {x.key: x for x in old.annexes}, {x.key: x for x in new.annexes}
    keys = list(dict.fromkeys([*new_annexes, *old_annexes]))
    annexes = [new_annexes[k] if k in old_annexes and k in new_annexes and _same_annex(old_annexes[k], new_annexes[k])
               else _annex(old_annexes.get(k), new_annexes.get(k)) for k in keys]
    return dataclasses.replace(
        new, title=title, short_title=new.short_title,
        opening=_blocks(old.opening, new.opening), recitals=_blocks(old.recitals, new.recitals),
        articles=tuple(articles), closing=_blocks(old.closing, new.closing), annexes=tuple(annexes))


# -- the amendment instrument ---------------------------------------------------------
def _p(text) -> Block:
    return Block("p", sandbox.escape(text))


def instrument(old_version: model.Agreement, new_version: model.Agreement, old: Document, new: Document,
               found: list, revision: model.Revision, library, lang: str) -> Document:
    loc = localiser(new_version, library, lang)
    L = lambda *k, **f: loc.label("amendment", *k, **f)  # noqa: E731
    kind = new_version.instrument
    number = loc.digits(str(revision.number))
    parties_short = loc.join(p.short_name.get(lang) for p in new_version.parties)
    title = L("title", number=number, to=L("to_instrument", kind), parties=parties_short)
    opening = [_p(L("opening"))]
    for party in new_version.parties:
        rep = party.representative
        honorific = loc.label("honorific", rep.gender) if rep.gender else ""
        rep_title = rep.title_text.get(lang) if rep.title == "other" else loc.label("title", rep.title,
                                                                                     gender=rep.gender)
        opening.append(Block("item", sandbox.escape(L(
            "party", name=party.name.get(lang), country=loc.country(party.country),
            rep=" ".join(x for x in (honorific, rep.name.get(lang)) if x), title=rep_title))))
    opening.append(_p(L("parties_defined")))
    the_agreement = L("the_instrument", kind)
    recitals = [_p(L("recital_initial", the_agreement=the_agreement, date=loc.date(old_version.signing_date))
                   if old_version.signing_date else L("recital_initial_undated", the_agreement=the_agreement))]
    if revision.number > 1:
        recitals.append(_p(L("recital_amendments",
                             numbers=loc.join(loc.digits(str(n)) for n in range(1, revision.number)))))
    if revision.rationale.get(lang):
        recitals.append(_p(L("recital_rationale", rationale=revision.rationale.get(lang))))
    articles, attached = [], []
    annex_title = {x.key: loc.label("annex_title", x.key) for x in (*old.annexes, *new.annexes)}
    for change in found:
        if change.kind == "preamble":
            head = L("heading_preamble")
            body = [_p(L("preamble_replaced"))] + [Block("item", b.text) for b in new.recitals]
        elif change.kind == "replaced":
            n = _number(change.new)
            head = L("heading_replaced", n=n)
            body = [_p(L("replaced", n=n)), Block("p", change.new.heading), *change.new.blocks]
        elif change.kind == "inserted":
            n = _number(change.new)
            head = L("heading_inserted", n=n)
            formula = L("inserted", n=n, after=change.after) if change.after else \
                L("inserted_first", n=n, before=_number(new.articles[1]) if len(new.articles) > 1 else n)
            body = [_p(formula), Block("p", change.new.heading), *change.new.blocks]
        elif change.kind == "repealed":
            n = _number(change.old)
            head, body = L("heading_repealed", n=n), [_p(L("repealed", n=n))]
        else:
            annex = change.new or change.old
            n = loc.digits(str(annex.number))
            heading_key = "heading_annex" if change.kind == "annex_replaced" else f"heading_{change.kind}"
            head = L(heading_key, n=n)
            body = [_p(L(change.kind, n=n, title=annex_title[annex.key]))]
            if change.new is not None:
                attached.append(dataclasses.replace(change.new, title=L(
                    "annex_attached", n=n, title=annex_title[annex.key])))
        articles.append((sandbox.escape(head), tuple(body)))
    articles.append((sandbox.escape(L("heading_entry")), (_p(L("entry")),)))
    articles.append((sandbox.escape(L("heading_unchanged")),
                     (_p(L("unchanged", of_agreement=L("of_instrument", kind))),)))
    heading = sandbox.escape(loc.label("frame", "article_heading"))
    numbered = tuple(Article(f"change-{i}", i, head, body, 0, heading.format(n=loc.digits(str(i)), title=head))
                     for i, (head, body) in enumerate(articles, 1))
    place = new_version.signing_place
    place = new_version.party(place).short_name.get(lang) if isinstance(place, str) else place.get(lang)
    closing = L("closing", place=place, date=loc.date(revision.date), originals=loc.spell(new_version.originals))
    return dataclasses.replace(
        new, title=title, short_title=L("short", number=number), opening=tuple(opening),
        recitals=tuple(recitals), articles=numbered, closing=(_p(closing),), annexes=tuple(attached),
        tables=(), by_clause={}, clauses_used=new.clauses_used)


# -- comparison table -----------------------------------------------------------------
def _text_of(article: Article | None) -> str:
    if article is None:
        return ""
    lines = [html.unescape(str(article.heading))]
    lines += [("– " if b.kind == "item" else "") + html.unescape(str(b.text)) for b in article.blocks]
    return "\n".join(lines)


def comparison(new: Document, found: list, number: str, kind: str, parties: str, loc) -> Document:
    L = lambda *k, **f: loc.label("amendment", *k, **f)  # noqa: E731
    none = L("none")
    rows = []
    for change in found:
        if change.kind == "preamble":
            label = L("preamble")
            old = "\n".join(html.unescape(str(b.text)) for b in change.old.recitals)
            new_text = "\n".join(html.unescape(str(b.text)) for b in change.new.recitals)
        elif change.kind.startswith("annex"):
            annex = change.new or change.old
            label = html.unescape(annex.title)
            old = _annex_text(change.old) or none
            new_text = _annex_text(change.new) or none
        else:
            label = html.unescape(str((change.new or change.old).heading))
            old, new_text = _text_of(change.old) or none, _text_of(change.new) or none
        rows.append((label, Listing(old), Listing(new_text)))
    table = Table("", (L("provision"), L("current"), L("new")), (20, 40, 40), tuple(rows))
    title = L("comparison_title", number=number, to=L("to_instrument", kind), parties=parties)
    return dataclasses.replace(new, title=title, short_title=L("short", number=number), opening=(),
                               recitals=(), articles=(), closing=(), signatures=(), annexes=(),
                               tables=(table,))


def _annex_text(annex: Annex | None) -> str:
    if annex is None:
        return ""
    lines = []
    for t in annex.tables:
        lines += [t.caption] if t.caption else []
        lines += [" | ".join(map(str, r)) for r in t.rows]
    return "\n".join(lines)


# -- the summary ----------------------------------------------------------------------
ELEMENTS = {
    "objectives": lambda a: (a.objective, a.specific_objectives, a.areas),
    "actions": lambda a: a.actions,
    "results": lambda a: a.results,
    "stakeholders": lambda a: (a.stakeholders, a.platform, a.diaspora),
    "indicators": lambda a: a.indicators,
    "coherence": lambda a: (a.plans, a.other_levels),
    "sdgs": lambda a: (a.sdg_targets, a.frameworks),
    "calendar": lambda a: a.calendar,
    "budget": lambda a: a.budget,
    "management": lambda a: (a.governance.unit, a.governance.political, a.governance.technical,
                             a.governance.administrative, tuple(p.departments for p in a.parties)),
    "governance": lambda a: (a.governance.co_chairs, a.governance.chair, a.governance.members,
                             a.governance.meetings_per_year),
}


def summary(old: model.Agreement, new: model.Agreement) -> list[tuple[str, str]]:
    """(element, "changed"/"confirmed") for each element a revision must cover, then warnings."""
    out = [(name, "changed" if get(old) != get(new) else "confirmed") for name, get in ELEMENTS.items()]
    old_ids = {s.id for s in old.stakeholders}
    if not any(s.category in MIGRANT_CATEGORIES and s.id not in old_ids for s in new.stakeholders):
        out.append(("warning", "no_new_migrant_stakeholder"))
    if not {i.id for i in new.indicators} - {i.id for i in old.indicators}:
        out.append(("warning", "no_new_indicator"))
    return out


def revision_of(new: model.Agreement, today: dt.date | None = None) -> model.Revision:
    """The revision block of ``new``, or a default one for two plain versions."""
    if new.revision is not None:
        return new.revision
    from ..base.text import Text
    return model.Revision("", 1, new.signing_date or today or dt.date.today(), Text.of(""), "mou_builder")
