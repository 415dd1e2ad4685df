"""``mou clauses``: what the clause library holds, its translations and versions."""
from __future__ import annotations

import difflib
import html
import os
import sys
from pathlib import Path

import click

from .base import messages
from .base.errors import MouError
from .library import translations
from .library.resources import library_dir, templates_dir
from .validation.vocabulary import LANGUAGES

@click.group("clauses")
@click.option("--library", type=click.Path(file_okay=False, exists=True),
              help="Another clause library folder (default: the built-in one, or MOU_LIBRARY).")
def clauses_group(library):
    """What the clause library holds."""
    if library:
        os.environ["MOU_LIBRARY"] = str(Path(library).resolve())


@clauses_group.command("list")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Language of the titles.")
def clauses_list(lang):
    """List the clauses: id, version, part, optional or core, languages, title."""
    from .library import clauses
    library = clauses.load(library_dir())
    for part in clauses.PARTS:
        for c in library.in_part(part):
            kind = "optional" if c.optional else "core"
            title = c.texts.get(lang, next(iter(c.texts.values())))["title"]
            click.echo(f"{c.id:<22} v{c.version:<3} {part:<8} {kind:<9} "
                       f"{','.join(c.languages()):<6} {title}".rstrip())


@clauses_group.command("check")
@click.option("--lang", "langs", type=click.Choice(LANGUAGES), multiple=True,
              help="Check only these languages (repeatable).")
def clauses_check(langs):
    """List missing and stale translations, and clauses whose text changed since the
    last commit without a new version; exit 1 when there is any."""
    from .drafting import i18n
    from .library import clauses
    from .library.packs import lint
    from .vcs import diff as changes
    library = clauses.load(library_dir())
    langs = langs or library.all_languages()
    findings = [f.format() for f in translations.check(library, langs)]
    findings += [f"{library.labels_path}: {lang}: missing label {name}"
                 for lang in langs for name in i18n.missing_labels(library.labels_path, lang)]
    findings += changes.unbumped_versions(library)
    findings += lint.check_library_templates(templates_dir())
    for line in findings:
        click.echo(line)
    click.echo(f"{len(library.ids())} clauses, languages {', '.join(langs)}: "
               + (f"{len(findings)} problem(s)" if findings else "all translations up to date"), err=True)
    sys.exit(1 if findings else 0)


def _clause(library, ident: str, console: str):
    clause = library.get(ident)
    if clause is None:
        close = difflib.get_close_matches(ident, library.ids(), n=1, cutoff=0.6)
        raise MouError(messages.text("no_such_clause_close", console, id=ident, close=close[0]) if close
                       else messages.text("no_such_clause", console, id=ident))
    return clause


@clauses_group.command("stamp")
@click.argument("ident")
@click.argument("lang", type=click.Choice(LANGUAGES))
@click.option("--status", type=click.Choice(translations.STATUSES), help="Also set the status.")
def clauses_stamp(ident, lang, status):
    """Record that the LANG text of clause IDENT matches its current source text."""
    from .library import clauses
    library = clauses.load(library_dir())
    clause = _clause(library, ident, messages.console_language(None))
    translations.stamp(clause, lang, status)
    click.echo(f"{clause.path}: {lang} stamped" + (f" ({status})" if status else ""))


@clauses_group.command("show")
@click.argument("ident")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Language of the text.")
# the loader reads the spec itself, to report a missing or unreadable file with its place
@click.option("--spec", "spec_path", type=click.Path(dir_okay=True, readable=False),
              help="Show the clause as it reads in this agreement (with its packs).")
@click.option("--explain", is_flag=True, help="Say where the text in use comes from and what it overrides.")
def clauses_show(ident, lang, spec_path, explain):
    """Show clause IDENT: its source text, or its text in the agreement of --spec."""
    from . import api
    from .library import clauses
    from .library.packs import layer

    console = messages.console_language(None)
    base = clauses.load(library_dir())
    library = (api.check(spec_path, base).library or base) if spec_path else base
    clause = _clause(library, ident, console)
    if explain:
        click.echo("\n".join([f"{ident}:"] + layer.explain(library, ident)))
        return
    if lang not in clause.texts:
        raise MouError(messages.text("clause_no_language", console, id=ident, lang=lang))
    click.echo(f"# {clause.id} v{clause.version} ({clause.part}"
               f"{', optional' if clause.optional else ''}) — {clause.path}")
    if spec_path is None:
        if clause.title(lang):
            click.echo(clause.title(lang))
        click.echo(clause.text(lang).rstrip())
        return
    for block in api.clause_blocks(spec_path, clause, lang, base, console):
        prefix = "- " if block.kind == "item" else ""
        click.echo(prefix + html.unescape(str(block.text)))
