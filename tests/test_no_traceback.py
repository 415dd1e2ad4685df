"""No input makes validate or build end in anything but success or a user-facing error."""
from __future__ import annotations

import copy
import os
import tempfile
from functools import reduce
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import re

import pytest

from conftest import BASE, TODAY, paths
from mou_builder import api
from mou_builder.base.errors import MouError
from mou_builder.render import readback as textdump

EXAMPLES = int(os.environ.get("MOU_HYPOTHESIS_EXAMPLES", "150"))  # more for a longer hunt
BASE_DATA = yaml.safe_load(BASE.read_text(encoding="utf-8"))

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**12), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["", "2027-13", "2027-02-30", "10.7", "city-a", "a1", "rotating",
                                            "{{ x }}", "{% for %}", "<w:t>", "&", "\x00", "fr", "EUR"]),
    st.dates().map(lambda d: d))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["id", "fr", "en", "name", "x"]), inner,
                                                 max_size=3)), max_leaves=6)


ALL_PATHS = [p for p in paths(BASE_DATA) if p]


def mutated(data, path, value, delete):
    data = copy.deepcopy(data)
    node = data
    for part in path[:-1]:
        node = node[part]
    if delete and isinstance(node, dict):
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


def run(text: str):
    with tempfile.TemporaryDirectory() as tmp:
        spec_path = Path(tmp, "spec.yaml")
        spec_path.write_text(text, encoding="utf-8", errors="surrogatepass")
        checked = api.check(spec_path, today=TODAY)
        if checked.failed():
            return
        try:
            api.build(spec_path, Path(tmp, "out"), today=TODAY)
        except MouError:
            pass


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), values, st.booleans()), min_size=1, max_size=3))
def test_mutated_specs_never_crash(changes):
    data = BASE_DATA
    for path, value, delete in changes:
        try:
            data = mutated(data, path, value, delete)
        except (KeyError, IndexError, TypeError):
            continue
    run(yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text):
    run(text)


TEXT_PATHS = [p for p in ALL_PATHS if isinstance(reduce(lambda node, key: node[key], p, BASE_DATA), str)]


