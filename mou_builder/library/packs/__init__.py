"""Packs: a network's layout templates, clauses, vocabulary and default values, installed
and layered over the built-in library (see docs/packs.md).

``manifest`` reads and verifies a pack, ``semver`` its versions and ranges, ``store``
installs and finds packs, ``layer`` puts them over the library, ``lint`` checks one,
``scaffold`` makes a new one, ``compare`` shows what changed between two versions.
"""
