"""The public API: one pipeline with named stages.

    LOAD → VALIDATE → MODEL → RESOLVE/LOCALISE → RENDER → RECORD

``check`` runs the first two stages and returns every problem; ``build`` runs
them all and returns the paths it wrote. Both raise :class:`MouError`
subclasses for problems a user can act on and never print.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, validation
from .base import messages
from .base.errors import MouError, Problem, SpecInvalid
from .library import clauses, templates, translations
from .library.packs import layer
from .library.resources import library_dir
from .validation import Checked

# MODEL, RESOLVE/LOCALISE, RENDER and RECORD are imported by the functions that run them:
# checking a spec (mou validate) does without them
if TYPE_CHECKING:
    from . import model


def check(path: str | Path, library: clauses.Library | None = None,
          today: dt.date | None = None, source: validation.Source | SpecInvalid | None = None) -> Checked:
    """LOAD and VALIDATE one spec: every problem at once, errors and warnings (``source``: the
    spec already loaded, or what its loading raised, not read again)."""
    checked = validation.check_file(path, library or clauses.load(library_dir()), today, layer.prepare, source)
    problem = _template_problem(checked)
    if problem is not None:
        checked.problems = sorted(checked.problems + [problem],
                                  key=lambda p: (p.line, p.column, p.severity != "error"))
    return checked


def _template_problem(checked: Checked) -> Problem | None:
    """The spec's ``template`` names a template that exists (with the file its layout needs)."""
    data = checked.source.data if checked.source is not None else None
    name = data.get("template") if isinstance(data, dict) else None
    if not isinstance(name, str) or not name.strip():
        return None
    langs = data.get("languages") if isinstance(data.get("languages"), list) else []
    needed = templates.PARALLEL_FILE if data.get("layout") == "parallel" and len(langs) > 1 \
        else templates.TEMPLATE_FILE
    try:
        templates.locate(name, checked.path, needed)
    except MouError:
        return checked.source.problem(("template",), "unknown_template", value=name,
                                      builtin=", ".join(templates.builtin_names()))
    return None


def check_text(text: str, display: str, library: clauses.Library | None = None,
               today: dt.date | None = None) -> Checked:
    """LOAD and VALIDATE spec text not yet saved (the web form): the problems of ``check``."""
    return validation.check_text(text, display, library or clauses.load(library_dir()), today)


def _pack_template(agreement, checked):
    """A pack's layout when the spec names no template."""
    folder = getattr(checked.library, "template_folder", lambda: None)()
    data = checked.source.data
    if folder is None or data.get("template"):
        return agreement
    return dataclasses.replace(agreement, template=str(folder))


def output_names(agreement: model.Agreement, stem: str | None = None) -> dict:
    """File stem per document: one per language, or one for all (parallel, sequential)."""
    stem = stem or agreement.id
    if len(agreement.languages) == 1 or agreement.layout in ("parallel", "sequential"):
        return {agreement.languages: stem}
    return {(lang,): f"{stem}-{lang}" for lang in agreement.languages}


def _render(agreement, docs, spec_path, when) -> bytes:
    from .render import layout

    if len(docs) == 1:
        template = templates.locate(agreement.template, spec_path)
        return layout.separate(docs[0], template, when, __version__), template
    if agreement.layout == "parallel":
        template = templates.locate(agreement.template, spec_path, templates.PARALLEL_FILE)
        return layout.parallel(docs, template, when, __version__), template
    template = templates.locate(agreement.template, spec_path)
    return layout.sequential(docs, template, when, __version__), template


class Written(list):
    """The paths a build wrote; ``notes`` holds what the user should know (draft texts), and
    for an amendment ``summary`` the elements of the revision, changed or confirmed."""

    notes: list = []
    summary: list = []
    unchanged: bool = False  # every file was already there with these very bytes: none rewritten


def _translation_gate(documents: dict, library, allow_draft: bool,
                      console_lang: str = "en") -> tuple[bool, list[str]]:
    """Refuse stale or unstamped translations unless ``allow_draft``.

    Returns whether the documents must be marked as drafts, and notes on draft texts."""
    stale, drafts = [], {}
    for lang, doc in documents.items():
        for ident, _ in doc.clauses_used:
            clause = library.get(ident)
            problem = translations.state(clause, lang)
            if problem:
                stale.append(f"{clause.path}: {lang}: {problem}")
            elif clause.status(lang) == "draft":
                drafts.setdefault(lang, []).append(ident)
    if stale and not allow_draft:
        raise MouError(messages.text("translations_stale", console_lang, list="\n  " + "\n  ".join(stale)))
    notes = [messages.text("translation_drafts", console_lang, lang=lang,
                           ids=", ".join(ids[:4]) + (", …" if len(ids) > 4 else ""))
             for lang, ids in drafts.items()]
    if stale:
        notes.insert(0, messages.text("built_as_draft", console_lang, translations=len(stale)))
    return bool(stale), notes


