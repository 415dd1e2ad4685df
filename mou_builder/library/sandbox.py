"""The one template language of the project: sandboxed, autoescaping, bounded Jinja.

Clause texts and DOCX layout templates may come from a network's pack, so
they are treated as untrusted code: every render goes through a
:class:`BoundedEnvironment` (Jinja's ``ImmutableSandboxedEnvironment``) with
autoescape on (user text is XML-escaped once, and what a clause renders is
marked safe so it is not escaped twice) and undefined names are errors, not
silent blanks.

The work of one render is bounded, so that a hostile template fails with a
message instead of running for ever or filling the memory: every call,
attribute, item, filter, operator and loop iteration counts as an operation;
strings and lists a template builds and the output it writes have a maximum
size; macros a maximum call depth. A time limit is only a last resort.

Compiling is the costly part of a render, so the code of every template and expression is
kept for the process, keyed by its source text and the environment's settings (filter
names, not their functions: no filter is run while compiling, so code compiled for one
language serves every language). The bounds stay per render: the budget starts afresh
each time a template or an expression runs, whichever environment compiled it first.
"""
from __future__ import annotations

import re
import time
from collections import ChainMap
from functools import wraps

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, nodes
from jinja2.environment import Template, TemplateExpression
from jinja2.parser import Parser
from jinja2.runtime import Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import _PassArg
from markupsafe import Markup, escape

from . import codegen, compiled
from ..base.kept import Kept

_DICT_ATTRIBUTES = frozenset(dir(dict))  # ``d.items`` is the method, as in Jinja

__all__ = ["environment", "Markup", "escape", "escaped_text", "TemplateError", "SecurityError", "LimitExceeded"]

# per render: calls, attributes, items, filters, operators and loop iterations (a document
# ten times the largest example takes about 3,300)
MAX_OPERATIONS = 200_000
MAX_VALUE = 2_000_000       # characters (or items) of one value a template builds
MAX_OUTPUT = 30_000_000     # characters a render writes (a whole document.xml)
MAX_DEPTH = 40              # nested macro calls
MAX_SECONDS = 120.0         # the last resort
_HUGE_WIDTH = re.compile(r"\d{7,}")  # a width or precision of a million or more in a format
_FORMATS = ("format", "format_map")  # the methods that take one
_CODE: dict = {}            # compiled code by source text and settings, for the process
_CODE_LIMIT = 4096          # entries kept (the oldest goes first)
_TEMPLATES_LIMIT = 1024     # templates an environment keeps (see template())
_SAFE = Kept(_CODE_LIMIT)   # (environment class, type, attribute) -> Jinja's safety verdict
_SETTINGS = Kept(256)       # settings -> the one object standing for them


class LimitExceeded(SecurityError):
    """A render did more work than any clause or layout needs."""


def _escaped(value):
    """The text of ``escape(value)``, all an output needs (a render's pieces are joined): a
    value escaped already as it is (a clause's blocks in a layout), a plain string escaped
    as markupsafe escapes it, without making a ``Markup`` of each."""
    kind = type(value)
    if kind is Markup:
        return value
    if kind is str:
        return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;") \
            .replace("'", "&#39;").replace('"', "&#34;")
    return escape(value)


def escaped_text(value: str) -> Markup:
    """``escape(value)`` of a plain string, made without markupsafe's ``Markup.__new__``
    (half the time, for every plain text a layout writes: a table's cells, labels)."""
    return str.__new__(Markup, _escaped(value))


class _Settings(tuple):
    """An environment's settings, hashed once: they are part of the key of every template
    and expression it compiles, and hashing them again (the filters' calling conventions
    are enums, hashed in Python) was most of the cost of finding code compiled already."""

    def __new__(cls, items):
        self = super().__new__(cls, items)
        self._hash = tuple.__hash__(self)
        return self

    def __hash__(self):
        return self._hash


