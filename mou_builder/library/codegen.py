"""The code the sandbox (:mod:`.sandbox`) has Jinja generate: Jinja's code generator with
the size of every ``~`` concatenation checked, what an autoescaping template writes out
escaped by the environment's ``escaped``, every loop's items counted by its ``counted``,
and an ``if … elif …`` chain on one attribute reading it once. The code kept between runs
is named by this file's digest and the sandbox's (:func:`.compiled.versions`).
"""
from __future__ import annotations

from jinja2 import nodes
from jinja2.compiler import CodeGenerator

_COUNTED = "counted"  # the environment's method a loop goes through


def count_loops(tree) -> None:
    """Every loop of a parsed template made to go through the environment's ``counted``."""
    for loop in tree.find_all(nodes.For):
        loop.iter = nodes.Call(nodes.EnvironmentAttribute(_COUNTED, lineno=loop.lineno), [loop.iter],
                               [], None, None, lineno=loop.lineno)


class Generator(CodeGenerator):
    """Jinja's code generator, with the changes this module's docstring lists."""

    def visit_If(self, node, frame):
        read = _shared_read(node)
        if read is None:
            return super().visit_If(node, frame)
        # ``{% if b.kind == 'item' %}…{% elif b.kind == 'lead' %}…``: the attribute read once
        # for all the tests (the layouts' chains read a block's kind up to six times)
        name = self.temporary_identifier()
        self.writeline(f"{name} = ", node)
        self.visit(read, frame.soft())
        held = object.__new__(nodes.InternalName)  # as Jinja's parser makes its own names
        nodes.Node.__init__(held, name, lineno=node.lineno)

        def on_held(test):
            return nodes.Compare(held, test.ops, lineno=test.lineno)
        super().visit_If(nodes.If(on_held(node.test), node.body,
                                  [nodes.If(on_held(e.test), e.body, [], [], lineno=e.lineno) for e in node.elif_],
                                  node.else_, lineno=node.lineno), frame)

    def visit_Call(self, node, frame, forward_caller=False):
        if isinstance(node.node, nodes.EnvironmentAttribute) and node.node.name == _COUNTED:
            # what a loop goes through (only count_loops makes this node), counted by the
            # environment's own generator called as Python calls it: not a call of the
            # template's, which the sandbox checks (microseconds a loop)
            self.write(f"environment.{_COUNTED}(")
            self.visit(node.args[0], frame)
            self.write(")")
            return
        super().visit_Call(node, frame, forward_caller=forward_caller)

    def visit_Concat(self, node, frame):
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")

    def _output_child_pre(self, node, frame, finalize):
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            return super()._output_child_pre(node, frame, finalize)
        self.write("environment.escaped(")
        if finalize.src is not None:
            self.write(finalize.src)


def _shared_read(node):
    """The ``name.attribute`` that every test of an ``if … elif …`` chain compares with
    something, or None when the tests do not all start with the same one."""
    if not node.elif_:
        return None
    reads = set()
    for test in (node.test, *(e.test for e in node.elif_)):
        if not (isinstance(test, nodes.Compare) and len(test.ops) == 1 and isinstance(test.expr, nodes.Getattr)
                and isinstance(test.expr.node, nodes.Name)):
            return None
        reads.add((test.expr.node.name, test.expr.attr))
    return node.test.expr if len(reads) == 1 else None
