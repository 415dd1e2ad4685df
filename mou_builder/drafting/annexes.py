"""The annexes built from the spec: action plan, indicators, budget, calendar.

Each annex is a heading and one or more tables; cells are plain strings in the
document's language (amounts and dates formatted by Babel), escaped by the
renderer. Budget totals come from :class:`~mou_builder.budget.Budget`.
"""
from __future__ import annotations

from dataclasses import dataclass

from .i18n import Localiser
from ..model import Agreement


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple
    rows: tuple    # tuples of cell strings
    strong: tuple = ()  # indexes of rows to set in bold (totals)
    note: str = ""
    numeric: tuple = ()  # indexes of columns aligned to the right (amounts, figures)
    shaded: tuple = ()   # (row, column) of body cells to shade (a timeline)
    widths: tuple = ()   # relative column widths; none: set from the contents when laid out


@dataclass(frozen=True)
class Annex:
    key: str
    number: int
    title: str
    tables: tuple


def build(a: Agreement, loc: Localiser, numbers: dict) -> tuple:
    makers = {"action_plan": _action_plan, "indicators": _indicators,
              "budget": _budget, "calendar": _calendar}
    return tuple(
        Annex(key, n, loc.label("frame", "annex_heading", n=n, title=loc.label("annex_title", key)),
              makers[key](a, loc))
        for key, n in sorted(numbers.items(), key=lambda kn: kn[1]))


def _t(text, lang):
    return text.get(lang) if text is not None else ""


def _short(a, party, lang):
    return _t(a.party(party).short_name, lang) if party else ""


def _action_plan(a: Agreement, loc: Localiser) -> tuple:
    T, lang = (lambda k: loc.label("table", k)), loc.lang
    sep = loc.label("frame", "item_separator")
    rows = tuple((
        _action_cell(x, loc),
        loc.label("area", x.area),
        _short(a, x.lead, lang) or loc.label("frame", "none"),
        sep.join(_t(a.stakeholder(s).name, lang) for s in x.partners) or loc.label("frame", "none"),
        loc.period(x.start, x.end),
        sep.join(_t(a.indicator(i).name, lang) for i in x.indicators),
    ) for x in a.actions)
    return (Table("", (T("action"), T("area"), T("lead"), T("partners"), T("period"), T("indicators")),
                  rows),)


def _action_cell(x, loc: Localiser) -> str:
    """"1. Title – Description. Deliverables: a; b.": what the action is and what it yields."""
    rules, lang = loc.rules, loc.lang
    cell = f"{loc.digits(str(x.number))}. {rules.strip_final(_t(x.title, lang))}"
    if x.description:
        cell += f" – {rules.own_sentence(_t(x.description, lang))}."
    if x.deliverables:
        items = loc.label("frame", "item_separator").join(rules.strip_final(_t(d, lang)) for d in x.deliverables)
        cell += " " + loc.label("frame", "deliverables", items=items)
    return cell


def _indicators(a: Agreement, loc: Localiser) -> tuple:
    T, lang = (lambda k: loc.label("table", k)), loc.lang
    rows = tuple((
        _t(i.name, lang) + (f" ({loc.label('frame', 'sdg')} {i.sdg})" if i.sdg else ""),
        _t(i.unit, lang), loc.number(i.baseline), loc.number(i.target), loc.month(i.due),
        _t(i.source, lang),
        loc.join(loc.label("disaggregation", d) for d in i.disaggregation) or loc.label("frame", "none"),
    ) for i in a.indicators)
    return (Table("", (T("indicator"), T("unit"), T("baseline"), T("target"), T("due"), T("source"),
                       T("disaggregation")), rows, numeric=(2, 3)),)


