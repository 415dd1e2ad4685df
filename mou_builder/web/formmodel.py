"""The spec as a form, and back: one field per value of the Cerberus schema.

Each field is named by its dotted path in the spec (``actions[0].lead``), the same
path a :class:`~mou_builder.errors.Problem` carries, so that every problem of the
validation is shown beside the field it concerns (or the nearest field around it).
References (an action's lead, a budget line's funder) are choices from the ids the
spec holds; enumerations are choices from the schema.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from ..validation import dotted, load
from ..validation.schema import SCHEMA
from ..validation.vocabulary import AREAS

LABELS_FILE = Path(__file__).resolve().parent / "labels.yaml"
UI_LANGUAGES = ("en", "fr")

PARTS = {
    "general": ("format", "id", "kind", "instrument", "title", "subject", "languages", "authentic",
                "prevails", "locale", "layout", "template", "packs", "signing", "legal_bases"),
    "parties": ("parties",),
    "purpose": ("purpose", "history", "coherence", "sdg"),
    "actions": ("actions", "results"),
    "indicators": ("indicators", "monitoring"),
    "stakeholders": ("stakeholders", "participation"),
    "budget": ("budget",),
    "governance": ("governance",),
    "duration": ("duration", "calendar", "preparation"),
    "clauses": ("clauses", "revision"),
}

# schema place (list items as [*]) -> the collection of ids it refers to
REFERENCES = {
    "actions[*].lead": "parties", "actions[*].partners": "stakeholders",
    "actions[*].indicators": "indicators", "results[*].actions": "actions",
    "coherence.plans[*].party": "parties", "budget.funders[*].party": "parties",
    "budget.lines[*].action": "actions", "budget.lines[*].funder": "funders",
    "stakeholders[*].based_in": "parties", "stakeholders[*].linked_to": "parties",
    "governance.steering_committee.members[*].party": "parties",
    "governance.roles.political[*].party": "parties",
    "governance.management_unit.members": "departments",
    "governance.roles.technical": "departments", "governance.roles.administrative": "departments",
    "clauses.include": "optional_clauses", "preparation.lead": "parties",
}
RAW = {"clauses.params", "governance.steering_committee.chair"}  # edited in the YAML view

# schema place -> where the clause library's vocabulary (clauses/labels.yaml) names its values
VOCABULARY = {
    "instrument": ("instrument", "name"), "parties[*].type": ("party_type",),
    "parties[*].category": ("stakeholder_category",), "stakeholders[*].category": ("stakeholder_category",),
    "parties[*].represented_by.title": ("title",), "parties[*].departments[*].role": ("department_role",),
    "actions[*].type": ("action_type",), "actions[*].area": ("area",), "purpose.areas.*": ("item",),
    "indicators[*].disaggregation": ("disaggregation",), "stakeholders[*].roles": ("stakeholder_role",),
    "monitoring.reporting": ("reporting",), "monitoring.methods": ("method",),
    "sdg.frameworks": ("framework",), "budget.funders[*].type": ("funder_type",),
}


@functools.lru_cache(maxsize=None)
def labels() -> dict:
    return load(LABELS_FILE).data  # the project's YAML loader: safe, located, C-speed


def word(group: str, key: str, lang: str, **params) -> str:
    pair = labels()[group].get(key)
    if pair is None:
        return key.replace("_", " ").capitalize()
    return pair[UI_LANGUAGES.index(lang)].format(**params) if params else pair[UI_LANGUAGES.index(lang)]


@dataclass
class Field:
    path: tuple
    key: str
    label: str
    kind: str
    value: object = None
    required: bool = False
    choices: list = field(default_factory=list)
    children: list = field(default_factory=list)  # of a record; items of a list
    words: dict = field(default_factory=dict)  # choice -> its name in the interface language
    langs: tuple = ()  # a text written per language
    shared: bool = False  # one text for every language of a multilingual agreement
    problems: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return dotted(self.path)

    @property
    def scalar(self) -> str:
        value = self.value
        if value is None or isinstance(value, (dict, list)):
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _place(path: tuple) -> str:
    return dotted(tuple("[*]" if isinstance(p, int) else p for p in path)).replace(".[*]", "[*]")


def collections(data: dict, optional_clauses=()) -> dict:
    """The ids a spec holds, by collection, in file order."""
    def ids(items):
        return [i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)] \
            if isinstance(items, list) else []
    budget = data.get("budget") if isinstance(data.get("budget"), dict) else {}
    parties = data.get("parties") if isinstance(data.get("parties"), list) else []
    return {"parties": ids(parties), "actions": ids(data.get("actions")),
            "indicators": ids(data.get("indicators")), "stakeholders": ids(data.get("stakeholders")),
            "funders": ids(budget.get("funders")),
            "departments": [d for p in parties if isinstance(p, dict) for d in ids(p.get("departments"))],
            "optional_clauses": list(optional_clauses)}


class Builder:
    """Builds the fields of a spec, for one interface language."""

    def __init__(self, data, lang: str, optional_clauses=(), name_of=None):
        self.data = data if isinstance(data, dict) else {}
        self.lang = lang
        self.name_of = name_of or (lambda path: None)  # vocabulary path -> a word, or None
        self.ids = collections(self.data, optional_clauses)
        langs = self.data.get("languages")
        self.doc_langs = tuple(x for x in langs if isinstance(x, str)) if isinstance(langs, list) else ()
        self.index: dict = {}

    def parts(self) -> list:
        """[(part id, label, [fields])] for the tabs of the form."""
        return [(part, word("parts", part, self.lang),
                 [self.field((key,), SCHEMA[key], self.data.get(key)) for key in keys
                  if key != "revision" or "revision" in self.data or self.data.get("kind") == "revision"])
                for part, keys in PARTS.items()]

    def field(self, path: tuple, rule: dict, value) -> Field:
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        made = Field(path, key, word("fields", key, self.lang), self._kind(path, rule), value,
                     bool(rule.get("required")))
        self.index[made.name] = made
        getattr(self, "_fill_" + made.kind, lambda *_: None)(made, rule)
        return made

    def _kind(self, path, rule) -> str:
        place, kind = _place(path), rule.get("type")
        if place in RAW:
            return "raw"
        if rule.get("check_with") == "mandate_body":
            return "text"  # council, executive, board, or the body's name
        if place in REFERENCES:
            return "refs" if kind == "list" else "ref"
        if kind == "list":
            inner = rule.get("schema", {})
            if inner.get("type") == "dict":
                return "records"
            return "many" if "allowed" in inner else "list"
        if kind == "dict":
            if "schema" in rule:
                return "record"
            return {"purpose.areas": "areas", "governance.steering_committee.co_chairs": "co_chairs"}.get(
                place, "raw")
        if "allowed" in rule:
            return "choice"
        return kind if kind in ("text", "day", "month", "amount", "integer", "boolean") else "string"

    def _fill_choice(self, made, rule):
        made.choices = list(rule["allowed"])
        self._name_choices(made, _place(made.path))

    def _fill_many(self, made, rule):
        made.choices = list(rule["schema"]["allowed"])
        self._name_choices(made, _place(made.path))

    def _name_choices(self, made, place):
        where = VOCABULARY.get(place)
        if where is None:
            return
        for choice in made.choices:
            name = self.name_of((where[0], choice) + where[1:])
            if name:  # the value itself beside a name that does not spell it
                made.words[choice] = name if name.replace(" ", "_").lower() == choice else f"{name} ({choice})"

    def _fill_ref(self, made, rule):
        made.choices = list(self.ids[REFERENCES[_place(made.path)]])

    _fill_refs = _fill_ref

    def _fill_text(self, made, rule):
        if isinstance(made.value, dict):
            made.langs = tuple(dict.fromkeys(self.doc_langs + tuple(made.value)))
        elif made.value is None and len(self.doc_langs) > 1:
            made.langs = self.doc_langs
        else:
            made.shared = isinstance(made.value, str) and len(self.doc_langs) > 1

    def _fill_record(self, made, rule):
        value = made.value if isinstance(made.value, dict) else {}
        made.children = [self.field(made.path + (k,), r, value.get(k)) for k, r in rule["schema"].items()]

    def _fill_records(self, made, rule):
        items = made.value if isinstance(made.value, list) else []
        made.children = [self.field(made.path + (i,), rule["schema"], item) for i, item in enumerate(items)]

    def _fill_list(self, made, rule):
        items = made.value if isinstance(made.value, list) else []
        made.children = [self.field(made.path + (i,), rule["schema"], item) for i, item in enumerate(items)]

    def _fill_areas(self, made, rule):
        value = made.value if isinstance(made.value, dict) else {}
        made.children = [Field(made.path + (area,), area, self.name_of(("area", area)) or area, "many",
                               value.get(area), choices=list(items)) for area, items in AREAS.items()]
        for child in made.children:
            self.index[child.name] = child
            self._name_choices(child, "purpose.areas.*")

    def _fill_co_chairs(self, made, rule):
        value = made.value if isinstance(made.value, dict) else {}
        made.children = [Field(made.path + (party,), party, party, "text", value.get(party))
                         for party in dict.fromkeys(self.ids["parties"] + list(value))]
        for child in made.children:
            self.index[child.name] = child

    def attach(self, problems, lang: str) -> list:
        """Put each problem on the nearest field; return those that belong to none."""
        from .yamledit import EditError, parse_path
        loose = []
        for problem in problems:
            try:
                path = parse_path(problem.path) if problem.path else ()
            except EditError:
                path = ()
            target = next((self.index[dotted(path[:n])] for n in range(len(path), 0, -1)
                           if dotted(path[:n]) in self.index), None)
            (target.problems if target is not None else loose).append(problem)
        return loose


def item_label(item: Field, lang: str) -> str:
    """A heading for one item of a list: its id or name, else its number."""
    value = item.value if isinstance(item.value, dict) else {}
    for key in ("id", "party", "action", "title", "name", "plan"):
        if isinstance(value.get(key), str) and value[key].strip():
            extra = f" · {value['year']}" if key == "action" and value.get("year") else ""
            return value[key] + extra
    return f"{word('ui', 'item', lang)} {item.path[-1] + 1}"
