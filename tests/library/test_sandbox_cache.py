"""Templates and expressions are compiled once per process; each render keeps its own bounds
and its own environment's filters."""
from __future__ import annotations

import types

import pytest
from hypothesis import given, strategies as st

from mou_builder.base.kept import Kept
from mou_builder.library import sandbox


def test_a_template_compiled_once_renders_with_each_environments_filters():
    source = "{{ 'x' | mark }} {{ name | mark }}"
    first = sandbox.environment(text_mode=True, mark=lambda v: f"[{v}]")
    second = sandbox.environment(text_mode=True, mark=lambda v: f"<{v}>")
    assert first.from_string(source).render(name="a") == "[x] [a]"
    assert second.from_string(source).render(name="b") == "&lt;x&gt; &lt;b&gt;"
    assert first.from_string(source).render(name="c") == "[x] [c]"


def test_an_expression_compiled_once_sees_each_environments_filters():
    first = sandbox.environment(mark=lambda v: v + 1)
    second = sandbox.environment(mark=lambda v: v + 2)
    assert first.compile_expression("1 | mark")() == 2
    assert second.compile_expression("1 | mark")() == 3


def test_the_work_bound_holds_for_every_render_of_a_cached_template():
    loop = "{% for i in range(n) %}{% for j in range(n) %}.{% endfor %}{% endfor %}"
    env = sandbox.environment()
    assert len(env.from_string(loop).render(n=400)) == 160_000  # under the bound, several times
    assert len(env.from_string(loop).render(n=400)) == 160_000
    for env in (env, sandbox.environment()):
        with pytest.raises(sandbox.LimitExceeded):
            env.from_string(loop).render(n=1_000)


def test_syntax_errors_are_still_reported_each_time():
    env = sandbox.environment()
    for _ in range(2):
        with pytest.raises(sandbox.TemplateError):
            env.from_string("{{ unclosed ")
        with pytest.raises(sandbox.TemplateError):
            env.compile_expression("a b")


@pytest.mark.parametrize("source, expected", [
    ("{{ d.name }}", "Sfax"),  # a key read as an attribute
    ("{{ d.items is callable }}", "True"),  # a dict's own method wins over its key, as in Jinja
    ("{{ d.missing is defined }}", "False"),
    ("{{ d.get('name') }}", "Sfax"),
])
def test_plain_dicts_read_as_jinja_reads_them(source, expected):
    env = sandbox.environment()
    assert env.from_string(source).render(d={"name": "Sfax", "items": 3}) == expected


def test_a_plain_dict_still_guards_its_internals():
    env = sandbox.environment()
    with pytest.raises(sandbox.SecurityError):
        env.from_string("{{ d.__class__ }}").render(d={"__class__": 1})


def _generator():
    yield 1


@pytest.mark.parametrize("obj, attribute", [
    ("text", "upper"), ("text", "__class__"), ([1], "append"), ([1], "index"), ({"a": 1}, "clear"),
    ({"a": 1}, "keys"), (str, "mro"), (str, "upper"), (_generator(), "gi_frame"), (_generator(), "send"),
    (sandbox.environment, "__globals__"), (sandbox.environment, "__name__"), (sandbox.Markup("x"), "upper"),
    (types.SimpleNamespace(mro=1), "mro"), (types.SimpleNamespace(clear=1), "clear"),  # the same names
])
def test_attribute_verdicts_kept_for_a_type_are_jinjas(obj, attribute, monkeypatch):
    from jinja2.sandbox import ImmutableSandboxedEnvironment
    monkeypatch.setattr(sandbox, "_SAFE", Kept())  # worked out here, not by an earlier test
    jinja, ours = ImmutableSandboxedEnvironment(), sandbox.environment()
    value = getattr(obj, attribute)
    expected = jinja.is_safe_attribute(obj, attribute, value)
    for _ in range(2):  # worked out, then read back from what was kept
        assert ours.is_safe_attribute(obj, attribute, value) is expected
    env = sandbox.environment()
    if expected:
        assert env.from_string("{{ o." + attribute + " is defined }}").render(o=obj) == "True"
    else:
        with pytest.raises(sandbox.SecurityError):
            env.from_string("{{ o." + attribute + " }}").render(o=obj)


@pytest.mark.parametrize("source", [
    "{{ x }}", "{% set y %}{{ x }}{% endset %}{{ y }}", "{% macro m() %}{{ x }}{% endmacro %}{{ m() }}",
    "{% filter upper %}{{ x }}{% endfilter %}", "{{ x ~ x }}", "{{ [x, x] | join(x) }}", "{{ x | e }}{{ 3 }}",
    "{% for c in x | string %}{{ c }}{% endfor %}",
])
def test_what_a_render_writes_is_escaped_once(source):
    """Every value written out is escaped as markupsafe escapes it, and only once, whether it
    is written in the text, a block, a macro or a filter block."""
    from jinja2 import Environment
    from markupsafe import Markup

    text = "<a href=\"x\">Tom & Jerry's</a>"
    env = sandbox.environment()
    plain = Environment(autoescape=True)  # Jinja's own, for what the text must be
    for value in (text, Markup(text), 7):
        assert env.from_string(source).render(x=value) == plain.from_string(source).render(x=value)


def test_a_template_kept_by_its_environment_is_made_again_when_a_setting_changes():
    from jinja2 import pass_context

    env = sandbox.environment(text_mode=True, mark=lambda v: f"[{v}]")
    kept = env.template("{{ x | mark }}")
    assert env.template("{{ x | mark }}") is kept and kept.render(x=1) == "[1]"
    assert env.template("{{ x | mark }}").render(x=2) == "[2]"  # each render with its values
    env.filters["mark"] = pass_context(lambda context, v: f"<{v}:{context['y']}>")  # called otherwise
    assert env.template("{{ x | mark }}") is not kept
    assert env.template("{{ x | mark }}").render(x=3, y=4) == "&lt;3:4&gt;"


@given(st.text())
def test_a_plain_text_escaped_fast_is_what_markupsafe_makes_of_it(text):
    from markupsafe import Markup, escape

    made = sandbox.escaped_text(text)
    assert type(made) is Markup and made == escape(text)
