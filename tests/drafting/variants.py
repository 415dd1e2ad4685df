"""Variants of the example specs that put the drafting layer to work: values that start
with a capital or a vowel and end with their own punctuation, party names with and
without their institution word, and the examples in each language they are written in
(Portuguese, which no example uses, from the English texts of one)."""
from __future__ import annotations

import copy

import yaml

from conftest import AGREEMENTS
from mou_builder.drafting.language import for_language
from mou_builder.library.resources import library_dir

# sentence values a user may write: a capital, a vowel, their own final punctuation
OPENERS = {
    "fr": "Accompagner les personnes migrantes dans leurs démarches.",
    "en": "Enable migrants to find their way through local services.",
    "es": "Impulsar la acogida de las personas migrantes.",
    "it": "Accompagnare le persone migranti nei loro percorsi.",
    "pt": "Apoiar as pessoas migrantes nos seus percursos.",
    "ar": "تعزيز استقبال الأشخاص المهاجرين.",
}
# institution names as each language writes them (the head word, then the place)
# ("{of}": the town after the language's "of", elided: "Commune d'Almería")
INSTITUTIONS = {"fr": ("Commune {of}", "Gouvernorat {of}", "Région {town}"),
                "en": ("City {of}", "Municipality {of}", "Region {of}"),
                "es": ("Ayuntamiento {of}", "Municipalidad {of}", "Intendencia {of}"),
                "it": ("Comune {of}", "Regione {town}", "Città metropolitana {of}"),
                "pt": ("Câmara Municipal {of}", "Município {of}", "Região {of}")}
SENTENCES = (("purpose", "objective"), ("history", "context"), ("participation", "platform"),
             ("participation", "diaspora"), ("coherence", "other_levels"))


def load(example: str) -> dict:
    data = yaml.safe_load((AGREEMENTS / f"{example}.yaml").read_text(encoding="utf-8"))
    if data.get("packs"):  # pack folders are relative to the spec: keep them found from elsewhere
        data["packs"] = [str((AGREEMENTS / p).resolve()) if p.startswith(".") else p for p in data["packs"]]
    return data


def _texts(node, edit):
    """Every Text mapping of a spec edited in place by ``edit(mapping)``."""
    if isinstance(node, dict):
        if node and set(node) <= set(OPENERS) and all(isinstance(v, str) for v in node.values()):
            edit(node)
            return
        for value in node.values():
            _texts(value, edit)
    elif isinstance(node, list):
        for item in node:
            _texts(item, edit)


def in_language(data: dict, lang: str, source: str) -> dict:
    """The spec in ``lang`` alone, its texts taken from ``source``."""
    data = copy.deepcopy(data)
    data["languages"] = [lang]
    for key in ("layout", "authentic", "prevails", "locale"):
        data.pop(key, None)

    def edit(text):
        value = text.get(source, next(iter(text.values())))
        text.clear()
        text[lang] = value
    _texts(data, edit)
    return data


def _set(data, path, make):
    node = data
    for key in path[:-1]:
        node = node.get(key) if isinstance(node, dict) else None
        if node is None:
            return
    if isinstance(node, dict) and node.get(path[-1]):
        node[path[-1]] = make(node[path[-1]])


def _each_lang(value, fn):
    return {k: fn(k, v) for k, v in value.items()} if isinstance(value, dict) else value


def capitals(data: dict) -> dict:
    """Sentence values starting with a capital and closed by their own punctuation."""
    data = copy.deepcopy(data)
    up = lambda lang, v: (v[:1].upper() + v[1:]).rstrip(".;") + ("." if lang != "ar" else ".")  # noqa: E731
    for path in SENTENCES:
        _set(data, path, lambda value: _each_lang(value, up))
    _set(data, ("purpose", "specific_objectives"),
         lambda items: [_each_lang(o, lambda lang, v: (v[:1].upper() + v[1:]) + " ;") for o in items])
    for result in data.get("results") or ():
        result["text"] = _each_lang(result["text"], up)
    return data


def vowels(data: dict) -> dict:
    """An objective that starts with a vowel (elision after "de", "di"…) and a capital."""
    data = copy.deepcopy(data)
    _set(data, ("purpose", "objective"), lambda value: _each_lang(value, lambda lang, v: OPENERS[lang]))
    return data


def bare_names(data: dict) -> dict:
    """Parties named by their town alone: no institution word, no article, no seat."""
    data = copy.deepcopy(data)
    for party in data["parties"]:
        party["name"] = party.get("short_name") or party["name"]
        for key in ("seat", "article", "short_article"):
            party.pop(key, None)
    return data


def institution_names(data: dict, lang: str) -> dict:
    """Parties named by an institution word and their town, without short name or seat:
    the text must add the article and sign at the town, not at the institution."""
    data = copy.deepcopy(data)
    if lang == "ar":
        return data
    for n, party in enumerate(data["parties"]):
        town = party.get("short_name") or party["name"]
        town = town.get(lang) if isinstance(town, dict) else town
        of = for_language(lang, library_dir() / "drafting").of(town)
        party["name"] = {lang: INSTITUTIONS[lang][n % 3].format(town=town, of=of)}
        for key in ("seat", "short_name", "article", "short_article"):
            party.pop(key, None)
        party["type"] = "region" if "Regi" in party["name"][lang] else "municipality"
    return data


def spec_names(data: dict, lang: str) -> list:
    """The spec's own names in ``lang``: their words keep their capitals."""
    def text(v):
        return v.get(lang, "") if isinstance(v, dict) else (v or "")
    names = []
    for p in data["parties"]:
        names += [text(p.get(k)) for k in ("name", "short_name", "seat")]
    names += [text(s.get("name")) for s in data.get("stakeholders") or ()]
    names += [text(f.get("name")) for f in (data.get("budget") or {}).get("funders") or ()]
    return [n for n in names if n]


class _Plain(yaml.SafeDumper):
    """Written out in full: the spec loader refuses anchors and aliases."""

    def ignore_aliases(self, data):
        return True


def write(tmp_path, name: str, data: dict):
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.dump(data, Dumper=_Plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
