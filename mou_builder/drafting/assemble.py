"""RESOLVE: the document's outline in one language, from the model and the library.

Picks the clauses that apply (core ones, the optional ones the spec includes,
conditions), orders and numbers the articles, places custom clauses after
their anchors, renders every clause text in the sandbox, and builds the annex
tables. The result, a :class:`Document`, is what the DOCX renderer lays out.
"""
from __future__ import annotations

import functools
import threading
from dataclasses import astuple, dataclass, field, replace

from . import annexes
from ..base.errors import LibraryError
from ..library import sandbox
from ..library.clauses import Block, Library, applies, blocks, render_text
from .context import annex_numbers as annex_numbers_of
from .context import view
from .i18n import Localiser, choose_locale
from .language import Language, filters
from .phrase import name_words, upper_first
from ..model import Agreement


@dataclass(frozen=True)
class Article:
    key: str
    number: int
    title: sandbox.Markup  # escaped, like the blocks
    blocks: tuple
    version: int = 0  # the clause version; 0 for a custom clause written in the spec
    heading: sandbox.Markup = sandbox.Markup("")  # "Article 3 – Budget", in the document's digits


@dataclass(frozen=True)
class Signature:
    for_party: str
    name: str
    title: str
    place_line: str = ""  # "Fait à Lyon, le ____" when the parties sign separately


@dataclass
class Document:
    lang: str
    locale: str
    title: str
    short_title: str
    opening: tuple
    recitals: tuple
    articles: tuple
    closing: tuple
    signatures: tuple
    annexes: tuple
    labels: dict = field(default_factory=dict)
    autonym: str = ""  # the language's name in itself, for column headings
    clauses_used: tuple = ()   # (id, version) of each library clause used, in order
    by_clause: dict = field(default_factory=dict)  # clause id -> its blocks
    draft: str = ""  # the visible draft mark, when some translations are out of date
    tables: tuple = ()  # tables standing in the body (a comparison table)
    tracked: tuple = ()  # (author, date) when the texts carry tracked-change markers
    native_digits: bool = False  # the locale writes Arabic-Indic digits (ar_EG, ar_JO…)

    def mark_draft(self):
        self.draft = self.labels["draft"]
        self.short_title = f"{self.labels['draft_short']} – {self.short_title}"


def _plain(text: str) -> tuple:
    """A user-written text (custom clause): escaped, never a template."""
    return (Block("p", sandbox.escape(text)),)


def _functions(numbers: dict, loc: Localiser):
    def art(ident):
        if ident not in numbers:
            raise LookupError(f"art('{ident}'): no such article in this agreement")
        return loc.label("frame", "article", n=numbers[ident])
    return {"art": art, "spell": loc.spell}


def localiser(a: Agreement, library: Library, lang: str) -> Localiser:
    locale = a.locale if lang == a.languages[0] else None
    return Localiser(lang, choose_locale(lang, locale, [p.country for p in a.parties]), library.labels_path,
                     library.drafting_dir)


