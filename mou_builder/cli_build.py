"""'mou build' on the console: a progress bar on a terminal, each spec's lines when it is done,
the summary at the end (the building itself is :mod:`mou_builder.batch`)."""
from __future__ import annotations

import contextlib
import sys

import click

from .base import messages
from .base.errors import MouError

CLEAR_LINE = "\r\x1b[K"


def need_pdf_converter(lang: str) -> None:
    from .output import pdf

    if pdf.converter() is None:
        raise MouError(messages.text("no_pdf_converter", lang))


def _progress(length: int, lang: str):
    """click's progress bar on stderr when it is a terminal; nothing otherwise."""
    if length < 2 or not sys.stderr.isatty():
        return contextlib.nullcontext()
    return click.progressbar(length=length, label=messages.text("building", lang), file=sys.stderr,
                             show_pos=True)


def _show(outcome, bar) -> None:
    """A spec's lines, together; the bar drawn again under them."""
    if bar is not None and (outcome.err or outcome.out):
        click.echo(CLEAR_LINE, nl=False, err=True)
    for line in outcome.err:
        click.echo(line, err=True)
    for line in outcome.out:
        click.echo(line)
    if bar is not None:
        bar.update(1)


def run(specs, output_dir, make_pdf, strict, force, allow_draft, comparison, jobs, lang, debug) -> None:
    from . import batch
    from .library import clauses
    from .library.resources import library_dir

    lang = messages.console_language(lang)
    paths, skipped = batch.spec_files(specs, lang)
    for line in skipped:
        click.echo(line, err=True)
    if make_pdf:
        need_pdf_converter(lang)
    settings = batch.Settings(str(output_dir), make_pdf, strict, force, allow_draft, comparison, lang, debug)
    counts = batch.Counts()
    library = clauses.load(library_dir())
    built = batch.outcomes(paths, settings, library, jobs or batch.default_jobs())
    with _progress(len(paths), lang) as bar, contextlib.closing(built):  # closed at once on Ctrl-C
        for outcome in built:
            _show(outcome, bar)
            counts.add(outcome)
    click.echo(counts.summary(lang), err=True)
    sys.exit(1 if counts.failed else 0)
