"""The benchmark's baseline makes the documents mou_builder makes: the contexts it captures
from a build, rendered by plain docxtpl, give a document in each layout with the
agreement's own text (so that the benchmark compares like with like)."""
from __future__ import annotations

import importlib.util
import io
import json
import zipfile

import pytest
from docxtpl import DocxTemplate
from lxml import etree

from conftest import ROOT


def _benchmark():
    spec = importlib.util.spec_from_file_location("against_docxtpl", ROOT / "benchmarks" / "against_docxtpl.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("example, documents", [("sfax-lyon.yaml", 2), ("almeria-nador-intent.yaml", 1)])
def test_the_captured_contexts_render_the_same_documents_in_docxtpl(tmp_path, library, example, documents):
    bench = _benchmark()
    pairs = bench.captured([ROOT / "agreements" / example], tmp_path / "built", library)
    assert len(pairs) == documents
    pairs = json.loads(json.dumps(pairs), object_hook=bench._listing)  # as the benchmark hands them over
    built = sorted((tmp_path / "built").glob("*.docx"))
    for (template, context), ours in zip(sorted(pairs, key=lambda p: p[1]["lang"]), built):
        tpl = DocxTemplate(template)
        tpl.render(context)
        out = io.BytesIO()
        tpl.save(out)
        ours_lines = _paragraphs(ours.read_bytes())
        assert len(ours_lines) > 20 and _paragraphs(out.getvalue()) == ours_lines


def _paragraphs(docx: bytes) -> list[str]:
    """The text of every paragraph of the document's body (in its tables too), in order."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    lines = ("".join(t.text or "" for t in p.iter(w + "t")) for p in body.iter(w + "p"))
    return [line for line in lines if line.strip()]
