"""Validation and build stay linear in the size of a spec (the benchmark's growth figure),
counted in function calls rather than timed, so that the load of the machine does not matter.

The spec is the benchmark's: an example with its actions, indicators and budget lines
repeated k times. What a build does once (the parties, the clauses, the template) is the
same at every size, so the test compares what the size adds: the calls at 50x less those
at 5x, against those at 10x less those at 5x. Linear work gives 9, work that grows with
the square of the size up to 33; the limit, 13, is passed when work done for each pair of
actions or budget lines weighs about an eightieth of what each one costs alone, which is
when the growth would show in the benchmark's timing too."""
from __future__ import annotations

import cProfile
import importlib.util
import pstats

from conftest import AGREEMENTS, ROOT, TODAY
from mou_builder import api


def benchmark():
    spec = importlib.util.spec_from_file_location("benchmark_run", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def calls(spec, out, library) -> int:
    """Function calls (Python and C) of validating and building ``spec``."""
    profile = cProfile.Profile()
    profile.enable()
    try:
        assert not api.check(spec, library, TODAY).failed()
        api.build(spec, out, library=library, today=TODAY)
    finally:
        profile.disable()
    return pstats.Stats(profile).total_calls


def test_validation_and_build_grow_linearly_with_the_spec(tmp_path, library):
    scaled = benchmark().scaled
    spec = AGREEMENTS / "sfax-lyon.yaml"
    api.build(spec, tmp_path / "warm-up", library=library, today=TODAY)  # templates compiled once
    counted = {k: calls(scaled(spec, k, tmp_path), tmp_path / f"x{k}", library) for k in (5, 10, 50)}
    added = (counted[50] - counted[5]) / (counted[10] - counted[5])
    assert counted[10] > counted[5]
    assert added < 13, f"the calls grow {added:.1f} times from 5x to 50x the size (linear: 9): {counted}"
