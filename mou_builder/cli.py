"""The command line: parses, prints and calls the pipeline; nothing more."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .base import messages
from .base.errors import MouError, internal_error
from .library.resources import library_dir
from .library import starter
from .base.files import remove_pending, write_atomic

# a spec the loader reads itself, to report a missing or unreadable file with its location
SPEC = click.Path(dir_okay=True, readable=False)
LANG_OPTION = click.option("--lang", type=click.Choice(messages.CONSOLE_LANGUAGES), default=None,
                           help="Language of the messages (default: from the locale).")


class Main(click.Group):
    """Turns unexpected failures into one line instead of a traceback (unless --debug)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            remove_pending()  # a temporary file the build was making or renaming
            raise click.Abort() from None
        except BrokenPipeError:  # the reader went away (`mou clauses list | head`): stop quietly
            raise  # click silences the output streams and exits with 1
        except Exception as exc:  # a bug: say so, briefly
            if ctx.params.get("debug"):
                raise
            raise click.ClickException(internal_error(exc)) from None


@click.group(cls=Main)
@click.version_option(__version__, prog_name="mou")
@click.option("--debug", is_flag=True, help="Show the full traceback of an internal error.")
def main(debug):
    """Build partnership agreements between local authorities from YAML specs."""


def _report(checked, lang, strict):
    from . import api
    for problem in api.as_errors(checked.problems, strict):
        click.echo(problem.format(lang), err=True)


