"""Amendments. Takes two versions of an agreement; gives what changed article by article and
the three documents of an amendment: the instrument, the consolidated text, the comparison table.

versions      reading the versions, the revision's number and date, the amended numbering
compare       what changed: title, preamble, articles (replaced or words replaced), annexes
instrument    the amendment instrument
consolidated  the consolidated text with tracked changes
table         the comparison table (a redline per cell, annex tables row by row)
summary       what the revision covers, and warnings
documents     the three documents in one language
"""
