"""What the rows of the phrase tables mean: each row is (input, place, expected).

Places:
- ``name``: a party's name as a sentence says it (with its article);
- ``de``, ``à``, ``a``, ``di``, ``da``, ``in``, ``su``, ``em``, ``por``, ``of``, ``que``:
  that preposition before the text, contracted with its article;
- ``continues``: a value that continues a sentence (lower case unless a name or
  acronym; its final punctuation removed);
- ``stands``: a value that stands as its own sentence or list item;
- ``title:CODE/COUNTRY/TYPE/GENDER/SEAT/NAME``: a signatory's title with its body;
- ``typography``: the final text of a paragraph (escaped XML, as clause texts render).
"""
from __future__ import annotations

from mou_builder.drafting import phrase
from mou_builder.drafting.language import for_language
from mou_builder.library.resources import library_dir

NAMES = phrase.name_words(["Commune de Sfax", "Sfax", "Lyon", "Université de Sfax", "Ville de Lyon",
                           "Comune di Palermo", "Palermo", "Ayuntamiento de Granada", "Granada",
                           "Câmara Municipal do Porto", "Porto", "City of Lyon"])


def draft(lang: str, text: str, place: str) -> str:
    rules = for_language(lang, library_dir() / "drafting")
    if place == "name":
        return rules.with_article(text)
    if place == "continues":
        return phrase.continue_sentence(text, NAMES)
    if place == "stands":
        return phrase.own_sentence(text)
    if place == "typography":
        return rules.typography(text)
    if place == "que":
        return rules.que(text)
    if place == "of":
        return rules.of(text)
    if place.startswith("title:"):
        code, country, ptype, gender, seat, name = place[6:].split("/")
        the_name = rules.with_article(name)
        title = rules.title(code, country, ptype, gender, {
            "of_seat": rules.of(seat), "of_name": rules.of(the_name), "seat": seat, "name": the_name})
        return title
    if place.startswith("the title:"):
        gender, title = place[10:].split("/")
        return rules.with_title_article(title, gender)
    return rules.prep(place, text)