def assemble(a: Agreement, library: Library, lang: str, numbering: dict | None = None,
             annex_numbering: dict | None = None, closing_only: bool = False) -> Document:
    """The document in ``lang``. ``numbering`` (article key → "5 bis") and ``annex_numbering``
    (annex key → number) keep the numbers of an amended agreement. ``closing_only``: only the
    closing formula and the signatures, the other parts left empty (what closes an amendment)."""
    annex_numbers = annex_numbering or annex_numbers_of(a)
    loc, ctx, env = _setting(a, library, lang, annex_numbers)
    rules = loc.rules
    used = []

    def chosen(part):
        return _chosen(a, library, part, ctx, env)

    def render(clause, field_="text"):
        if lang not in clause.texts:
            raise LibraryError(f"{clause.path}: no '{lang}' text for clause '{clause.id}'")
        source = clause.title(lang) if field_ == "title" else clause.text(lang)
        rendered = render_text(source, {**seen, "params": _params(a, clause)}, env,
                               f"{clause.path}: {lang}.{field_}")
        digits = loc.digits_in_markup(rendered)
        return rendered if digits is rendered else sandbox.Markup(digits)

    order = _order(a, chosen("article"))
    numbers = {item.id: (numbering or {}).get(item.id) or loc.digits(str(n))
               for n, (_, item) in enumerate(order, 1)}
    seen = {**ctx, **_functions(numbers, loc)}  # what every clause text sees, but its params
    articles = []
    for n, (kind, item) in enumerate(order if not closing_only else (), 1):
        if kind == "clause":
            used.append(item)
            title = render(item, "title")
            articles.append(Article(item.id, n, title, blocks(render(item)), item.version,
                                    loc.heading(numbers[item.id], title)))
        else:
            title = sandbox.escape(item.title.get(lang))
            articles.append(Article(item.id, n, title, _plain(item.text.get(lang)), 0,
                                    loc.heading(numbers[item.id], title)))

    by_clause = {art.key: art.blocks for art in articles}

    def part_blocks(part):
        if closing_only and part != "closing":
            return ()
        out = []
        for clause in chosen(part):
            used.append(clause)
            by_clause[clause.id] = blocks(render(clause))
            out.extend(by_clause[clause.id])
        return tuple(out)

    return typeset(Document(
        lang=lang, locale=str(loc.locale), title=ctx["doc"]["title"],
        short_title=loc.label("frame", "title", name=upper_first(ctx["doc"]["name"]),
                              parties=ctx["the_party_shorts"]),
        opening=part_blocks("opening"), recitals=part_blocks("recital"),
        articles=tuple(articles), closing=part_blocks("closing"),
        signatures=tuple(_signature(p, loc, rules) for p in ctx["parties"]),
        annexes=annexes.build(a, loc, annex_numbers) if not closing_only else (),
        labels={k: loc.label("frame", k) for k in ("page", "of", "recitals_intro", "agreed",
                                                   "annexes", "signature", "draft", "draft_short")},
        autonym=loc.autonym(), native_digits=loc.native_digits,
        clauses_used=tuple(dict.fromkeys((c.id, c.version) for c in used)),
        by_clause=by_clause,
    ), rules)


def typeset(doc: Document, rules) -> Document:
    """The document with its language's typography (French: no-break spaces, apostrophes)
    in every text: escaped blocks and headings, and the plain texts the template escapes."""
    plain = functools.partial(rules.typography, markup=False)
    as_is = type(rules).typography is Language.typography  # a language without typography rules
    if as_is and _escaped_throughout(doc):  # nothing would change
        return doc

    def marked(text):
        if as_is and type(text) is sandbox.Markup:  # escaped text already: nothing to change
            return text
        return sandbox.Markup(rules.typography(text))

    done = {}  # id of a block -> the block typeset (the articles' blocks are in by_clause too)

    def block(b):
        out = done.get(id(b))
        if out is None:
            text = marked(b.text)
            out = done[id(b)] = b if text is b.text else Block(b.kind, text)
        return out

    def blocks_of(items):
        return tuple(map(block, items))
    articles = tuple(replace(x, title=marked(x.title), heading=marked(x.heading),
                             blocks=blocks_of(x.blocks)) for x in doc.articles)
    return replace(
        doc, title=plain(doc.title), short_title=plain(doc.short_title),
        opening=blocks_of(doc.opening), recitals=blocks_of(doc.recitals), articles=articles,
        closing=blocks_of(doc.closing), by_clause={k: blocks_of(v) for k, v in doc.by_clause.items()},
        signatures=tuple(Signature(*map(plain, astuple(x))) for x in doc.signatures),
        annexes=tuple(_typeset(x, plain) for x in doc.annexes),
        labels={k: plain(v) for k, v in doc.labels.items()}, draft=plain(doc.draft))


def _escaped_throughout(doc: Document) -> bool:
    """Whether every text of the document's articles, parts and clauses is escaped text
    already (which a language without typography rules leaves as it is)."""
    texts = [x.text for part in (doc.opening, doc.recitals, doc.closing, *doc.by_clause.values()) for x in part]
    texts += [t for x in doc.articles for t in (x.title, x.heading, *(b.text for b in x.blocks))]
    return all(type(t) is sandbox.Markup for t in texts)


