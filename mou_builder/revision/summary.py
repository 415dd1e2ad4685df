"""What a revision covers: for each element a revision must touch or confirm, whether it
changed, and warnings on what it adds (organisations, indicators, actions)."""
from __future__ import annotations

from .. import model
from ..validation.vocabulary import MIGRANT_CATEGORIES

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
    "management": lambda a: (_of(a.governance, "unit", "political", "technical", "administrative"),
                             tuple(p.departments for p in a.parties)),
    "governance": lambda a: _of(a.governance, "co_chairs", "chair", "members", "meetings_per_year"),
}


def _of(governance, *names) -> tuple | None:
    """Those parts of the governance; None for a light instrument, which leaves it for later."""
    return None if governance is None else tuple(getattr(governance, n) for n in names)


def summary(old: model.Agreement, new: model.Agreement) -> list[tuple]:
    """(element, "changed"/"confirmed") for each element, then ("warning", message key, fields)."""
    out = [(name, "changed" if get(old) != get(new) else "confirmed") for name, get in ELEMENTS.items()]
    return out + warnings(old, new)


def warnings(old: model.Agreement, new: model.Agreement) -> list[tuple]:
    out = []
    old_ids = {s.id for s in old.stakeholders}
    if not any(s.category in MIGRANT_CATEGORIES and s.id not in old_ids for s in new.stakeholders):
        out.append(("warning", "no_new_migrant_stakeholder", {}))
    if not {i.id for i in new.indicators} - {i.id for i in old.indicators}:
        out.append(("warning", "no_new_indicator", {}))
    # an action without an indicator and an indicator without a baseline are already refused
    # by validation (both are required); a result is not, so a new action may lack one
    old_actions, in_results = {x.id for x in old.actions}, {x for r in new.results for x in r.actions}
    out += [("warning", "new_action_without_result", {"action": x.id}) for x in new.actions
            if x.id not in old_actions and x.id not in in_results]
    return out