def build(path: str | Path, out_dir: str | Path, make_pdf: bool = False, strict: bool = False,
          console_lang: str = "en", library: clauses.Library | None = None,
          today: dt.date | None = None, force: bool = False, allow_draft: bool = False,
          comparison: str = "changes", checked: Checked | None = None) -> Written:
    """Build the agreement described by the spec at ``path``; return the files written
    (for a revision spec, the three documents of the amendment: see :func:`amend`).

    Every document is rendered before anything is written, and no existing file that
    was edited after generation (or not generated at all) is replaced unless ``force``.
    ``checked``: the result of :func:`check` for ``path`` when the caller has it already.
    """
    from . import model
    from .drafting.assemble import assemble
    from .output import reproducible

    library = library or clauses.load(library_dir())
    checked = checked or check(path, library, today)
    if checked.failed(strict):
        raise SpecInvalid(as_errors(checked.problems, strict), console_lang)
    library = checked.library
    data = checked.source.data
    if data.get("kind") == "revision":  # the model of each version is built by amend
        return amend(data["revision"]["amends"], str(checked.path.resolve()), out_dir, checked.path.parent,
                     make_pdf, console_lang, library, today, force, allow_draft, comparison=comparison,
                     new_source=checked.source)
    agreement = _pack_template(model.build(data, str(checked.path), today), checked)
    when = reproducible.build_time(agreement.signing_date)
    documents = {lang: assemble(agreement, library, lang) for lang in agreement.languages}
    draft, notes = _translation_gate(documents, library, allow_draft, console_lang)
    if draft:
        for doc in documents.values():
            doc.mark_draft()
    rendered = []
    for langs, stem in output_names(agreement).items():
        docs = [documents[lang] for lang in langs]
        data, template = _render(agreement, docs, checked.path, when)
        rendered.append((Path(out_dir) / f"{stem}.docx", docs, template, data))
    return _write(rendered, checked.path, library, make_pdf, force, console_lang, notes, checked.source.sha256)


def _write(rendered, spec_path: Path, library, make_pdf, force, console_lang, notes,
           spec_sha256: str = "") -> "Written":
    """RECORD: each document with its PDF and record, written as one unit (:mod:`.output.unit`);
    ``spec_sha256``: the digest of the spec's bytes as read, else the file is read again."""
    from .output import buildrecord, unit

    spec_sha256 = spec_sha256 or buildrecord.sha256(spec_path.read_bytes())
    units = []
    for target, docs, template, data in rendered:
        outputs = {target.name: data}
        if make_pdf:
            from .output import pdf  # (and subprocess, 4 ms: only when asked for)

            outputs[target.with_suffix(".pdf").name] = pdf.convert(data, target.name, console_lang)
        record = buildrecord.render(target, spec_path, spec_sha256, template, templates.is_builtin(template),
                                    docs, library, {name: buildrecord.sha256(b) for name, b in outputs.items()})
        units.append(unit.Unit(target, outputs, record))
    written = Written(path for u in units for path, _ in u.files())
    installed = unit.install(units, spec_path, force, console_lang)
    written.notes, written.unchanged = notes + installed.notes, installed.unchanged
    return written


def amend(old_ref: str, new_ref: str, out_dir, base: Path | None = None, make_pdf: bool = False,
          console_lang: str = "en", library: clauses.Library | None = None, today: dt.date | None = None,
          force: bool = False, allow_draft: bool = False, number: int | None = None,
          date: dt.date | None = None, comparison: str = "changes",
          new_source: validation.Source | None = None) -> "Written":
    """The amendment instrument, the consolidated text with tracked changes and the comparison
    table, from two versions (paths, or PATH@GITREF); ``written.summary`` covers the elements.

    The amendment's number and date come from the newer version's revision block, else from
    ``number`` and ``date`` (by default 1 and today); a note says which. ``comparison``:
    "changes" leaves unchanged articles out of the comparison table, "full" lists them.
    ``new_source``: the newer version already loaded and checked (a build of a revision spec)."""
    from .output import reproducible
    from .revision import documents, summary, versions

    library = library or clauses.load(library_dir())
    base = Path(base or Path.cwd())
    old = versions.load(old_ref, base, library, today, console_lang)
    new = versions.load(new_ref, Path.cwd(), library, today, console_lang, source=new_source)
    a_old, a_new = old.agreement, new.agreement
    missing = [lang for lang in a_new.languages if lang not in a_old.languages]
    if missing:
        raise MouError(f"{old.display} has no {', '.join(missing)} text: the amended version must be "
                       f"drafted in every language of the new one")
    numbered = versions.revision_of(a_new, number, date, today)
    revision = numbered.revision
    annexes = versions.annex_numbering(a_old, a_new)
    parts = {lang: documents.compare(a_old, a_new, library, lang, annexes) for lang in a_new.languages}
    if all(not p.found for p in parts.values()):
        raise MouError(f"{old.display} and {new.display} give the same agreement: there is nothing to "
                       f"amend, so no document was written")
    draft, notes = _translation_gate({lang: p.new for lang, p in parts.items()}, library, allow_draft,
                                     console_lang)
    notes = _numbered_notes(numbered, number, date, console_lang) + notes
    kinds = {"amendment": {}, "consolidated": {}, "comparison": {}}
    for lang, compared in parts.items():
        for kind, doc in documents.documents(a_old, a_new, compared, revision, library, comparison).items():
            if draft:
                doc.mark_draft()
            kinds[kind][lang] = doc
    when = reproducible.build_time(revision.date)
    rendered = []
    stems = {"amendment": f"{a_new.id}-amendment-{revision.number}", "consolidated": f"{a_new.id}-consolidated",
             "comparison": f"{a_new.id}-comparison"}
    for kind, docs_by_lang in kinds.items():
        layout = a_new if kind != "comparison" else dataclasses.replace(a_new, layout="separate")
        for langs, stem in output_names(layout, stems[kind]).items():
            docs = [docs_by_lang[lang] for lang in langs]
            data, template = _render(layout, docs, new.path, when)
            rendered.append((Path(out_dir) / f"{stem}.docx", docs, template, data))
    written = _write(rendered, new.path, library, make_pdf, force, console_lang, notes)
    written.summary = summary.summary(a_old, a_new)
    return written


