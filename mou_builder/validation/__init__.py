"""LOAD and VALIDATE. Takes a spec file (YAML text); gives its data with the line and
column of every value (``Source``) and every problem found in it (located ``Problem``s).
"""
from .checked import Checked, check_file, check_text
from .loader import MAX_BYTES, Source, dotted, load, parse
from .validate import check

__all__ = ["Checked", "check_file", "check_text", "MAX_BYTES", "Source", "dotted", "load", "parse", "check"]
