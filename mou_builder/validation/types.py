"""Cerberus's validator with the spec's own types and checks (:mod:`.checks`): it validates a
spec the schema does not accept, to word every message (:mod:`.schema_problems`).
"""
from __future__ import annotations

import re

import cerberus

from .checks import SPEC_TYPES, Checks


class SpecValidator(Checks, cerberus.Validator):
    """Cerberus with the spec's own types: Text, slugs, dates and months."""

    types_mapping = cerberus.Validator.types_mapping.copy()
    types_mapping.update((name, cerberus.TypeDefinition(name, *kinds)) for name, kinds in SPEC_TYPES.items())

    def _error(self, *args):
        """Cerberus sorts its error list, and the lists of its error trees, each time an
        error is added, which makes validation quadratic in the number of errors. The
        errors are kept in a plain list here and sorted once, by place in the file, after
        validation (:mod:`.schema_problems`); the error trees are left empty
        (only the coerce, dependencies and readonly rules read them, and the schema uses
        none of those)."""
        if len(args) != 1:
            return super()._error(*args)
        self._errors.extend(args[0])

    def _validate_regex(self, pattern, field, value):
        """{'type': 'string'}"""
        # Cerberus appends "$", which also matches before a final newline ("sfax-lyon\n")
        if isinstance(value, str) and not re.fullmatch(pattern, value):
            self._error(field, cerberus.errors.REGEX_MISMATCH)
