"""The clause library and its vocabulary are complete for every language they claim."""
from __future__ import annotations

import pytest

from mou_builder import validation
from mou_builder.base.errors import LibraryError
from mou_builder.drafting.i18n import label_entries
from mou_builder.library import clauses
from mou_builder.library.resources import library_dir
from mou_builder.validation import vocabulary

LABELS = validation.load(library_dir() / "labels.yaml").data
LANGS = ("fr", "en")


def test_every_label_has_only_language_keys_and_texts():
    found = list(label_entries(LABELS))
    assert len(found) > 150
    for path, node in found:
        assert set(node) <= set(vocabulary.LANGUAGES), f"{path}: stray keys {set(node) - set(vocabulary.LANGUAGES)}"
        for lang in LANGS:
            value = node.get(lang)
            if path == ("number_words",):
                assert len(value) == 101
            elif isinstance(value, dict):
                # masculine and feminine, and a masculine plural where a plural name needs it
                assert {"m", "f"} <= set(value) <= {"m", "f", "mp"} and all(value.values()), path
            else:
                assert isinstance(value, str) and value.strip(), f"{path}: no {lang} text"


@pytest.mark.parametrize("group, values", [
    ("party_type", vocabulary.PARTY_TYPES), ("department_role", vocabulary.DEPARTMENT_ROLES),
    ("action_type", vocabulary.ACTION_TYPES), ("area", list(vocabulary.AREAS)),
    ("item", [i for items in vocabulary.AREAS.values() for i in items]),
    ("disaggregation", vocabulary.DISAGGREGATION), ("stakeholder_category", vocabulary.STAKEHOLDER_CATEGORIES),
    ("stakeholder_role", vocabulary.STAKEHOLDER_ROLES), ("reporting", vocabulary.REPORTING),
    ("method", vocabulary.METHODS), ("framework", vocabulary.FRAMEWORKS), ("funder_type", vocabulary.FUNDER_TYPES),
    ("instrument", vocabulary.INSTRUMENTS), ("sdg_goal", list(range(1, 18))),
])
def test_every_value_of_the_spec_has_a_label(group, values):
    assert sorted(map(str, LABELS[group])) == sorted(map(str, values))


def test_every_clause_is_written_in_every_library_language():
    library = clauses.load(library_dir())
    assert len(library.ids()) >= 26
    for clause in library.clauses.values():
        assert set(clause.languages()) >= set(LANGS), clause.id
        if clause.part == "article":
            assert all(clause.title(lang) for lang in LANGS), clause.id


def test_the_model_memorandum_and_the_optional_clauses_are_covered():
    library = clauses.load(library_dir())
    core = {c.id for c in library.in_part("article") if not c.optional}
    assert {"purpose", "actions", "results", "stakeholders", "coherence", "sdg", "governance", "management",
            "monitoring", "calendar", "budget", "duration"} <= core
    assert {"dispute_settlement", "termination", "legal_nature", "languages", "data_protection",
            "visibility", "confidentiality"} <= library.optional_ids()
    assert library.in_part("opening") and library.in_part("closing") and len(library.in_part("recital")) >= 5


def test_a_broken_clause_file_is_reported_with_its_place(tmp_path):
    (tmp_path / "labels.yaml").write_text("{}")
    (tmp_path / "broken.yaml").write_text(
        "id: broken\nversion: 1\nsource: en\npart: article\norder: 5\nen:\n  title: T\n  text: |\n    {% if %}\n")
    clauses.load.cache_clear()
    with pytest.raises(LibraryError) as info:
        clauses.load(tmp_path)
    assert str(info.value).startswith(f"{tmp_path / 'broken.yaml'}:9: template error in en.text")
