"""Sustainable Development Goals: which target codes exist.

The 2030 Agenda has 17 goals and 169 targets: numbered targets (``10.1``…)
followed by lettered means of implementation (``10.a``…). Goal 17 has only
numbered targets. The goal names shown in documents live with the other
document labels (clauses/labels.yaml).
"""
from __future__ import annotations

# goal -> (number of numbered targets, number of lettered targets)
_SHAPE = {
    1: (5, 2), 2: (5, 3), 3: (9, 4), 4: (7, 3), 5: (6, 3), 6: (6, 2), 7: (3, 2),
    8: (10, 2), 9: (5, 3), 10: (7, 3), 11: (7, 3), 12: (8, 3), 13: (3, 2),
    14: (7, 3), 15: (9, 3), 16: (10, 2), 17: (19, 0),
}

TARGETS: tuple[str, ...] = tuple(
    f"{goal}.{suffix}"
    for goal, (numbered, lettered) in _SHAPE.items()
    for suffix in [str(n) for n in range(1, numbered + 1)] + list("abcd"[:lettered])
)
_TARGET_SET = frozenset(TARGETS)


def exists(code: str) -> bool:
    return code in _TARGET_SET


def goal_of(code: str) -> int:
    return int(code.split(".", 1)[0])


def sort_key(code: str):
    goal, _, rest = code.partition(".")
    return (int(goal), (0, int(rest)) if rest.isdigit() else (1, rest))