@main.command()
@click.argument("specs", nargs=-1, required=True, type=SPEC)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@LANG_OPTION
def validate(specs, strict, lang):
    """Check SPECS; every problem is printed as FILE:LINE:COLUMN: field: message."""
    from . import api
    from .library import clauses
    lang = messages.console_language(lang)
    library = clauses.load(library_dir())
    failed = False
    for path in specs:
        checked = api.check(path, library)
        _report(checked, lang, strict)
        if checked.failed(strict):
            failed = True
            click.echo(messages.text("summary", lang, file=path, errors=checked.error_count
                                     + (len(checked.warnings) if strict else 0),
                                     warnings=0 if strict else len(checked.warnings)), err=True)
        else:
            click.echo(messages.text("valid", lang, file=path))
    if failed and strict:
        click.echo(messages.text("strict_failed", lang), err=True)
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("specs", nargs=-1, required=True, type=SPEC)
@click.option("-o", "--output-dir", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write the documents in.")
@click.option("--pdf", "make_pdf", is_flag=True, help="Also write a PDF of each document (LibreOffice).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--force", is_flag=True, help="Replace outputs even if they were edited after generation.")
@click.option("--allow-draft", is_flag=True,
              help="Build even if some translations are out of date; the document is marked as a draft.")
@click.option("--comparison", type=click.Choice(["changes", "full"]), default="changes", show_default=True,
              help="For a revision spec, the comparison table: only the articles that changed, or every article.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Specs built at the same time, each in a process of its own (default: the number of cores).")
@LANG_OPTION
@click.pass_context
def build(ctx, specs, output_dir, make_pdf, strict, force, allow_draft, comparison, jobs, lang):
    """Write the agreement(s) of SPECS (spec files, or folders of specs) as DOCX (and PDF).

    Every spec is checked and built on its own: one that fails does not stop the others.
    Prints each path written, then how many specs were built, failed or unchanged.
    """
    from .cli_build import run

    run(specs, output_dir, make_pdf, strict, force, allow_draft, comparison, jobs, lang,
        bool(ctx.find_root().params.get("debug")))


def _show_written(path, written, lang):
    from .batch import written_lines

    err, out = written_lines(path, written, lang)
    for line in err:
        click.echo(line, err=True)
    for line in out:
        click.echo(line)


@main.command()
@click.argument("old")
@click.argument("new")
@click.option("-o", "--output-dir", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write the documents in.")
@click.option("--pdf", "make_pdf", is_flag=True, help="Also write a PDF of each document (LibreOffice).")
@click.option("--force", is_flag=True, help="Replace outputs even if they were edited after generation.")
@click.option("--allow-draft", is_flag=True,
              help="Build even if some translations are out of date; the documents are marked as drafts.")
@click.option("--number", type=click.IntRange(min=1), default=None,
              help="The amendment's number, when NEW has no revision block (default: 1).")
@click.option("--date", "date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The amendment's date, YYYY-MM-DD, when NEW has no revision block (default: today).")
@click.option("--comparison", type=click.Choice(["changes", "full"]), default="changes", show_default=True,
              help="Comparison table: only the articles that changed, or every article.")
@LANG_OPTION
def amend(old, new, output_dir, make_pdf, force, allow_draft, number, date, comparison, lang):
    """Amendment documents from two versions of an agreement (each a path or PATH@GITREF).

    Writes the amendment instrument, the consolidated text with tracked changes and a
    comparison table, in every language of the agreement, and prints what the revision covers.
    """
    from . import api
    lang = messages.console_language(lang)
    if make_pdf:
        from .cli_build import need_pdf_converter
        need_pdf_converter(lang)
    written = api.amend(old, new, output_dir, Path.cwd(), make_pdf, lang, force=force, allow_draft=allow_draft,
                        number=number, date=date.date() if date else None, comparison=comparison)
    _show_written(new, written, lang)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--lang", type=click.Choice(starter.LANGUAGES), default=None,
              help="Language of the starter spec and its comments (default: from the locale).")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def new(file, lang, force):
    """Write a commented starter spec to FILE."""
    console = messages.console_language(lang if lang in messages.CONSOLE_LANGUAGES else None)
    lang = lang or console
    path = Path(file)
    if path.exists() and not force:
        raise MouError(messages.text("file_exists", console, file=path))
    starter.write(path, lang)
    click.echo(messages.text("starter_written", console, file=path), err=True)
    click.echo(str(path))


@main.command()
@click.argument("folder", default=".", type=click.Path(exists=True, file_okay=False))
@click.option("--port", type=click.IntRange(0, 65535), default=0,
              help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Do not open the browser; only print the address.")
@click.option("-o", "--output-dir", type=click.Path(file_okay=False),
              help="Folder for the documents built (default: FOLDER/out).")
@LANG_OPTION
@click.pass_context
def serve(ctx, folder, port, no_browser, output_dir, lang):
    """A web form for the specs of FOLDER, on this machine only (needs the 'web' extra)."""
    lang = messages.console_language(lang)
    try:
        from .web import server
    except ImportError as exc:
        raise MouError(messages.text("web_extra_missing", lang, module=exc.name or "flask")) from None

    def announce(url):
        click.echo(messages.text("serving", lang, folder=folder), err=True)
        click.echo(url)
    server.run(folder, port, not no_browser, output_dir, lang, bool(ctx.find_root().params.get("debug")),
               echo=announce)


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the schema to this file instead of printing it.")
def schema(output):
    """Print the JSON Schema of a spec, for editors and check-jsonschema."""
    from .validation import json_schema
    if output is None:
        click.echo(json_schema.text(), nl=False)
        return
    write_atomic(Path(output), json_schema.text().encode("utf-8"))
    click.echo(str(output))


@main.command()
@click.argument("ref1")
@click.argument("ref2", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="markdown: to paste in a pull request.")
@click.option("-C", "repo", type=click.Path(file_okay=False, exists=True), default=".",
              help="The repository (default: the current folder).")
def diff(ref1, ref2, fmt, repo):
    """What changed in clauses/ and agreements/ between REF1 and REF2 (default: the working tree)."""
    from .vcs import diff as changes
    style = "markdown" if fmt == "markdown" else ("color" if sys.stdout.isatty() else "plain")
    report = changes.compare(Path(repo), ref1, ref2, style)
    click.echo(changes.format_report(report, ref1, ref2, markdown=fmt == "markdown"), nl=False)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def docx2text(file):
    """Print a DOCX as plain text, tracked changes marked {+inserted+} [-deleted-].

    For 'git diff' of Word files: see the README (textconv).
    """
    from .render import readback as textdump
    try:
        text = textdump.text(file)
    except Exception as exc:  # not a Word file: say so in one line
        raise MouError(f"{file}: cannot be read as a Word document ({type(exc).__name__})") from None
    click.echo(text, nl=False)


@main.group("export")
def export_group():
    """Publish agreements as open data."""


@export_group.command("iati")
@click.argument("specs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The XML file to write.")
@click.option("--reporting-org", help="IATI identifier of the publishing organisation (XI-IATI-…).")
@click.option("--reporting-org-name", help="Its name.")
@click.option("--reporting-org-type", help="Its IATI organisation type (default 11, local government).")
@click.option("--documents-url", help="Where the agreement documents are published (a folder URL).")
@click.option("--documents-format", type=click.Choice(["pdf", "docx"]), help="Format of those documents (pdf).")
@click.option("--force", is_flag=True, help="Replace OUTPUT even if this tool did not write it.")
def export_iati(specs, output, force, **options):
    """Write an IATI 2.03 activity file for SPECS (files or folders), one activity per agreement."""
    from .export import config, iati

    settings, _ = config.load(specs)
    settings.update({k.replace("_", "-"): v for k, v in options.items() if v})
    publisher = iati.Publisher(settings.get("reporting-org", ""), settings.get("reporting-org-name", ""),
                               settings.get("reporting-org-type", "11"), settings.get("documents-url", ""),
                               settings.get("documents-format", "pdf"))
    data, notes = iati.export(specs, publisher)
    iati.write(Path(output), data, force)
    for note in notes + ([] if publisher.documents_url else
                         ["no --documents-url: the file has no links to the agreement documents"]):
        click.echo(f"note: {note}", err=True)
    click.echo(output)


@main.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The HTML file to write.")
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None,
              help="Language of the report (default: from the locale).")
@click.option("--force", is_flag=True, help="Replace OUTPUT even if this tool did not write it.")
def report(specs, output, lang, force):
    """One HTML page for the agreements of SPECS (files or folders): table, timeline, budgets, dates due."""
    from .export import report as portfolio_report

    page = portfolio_report.render(specs, messages.console_language(lang))
    portfolio_report.write(Path(output), page, force)
    click.echo(output)


def _register():
    from .cli_clauses import clauses_group
    from .cli_packs import packs_group

    main.add_command(clauses_group)
    main.add_command(packs_group)


_register()


def run() -> None:
    """The ``mou`` command of a process of its own (the console script, ``python -m mou_builder``).

    What a command made is left to the operating system: once it is done, the console's
    streams are flushed and the process ends without Python taking every object apart one
    by one (about 20 ms after the example amendment, 45 ms after a batch). Every file a
    command writes is closed before it returns, and no command leaves anything for the end
    of the process to do (no exit handler, no temporary file)."""
    try:
        main()
    except SystemExit as exc:  # how click ends, in every case
        _end(exc.code)
    _end(0)


def _end(code) -> None:
    """End the process as ``sys.exit(code)`` would, without tearing the interpreter down."""
    if code is not None and not isinstance(code, int):  # a message: Python prints it, then 1
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader gone, a stream closed: nothing more to say
            pass
    os._exit(code or 0)


if __name__ == "__main__":
    run()
