"""The comparison table: provision, current wording, new wording.

Each changed cell is a redline: deleted words struck through in the current wording,
added words underlined in the new one (markers that :func:`mou_builder.render.tracked.redline`
turns into formatted runs). Unchanged articles are left out (``changes``) or listed
with their text and "unchanged" (``full``). The tables of a changed annex follow,
compared row by row as tables: deleted rows struck, added rows underlined, changed
cells marked word by word.
"""
from __future__ import annotations

import dataclasses

from docxtpl import Listing

from .compare import pairs, plain
from ..drafting.annexes import Table
from ..drafting.assemble import Article, Document
from ..render import tracked

MODES = ("changes", "full")
LINE = "\a"  # a new paragraph in the same cell


def _lines(article: Article | None) -> list[str]:
    if article is None:
        return []
    return [plain(article.heading)] + [("– " if b.kind == "item" else "") + plain(b.text) for b in article.blocks]


def _cells(old_lines: list[str], new_lines: list[str], none: str) -> tuple:
    """The two cells of a row, each paragraph marked word by word against its counterpart."""
    before, after = [], []
    for i, j in pairs(old_lines, new_lines):
        a, b = tracked.sides(old_lines[i] if i is not None else "", new_lines[j] if j is not None else "")
        before += [a] if i is not None else []
        after += [b] if j is not None else []
    return Listing(LINE.join(before) or none), Listing(LINE.join(after) or none)


def _rows(old_rows: list, new_rows: list, mode: str) -> list[tuple]:
    """Rows aligned and marked: a deleted row struck, an added one underlined, a changed one
    cell by cell; unchanged rows only in ``full`` mode."""
    rows = []
    for i, j in pairs(old_rows, new_rows):
        x = old_rows[i] if i is not None else None
        y = new_rows[j] if j is not None else None
        if x is not None and y is not None and len(x) == len(y):
            if x != y or mode == "full":
                rows.append(tuple(tracked.redlined(str(c), str(d)) for c, d in zip(x, y)))
            continue
        rows += [tuple(tracked.redlined(str(c), "") for c in x)] if x is not None else []
        rows += [tuple(tracked.redlined("", str(d)) for d in y)] if y is not None else []
    return rows


def _annex_tables(change, mode: str) -> list[Table]:
    """The tables of a changed annex, row by row; a table whose columns changed (a timeline
    over other quarters) is shown struck whole, then the new one underlined whole."""
    olds = change.old.tables if change.old is not None else ()
    news = change.new.tables if change.new is not None else ()
    title = plain((change.new or change.old).title)
    pairs_of_tables = []
    for k in range(max(len(olds), len(news))):
        a = olds[k] if k < len(olds) else None
        b = news[k] if k < len(news) else None
        if a is not None and b is not None and a.headers != b.headers:
            pairs_of_tables += [(a, None), (None, b)]
        else:
            pairs_of_tables.append((a, b))
    out = []
    for a, b in pairs_of_tables:
        base = b or a
        rows = _rows(list(a.rows) if a else [], list(b.rows) if b else [], mode)
        if rows:
            caption = f"{title} – {base.caption}" if base.caption else title
            whole = a is None or b is None  # every row, in order: shaded cells stay where they are
            out.append(dataclasses.replace(base, caption=caption, rows=tuple(rows), strong=(),
                                           shaded=base.shaded if whole else (), note=""))
    return out


def comparison(old: Document, new: Document, found: list, mode: str, title: str, short: str, loc) -> Document:
    L = lambda *k, **f: loc.label("amendment", *k, **f)  # noqa: E731
    none, kinds = L("none"), {c.kind for c in found}
    changed = {c.key for c in found if c.kind in ("replaced", "words")}
    rows = []
    if "title" in kinds:
        rows.append((L("title_provision"), *_cells([plain(old.title)], [plain(new.title)], none)))
    if "preamble" in kinds:
        rows.append((L("preamble"), *_cells([plain(b.text) for b in old.recitals],
                                            [plain(b.text) for b in new.recitals], none)))
    for i, j in pairs([a.key for a in old.articles], [a.key for a in new.articles]):
        a = old.articles[i] if i is not None else None
        b = new.articles[j] if j is not None else None
        if a is not None and b is not None and a.key == b.key:
            if a.key in changed:
                rows.append((plain(b.heading), *_cells(_lines(a), _lines(b), none)))
            elif mode == "full":
                rows.append((plain(b.heading), Listing(LINE.join(_lines(a))), L("unchanged_article")))
            continue
        rows += [(plain(b.heading), *_cells([], _lines(b), none))] if b is not None else []
        rows += [(plain(a.heading), *_cells(_lines(a), [], none))] if a is not None else []
    table = Table("", (L("provision"), L("current"), L("new")), tuple(rows), note=L("legend"),
                  widths=(20, 40, 40))
    annexes = [t for c in found if c.kind.startswith("annex") for t in _annex_tables(c, mode)]
    return dataclasses.replace(new, title=title, short_title=short, opening=(), recitals=(), articles=(),
                               closing=(), signatures=(), annexes=(), tables=(table, *annexes))
