"""Plain clause texts and one-name conditions are given without running the sandbox: what
they give is what the sandbox gives."""
from __future__ import annotations

import pytest

from mou_builder import model, validation
from mou_builder.drafting import assemble
from mou_builder.drafting.context import annex_numbers
from mou_builder.library import plain, sandbox

from conftest import EXAMPLES, TODAY


def _rendered(env, source):
    return env.from_string(source).render()


def test_every_plain_text_of_the_library_is_what_the_sandbox_renders(library):
    env = sandbox.environment(text_mode=True)
    given = 0
    for clause in library.clauses.values():
        for lang in clause.languages():
            for source in (clause.title(lang), clause.text(lang)):
                literal = plain.text(env, source)
                if literal is not None:
                    given += 1
                    assert literal == _rendered(env, source), (clause.id, lang)
    assert given > 100  # every title, and the clauses without values


@pytest.mark.parametrize("source", [
    "", "\n", "Budget", "Budget\n", "Two\n\nparagraphs\n\n", "  indented\n- item\n", "A & B <c> 'd'",
    "} alone {", "percent % and # hash",
])
@pytest.mark.parametrize("text_mode", [True, False])
def test_plain_text_renders_as_jinja_renders_it(source, text_mode):
    env = sandbox.environment(text_mode=text_mode)
    assert plain.text(env, source) == _rendered(env, source)
    env.keep_trailing_newline = True
    assert plain.text(env, source) == _rendered(env, source)


@pytest.mark.parametrize("source", [
    "{{ x }}", "a {% if x %}b{% endif %}", "{# a note #}", "{% raw %}{{{% endraw %}", "one\r\ntwo", "one\rtwo",
])
def test_a_text_with_template_syntax_or_a_carriage_return_is_left_to_the_sandbox(source):
    assert plain.text(sandbox.environment(text_mode=True), source) is None


def test_an_environment_set_up_otherwise_is_left_to_the_sandbox():
    env = sandbox.environment(text_mode=True)
    env.line_statement_prefix = "#"
    assert plain.text(env, "# for x in y\n") is None
    env = sandbox.environment(text_mode=True)
    env.newline_sequence = "\r\n"
    assert plain.text(env, "a\nb") is None


def test_a_text_over_the_output_bound_still_fails_in_the_sandbox():
    env = sandbox.environment(text_mode=True)
    huge = "x" * (sandbox.MAX_OUTPUT + 1)
    assert plain.text(env, huge) is None
    with pytest.raises(sandbox.LimitExceeded):
        _rendered(env, huge)


def _contexts(library):
    for path in EXAMPLES:
        data = validation.load(path).data
        if data.get("kind") == "revision":
            continue
        agreement = model.build(data, str(path), TODAY)
        for lang in agreement.languages:
            _, ctx, env = assemble._setting(agreement, library, lang, annex_numbers(agreement))
            yield ctx, env


def test_every_one_name_condition_of_the_library_is_what_the_sandbox_evaluates(library):
    conditions = {getattr(c, f) for c in library.clauses.values() for f in ("when", "also_when")}
    conditions.discard(None)
    given = set()
    for ctx, env in _contexts(library):
        for source in conditions:
            found, value = plain.name(source, ctx)
            if found:
                given.add(source)
                expected = env.compile_expression(source, undefined_to_none=False)(**ctx)
                assert value is expected, source
    assert {"governance", "light", "actions"} <= given


@pytest.mark.parametrize("source", [
    "true", "None", "not", "self", "loop", "result", "range", "missing", "a.b", "a or b", " a", "a ", 1, None,
])
def test_other_expressions_are_left_to_the_sandbox(source):
    context = {"a": 1, "b": 2, "true": 0, "None": 0, "self": 0, "loop": 0, "result": 0, "a.b": 0,
               "a or b": 0, " a": 0, "a ": 0, 1: 0, None: 0}
    assert plain.name(source, context) == (False, None)
