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

from conftest import BASE, TODAY
from mou_builder import api
from mou_builder.base.errors import MouError

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


def paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from paths(value, prefix + (i,))


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
