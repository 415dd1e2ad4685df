"""Warnings: what a mature agreement has and this one lacks (shown, fatal only under --strict)."""
from __future__ import annotations

import re

from ..vocabulary import MIGRANT_CATEGORIES
from .checker import dicts

_PEOPLE_UNITS = re.compile(
    r"\b(participants?|people|persons?|personnes?|migrants?|students?|étudiant\w*|"
    r"bénéficiaires?|beneficiar\w*|members?|membres?|women|femmes|youths?|jeunes|"
    r"households?|ménages|trainees?|stagiaires?|entrepreneurs?|agents?|staff|officials?|"
    r"élus?|families|familles)\b", re.IGNORECASE)


def check_warnings(c):
    d = c.data
    stakeholders = d.get("stakeholders")
    # an association that signs as a party (a federation of diaspora associations) counts too
    organisations = dicts(stakeholders) + [(i, p) for i, p in dicts(d.get("parties"))
                                           if p.get("type") == "association"]
    if isinstance(stakeholders, list) and not any(
            s.get("category") in MIGRANT_CATEGORIES for _, s in organisations):
        c.warn(("stakeholders",), "no_migrant_stakeholder")
    if d.get("instrument") == "twinning":
        c.warn(("instrument",), "twinning_outdated")
    mon = d.get("monitoring")
    if isinstance(mon, dict):
        if not mon.get("midterm_review"):
            c.warn(("monitoring",), "no_midterm_review")
        if mon.get("open_data") is not True:
            c.warn(("monitoring", "open_data") if "open_data" in mon else ("monitoring",),
                      "open_data_off")
    for i, ind in dicts(d.get("indicators")):
        unit = ind.get("unit")
        texts = unit.values() if isinstance(unit, dict) else [unit] if isinstance(unit, str) else []
        if any(isinstance(t, str) and _PEOPLE_UNITS.search(t) for t in texts) \
                and not ind.get("disaggregation"):
            c.warn(("indicators", i, "unit"), "people_not_disaggregated")
