"""MODEL. Takes the data of a spec that passed validation; gives the ``Agreement``, frozen
dataclasses with the values computed from the spec (budget totals, calendar, SDG goals).
"""
from .agreement import Agreement, Revision
from .from_spec import build

__all__ = ["Agreement", "Revision", "build"]
