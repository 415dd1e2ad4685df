"""French: articles, elision, contractions, case, punctuation, titles, typography."""
import pytest
from hypothesis import given, settings, strategies as st

from phrases import draft

NBSP = "\u00a0"
ROWS = [
    # input                                   place          expected
    ("Commune de Sfax",                        "name",        "la Commune de Sfax"),
    ("Gouvernorat de Kasserine",               "name",        "le Gouvernorat de Kasserine"),
    ("Région Toscane",                         "name",        "la Région Toscane"),
    ("Association des Tunisiens de France",    "name",        "l’Association des Tunisiens de France"),
    ("Conseil régional d'Occitanie",           "name",        "le Conseil régional d'Occitanie"),
    ("Sfax",                                   "name",        "Sfax"),
    ("Santa Perpètua de Mogoda",               "name",        "Santa Perpètua de Mogoda"),
    ("la Commune de Sfax",                     "de",          "de la Commune de Sfax"),
    ("le Gouvernorat de Kasserine",            "de",          "du Gouvernorat de Kasserine"),
    ("le Gouvernorat de Kasserine",            "à",           "au Gouvernorat de Kasserine"),
    ("les articles L. 1115-1 et suivants",     "de",          "des articles L. 1115-1 et suivants"),
    ("les services",                           "à",           "aux services"),
    ("l’Association",                          "de",          "de l’Association"),
    ("Al Hoceima",                             "de",          "d’Al Hoceima"),
    ("Sfax",                                   "à",           "à Sfax"),
    ("Le Havre",                               "à",           "au Havre"),
    ("La Rochelle",                            "à",           "à La Rochelle"),
    ("il",                                     "que",         "qu’il"),
    ("elles",                                  "que",         "qu’elles"),
    ("Doter la ville d'un centre.",            "continues",   "doter la ville d'un centre"),
    ("Améliorer l'accueil ;",                  "continues",   "améliorer l'accueil"),
    ("Sfax et Lyon coopèrent.",                "continues",   "Sfax et Lyon coopèrent"),
    ("ODD 10.7 : migrations",                  "continues",   "ODD 10.7 : migrations"),
    ("L'Université de Sfax forme.",            "continues",   "l'Université de Sfax forme"),
    ("Université de Sfax",                     "continues",   "Université de Sfax"),
    ("Etc...",                                 "continues",   "etc..."),
    ("guide commun de l'accueil",              "stands",      "Guide commun de l'accueil"),
    ("",                                       "title:mayor/FR/municipality/m/Lyon/Ville de Lyon",
     "Maire de Lyon"),
    ("",                                       "title:mayor/BE/municipality/m/Schaerbeek/Commune de Schaerbeek",
     "Bourgmestre de Schaerbeek"),
    ("",                                       "title:deputy_mayor/BE/municipality/f/Schaerbeek/Commune de Schaerbeek",
     "Échevine de Schaerbeek"),
    ("",                                       "title:president/TN/municipality/f/Sfax/Commune de Sfax",
     "Présidente de la Commune de Sfax"),
    ("",                                       "title:mayor/MA/municipality/m/Al Hoceima/Commune d'Al Hoceima",
     "Président du conseil communal d’Al Hoceima"),
    ("",                                       "title:president/IT/region/m/Florence/Région Toscane",
     "Président de la Région Toscane"),
    ("",                                       "title:governor/TN/governorate/f/Kasserine/Gouvernorat de Kasserine",
     "Gouverneure de Kasserine"),
    ("",                                       "the title:f/Présidente de la Commune de Sfax",
     "la Présidente de la Commune de Sfax"),
    ("",                                       "the title:m/Échevin de Schaerbeek", "l’Échevin de Schaerbeek"),
    ("",                                       "the title:f/Maire de Lyon", "la Maire de Lyon"),
    ("l&#39;Accord",                           "typography",  "l’Accord"),
    ("suivants ; et",                          "typography",  f"suivants{NBSP}; et"),
    ("ce qui suit :",                          "typography",  f"ce qui suit{NBSP}:"),
    ("« Sfax »",                               "typography",  f"«{NBSP}Sfax{NBSP}»"),
    ("«Sfax»",                                 "typography",  f"«{NBSP}Sfax{NBSP}»"),
    ("voir https://example.org/a?b=1 ; 10:30", "typography",  f"voir https://example.org/a?b=1{NBSP}; 10:30"),
    ("R&amp;D ; A&#39;B",                      "typography",  f"R&amp;D{NBSP}; A’B"),
]


