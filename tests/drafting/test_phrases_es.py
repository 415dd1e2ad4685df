"""Spanish: el/la, del and al, titles."""
import pytest

from phrases import draft

ROWS = [
    # input                           place   expected
    ("Ayuntamiento de Granada",        "name", "el Ayuntamiento de Granada"),
    ("Municipalidad del Gran Irbid",   "name", "la Municipalidad del Gran Irbid"),
    ("Área Metropolitana de Barcelona", "name", "el Área Metropolitana de Barcelona"),
    ("Granada",                        "name", "Granada"),
    ("el Ayuntamiento de Granada",     "de",   "del Ayuntamiento de Granada"),
    ("el Ayuntamiento de Granada",     "a",    "al Ayuntamiento de Granada"),
    ("la Municipalidad",               "de",   "de la Municipalidad"),
    ("El Salvador",                    "de",   "de El Salvador"),
    ("Mejorar la gestión.",            "continues", "mejorar la gestión"),
    ("",                               "title:mayor/ES/municipality/f/Granada/Ayuntamiento de Granada",
     "Alcaldesa de Granada"),
    ("",                               "title:mayor/ES/municipality/m/Madrid/Ayuntamiento de Madrid",
     "Alcalde de Madrid"),
    ("",                               "the title:f/Alcaldesa de Granada", "la Alcaldesa de Granada"),
]


@pytest.mark.parametrize("text, place, expected", ROWS)
def test_spanish(text, place, expected):
    assert draft("es", text, place) == expected
