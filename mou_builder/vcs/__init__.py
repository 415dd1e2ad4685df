"""Git. Takes a repository and revisions; gives files as they were at a revision and the
report of ``mou diff`` (clause and spec changes, word by word).
"""