class _BoundedTemplate(Template):
    def render(self, *args, **kwargs) -> str:
        """What ``generate`` yields, joined, within the output bound (run here as Jinja's own
        ``render`` runs it, without a generator around each piece, a dict not copied first)."""
        env = self.environment
        env.start()
        if env.is_async:
            pieces = self.generate(*args, **kwargs)
        else:
            vars = args[0] if len(args) == 1 and not kwargs and type(args[0]) is dict else dict(*args, **kwargs)
            pieces = self.root_render_func(self.new_context(vars))
        out, size = [], 0
        try:
            for piece in pieces:
                size += len(piece)
                if size > MAX_OUTPUT:
                    break
                out.append(piece)
        except Exception:
            env.handle_exception()  # raises it again, as Jinja reports it
        if size > MAX_OUTPUT:
            raise LimitExceeded(f"the output exceeds {MAX_OUTPUT:,} characters")
        return "".join(out)

    def new_context(self, vars=None, shared=False, locals=None):
        """Jinja's context, with the template's globals (a ChainMap over the environment's)
        merged map by map: ``dict(chain_map)`` looks every name up through the chain in
        Python, on every render of every clause text."""
        if shared or locals or not isinstance(self.globals, ChainMap):
            return super().new_context(vars, shared, locals)
        flat = {}
        for layer in reversed(self.globals.maps):  # the first map wins, as in the ChainMap
            flat.update(layer)
        # the context reads only the names of the globals it is given (a set of them)
        return self.environment.context_class(self.environment, {**flat, **(vars or {})}, self.name,
                                              self.blocks, globals=flat)


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    code_generator_class = codegen.Generator
    escaped = staticmethod(_escaped)
    template_class = _BoundedTemplate
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def __init__(self, **options):
        super().__init__(**options)
        self._seen = self._filters_seen = self._tests_seen = self._settings_then = None
        self._templates, self._templates_for = Kept(_TEMPLATES_LIMIT), None  # see template()
        self.compiling = False
        self.start()

    def _settings(self) -> tuple:
        """What the generated code depends on besides the source text (worked out again
        only when a setting, a test or a filter has changed since the last time)."""
        plain = (self.autoescape, self.trim_blocks, self.lstrip_blocks, self.keep_trailing_newline,
                 self.undefined, self.block_start_string, self.block_end_string, self.variable_start_string,
                 self.variable_end_string, self.comment_start_string, self.comment_end_string,
                 self.line_statement_prefix, self.line_comment_prefix, self.newline_sequence, self.optimized,
                 tuple(sorted(self.extensions)), self.finalize)
        if self._seen != plain or self._filters_seen != self.filters or self._tests_seen != self.tests:
            self._seen, self._filters_seen, self._tests_seen = plain, dict(self.filters), dict(self.tests)
            finalize = None if self.finalize is None else ("finalize", _PassArg.from_obj(self.finalize))
            settings = _Settings((*plain[:-1], finalize, tuple(sorted(self.tests)),
                                  tuple(sorted((name, _PassArg.from_obj(f)) for name, f in self.filters.items()))))
            # one object for equal settings: keys of compiled code then match at once
            same = _SETTINGS.get(settings)
            self._settings_then = _SETTINGS.put(settings, settings) if same is None else same
        return self._settings_then

    def _cached(self, key, compile_):
        """The code for ``key``, compiled once per process, or read from an earlier run's
        (:mod:`.compiled`); ``key`` None: compiled, not kept."""
        code = None if key is None else _CODE.get(key)
        if code is None and key is not None:
            code = compiled.load(key)
            if code is not None:
                self._keep(key, code)
        if code is None:
            self.compiling = True  # filters refuse to run: nothing folded at compile time
            try:
                code = compile_()
            finally:
                self.compiling = False
            if key is not None:
                self._keep(key, code)
                compiled.save(key, code)
        return code

    @staticmethod
    def _keep(key, code) -> None:
        if len(_CODE) >= _CODE_LIMIT:
            del _CODE[next(iter(_CODE))]
        _CODE[key] = code

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        def compile_():
            return super(BoundedEnvironment, self).compile(source, name, filename, raw, defer_init)
        if raw or not isinstance(source, str):
            return self._cached(None, compile_)
        return self._cached((source, name, filename, defer_init, self._settings()), compile_)

    def template(self, source: str) -> Template:
        """The template of ``source``, made once by this environment and kept while its
        settings stay as they are (its bounds start afresh with each render)."""
        settings = self._settings()
        if self._templates_for is not settings:
            self._templates, self._templates_for = Kept(_TEMPLATES_LIMIT), settings
        found = self._templates.get(source)
        return self._templates.put(source, self.from_string(source)) if found is None else found

    def start(self):
        """A fresh budget (at the start of each render)."""
        self.operations = 0
        self.depth = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def tick(self, n: int = 1):
        self.operations += n
        if self.operations > MAX_OPERATIONS:
            raise LimitExceeded(f"more than {MAX_OPERATIONS:,} operations (a loop or a macro that "
                                "does not end?)")
        if not self.operations % 4096 and time.monotonic() > self.deadline:
            raise LimitExceeded(f"still running after {MAX_SECONDS:.0f} seconds")

    def sized(self, value):
        if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_VALUE:
            raise LimitExceeded(f"a value of more than {MAX_VALUE:,} characters or items")
        return value

    def counted(self, iterable):
        """What a loop of a template goes through, each item counted as an operation."""
        for item in iterable:
            self.tick()
            yield item

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        codegen.count_loops(tree)
        return tree

    def getattr(self, obj, attribute):
        operations = self.operations = self.operations + 1  # tick(), without its call: the most
        if operations > MAX_OPERATIONS or not operations % 4096:  # frequent operation of all
            self.tick(0)
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            # what Jinja does for ``d.key`` on a plain dict once getattr has failed, without
            # raising and catching that failure on every access (the layouts' contexts)
            try:
                return obj[attribute]
            except (KeyError, TypeError):
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj, attr, value) -> bool:
        """Jinja's verdict, worked out once for each type and attribute name: it depends on
        nothing else (the names and kinds of the object's type; ``str.format`` is wrapped
        by Jinja before this is asked)."""
        key = (type(self), type(obj), attr)
        safe = _SAFE.get(key)
        return _SAFE.put(key, super().is_safe_attribute(obj, attr, value)) if safe is None else safe

    def getitem(self, obj, argument):
        self.tick()
        return super().getitem(obj, argument)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        __self.tick()
        _check_arguments(__obj, args, kwargs)
        if not isinstance(__obj, Macro):
            return __self.sized(super().call(__context, __obj, *args, **kwargs))
        __self.depth += 1
        try:
            if __self.depth > MAX_DEPTH:
                raise LimitExceeded(f"macros nested more than {MAX_DEPTH} deep (a macro calling "
                                    "itself without end?)")
            return __self.sized(super().call(__context, __obj, *args, **kwargs))
        finally:
            __self.depth -= 1

    def call_binop(self, context, operator, left, right):
        self.tick()
        if operator == "**" and isinstance(right, int) and abs(right) > 64 \
                and not (isinstance(left, (int, float)) and abs(left) <= 1):
            raise LimitExceeded(f"a power of more than 64 ({right})")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) \
                        and len(seq) * times > MAX_VALUE:
                    raise LimitExceeded(f"a value of more than {MAX_VALUE:,} characters or items")
        if operator == "%" and isinstance(left, str) and _HUGE_WIDTH.search(left):
            raise LimitExceeded("a format width of a million or more")
        return self.sized(super().call_binop(context, operator, left, right))

    def _expression_code(self, source):
        parser = Parser(self, source, state="variable")
        try:
            expr = parser.parse_expression()
            if not parser.stream.eos:
                raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno, None, None)
            expr.set_environment(self)
        except TemplateSyntaxError:
            self.handle_exception(source=source)
        body = [nodes.Assign(nodes.Name("result", "store"), expr, lineno=1)]
        return super().compile(nodes.Template(body, lineno=1))

    def compile_expression(self, source, undefined_to_none=True):
        code = self._cached(("expression", source, self._settings()), lambda: self._expression_code(source))
        template = self.template_class.from_code(self, code, self.make_globals(None), None)
        expression = TemplateExpression(template, undefined_to_none)

        def evaluate(*args, **kwargs):
            self.start()
            return expression(*args, **kwargs)
        return evaluate


