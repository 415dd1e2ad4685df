"""Build records are written by libyaml when it writes them byte for byte as PyYAML does,
so that a record is the same file on every machine."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import AGREEMENTS, TODAY
from mou_builder import api, validation
from mou_builder.base import yamldump
from mou_builder.output import buildrecord

OPTIONS = {"sort_keys": False, "allow_unicode": True, "width": 100}


def python_dump(data, **options):
    return yaml.dump(data, Dumper=yaml.SafeDumper, **options)


@pytest.mark.parametrize("example", ["sfax-lyon", "granada-irbid", "sfax-lyon-amendment-1"])
def test_records_of_the_examples_are_the_bytes_pyyaml_writes(example, tmp_path):
    written = api.build(AGREEMENTS / f"{example}.yaml", tmp_path, today=TODAY)
    records = [buildrecord.path_for(p) for p in written if p.suffix == ".docx"]
    assert records
    for path in records:
        data = validation.load(path).data
        assert data["tool"].startswith("mou_builder") and data["outputs"]
        assert yamldump.written_alike(data) == yaml.__with_libyaml__
        assert path.read_text(encoding="utf-8") == buildrecord.HEADER + python_dump(data, **OPTIONS)


def test_a_record_with_a_path_pyyaml_alone_writes_is_one_dump_of_its_data(tmp_path):
    """A spec in a folder with accented letters: the record's head is written by PyYAML, its
    clause entries by libyaml, and the whole is still the text one dump of it gives."""
    import shutil

    folder = tmp_path / "accords signés"
    folder.mkdir()
    spec = shutil.copy(AGREEMENTS / "sfax-lyon.yaml", folder / "sfax-lyon.yaml")
    written = api.build(spec, tmp_path / "out", today=TODAY)
    for path in (buildrecord.path_for(p) for p in written if p.suffix == ".docx"):
        data = validation.load(path).data
        assert "accords signés" in data["spec"]["path"] and not yamldump.written_alike(data)
        assert path.read_text(encoding="utf-8") == buildrecord.HEADER + python_dump(data, **OPTIONS)


def test_the_record_names_the_digest_of_the_spec_file_as_read(tmp_path):
    """The spec's hash is that of the file's bytes, a byte order mark included (the text the
    spec was parsed from has none), as in records written before."""
    import hashlib

    data = b"\xef\xbb\xbf" + (AGREEMENTS / "sfax-lyon.yaml").read_bytes()
    spec = tmp_path / "sfax-lyon.yaml"
    spec.write_bytes(data)
    written = api.build(spec, tmp_path / "out", today=TODAY)
    for path in (buildrecord.path_for(p) for p in written if p.suffix == ".docx"):
        assert validation.load(path).data["spec"]["sha256"] == hashlib.sha256(data).hexdigest()


TEXT = st.from_regex(r"[ -~]{1,80}", fullmatch=True)
ALIKE = st.dictionaries(TEXT, st.recursive(
    st.one_of(TEXT, st.integers(), st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=20), max_size=6)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML is built without libyaml")
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ALIKE, st.sampled_from([OPTIONS, {"default_flow_style": False, "allow_unicode": True, "sort_keys": False}]))
def test_what_goes_through_libyaml_is_written_as_pyyaml_writes_it(data, options):
    assert yamldump.written_alike(data)
    assert yaml.dump(data, Dumper=yaml.CSafeDumper, **options) == python_dump(data, **options)


@pytest.mark.parametrize("data", [
    {"path": "agreements/\U0001d11e.yaml"},  # beyond the BMP: libyaml escapes it
    {"": "empty key"}, {"a": ""}, {"a": "x" * 81}, {"a": "Montréal"}, {"a": 1.5}, "a scalar", [1, 2]])
def test_anything_else_is_written_by_pyyaml(data):
    assert not yamldump.written_alike(data)
    assert yamldump.dump(data, **OPTIONS) == python_dump(data, **OPTIONS)
