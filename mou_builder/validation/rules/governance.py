"""Rules on governance: one co-chair per party (or a chair), members and departments that exist."""
from __future__ import annotations

from .checker import dicts, get


def check_governance(c, parties, departments):
    gov = c.data.get("governance")
    if not isinstance(gov, dict):
        return
    sc = gov.get("steering_committee")
    if isinstance(sc, dict):
        co_chairs = sc.get("co_chairs")
        chair = sc.get("chair")
        if isinstance(co_chairs, dict):
            for party in co_chairs:
                c.ref(("governance", "steering_committee", "co_chairs", party), party, parties, "party")
        if isinstance(chair, list):
            c.refs(("governance", "steering_committee", "chair"), chair, parties, "party")
        if len(parties) <= 2 or co_chairs is not None:
            have = set(co_chairs) if isinstance(co_chairs, dict) else set()
            for party in parties:
                if party not in have and (len(parties) <= 2 or chair is None):
                    c.error(("governance", "steering_committee", "co_chairs"),
                               "co_chair_missing", party=party)
        elif chair is None:
            c.error(("governance", "steering_committee"), "chair_required")
        for i, m in dicts(sc.get("members")):
            c.ref(("governance", "steering_committee", "members", i, "party"),
                     m.get("party"), parties, "party")
    members = get(gov, "management_unit", "members")
    if isinstance(members, list):
        c.refs(("governance", "management_unit", "members"), members, departments, "department")
        represented = {departments[m][0] for m in members if isinstance(m, str) and m in departments}
        for party in parties:
            if party not in represented:
                c.error(("governance", "management_unit", "members"),
                           "party_not_in_unit", party=party)
    roles = gov.get("roles")
    if isinstance(roles, dict):
        for i, m in dicts(roles.get("political")):
            c.ref(("governance", "roles", "political", i, "party"), m.get("party"),
                     parties, "party")
        for key in ("technical", "administrative"):
            c.refs(("governance", "roles", key), roles.get(key), departments, "department")
