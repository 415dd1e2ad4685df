"""LOAD and VALIDATE. Takes a spec file (YAML text); gives its data with the line and
column of every value (``Source``) and every problem found in it (located ``Problem``s).
"""
import importlib

# imported when first used, so that reading the vocabulary alone (the command line's
# choices) does not load the schema and the rules
_FROM = {"Checked": "checked", "check_file": "checked", "check_text": "checked", "MAX_BYTES": "loader",
         "SPEC_SUFFIXES": "loader", "Source": "source", "dotted": "source", "load": "loader", "parse": "loader",
         "check": "validate"}

__all__ = list(_FROM)


def __getattr__(name):
    if name not in _FROM:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_FROM[name]}", __name__), name)
