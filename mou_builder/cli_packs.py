"""``mou packs``: make, check, install and list packs (see docs/packs.md)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .library.resources import library_dir


@click.group("packs")
def packs_group():
    """Packs: a network's templates, clauses, vocabulary and defaults over the library."""


@packs_group.command("new")
@click.argument("name")
@click.option("--dir", "parent", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Folder to create the pack in.")
@click.option("--lang", "langs", multiple=True, help="A language of the pack (repeatable; default fr, en).")
def packs_new(name, parent, langs):
    """Create the pack NAME: a manifest with hashes, defaults, a README; it passes 'mou packs check'."""
    from .library.packs import scaffold
    folder = scaffold.new(name, Path(parent), tuple(langs) or ("fr", "en"))
    click.echo(folder)


@packs_group.command("check")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
def packs_check(path):
    """Check the pack in PATH: manifest and hashes, clauses, templates; exit 1 on any problem."""
    from .library import clauses
    from .library.packs import lint
    findings = lint.check_pack(Path(path), clauses.load(library_dir()))
    for line in findings:
        click.echo(line)
    click.echo(f"{path}: " + (f"{len(findings)} problem(s)" if findings else "pack is sound"), err=True)
    sys.exit(1 if findings else 0)


@packs_group.command("hash")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
def packs_hash(path):
    """Record the current hash of every file of the pack in PATH in its pack.yaml."""
    from .library.packs import manifest
    files = manifest.rehash(Path(path))
    click.echo(f"{Path(path) / manifest.MANIFEST}: {len(files)} file(s) hashed")


@packs_group.command("install")
@click.argument("source")
@click.option("--local", is_flag=True, help="Install in this project (./.mou/packs) instead of per user.")
@click.option("--force", is_flag=True, help="Replace the same version if it is already installed.")
def packs_install(source, local, force):
    """Install the pack at SOURCE: a folder, a zip, or a git repository (URL@TAG)."""
    from .library.packs import store
    pack = store.install(source, local=local, force=force)
    click.echo(f"{pack.label} installed in {pack.root}")


@packs_group.command("list")
def packs_list():
    """The installed packs: name, version, languages, where."""
    from .library.packs import semver
    from .library.packs import store
    found = store.installed()
    for pack in found:
        click.echo(f"{pack.name:<24} {semver.show(pack.version):<9} {','.join(pack.languages):<12} {pack.root}")
    if not found:
        click.echo("no pack installed (looked in " + ", ".join(map(str, store.places())) + ")", err=True)


def _pack_folder(ref: str) -> Path:
    """A pack folder, or an installed pack named NAME@VERSION (or NAME@RANGE)."""
    from .library.packs import store
    if Path(ref).is_dir():
        return Path(ref)
    return store.find(ref, Path.cwd()).root


@packs_group.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--markdown", is_flag=True, help="Markdown, for a pull request or a circular to members.")
def packs_diff(old, new, markdown):
    """What NEW changes from OLD (folders, or installed NAME@VERSION): clause texts word by word,
    vocabulary, default values, templates."""
    from .vcs import packdiff

    click.echo(packdiff.compare(_pack_folder(old), _pack_folder(new), markdown).rstrip())
