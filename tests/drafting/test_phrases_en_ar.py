"""English ("the", no contractions) and Arabic (no separate article: the construct state)."""
import pytest

from phrases import draft

ROWS = [
    # lang  input                      place   expected
    ("en", "City of Lyon",              "name", "the City of Lyon"),
    ("en", "Lyon City Council",         "name", "the Lyon City Council"),
    ("en", "Municipality of Sfax",      "name", "the Municipality of Sfax"),
    ("en", "Santa Tecla",               "name", "Santa Tecla"),
    ("en", "the City of Lyon",          "of",   "of the City of Lyon"),
    ("en", "Set up a one-stop shop.",   "continues", "set up a one-stop shop"),
    ("en", "UNHCR offices",             "continues", "UNHCR offices"),
    ("en", "",                          "title:mayor/FR/municipality/m/Lyon/City of Lyon", "Mayor of Lyon"),
    ("en", "",                          "title:president/TN/municipality/f/Sfax/Municipality of Sfax",
     "President of the Municipality of Sfax"),
    ("en", "",                          "the title:f/Mayor of Lyon", "the Mayor of Lyon"),
    ("ar", "بلدية صفاقس",               "name", "بلدية صفاقس"),
    ("ar", "",                          "title:mayor/TN/municipality/f/صفاقس/بلدية صفاقس", "رئيسة بلدية صفاقس"),
    ("ar", "",                          "title:mayor/JO/municipality/m/إربد/بلدية إربد الكبرى",
     "رئيس بلدية إربد الكبرى"),
    ("ar", "تعزيز الحوكمة.",             "continues", "تعزيز الحوكمة"),
]


@pytest.mark.parametrize("lang, text, place, expected", ROWS)
def test_english_and_arabic(lang, text, place, expected):
    assert draft(lang, text, place) == expected
