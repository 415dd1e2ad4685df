"""YAML the package writes (build records, pack manifests): PyYAML's safe dumper, through
libyaml when the data is of the kind both write byte for byte alike.

The two emitters differ on some text (characters beyond the Basic Multilingual Plane,
empty keys, a document that is one scalar), and a record must be the same bytes on every
machine, with or without libyaml: only a mapping of short printable ASCII text, integers,
booleans and nulls (what a build record holds) goes through libyaml.
"""
from __future__ import annotations

import re

import yaml

_ALIKE_TEXT = re.compile(r"[ -~]{1,80}")


def dump(data, **options) -> str:
    """``yaml.safe_dump(data, **options)``, the same text whichever emitter writes it."""
    dumper = yaml.CSafeDumper if yaml.__with_libyaml__ and written_alike(data) else yaml.SafeDumper
    return yaml.dump(data, Dumper=dumper, **options)


def written_alike(data) -> bool:
    """Whether libyaml's and PyYAML's emitters write ``data`` alike."""
    if not isinstance(data, dict):
        return False
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            if not _ALIKE_TEXT.fullmatch(item):
                return False
        elif not (item is None or type(item) in (bool, int)):
            return False
    return True
