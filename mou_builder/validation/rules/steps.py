"""Notes: the steps the library knows must happen before signature, for each party's country.

They come from the library's legal data (``clauses/legal/XX.yaml``, read by
:mod:`mou_builder.library.legal`), reach the rules through the library object, and are
reported as ``info`` (never fatal, not even under --strict), at the party's country,
with their source and review status, so that an international relations officer sees
them before the council meeting. Without a library, there is nothing to say.
"""
from __future__ import annotations

from ...base import messages
from .checker import dicts


def check_steps(c):
    legal = getattr(c.library, "legal", None)
    if legal is None:
        return
    legal = legal()
    for i, party in dicts(c.data.get("parties")):
        if not isinstance(party.get("country"), str) or not isinstance(party.get("type"), str):
            continue
        name = party.get("short_name") or party.get("name") or party.get("id")
        name = next(iter(name.values()), "") if isinstance(name, dict) else name
        steps = [step for _, step in legal.steps_for([party])]
        if steps:
            c.info(("parties", i, "country"), "steps_before_signature", party=name, country=party["country"],
                   steps_en=_lines(steps, "en"), steps_fr=_lines(steps, "fr"))


def _lines(steps, lang: str) -> str:
    """The steps as numbered lines under the note, each with its source and review status."""
    return "".join(messages.text("step_line", lang, n=n, step=step.text[lang], source=step.source,
                                 status=messages.text(f"legal_status_{step.status}", lang))
                   for n, step in enumerate(steps, 1))
