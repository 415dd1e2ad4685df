"""What the editor does with a request: edit the text, check it, lay out the answer.

The check is the pipeline's own (``api.check_text``): the problems, their wording
and their places are those of ``mou validate``. The build is ``api.build``.
"""
from __future__ import annotations

from dataclasses import dataclass

from ruamel.yaml.comments import CommentedMap

from .. import api
from ..base import messages
from ..base.errors import LibraryError
from ..drafting.i18n import Localiser
from ..output import pdf
from ..render import readback as textdump
from ..validation.schema import SCHEMA
from . import formmodel, totals, yamledit
from .formmodel import word

__all__ = ["update", "build", "word", "View"]


@dataclass
class View:
    yaml: str
    form_html: str | None
    problems_html: str
    totals_html: str
    errors: int
    warnings: int


def problem_text(problem, lang: str) -> str:
    """A problem as shown beside its field: the message of ``mou validate``, without the place."""
    prefix = messages.text("warning_prefix", lang) if problem.severity == "warning" else ""
    return prefix + messages.text(problem.key, lang, **problem.params)


def vocabulary(lang: str, labels_path):
    """The clause library's names of enumerated values (clauses/labels.yaml), in ``lang``."""
    loc = Localiser(lang, totals.UI_LOCALES[lang], labels_path)

    def name_of(path: tuple) -> str | None:
        try:
            return loc.label(*path)
        except LibraryError:
            return None
    return name_of


def rule_at(path: tuple) -> dict | None:
    rule = {"type": "dict", "schema": SCHEMA}
    for part in path:
        if isinstance(part, int):
            rule = rule.get("schema") if rule.get("type") == "list" else None
        else:
            rule = (rule.get("schema") or {}).get(part) if rule.get("type") == "dict" else None
        if not isinstance(rule, dict):
            return None
    return rule


def apply(text: str, edits: list, op) -> str:
    """The text with the form's edits applied; the text as it was when there are none."""
    if not edits and not op:
        return text
    doc = yamledit.Document(text)
    for edit in edits:
        if not (isinstance(edit, list) and len(edit) == 3 and isinstance(edit[0], str)
                and isinstance(edit[2], str) and (edit[1] is None or isinstance(edit[1], (str, list)))):
            raise yamledit.EditError("an edit is [field, value, kind]")
        doc.set(yamledit.parse_path(edit[0]), yamledit.coerce(edit[1], edit[2]))
    if op:
        if not isinstance(op, dict) or op.get("op") not in ("add", "remove") \
                or not isinstance(op.get("path"), str):
            raise yamledit.EditError("an operation is {op: add|remove, path}")
        path = yamledit.parse_path(op["path"])
        if op["op"] == "remove":
            doc.remove(path)
        else:
            rule = rule_at(path)
            if rule is None or rule.get("type") != "list":
                raise yamledit.EditError(f"{op['path']} is not a list")
            doc.add(path, CommentedMap() if rule.get("schema", {}).get("type") == "dict" else "")
    return doc.text()


def update(config, name: str, text: str, edits: list, op, lang: str) -> View:
    library, env = config["LIBRARY"], config["TEMPLATES"]
    try:
        text = apply(text, edits, op)
    except yamledit.EditError:
        if edits or op:
            raise
    checked = api.check_text(text, name, library, config["TODAY"])
    form_html = None
    data = checked.source.data if checked.source is not None else None
    if isinstance(data, dict) or (checked.source is not None and data is None):
        builder = formmodel.Builder(data, lang, library.optional_ids(), vocabulary(lang, library.labels_path))
        parts = builder.parts()
        loose = builder.attach(checked.problems, lang)
        form_html = env.get_template("form.html").render(
            parts=parts, loose=loose, lang=lang, problem_text=problem_text)
    problems_html = env.get_template("problems.html").render(
        problems=checked.problems, lang=lang, errors=len(checked.errors), warnings=len(checked.warnings))
    totals_html = env.get_template("totals.html").render(
        totals=totals.compute(data, lang, library.labels_path), lang=lang)
    return View(text, form_html, problems_html, totals_html, len(checked.errors), len(checked.warnings))


def build(config, name: str, make_pdf: bool, lang: str) -> dict:
    """Build the saved spec; the files written, the build's notes and each document's text."""
    make_pdf = make_pdf and pdf.converter() is not None
    written = api.build(config["FOLDER"] / name, config["OUT"], make_pdf=make_pdf, console_lang=lang,
                             library=config["LIBRARY"], today=config["TODAY"])
    return {"files": [p.name for p in written], "notes": list(written.notes),
            "previews": [(p.name, textdump.text(p)) for p in written if p.suffix == ".docx"],
            "out": str(config["OUT"])}