def _numbered_notes(numbered, number, date, lang: str) -> list[str]:
    """Where the amendment's number and date came from."""
    revision = numbered.revision
    if numbered.number_from == "spec":
        notes = [messages.text("amendment_from_spec", lang, number=revision.number, date=revision.date.isoformat())]
        if number is not None or date is not None:
            notes.append(messages.text("amendment_options_ignored", lang))
        return notes
    return [messages.text("amendment_from_options", lang, number=revision.number, date=revision.date.isoformat(),
                          number_from=messages.text(f"number_{numbered.number_from}", lang),
                          date_from=messages.text(f"date_{numbered.date_from}", lang))]


def clause_blocks(path, clause: clauses.Clause, lang: str, library: clauses.Library,
                  console_lang: str = "en") -> tuple:
    """The blocks of one clause as it reads in the agreement of the spec at ``path``."""
    from . import model
    from .drafting.assemble import assemble

    checked = check(path, library)
    if checked.failed():
        raise SpecInvalid(checked.errors, console_lang)
    agreement = model.build(checked.source.data, str(checked.path))
    if lang not in agreement.languages:
        raise MouError(f"{path}: the agreement is not drafted in '{lang}' "
                       f"(languages: {', '.join(agreement.languages)})")
    document = assemble(agreement, checked.library or library, lang)
    if clause.id not in document.by_clause:
        raise MouError(f"clause '{clause.id}' does not apply to the agreement of {path}"
                       + (" (it is optional: list it under clauses.include)" if clause.optional else ""))
    return document.by_clause[clause.id]


def as_errors(problems: list[Problem], strict: bool) -> list[Problem]:
    """With ``strict``, warnings count (and read) as errors."""
    if not strict:
        return problems
    return [Problem(p.file, p.line, p.column, p.path, p.key, p.params,
                    "error" if p.severity == "warning" else p.severity) for p in problems]


def planned_names(data) -> list[str]:
    """The DOCX names a spec's build would write, from its raw data (nothing when the spec
    is too broken to say; validation then reports it)."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return []
    langs = [x for x in data.get("languages") or [] if isinstance(x, str)] \
        if isinstance(data.get("languages"), list) else []
    one_file = len(langs) <= 1 or data.get("layout") in ("parallel", "sequential")
    ident = data["id"]
    stems = [ident]
    revision = data.get("revision")
    if data.get("kind") == "revision" and isinstance(revision, dict):
        stems = [f"{ident}-amendment-{revision.get('number')}", f"{ident}-consolidated", f"{ident}-comparison"]
    names = []
    for stem in stems:
        separate = not one_file or stem.endswith("-comparison") and len(langs) > 1
        names += [f"{stem}-{lang}.docx" for lang in langs] if separate else [f"{stem}.docx"]
    return names


class OutputPlan:
    """The files a batch writes, claimed spec by spec: a spec that would write a file an
    earlier one writes is refused (only the names are kept, not the specs)."""

    def __init__(self):
        self.seen = {}  # file name -> the path of the spec that writes it

    def clash(self, path, names) -> tuple | None:
        """Claim ``names`` for the spec at ``path``; or, when an earlier spec claimed one of
        them, claim none and return (that spec's path, the name)."""
        for name in names:
            first = self.seen.get(name, path)
            if first != path:
                return first, name
        self.seen.update(dict.fromkeys(names, path))
        return None


def same_output(out_dir, console_lang: str, first, second, name) -> str:
    """What a spec refused for a file ``name`` an earlier spec ``first`` writes reads."""
    return messages.text("same_output", console_lang, first=first, second=second, file=Path(out_dir) / name)
