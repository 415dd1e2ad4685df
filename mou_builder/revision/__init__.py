"""Amendments. Takes two versions of an agreement; gives what changed article by article and
the three documents of an amendment: the instrument, the consolidated text, the comparison table.
"""
