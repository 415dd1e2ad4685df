"""Plain clause texts and plain conditions are given without running the sandbox: what
they give is what the sandbox gives."""
from __future__ import annotations

import pytest

from hypothesis import given, settings, strategies as st

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


def _sandbox(env, source, context):
    try:
        return True, env.compile_expression(source, undefined_to_none=False)(**context)
    except (sandbox.TemplateError, TypeError):  # undefined, refused, or not comparable
        return False, None


def test_every_condition_of_the_library_is_what_the_sandbox_evaluates(library):
    conditions = {getattr(c, f) for c in library.clauses.values() for f in ("when", "also_when")}
    conditions.discard(None)
    for ctx, env in _contexts(library):
        for source in conditions:
            found, value = plain.condition(env, source, ctx)
            assert found, source  # every one of the library's is given here
            expected = env.compile_expression(source, undefined_to_none=False)(**ctx)
            assert value is expected or (type(value) is bool and value == expected), source


_NAMES = ["a", "b", "d", "missing", "loop", "self", "range", "result", "true", "none", "not a"]
_CONTEXT = {"a": 0, "b": "x", "d": {"k": [1], "e": {}, "items": 1, "n": None}, "loop": 1,
            "result": 1}  # "range": only a global of the sandbox


@st.composite
def _expressions(draw, depth=3):
    if depth == 0 or draw(st.booleans()):
        atom = draw(st.sampled_from(_NAMES + ["'x'", "1", "1.5", "None", "[1]", "d.k", "d.e", "d.n", "d.items",
                                              "d.missing", "b.upper", "d.k.x", "d['k']", "a | length",
                                              "a is defined", "range(2)"]))
        return atom
    left, right = draw(_expressions(depth=depth - 1)), draw(_expressions(depth=depth - 1))
    form = draw(st.sampled_from(["not {l}", "{l} and {r}", "{l} or {r}", "({l})", "{l} == {r}", "{l} != {r}",
                                 "{l} in {r}", "{l} not in {r}", "{l} < {r}", "{l} == {r} == {l}", "{l} {r}"]))
    return form.format(l=left, r=right)


@settings(max_examples=1500, deadline=None)
@given(_expressions())
def test_a_condition_given_here_is_what_the_sandbox_evaluates(source):
    env = sandbox.environment(text_mode=True)
    found, value = plain.condition(env, source, dict(_CONTEXT))
    if found:
        expected = _sandbox(env, source, dict(_CONTEXT))
        assert expected == (True, value) and type(expected[1]) is type(value), source


@pytest.mark.parametrize("source", [
    "missing", "loop", "self", "result", "range", "d.items", "d.missing", "b.upper", "d['k']", "a | length",
    "a is defined", "a < 1", "a == a == a", "1.5", "a b", "(", 1, None, "not missing or a", "a.k",
])
def test_other_conditions_are_left_to_the_sandbox(source):
    assert plain.condition(sandbox.environment(text_mode=True), source, dict(_CONTEXT)) == (False, None)


def test_short_circuits_leave_the_other_side_unread():
    env = sandbox.environment(text_mode=True)
    assert plain.condition(env, "b or missing", dict(_CONTEXT)) == (True, "x")
    assert plain.condition(env, "a and missing", dict(_CONTEXT)) == (True, 0)
    assert _sandbox(env, "b or missing", dict(_CONTEXT)) == (True, "x")


def test_an_environment_with_other_delimiters_is_left_to_the_sandbox():
    env = sandbox.environment(text_mode=True)
    env.variable_end_string = ">>"
    assert plain.condition(env, "a", dict(_CONTEXT)) == (False, None)
