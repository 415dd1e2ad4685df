"""The drafting lint on every document built from the examples and from variants of them:
no missing elision or contraction, no capital inside a sentence where a value continues
it, no doubled punctuation, no institution without its article or as a place of signature.
"""
from __future__ import annotations

import pytest

import variants
from conftest import EXAMPLES, TODAY
from mou_builder import api
from mou_builder.drafting import lint
from mou_builder.drafting.language import NeedsArticle
from mou_builder.render import readback

LATIN = ("fr", "en", "es", "it", "pt")
# every example in each language it is written in; Portuguese from the English texts
LANGUAGES = [(e.stem, lang, lang) for e in EXAMPLES if "amendment" not in e.stem
             for lang in variants.load(e.stem)["languages"]] + [("sfax-lyon", "pt", "en")]
MAKERS = {"capitals": lambda d, lang: variants.capitals(d), "vowels": lambda d, lang: variants.vowels(d),
          "bare names": lambda d, lang: variants.bare_names(d),
          "institution names": variants.institution_names}


def findings_of(paths, data, lang):
    out = []
    for path in paths:
        out += lint.check_lines(readback.lines(path), lang, variants.spec_names(data, lang),
                                where=path.name)
    return [f.format() for f in out]


@pytest.mark.parametrize("example", [p.stem for p in EXAMPLES])
def test_the_examples_pass_the_lint(example, tmp_path):
    data = variants.load(example)
    paths = api.build(EXAMPLES[[p.stem for p in EXAMPLES].index(example)], tmp_path, today=TODAY)
    latin = [lang for lang in data["languages"] if lang in LATIN] or ["ar"]
    assert findings_of(paths, data, latin[0]) == []


@pytest.mark.parametrize("variant", list(MAKERS))
@pytest.mark.parametrize("example, lang, source", LANGUAGES, ids=[f"{e}-{lang}" for e, lang, _ in LANGUAGES])
def test_variants_pass_the_lint(example, lang, source, variant, tmp_path):
    data = MAKERS[variant](variants.in_language(variants.load(example), lang, source), lang)
    spec = variants.write(tmp_path, f"{example}-{lang}", data)
    paths = api.build(spec, tmp_path / "out", today=TODAY)
    assert findings_of(paths, data, lang) == []


def test_the_lint_finds_what_the_conventions_rule_out():
    lines = ["Le présent Protocole a pour objet de Doter la ville d'un centre..",
             "conclu à Commune de Schaerbeek, entre Commune de Schaerbeek et la Ville de Lyon ;",
             "sous la conduite de le Gouvernorat, à les services, de Al Hoceima, que il ;",
             "Fait à Commune de Schaerbeek, le 3 mai 2026.",
             "centre-ville. ; actions ,. fin ;;"]
    kinds = [f.kind for f in lint.check_lines(lines, "fr", ["Commune de Schaerbeek"])]
    assert kinds.count("capital") == 1 and kinds.count("place") == 2
    assert kinds.count("elision") == 4 and kinds.count("article") >= 2
    assert kinds.count("punctuation") >= 3
    it = lint.check_lines(["in materia di la salute, nel Comune e in il centro"], "it")
    assert [f.kind for f in it] == ["elision", "elision"]
    assert sorted(f.kind for f in lint.check_lines(["Hecho en Ayuntamiento de Madrid, de el centro"], "es")) \
        == ["article", "elision", "place"]
    assert [f.kind for f in lint.check_lines(["for City Council of Lyon, by Mayor"], "en")] == ["article"]
    assert [f.kind for f in lint.check_lines(["na pessoa de o Presidente, em a sede"], "pt")] \
        == ["elision", "elision"]


def test_an_unknown_institution_word_stops_the_build_and_says_what_to_add(tmp_path):
    data = variants.load("toscana-kasserine")
    data["parties"][1]["name"] = {"fr": "Agglomération de Kasserine"}
    spec = variants.write(tmp_path, "unknown", data)
    with pytest.raises(NeedsArticle) as caught:
        api.build(spec, tmp_path / "out", today=TODAY)
    assert "parties[1].name: 'Agglomération de Kasserine' (fr)" in caught.value.message
    assert "`article: {fr: l’}`" in caught.value.message  # elided before its vowel
    data["parties"][1]["article"] = {"fr": "l’"}
    paths = api.build(variants.write(tmp_path, "known", data), tmp_path / "out2", today=TODAY)
    assert "et l’Agglomération de Kasserine (Tunisie)" in readback.text(paths[0])
