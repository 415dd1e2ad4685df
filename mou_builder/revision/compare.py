"""What changed between two assembled versions: the title, the preamble, each article
(matched by its clause, not its number) and each annex.

An article whose text changed is either replaced as a whole or, when only a few
words of one paragraph changed, amended word for word ("les mots « trois ans » sont
remplacés par les mots « cinq ans »"). The choice is by the size of the change:
at most :data:`MAX_PLACES` places in one paragraph, each quoting at most
:data:`MAX_WORDS` words once widened to a fragment found only once in the paragraph.
Beyond that, the instruction is harder to follow than the new text: the article is
replaced.
"""
from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

from ..base import worddiff
from ..drafting.annexes import Annex
from ..drafting.assemble import Article, Document

MAX_WORDS = 6  # words quoted in one place, old or new
MAX_PLACES = 2  # places changed in the one paragraph


@dataclass(frozen=True)
class Change:
    # title, preamble, replaced, words, inserted, repealed, annex_replaced, annex_added, annex_removed
    kind: str
    key: str
    old: object = None
    new: object = None
    after: str = ""  # inserted: the number of the article it follows
    paragraph: int = 0  # words: the paragraph of the article (1-based), 0 when it has only one
    places: tuple = ()  # words: ((old words, new words), ...)


def plain(text) -> str:
    return html.unescape(str(text))


def pairs(olds: list, news: list) -> list[tuple]:
    """Old and new items aligned: (i, j) for kept or changed items, (i, None) for removed
    ones, (None, j) for added ones; a run replaced by another is paired item by item."""
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, olds, news, autojunk=False).get_opcodes():
        if tag == "equal":
            out += list(zip(range(i1, i2), range(j1, j2)))
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            out.append((i1 + k if i1 + k < i2 else None, j1 + k if j1 + k < j2 else None))
    return out


def same_article(a: Article, b: Article) -> bool:
    return (str(a.title), [(x.kind, str(x.text)) for x in a.blocks]) == \
        (str(b.title), [(x.kind, str(x.text)) for x in b.blocks])


def same_annex(a: Annex, b: Annex) -> bool:
    return [(t.caption, t.headers, t.rows) for t in a.tables] == [(t.caption, t.headers, t.rows) for t in b.tables]


def number(article: Article) -> str:
    """The number in a heading "Article 5 bis – Title"."""
    head = plain(article.heading).split(" – ")[0]
    return head.split(" ", 1)[1] if " " in head else head


def changes(old: Document, new: Document) -> list[Change]:
    out = []
    if plain(old.title) != plain(new.title):
        out.append(Change("title", "title", old.title, new.title))
    if [str(b.text) for b in old.recitals] != [str(b.text) for b in new.recitals]:
        out.append(Change("preamble", "preamble", old, new))
    out += _articles(old, new)
    old_annexes, new_annexes = {x.key: x for x in old.annexes}, {x.key: x for x in new.annexes}
    for key, annex in new_annexes.items():
        if key not in old_annexes:
            out.append(Change("annex_added", key, None, annex))
        elif not same_annex(old_annexes[key], annex):
            out.append(Change("annex_replaced", key, old_annexes[key], annex))
    out += [Change("annex_removed", key, annex) for key, annex in old_annexes.items() if key not in new_annexes]
    return out


def _articles(old: Document, new: Document) -> list[Change]:
    olds, news = {a.key: a for a in old.articles}, {a.key: a for a in new.articles}
    old_keys, new_keys = [a.key for a in old.articles], [a.key for a in new.articles]
    out, previous = [], ""
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes():
        for key in new_keys[j1:j2]:  # inserted ("16 bis") before repealed (17)
            if tag != "equal":
                out.append(Change("inserted", key, None, news[key], previous))
            elif not same_article(olds[key], news[key]):
                out.append(in_words(olds[key], news[key]) or Change("replaced", key, olds[key], news[key]))
            previous = number(news[key])
        if tag in ("delete", "replace"):
            out += [Change("repealed", key, olds[key]) for key in old_keys[i1:i2]]
    return out


def in_words(a: Article, b: Article) -> Change | None:
    """The change as words replaced in one paragraph, when it is small enough."""
    if str(a.heading) != str(b.heading) or len(a.blocks) != len(b.blocks):
        return None
    changed = [k for k, (x, y) in enumerate(zip(a.blocks, b.blocks)) if (x.kind, str(x.text)) != (y.kind, str(y.text))]
    if len(changed) != 1 or a.blocks[changed[0]].kind != b.blocks[changed[0]].kind:
        return None
    k = changed[0]
    places = word_places(plain(a.blocks[k].text), plain(b.blocks[k].text))
    if places is None:
        return None
    return Change("words", b.key, a, b, paragraph=k + 1 if len(a.blocks) > 1 else 0, places=places)


# -- words replaced ------------------------------------------------------------------
def _words(text: str) -> int:
    return sum(1 for t in worddiff.tokens(text) if _in_word(t[0]))


def _spans(old: str, new: str) -> list[list[int]]:
    """[old start, old end, new start, new end] of each changed place."""
    spans, i, j, current = [], 0, 0, None
    for seg in worddiff.diff(old, new):
        if seg.kind == "equal":
            if current:
                spans.append(current)
                current = None
            i, j = i + len(seg.text), j + len(seg.text)
            continue
        current = current or [i, i, j, j]
        if seg.kind == "delete":
            i += len(seg.text)
            current[1] = i
        else:
            j += len(seg.text)
            current[3] = j
    return spans + ([current] if current else [])


def _unique(fragment: str, text: str) -> bool:
    """Whether the (non-empty) ``fragment`` is in ``text`` once, not as part of a longer word:
    what ``(?<!\\w)fragment(?!\\w)`` finds, without a pattern made for each fragment."""
    found, at = 0, text.find(fragment)
    while at >= 0 and found < 2:
        end = at + len(fragment)
        if not (at and _in_word(text[at - 1]) or end < len(text) and _in_word(text[end])):
            found, at = found + 1, text.find(fragment, end)
        else:
            at = text.find(fragment, at + 1)
    return found == 1


def _in_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches in a pattern


def word_places(old: str, new: str) -> tuple | None:
    """((old words, new words), …) that turn ``old`` into ``new``, each old fragment found
    once in ``old``; None when the change is too large for that form."""
    spans = _spans(old, new)
    if not spans or len(spans) > MAX_PLACES:
        return None
    out = []
    for k, s in enumerate(spans):
        left = spans[k - 1][1] if k else 0  # the equal text around is the same in both
        right = spans[k + 1][0] if k + 1 < len(spans) else len(old)
        while True:
            before, after = old[s[0]:s[1]].strip(), new[s[2]:s[3]].strip()
            if max(_words(before), _words(after)) > MAX_WORDS:
                return None
            if before and after and _unique(before, old):
                break
            grow = re.search(r"\S+\s*$", old[left:s[0]])
            if grow:
                step = s[0] - left - grow.start()
                s[0], s[2] = s[0] - step, s[2] - step
                continue
            grow = re.match(r"\s*\S+", old[s[1]:right])
            if not grow:
                return None
            s[1], s[3] = s[1] + grow.end(), s[3] + grow.end()
        out.append((before, after))
    return tuple(out)
