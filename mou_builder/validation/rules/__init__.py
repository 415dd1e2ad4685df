"""The rules that look across a spec. Takes a ``Source`` (checked against the schema where
it is well formed); gives the ``Problem``s of references, governance, dates, texts and warnings.
"""
from __future__ import annotations

from ..schema import SCHEMA
from .checker import Checker, dicts, get
from .dates import check_dates
from .governance import check_governance
from .library import check_clauses, check_languages
from .steps import check_steps
from .references import (check_actions, check_areas, check_budget, check_coherence, check_indicators,
                         check_kind, check_locale, check_parties, check_preparation, check_sdg)
from .scripts import check_scripts
from .texts import check_texts, may_hold_invalid_characters
from .warnings import check_warnings


def check(source, library=None, today=None) -> list:
    """Every problem the cross-document rules find in ``source``, in the order they run."""
    c = Checker(source, library, today)
    d = c.data
    parties = c.ids(("parties",), d.get("parties"))
    departments = c.departments()
    actions = c.ids(("actions",), d.get("actions"))
    indicators = c.ids(("indicators",), d.get("indicators"))
    stakeholders = c.ids(("stakeholders",), d.get("stakeholders"))
    c.ids(("results",), d.get("results"))
    c.ids(("calendar", "milestones"), get(d, "calendar", "milestones"))
    funders = c.ids(("budget", "funders"), get(d, "budget", "funders"))
    check_languages(c)
    check_locale(c)
    check_areas(c)
    check_parties(c, parties)
    check_actions(c, parties, stakeholders, indicators)
    for i, res in dicts(d.get("results")):
        c.refs(("results", i, "actions"), res.get("actions"), actions, "action")
    check_indicators(c)
    for i, st in dicts(d.get("stakeholders")):
        c.ref(("stakeholders", i, "based_in"), st.get("based_in"), parties, "party")
        c.ref(("stakeholders", i, "linked_to"), st.get("linked_to"), parties, "party")
    check_coherence(c, parties)
    check_sdg(c)
    check_budget(c, parties, actions, funders)
    check_governance(c, parties, departments)
    check_dates(c)
    check_clauses(c)
    check_kind(c)
    check_preparation(c, parties)
    check_texts(c, {"type": "dict", "schema": SCHEMA}, d, (), may_hold_invalid_characters(source.text))
    check_scripts(c)
    check_warnings(c)
    check_steps(c)
    return c.problems


__all__ = ["check"]