@pytest.mark.parametrize("text, place, expected", ROWS)
def test_french(text, place, expected):
    assert draft("fr", text, place) == expected


# texts made of what the rules look at: punctuation, guillemets, apostrophes, "n°",
# addresses, and the character references of escaped XML
_PIECES = st.sampled_from(["a", "É", " ", "\u202f", ";", ":", "!", "?", "«", "»", "'", "n°", "n° ", "/",
                           "&amp;", "&#39;", "&#x27;", "&lt;", "&#34;", "www.x.fr", "a@b.fr", "1", "."])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_typography_leaves_at_once_only_what_it_would_not_change(text):
    from mou_builder.drafting.language import fr
    assert draft("fr", text, "typography") == fr._markup_punctuation(text, fr._rules)  # every rule run


def test_typography_kept_for_the_process_is_that_of_the_same_text_and_kind():
    """A text typeset once is not typeset again; escaped XML and plain text are kept apart
    (an apostrophe escaped as a reference is one only in escaped XML)."""
    from mou_builder.drafting.language import for_language, fr
    from mou_builder.library.resources import builtin_library_dir

    rules = for_language("fr", builtin_library_dir() / "drafting")
    text = "l&#39;Union ; x"
    for _ in range(2):  # the second time from what was kept, in both orders
        assert rules.typography(text) == f"l’Union{NBSP}; x"
        assert rules.typography(text, markup=False) == f"l&#39;Union{NBSP}; x"
        assert rules.typography(text, markup=False) == f"l&#39;Union{NBSP}; x"
        assert rules.typography(text) == f"l’Union{NBSP}; x"
        assert rules.typography("n° 3") == f"n°{NBSP}3"
    assert (text, True) in fr._TYPESET


def test_drafting_data_changed_on_disk_is_read_again(tmp_path):
    """The rules of a language are kept while their files stay as they are; a file edited, or
    one added, is read again by the next document."""
    import os
    import shutil

    from mou_builder.drafting.language import for_language
    from mou_builder.library.resources import builtin_library_dir

    folder = tmp_path / "drafting"
    shutil.copytree(builtin_library_dir() / "drafting", folder)
    values = {"of_seat": "de Lyon", "of_name": "", "seat": "Lyon", "name": ""}
    assert for_language("fr", folder).title("mayor", "FR", "municipality", "m", values) == "Maire de Lyon"
    assert for_language("fr", folder) is for_language("fr", folder)  # kept while nothing changes
    titles = folder / "titles.yaml"
    titles.write_text(titles.read_text(encoding="utf-8").replace('fr: "Maire {of_seat}"',
                                                                  'fr: "Maire élu {of_seat}"'), encoding="utf-8")
    os.utime(titles, ns=(1_000_000_000, 1_000_000_000))  # a time of its own, whatever the clock
    assert for_language("fr", folder).title("mayor", "FR", "municipality", "m", values) == "Maire élu de Lyon"
    assert for_language("fr", folder).with_article("Bailliage de Guernesey", institutional=False) \
        == "Bailliage de Guernesey"  # the word is not known (and what was found is kept)
    before = for_language("fr", folder)
    (folder / "more.yaml").write_text("{}\n", encoding="utf-8")
    assert for_language("fr", folder) is not before
    words = folder / "institutions.yaml"
    words.write_text(words.read_text(encoding="utf-8").replace("  Commune: f\n", "  Commune: f\n  Bailliage: m\n"),
                     encoding="utf-8")
    os.utime(words, ns=(2_000_000_000, 2_000_000_000))
    assert for_language("fr", folder).with_article("Bailliage de Guernesey") == "le Bailliage de Guernesey"


def test_the_words_of_a_specs_names_are_those_of_each_list_of_names():
    from mou_builder.drafting.phrase import name_words

    for _ in range(2):  # the second time from what was kept
        assert name_words(["Commune de Sfax", "Sfax"]) == {"Commune", "Sfax"}
        assert name_words(iter(["L'Hospitalet", None, ""])) == {"Hospitalet", "L'Hospitalet"}
        assert name_words(["Ville de Lyon"]) == {"Ville", "Lyon"}
