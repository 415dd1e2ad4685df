"""EXPORT: the portfolio report, one self-contained HTML page for a folder of specs.

The page is rendered from ``report.html`` in the project's sandboxed, autoescaping Jinja
environment: every value from a spec is escaped; the charts are inline SVG (svg.py).
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from .. import __version__, validation
from ..base.errors import MouError
from ..drafting.i18n import DEFAULT_LOCALE, Localiser
from ..library import clauses, sandbox
from ..library.resources import library_dir
from ..model import Agreement
from . import figures, output, portfolio, svg

HERE = Path(__file__).resolve().parent
LANGUAGES = ("en", "fr")


@lru_cache(maxsize=1)
def _words() -> dict:
    return validation.load(HERE / "report_labels.yaml").data


class Words:
    """The report's own words in one language."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, key: str, **fmt) -> str:
        text = _words()[key][self.lang]
        return text.format(**fmt) if fmt else text


def render(targets, lang: str = "en", today: dt.date | None = None, library=None) -> str:
    """The HTML page for the specs (or folders) ``targets``, in ``lang``, as of ``today``."""
    if lang not in LANGUAGES:
        raise MouError(f"the report is written in {' or '.join(LANGUAGES)}, not '{lang}'")
    today = today or dt.date.today()
    library = library or clauses.load(library_dir())
    found = portfolio.load(targets, today, library)
    loc = Localiser(lang, DEFAULT_LOCALE[lang], library.labels_path)
    w = Words(lang)
    current = sorted((f.current(today).agreement for f in found.families),
                     key=lambda a: (portfolio.period(a)[0], a.id))
    families = {f.id: f for f in found.families}
    periods = {a.id: portfolio.period(a) for a in current}
    view = {
        "lang": lang, "w": w, "version": __version__,
        "situation": w("situation", date=loc.date(today)),
        "summary": w("summary", agreements=len(current),
                     revisions=sum(len(f.revisions) for f in found.families)),
        "rows": [_row(a, families[a.id], periods[a.id], loc, w, today) for a in current],
        "timeline": svg.timeline(_timeline_rows(current, periods, loc, today), today, w("timeline")),
        "budgets": _budgets(current, loc, w),
        "no_budget": [name(a, loc) for a in current if a.budget is None],
        "due": [{"agreement": name(a, loc), "indicator": _t(i.name, a, lang),
                 "target": f"{loc.number(i.target)} {_t(i.unit, a, lang)}", "due": loc.month(i.due)}
                for a, i in figures.indicators_due(current, today)],
        "near": [{"agreement": name(a, loc), "event": w(f"event_{kind}"),
                  "date": loc.month(day) if month else loc.date(day)}
                 for a, kind, day, month in figures.reviews_near(current, today, periods)],
        "invalid": [{"file": str(e.path), "errors": e.errors, "first": e.first_error} for e in found.invalid],
        "count": sum((f.base is not None) + len(f.revisions) for f in found.families) + len(found.invalid),
    }
    template = sandbox.environment().from_string((HERE / "report.html").read_text(encoding="utf-8"))
    return template.render(**view)


def _t(text, a: Agreement, lang: str) -> str:
    """A spec text in the report's language, else in the agreement's first language."""
    if text is None:
        return ""
    return text.get(lang) or text.get(a.languages[0])


def name(a: Agreement, loc: Localiser) -> str:
    return " – ".join(_t(p.short_name, a, loc.lang) for p in a.parties)


def _row(a: Agreement, family, period, loc: Localiser, w: Words, today: dt.date) -> dict:
    state = portfolio.state(a, today)
    revisions = [w("amended", number=r.agreement.revision.number, date=loc.date(r.agreement.revision.date))
                 for r in family.applied(today)]
    revisions += [w("pending", number=r.agreement.revision.number, date=loc.date(r.agreement.revision.date))
                  for r in family.pending(today)]
    return {
        "id": a.id, "name": name(a, loc),
        "parties": [_t(p.name, a, loc.lang) for p in a.parties],
        "countries": loc.join(dict.fromkeys(loc.country(p.country) for p in a.parties)),
        "instrument": loc.label("instrument", a.instrument, "name"),
        "start": loc.date(period[0]), "end": loc.date(period[1]),
        "planned": w("planned") if a.signing_date is None else "",
        "state": state, "state_text": w(f"state_{state}"), "revisions": revisions,
    }


def _timeline_rows(agreements, periods, loc: Localiser, today: dt.date) -> list:
    rows = []
    for a in agreements:
        rows.append(svg.Row(name(a, loc), *periods[a.id], "agreement", portfolio.state(a, today)))
        rows += [svg.Row(f"{x.number}. {_t(x.title, a, loc.lang)}", x.start, x.end) for x in a.actions]
    return rows


def _budgets(agreements, loc: Localiser, w: Words) -> list:
    """Per currency: the total and three breakdowns (year, SDG target, funder type)."""
    keyed = {"year": (figures.by_year(agreements), lambda k: loc.digits(str(k))),
             "sdg": (figures.by_sdg(agreements), lambda k: k or w("not_attributed")),
             "funder_type": (figures.by_funder_type(agreements), lambda k: loc.label("funder_type", k))}
    out = []
    for currency, total in figures.totals(agreements).items():
        parts = []
        for key, (table, label) in keyed.items():
            items = [(label(k), v, loc.amount(v, currency)) for k, v in table[currency].items()]
            title = w(f"by_{key}") + f" ({currency})"
            parts.append({"key": key, "title": title, "rows": items, "chart": svg.bars(items, title)})
        out.append({"currency": currency, "value": total, "total": loc.amount(total, currency), "parts": parts})
    return out


OURS = (b"<!DOCTYPE html>", b'<meta name="generator" content="mou_builder')


def write(path, page: str, force: bool = False) -> None:
    """Write the page atomically; replace an existing file only if we wrote it (or ``force``)."""
    output.write(path, page.encode("utf-8"), OURS, "mou report", force)