def _check_arguments(obj, args, kwargs):
    """Refuse the arguments that make one builtin call allocate without bound."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_VALUE:
            raise LimitExceeded(f"a number argument of more than {MAX_VALUE:,} ({value})")
    if getattr(obj, "__name__", "") in _FORMATS and any(
            _HUGE_WIDTH.search(x) for x in (_bound_to(obj), *args) if isinstance(x, str)):
        raise LimitExceeded("a format width of a million or more")


def _bound_to(obj):
    return getattr(getattr(obj, "__wrapped__", obj), "__self__", None)


def refusal(exc: Exception) -> str:
    """Why a render was stopped, for a message naming the clause or template."""
    if isinstance(exc, LimitExceeded):
        return f"the template does too much work: {exc}"
    if isinstance(exc, RecursionError):
        return "the template is nested too deeply (a macro calling itself without end?)"
    if isinstance(exc, MemoryError):
        return "the template needs more memory than a document can take"
    return f"the template tried something not allowed: {exc}"


def _bounded_filter(env, function):
    @wraps(function)  # with how Jinja is to call it (``jinja_pass_arg``)
    def bounded(*args, **kwargs):
        if env.compiling:
            raise LimitExceeded("no filter runs while compiling")
        env.tick()
        if len(args) > 1 or kwargs or getattr(function, "__name__", "") in _FORMATS:
            _check_arguments(function, args[1:], kwargs)
        return env.sized(function(*args, **kwargs))
    return bounded


def environment(text_mode: bool = False, **filters) -> BoundedEnvironment:
    """A fresh sandbox. ``text_mode`` drops the line of a block tag (for clause texts)."""
    env = BoundedEnvironment(
        autoescape=True, undefined=StrictUndefined,
        trim_blocks=text_mode, lstrip_blocks=text_mode, keep_trailing_newline=False)
    env.filters = _BoundedFilters(env, {**env.filters, **filters})
    return env


class _BoundedFilters(dict):
    """An environment's filters by name, each handed out within the environment's bounds
    (:func:`_bounded_filter`): wrapped when first looked up, since a render uses a few of
    the fifty, and a sandbox is made for every layout rendered. Compiled code and
    ``call_filter`` look filters up by name (``[]`` and ``get``); the functions themselves
    stay the values, for the settings compiled code depends on (how each is called)."""

    def __init__(self, env, filters: dict):
        super().__init__(filters)
        self._env = env
        self._wrapped = {}  # name -> (function, its bounded wrapper)

    def __getitem__(self, name):
        function = dict.__getitem__(self, name)
        wrapped = self._wrapped.get(name)
        if wrapped is None or wrapped[0] is not function:  # first use, or a filter replaced
            wrapped = self._wrapped[name] = (function, _bounded_filter(self._env, function))
        return wrapped[1]

    def get(self, name, default=None):
        return self[name] if name in self else default
