"""Sentence texts fit for every language: a plain string repeats the same words in every
language (a warning), and cannot be right when the languages are written in different
scripts (an error), nor can a language's text written in the other script."""
from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import AGREEMENTS, TODAY
from mou_builder import api
from mou_builder.validation.rules.scripts import script_of


def spec_with(tmp_path, example, edit):
    data = yaml.safe_load((AGREEMENTS / f"{example}.yaml").read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / f"{example}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, api.check(path, today=TODAY)


def found(result, path, lang="en"):
    return [(p.severity, p.format(lang).split(": ", 2)[-1]) for p in result.problems if p.path == path]


def test_the_examples_have_a_text_per_language(tmp_path):
    for example in ("sousse-montpellier", "granada-irbid", "palermo-monastir", "sfax-lyon"):
        _, result = spec_with(tmp_path, example, lambda d: None)
        assert not [p for p in result.problems if "script" in p.key or p.key == "plain_text_in_languages"]


def test_a_plain_objective_in_french_and_english_is_a_warning(tmp_path):
    def edit(d):
        d["purpose"]["objective"] = "renforcer la coopération entre les deux villes"
    path, result = spec_with(tmp_path, "sfax-lyon", edit)
    assert found(result, "purpose.objective") == [(
        "warning", "warning: the same words would stand in every language of the agreement (fr, en): "
                   "give a text per language, e.g. {fr: …, en: …}")]
    assert not result.errors


def test_a_plain_latin_text_in_a_french_arabic_agreement_is_an_error(tmp_path):
    def edit(d):
        d["actions"][0]["description"] = "Des sessions de formation communes."
    path, result = spec_with(tmp_path, "sousse-montpellier", edit)
    assert found(result, "actions[0].description", "fr") == [(
        "error", "ce texte est en alphabet latin, mais l'accord est aussi en ar, qui s'écrit en "
                 "alphabet arabe : donnez un texte par langue, par exemple {fr: …, ar: …}")]


def test_french_words_in_the_arabic_text_are_an_error_at_that_language(tmp_path):
    def edit(d):
        d["purpose"]["objective"]["ar"] = "renforcer la coopération"
    path, result = spec_with(tmp_path, "sousse-montpellier", edit)
    assert found(result, "purpose.objective.ar") == [(
        "error", "the 'ar' text is written in Latin script: write it in Arabic script "
                 "(or move it to the language it is written in)")]


def test_arabic_in_the_spanish_text_is_an_error(tmp_path):
    def edit(d):
        d["results"][0]["text"]["es"] = d["results"][0]["text"]["ar"]
    path, result = spec_with(tmp_path, "granada-irbid", edit)
    assert [s for s, _ in found(result, "results[0].text.es")] == ["error"]


def test_names_may_be_the_same_in_every_language(tmp_path):
    def edit(d):
        d["stakeholders"][0]["name"] = "Association Al Yasmin"
    _, result = spec_with(tmp_path, "granada-irbid", edit)
    assert not [p for p in result.problems if p.path.startswith("stakeholders[0]")]


ARABIC_LETTERS, LATIN_LETTERS = "بسمالله", "abcZéŒ"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ARABIC_LETTERS + LATIN_LETTERS + " 12,.-", max_size=30))
def test_a_text_is_in_the_script_most_of_its_letters_are_in(text):
    """The script of a text mixing both (a Latin name in an Arabic sentence) is that of most
    of its letters, Arabic when they are as many; a text without letters has none."""
    arabic = sum(c in ARABIC_LETTERS for c in text)
    latin = sum(c in LATIN_LETTERS for c in text)
    expected = None if not arabic and not latin else "arabic" if arabic >= latin else "latin"
    assert script_of(text) == expected
