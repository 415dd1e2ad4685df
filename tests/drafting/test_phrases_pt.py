"""Portuguese: o/a, and de/em/a/por joined with the article."""
import pytest

from phrases import draft

ROWS = [
    # input                         place   expected
    ("Câmara Municipal do Porto",    "name", "a Câmara Municipal do Porto"),
    ("Município de Lisboa",          "name", "o Município de Lisboa"),
    ("Kenitra",                      "name", "Kenitra"),
    ("a Câmara Municipal do Porto",  "de",   "da Câmara Municipal do Porto"),
    ("a Câmara Municipal do Porto",  "em",   "na Câmara Municipal do Porto"),
    ("a Câmara Municipal do Porto",  "a",    "à Câmara Municipal do Porto"),
    ("o Presidente",                 "por",  "pelo Presidente"),
    ("a Presidente",                 "por",  "pela Presidente"),
    ("o Município de Lisboa",        "a",    "ao Município de Lisboa"),
    ("os municípios",                "de",   "dos municípios"),
    ("as Partes",                    "em",   "nas Partes"),
    ("Lisboa",                       "em",   "em Lisboa"),
    ("",                             "title:mayor/PT/municipality/m/Porto/Câmara Municipal do Porto",
     "Presidente da Câmara Municipal do Porto"),
    ("",                             "the title:f/Presidente da Câmara Municipal do Porto",
     "a Presidente da Câmara Municipal do Porto"),
]


@pytest.mark.parametrize("text, place, expected", ROWS)
def test_portuguese(text, place, expected):
    assert draft("pt", text, place) == expected