@settings(max_examples=max(EXAMPLES // 4, 10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXT_PATHS), st.text(min_size=1, max_size=40).filter(str.strip))
def test_any_text_in_a_text_field_builds_or_is_refused_cleanly(path, text):
    """Mostly valid specs: these reach the RENDER and RECORD stages."""
    run(yaml.safe_dump(mutated(BASE_DATA, path, text, False), allow_unicode=True))


# -- libraries, labels and layout templates: untrusted code ------------------------------
# No clause text, label or template ends in a traceback, runs code, reads the environment,
# leaves a network reference in the document, or runs without end (each example has to
# finish within ALARM_SECONDS; the sandbox's bounds stop it long before).
import shutil  # noqa: E402
import signal  # noqa: E402
import zipfile  # noqa: E402
from contextlib import contextmanager  # noqa: E402

from conftest import ROOT  # noqa: E402
from mou_builder import model  # noqa: E402
from mou_builder.drafting.assemble import assemble  # noqa: E402
from mou_builder.library import clauses, template_safety  # noqa: E402

UNTRUSTED_EXAMPLES = max(EXAMPLES // 10, 8)
ALARM_SECONDS = 60
CANARY = "canary-7f3e9a"
CODE = ["{{ ", " }}", "{% ", " %}", "for i in range(99999)", "for j in range(99999)", "endfor", "if ", "endif",
        "else", "macro m(n)", "endmacro", "m(n + 1)", "m(3)", "call m(1)", "endcall", "set s = s ~ s",
        "cycler.__init__.__globals__.os.environ", "''.__class__.__mro__[1].__subclasses__()", "lipsum.__globals__",
        "self.__init__", "namespace(a=1)", "joiner()", "parties", "doc.short", "parties[0].name", "params",
        "'x' * 10**9", "'%999999999d' % 1", "|center(10**9)", "|join", "|list", "|length", " ~ ", "'x'",
        "2 ** 99999", "range(10)", "loop.index", "art('nothing')", "spell(10**30)", "de('les villes')",
        "'{0.__class__}'.format(doc)", "\n", "\n\n- ", "Text ", "{{", "}}", "{#", "#}", "(", ")", "[", "]", "."]
code = st.lists(st.sampled_from(CODE), min_size=1, max_size=14).map("".join)


@pytest.fixture(scope="module")
def monkeypatch_env():
    """A secret in the environment that no template may copy into a document."""
    previous = os.environ.get("MOU_CANARY")
    os.environ["MOU_CANARY"] = CANARY
    yield
    if previous is None:
        del os.environ["MOU_CANARY"]
    else:
        os.environ["MOU_CANARY"] = previous


@contextmanager
def bounded_time():
    def stop(*_):
        raise AssertionError(f"still running after {ALARM_SECONDS} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(ALARM_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def builds_cleanly(spec: Path, out: Path, library):
    """The build ends, in documents without the secret or a network reference, or in a MouError."""
    with bounded_time():
        try:
            written = api.build(spec, out, library=library, today=TODAY)
        except MouError:
            return
    for docx in written:
        assert CANARY not in "\n".join(textdump.lines(docx))
        with zipfile.ZipFile(docx) as z:
            template_safety.check(docx, z)  # as for templates: no link, field or object that fetches


BASE_AGREEMENT = model.build(BASE_DATA, str(BASE), TODAY)
LIBRARY = clauses.load(ROOT / "clauses")


@settings(max_examples=UNTRUSTED_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(code, st.sampled_from(["text", "title", "when"]))
def test_any_clause_text_renders_or_is_refused_cleanly(tmp_path_factory, monkeypatch_env, text, field):
    folder = tmp_path_factory.mktemp("clause")
    body = {"text": "Text.", "title": "Title"}
    when = f"when: {yaml.safe_dump(text).splitlines()[0]}\n" if field == "when" else ""
    body[field if field != "when" else "text"] = text if field != "when" else "Text."
    path = folder / "purpose.yaml"
    path.write_text(f"id: purpose\nversion: 1\nsource: en\npart: article\norder: 10\n{when}"
                    + yaml.safe_dump({"en": body}, allow_unicode=True), encoding="utf-8")
    with bounded_time():
        try:
            clause = clauses.read_clause(path)
            library = clauses.Library(LIBRARY.root, {**LIBRARY.clauses, "purpose": clause})
            document = assemble(BASE_AGREEMENT, library, "en")
        except MouError:
            return
    shown = " ".join(str(b.text) for a in document.articles for b in a.blocks) + str(document.articles)
    assert CANARY not in shown


@settings(max_examples=UNTRUSTED_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([("frame", "article_heading"), ("frame", "title"), ("frame", "annex"),
                        ("frame", "for_party"), ("frame", "page"), ("instrument", "memorandum", "name")]),
       st.lists(st.sampled_from(["{n}", "{title}", "{name}", "{parties}", "{title.__class__}", "{0}", "{}", "{",
                                 "}", "{{", "}}", "{n!r}", "{n:>9999999}", "{x[0]}", "{title.__init__.__globals__}",
                                 "Article ", "–", " "]), min_size=1, max_size=6).map("".join))
def test_any_label_builds_or_is_refused_cleanly(tmp_path_factory, monkeypatch_env, label, value):
    folder = tmp_path_factory.mktemp("labels")
    labels = yaml.safe_load((ROOT / "clauses" / "labels.yaml").read_text(encoding="utf-8"))
    node = labels
    for key in label:
        node = node[key]
    node["en"] = value
    (folder / "labels.yaml").write_text(yaml.safe_dump(labels, allow_unicode=True), encoding="utf-8")
    spec = folder / "spec.yaml"
    shutil.copy(BASE, spec)
    builds_cleanly(spec, folder / "out", clauses.Library(folder, LIBRARY.clauses))


HOSTILE_XML = ['<w:r><w:instrText> INCLUDEPICTURE "http://198.51.100.7/p.png" </w:instrText></w:r>',
               '<w:fldSimple w:instr=" INCLUDETEXT c:\\\\x "/>', '<w:r><w:object/></w:r>',
               '<w:r><w:t>{{ cycler.__init__.__globals__.os.environ }}</w:t></w:r>',
               '<w:r><w:t>{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}</w:t></w:r>',
               '<w:r><w:t>{{ doc.title * 10**8 }}</w:t></w:r>', '<w:r><w:t>{{ </w:t></w:r>', '<w:r><w:t>{%p if x %}</w:t></w:r>',
               '<w:r><w:t>{{ labels.page }}</w:t></w:r>', '<w:r><w:t>plain text</w:t></w:r>', '<w:hyperlink r:id="rId1"/>']
HOSTILE_RELS = ['<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
                "Target='http://198.51.100.7/a.png' TargetMode='External'/>",
                '<Relationship Id="rId91" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
                'Target="x.bin"/>', '']


@settings(max_examples=UNTRUSTED_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HOSTILE_XML), min_size=1, max_size=3), st.sampled_from(HOSTILE_RELS),
       st.integers(0, 10**6))
def test_any_layout_template_builds_or_is_refused_cleanly(tmp_path_factory, monkeypatch_env, runs, rel, where):
    folder = tmp_path_factory.mktemp("template")
    with zipfile.ZipFile(ROOT / "templates" / "default" / "agreement.docx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode()
    paragraphs = [m.start() for m in re.finditer(r"<w:p[ >]", xml)]
    at = xml.index(">", paragraphs[where % len(paragraphs)]) + 1
    parts["word/document.xml"] = (xml[:at] + "".join(runs) + xml[at:]).encode()
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", rel.encode() + b"</Relationships>")
    (folder / "pack").mkdir()
    with zipfile.ZipFile(folder / "pack" / "agreement.docx", "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    spec = folder / "spec.yaml"
    spec.write_text(BASE.read_text(encoding="utf-8").replace("kind: agreement", "kind: agreement\ntemplate: pack"),
                    encoding="utf-8")
    builds_cleanly(spec, folder / "out", LIBRARY)