def _signature(party: dict, loc: Localiser, rules) -> Signature:
    """"Pour la Commune de Sfax," then the title with its body and the name."""
    head = upper_first(rules.prep(loc.label("frame", "for_party"), party["the_name"]))
    place = loc.label("frame", "signed_at", at_place=rules.prep(loc.label("frame", "at_place"),
                                                                 party["seat"])) \
        if party["separately"] else ""
    return Signature(head + loc.label("frame", "for_party_end"), party["rep"]["full_name"],
                     upper_first(party["rep"]["title"]), place)


def _typeset(annex, plain):
    """An annex with the language's typography in its title and cells."""
    tables = tuple(replace(t, caption=plain(t.caption), headers=tuple(map(plain, t.headers)),
                           note=plain(t.note), rows=tuple(tuple(map(plain, r)) for r in t.rows))
                   for t in annex.tables)
    return replace(annex, title=plain(annex.title), tables=tables)


def _setting(a: Agreement, library: Library, lang: str, annex_numbers: dict):
    """The localiser, the values clause texts see and the sandbox of one document language."""
    loc = localiser(a, library, lang)
    ctx = view(a, loc, annex_numbers, library.legal())
    return loc, ctx, _sandbox(loc, name_words(ctx["spec_names"]))


_THREADS = threading.local()  # each thread's sandbox for clause texts, and what it drafts


class _Drafting:
    """The document a thread's clause sandbox is drafting: what its filters read as they run."""

    loc = rules = names = None


def _sandbox(loc: Localiser, names: frozenset):
    """The thread's sandbox for clause texts, its filters set to this document's language and
    names. One sandbox serves every document a thread drafts, one after the other, so that
    the templates it makes are made once (its bounds start afresh with each render)."""
    kept = getattr(_THREADS, "kept", None)
    if kept is None:
        drafting = _Drafting()
        env = sandbox.environment(text_mode=True, spell=lambda n: drafting.loc.spell(n),
                                  join_list=lambda items: drafting.loc.join(items), **filters(drafting))
        kept = _THREADS.kept = (env, drafting)
    env, drafting = kept
    drafting.loc, drafting.rules, drafting.names = loc, loc.rules, names
    return env


def _chosen(a: Agreement, library: Library, part: str, ctx: dict, env) -> list:
    """The clauses of ``part`` that apply to the agreement, in library order."""
    return [c for c in library.in_part(part)
            if applies(c, {**ctx, "params": _params(a, c)} if c.when or c.also_when else ctx, env,
                       a.include)]  # a clause without conditions looks at no context


def _params(a: Agreement, clause) -> dict:
    """The clause's parameters: its defaults, and what the spec gives."""
    return {**clause.defaults(), **a.params_for(clause.id)}


def _order(a: Agreement, articles: list) -> list:
    """The articles in order: library order, custom clauses after their anchors."""
    order = []
    for clause in articles:
        order.append(("clause", clause))
        order += _customs_after(a, clause.id)
    placed = {item.id for _, item in order}
    for custom in a.custom:  # anchored to an article that does not apply here: keep it, last
        if custom.id not in placed:
            order.append(("custom", custom))
            placed.add(custom.id)
    return order


def article_keys(a: Agreement, library: Library, lang: str) -> list:
    """The keys of the document's articles in order, without rendering any text."""
    _, ctx, env = _setting(a, library, lang, annex_numbers_of(a))
    return [item.id for _, item in _order(a, _chosen(a, library, "article", ctx, env))]


def _customs_after(a: Agreement, anchor: str) -> list:
    """The custom clauses placed after ``anchor``, each followed by those placed after it
    (depth first, in the spec's order; without recursion, however long the chain)."""
    out, seen = [], set()
    stack = [c for c in reversed(a.custom) if c.after == anchor]
    while stack:
        custom = stack.pop()
        if custom.id in seen:
            continue
        seen.add(custom.id)
        out.append(("custom", custom))
        stack += [c for c in reversed(a.custom) if c.after == custom.id]
    return out
