"""The IATI 2.03 schema and codelists shipped with the package, and our mapping onto them.

The schema and codelists are unchanged copies (see iati/NOTICE.md for their source
and licence); ``iati_codes.yaml`` maps the spec's vocabulary onto IATI codes and is
checked against the codelists before any export uses it.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..base.errors import LibraryError

HERE = Path(__file__).resolve().parent
SCHEMA = HERE / "iati" / "iati-activities-schema.xsd"
CODELISTS = HERE / "iati" / "codelists"
MAPPING = HERE / "iati_codes.yaml"

# which codelist each section of the mapping draws from
_SECTION_LIST = {"party_types": "OrganisationType", "stakeholder_types": "OrganisationType",
                 "funder_types": "OrganisationType", "roles": "OrganisationRole"}


@lru_cache(maxsize=None)
def codes(name: str) -> frozenset:
    """The active codes of codelist ``name`` (withdrawn codes are left out)."""
    path = CODELISTS / f"{name}.xml"
    try:
        tree = etree.parse(str(path))
    except (OSError, etree.XMLSyntaxError) as exc:
        raise LibraryError(f"{path}: cannot read the IATI codelist ({exc})") from None
    return frozenset(item.findtext("code") for item in tree.iter("codelist-item")
                     if item.get("status") != "withdrawn")


def check_code(name: str, code, where: str) -> str:
    code = str(code)
    if code not in codes(name):
        raise LibraryError(f"{where}: '{code}' is not an active code of the IATI codelist {name}")
    return code


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


@lru_cache(maxsize=1)
def mapping() -> dict:
    """iati_codes.yaml, every code checked against its codelist."""
    from .. import validation  # the project's safe YAML loader

    data = validation.load(MAPPING).data or {}
    for section in ("areas", "items"):
        for key, code in (data.get("sectors", {}).get(section) or {}).items():
            check_code("Sector", code, f"{MAPPING}: sectors.{section}.{key}")
    for section, codelist in _SECTION_LIST.items():
        for key, code in (data.get(section) or {}).items():
            check_code(codelist, code, f"{MAPPING}: {section}.{key}")
    return data
