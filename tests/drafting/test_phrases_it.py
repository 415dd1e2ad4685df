"""Italian: articles, di/a/da/in/su with the article, titles."""
import pytest

from phrases import draft

ROWS = [
    # input                       place     expected
    ("Comune di Palermo",          "name",   "il Comune di Palermo"),
    ("Regione Toscana",            "name",   "la Regione Toscana"),
    ("Associazione dei Tunisini",  "name",   "l’Associazione dei Tunisini"),
    ("Palermo",                    "name",   "Palermo"),
    ("il Comune di Palermo",       "di",     "del Comune di Palermo"),
    ("il Comune di Palermo",       "a",      "al Comune di Palermo"),
    ("il Comune di Palermo",       "in",     "nel Comune di Palermo"),
    ("la Regione Toscana",         "di",     "della Regione Toscana"),
    ("la Regione Toscana",         "da",     "dalla Regione Toscana"),
    ("la Regione Toscana",         "su",     "sulla Regione Toscana"),
    ("l’Associazione",             "di",     "dell’Associazione"),
    ("lo Stato",                   "di",     "dello Stato"),
    ("gli enti locali",            "a",      "agli enti locali"),
    ("le Parti",                   "tra",    "tra le Parti"),
    ("la salute",                  "di",     "della salute"),
    ("La Spezia",                  "di",     "della Spezia"),
    ("Agrigento",                  "a",      "ad Agrigento"),
    ("Palermo",                    "a",      "a Palermo"),
    ("Rafforzare la governance.",  "continues", "rafforzare la governance"),
    ("",                           "title:mayor/IT/municipality/f/Palermo/Comune di Palermo", "Sindaca di Palermo"),
    ("",                           "title:president/IT/region/m/Firenze/Regione Toscana",
     "Presidente della Regione Toscana"),
    ("",                           "the title:f/Sindaca di Palermo", "la Sindaca di Palermo"),
    ("",                           "the title:m/Sindaco di Palermo", "il Sindaco di Palermo"),
    ("",                           "the title:m/Assessore", "l’Assessore"),
]


@pytest.mark.parametrize("text, place, expected", ROWS)
def test_italian(text, place, expected):
    assert draft("it", text, place) == expected