def _budget(a: Agreement, loc: Localiser) -> tuple:
    b, lang = a.budget, loc.lang
    T = lambda k: loc.label("table", k)  # noqa: E731
    star = " *"
    lines = tuple((
        f"{loc.digits(str(a.action(x.action).number))}. {_t(a.action(x.action).title, lang)}",
        _t(b.funder(x.funder).name, lang), loc.digits(str(x.year)),
        loc.amount(x.amount, x.currency) + (star if x.in_kind else ""),
    ) for x in b.lines)
    note = loc.label("frame", "in_kind_note") if b.has_in_kind else ""
    tables = [Table(T("budget_lines"), (T("action"), T("funder"), T("year"), T("amount")),
                    lines, note=note, numeric=(3,))]
    naming = {
        "action": lambda k: f"{loc.digits(str(a.action(k).number))}. {_t(a.action(k).title, lang)}",
        "funder": lambda k: _t(b.funder(k).name, lang),
        "party": lambda k: _short(a, k, lang) if k else loc.label("frame", "other_funders"),
        "year": lambda k: loc.digits(str(k)),
        "currency": lambda k: loc.label("frame", "total"),
    }
    for by in ("action", "funder", "party", "year", "currency"):
        totals = b.totals(by)
        headers = (T(by if by != "currency" else "currency"), T("amount"))
        if b.has_in_kind:
            headers += (loc.label("frame", "of_which_in_kind"),)
        rows = []
        for t in totals:
            label = naming[by](t.key) if by != "currency" else t.currency
            row = (label, loc.amount(t.amount, t.currency))
            if b.has_in_kind:
                row += (loc.amount(t.in_kind, t.currency) if t.in_kind else loc.label("frame", "none"),)
            rows.append(row)
        strong = tuple(range(len(rows))) if by == "currency" else ()
        tables.append(Table(T(f"by_{by}"), headers, tuple(rows), strong,
                            numeric=tuple(range(1, len(headers)))))
    return tuple(tables)


def _calendar(a: Agreement, loc: Localiser) -> tuple:
    lang = loc.lang
    if a.calendar.kind == "milestones":
        rows = tuple((loc.date(e.start) if e.exact else loc.month(e.start), _t(e.label, lang))
                     for e in a.calendar.entries)
        return (Table("", (loc.label("table", "date"), loc.label("table", "milestone")), rows),
                ) + _timeline(a, loc)
    rows = tuple((loc.period(e.start, e.end), f"{loc.digits(str(a.action(e.action).number))}. {_t(e.label, lang)}")
                 for e in a.calendar.entries)
    return (Table("", (loc.label("table", "period"), loc.label("table", "action")), rows),
            ) + _timeline(a, loc)


def quarters(start, end) -> list:
    """(year, quarter) from the quarter of ``start`` to the quarter of ``end``."""
    first, last = (start.year, (start.month - 1) // 3 + 1), (end.year, (end.month - 1) // 3 + 1)
    out = [first]
    while out[-1] != last:
        year, q = out[-1]
        out.append((year + q // 4, q % 4 + 1))
    return out


def _timeline(a: Agreement, loc: Localiser) -> tuple:
    """One row per action, one column per quarter; the quarters an action runs in are shaded
    (no table without actions)."""
    if not a.actions:
        return ()
    span = quarters(min(x.start for x in a.actions), max(x.end for x in a.actions))
    headers = tuple(loc.label("table", "quarter", q=q, yy=loc.digits(f"{year % 100:02d}")) for year, q in span)
    rows = tuple((f"{loc.digits(str(x.number))}. {_t(x.title, loc.lang)}",) + ("",) * len(span)
                 for x in a.actions)
    share = min(75, 7 * len(span))  # the quarters' part of the width; the actions' titles keep 25 %
    runs = [set(quarters(x.start, x.end)) for x in a.actions]
    shaded = tuple((r, c + 1) for r, run in enumerate(runs) for c, yq in enumerate(span) if yq in run)
    return (Table(loc.label("table", "timeline"), (loc.label("table", "action"),) + headers, rows,
                  note=loc.label("table", "timeline_note"), shaded=shaded,
                  widths=(100 - share,) + (share / len(span),) * len(span)),)
