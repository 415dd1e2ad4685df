"""LOCALISE: the parties as clause texts name them, through the drafting layer.

Each party gets its name with its article ("la Commune de Sfax"), its short name as a
sentence says it ("Sfax", "la Toscane"), its seat (the place of signature), and its
representative's title with its body ("Présidente de la Commune de Sfax"), with and
without the article the title takes.
"""
from __future__ import annotations

import re

from .language import Language
from ..model import Agreement

_CONNECTOR = re.compile(r"^\s*(?:de la |de l['’]|de |d['’]|du |des |di |del |della |dello |dell['’]|"
                        r"do |da |dos |das |of the |of )", re.IGNORECASE)


def _t(text, lang):
    return text.get(lang) if text is not None else ""


def seat_of(rules: Language, name: str, short: str) -> str:
    """The default seat: the short name when it is not an institution, else the name
    without its institution word ("Commune de Sfax" → "Sfax", "Lyon City Council" → "Lyon")."""
    if short and not rules.head(short):
        return short
    found = rules.head(name)
    if not found:
        return name
    rest = name.replace(found[0], "", 1).strip() if rules.code == "en" else name[len(found[0]):]
    return _CONNECTOR.sub("", rest).strip() or name


def views(a: Agreement, loc, rules: Language) -> list:
    lang = loc.lang
    out = []
    for i, p in enumerate(a.parties):
        where = f"{a.source}: parties[{i}]"
        name, short = _t(p.name, lang), _t(p.short_name, lang)
        article = p.article.get(lang) if p.article is not None and _has(p.article, lang) else None
        the_name = rules.with_article(name, article, f"{where}.name")
        short_article = article if short == name else (
            p.short_article.get(lang) if p.short_article is not None and _has(p.short_article, lang)
            else None)
        the_short = the_name if short == name else rules.with_article(short, short_article,
                                                                     institutional=False)
        seat = _t(p.seat, lang) or seat_of(rules, name, short)
        head = rules.head(name)
        out.append({
            "gender": head[1] if head and head[1] in "mf" else rules.default_gender,
            "id": p.id, "name": name, "the_name": the_name, "short": short, "the_short": the_short,
            "seat": seat, "type": loc.label("party_type", p.type), "country": loc.country(p.country),
            "council": _t(p.council, lang),
            "the_council": rules.with_article(_t(p.council, lang), institutional=False),
            "rep": _representative(p, loc, rules, the_name, seat),
            "separately": a.signing_separately,
        })
    return out


def _has(text, lang) -> bool:
    return lang in dict(text.values) or "*" in dict(text.values)


def _representative(p, loc, rules: Language, the_name: str, seat: str) -> dict:
    r, lang = p.representative, loc.lang
    if r.title == "other":
        title = _t(r.title_text, lang)
    else:
        title = rules.title(r.title, p.country, p.type, r.gender,
                            {"of_seat": rules.of(seat), "of_name": rules.of(the_name),
                             "seat": seat, "name": the_name}, where=p.id)
    honorific = loc.label("honorific", r.gender) if r.gender else ""
    name = _t(r.name, lang)
    return {"name": name, "title": title, "the_title": rules.with_title_article(title, r.gender),
            "authority": _t(r.authority, lang), "honorific": honorific,
            "full_name": " ".join(x for x in (honorific, name) if x), "gender": r.gender or "",
            "mandate": _mandate(p, loc, rules)}


def _mandate(p, loc, rules: Language) -> dict | None:
    """The decision that authorises the signature: "délibération" + "le Conseil municipal de Sfax"."""
    m, lang = p.representative.mandate, loc.lang
    if m is None:
        return None
    if m.body == "council":
        body = rules.with_article(_t(p.council, lang), institutional=False)
    elif isinstance(m.body, str):
        body = loc.label("mandate_body", m.body)
    else:
        body = rules.with_article(_t(m.body, lang), institutional=False)
    kind = "council" if m.body == "council" else "other"
    return {"decision": loc.label("mandate_decision", kind), "body": body,
            "number": loc.digits(m.number or ""), "date": loc.date(m.date)}


def names(a: Agreement, lang: str, party_views: list) -> list:
    """The spec's own names in ``lang``: their words keep their capitals (phrase rule 3)."""
    out = [v[k] for v in party_views for k in ("name", "short", "seat")]
    out += [_t(s.name, lang) for s in a.stakeholders]
    if a.budget is not None:
        out += [_t(f.name, lang) for f in a.budget.funders]
    return out
