"""The consolidated text: the agreement as amended, every change tracked.

Texts carry the markers of :mod:`mou_builder.render.tracked`, which the renderer turns
into native ``w:ins``/``w:del``: words inside a paragraph, whole paragraphs, table rows.
The title is tracked like the rest. A consolidated version is an information document:
a notice under the title and the page header say so, and it has no closing formula
and no signature block.
"""
from __future__ import annotations

import dataclasses

from .compare import pairs, same_annex, same_article
from ..drafting.annexes import Annex, Table
from ..drafting.assemble import Article, Document
from ..library import sandbox
from ..library.clauses import Block
from ..render import tracked


def _blocks(old_blocks, new_blocks) -> tuple:
    out = []
    for i, j in pairs([str(b.text) for b in old_blocks], [str(b.text) for b in new_blocks]):
        a = old_blocks[i] if i is not None else None
        b = new_blocks[j] if j is not None else None
        if a is not None and b is not None:
            out.append(b if str(a.text) == str(b.text) else Block(b.kind, tracked.inline(a.text, b.text)))
        elif a is not None:
            out.append(Block(a.kind, tracked.deleted(a.text)))
        else:
            out.append(Block(b.kind, tracked.inserted(b.text)))
    return tuple(out)


def _whole(article: Article, mark) -> Article:
    return dataclasses.replace(article, heading=mark(article.heading),
                               blocks=tuple(Block(b.kind, mark(b.text)) for b in article.blocks))


def _marked(row, mark) -> tuple:
    return (mark + row[0],) + tuple(row[1:])


def _rows(old: Table, new: Table) -> Table:
    """Rows kept, deleted and inserted: a changed row is its old row deleted, the new one
    inserted right after it; bold rows and shaded cells follow their rows."""
    rows, strong, shaded = [], [], []

    def take(table, index, row):
        strong.extend([len(rows)] if index in table.strong else [])
        shaded.extend((len(rows), c) for r, c in table.shaded if r == index)
        rows.append(row)

    for i, j in pairs(list(old.rows), list(new.rows)):
        if i is not None and j is not None and old.rows[i] == new.rows[j]:
            take(new, j, new.rows[j])
            continue
        if i is not None:
            take(old, i, _marked(old.rows[i], tracked.DEL_ROW))
        if j is not None:
            take(new, j, _marked(new.rows[j], tracked.INS_ROW))
    return dataclasses.replace(new, rows=tuple(rows), strong=tuple(strong), shaded=tuple(shaded))


def _whole_table(t: Table, row_mark: str, caption_mark) -> Table:
    """Every row of ``t``, its header too, marked inserted or deleted."""
    return dataclasses.replace(
        t, caption=caption_mark(sandbox.escape(t.caption)) if t.caption else "",
        headers=(row_mark + t.headers[0],) + tuple(t.headers[1:]),
        rows=tuple(_marked(r, row_mark) for r in t.rows))


def _replaced(old: Table, new: Table) -> list:
    """A table whose columns changed (a timeline over other quarters): the old one deleted
    whole, then the new one inserted whole; the note, the same in both, stays once."""
    gone = dataclasses.replace(_whole_table(old, tracked.DEL_ROW, tracked.deleted), note="")
    return [gone, _whole_table(new, tracked.INS_ROW, tracked.inserted)]


def _annex(old: Annex | None, new: Annex | None) -> Annex:
    if old is None or new is None:
        base = new or old
        mark = tracked.INS_ROW if new is not None else tracked.DEL_ROW
        heading = tracked.inserted if new is not None else tracked.deleted
        return dataclasses.replace(base, title=heading(sandbox.escape(base.title)), tables=tuple(
            dataclasses.replace(t, rows=tuple(_marked(r, mark) for r in t.rows)) for t in base.tables))
    tables = []
    for k in range(max(len(old.tables), len(new.tables))):
        a = old.tables[k] if k < len(old.tables) else dataclasses.replace(new.tables[k], rows=())
        b = new.tables[k] if k < len(new.tables) else dataclasses.replace(old.tables[k], rows=())
        tables += _replaced(a, b) if a.rows and b.rows and a.headers != b.headers else [_rows(a, b)]
    return dataclasses.replace(new, tables=tuple(tables))


def _articles(old: Document, new: Document) -> tuple:
    out = []
    for i, j in pairs([a.key for a in old.articles], [a.key for a in new.articles]):
        a = old.articles[i] if i is not None else None
        b = new.articles[j] if j is not None else None
        if a is not None and b is not None and a.key == b.key:
            out.append(b if same_article(a, b) else dataclasses.replace(
                b, heading=tracked.inline(a.heading, b.heading), blocks=_blocks(a.blocks, b.blocks)))
            continue
        out += [_whole(b, tracked.inserted)] if b is not None else []  # "16 bis" before 17 repealed
        out += [_whole(a, tracked.deleted)] if a is not None else []
    return tuple(out)


def consolidated(old: Document, new: Document, notice: str, header: str) -> Document:
    """``new`` with its changes from ``old`` marked; ``notice`` goes under the title,
    ``header`` on every page."""
    old_annexes, new_annexes = {x.key: x for x in old.annexes}, {x.key: x for x in new.annexes}
    keys = list(dict.fromkeys([*new_annexes, *old_annexes]))
    annexes = [new_annexes[k] if k in old_annexes and k in new_annexes and same_annex(old_annexes[k], new_annexes[k])
               else _annex(old_annexes.get(k), new_annexes.get(k)) for k in keys]
    title = new.title if old.title == new.title else tracked.inline(sandbox.escape(old.title),
                                                                     sandbox.escape(new.title))
    return dataclasses.replace(
        new, title=title, short_title=header,
        opening=(Block("notice", sandbox.escape(notice)),) + _blocks(old.opening, new.opening),
        recitals=_blocks(old.recitals, new.recitals), articles=_articles(old, new),
        closing=(), signatures=(), annexes=tuple(annexes))
