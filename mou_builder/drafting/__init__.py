"""RESOLVE and LOCALISE. Takes an ``Agreement``, the library and a language; gives the
``Document``: numbered articles rendered from the clauses, annex tables and signatures, in that language.
"""
