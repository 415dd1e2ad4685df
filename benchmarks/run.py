"""Speed and memory of validation and builds; prints figures and ratios.

    python benchmarks/run.py [--repeat N]

For each example agreement: the time to validate it and to build its documents (median of
N runs, in this process), and the peak Python memory of one build. Then a synthetic
agreement ten times larger than the biggest example (actions, indicators, budget lines),
to show how the build time grows with the size of a spec, and the validation of a spec
with 2,500 and 10,000 errors, to show that it grows linearly with the number of errors.
Last, the whole-process time of `mou validate` of an example (with the digests of checked
clause texts kept from an earlier run, and without) and of `mou --help`.
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mou_builder import api  # noqa: E402
from mou_builder.library import clauses  # noqa: E402
from mou_builder.library.resources import library_dir  # noqa: E402

TODAY = dt.date(2026, 11, 22)


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_memory(fn) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def scaled(spec: Path, factor: int, folder: Path) -> Path:
    """The spec with its actions, indicators and budget lines repeated ``factor`` times."""
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    actions, indicators = data["actions"], data["indicators"]
    lines = data.get("budget", {}).get("lines", [])
    new_actions, new_indicators, new_lines = [], [], []
    for k in range(factor):
        rename = {i["id"]: f"{i['id']}-{k}" for i in indicators}
        for i in indicators:
            new_indicators.append({**copy.deepcopy(i), "id": rename[i["id"]]})
        for a in actions:
            new_actions.append({**copy.deepcopy(a), "id": f"{a['id']}-{k}",
                                "indicators": [rename[i] for i in a["indicators"]]})
        for line in lines:
            new_lines.append({**line, "action": f"{line['action']}-{k}"})
    data["actions"], data["indicators"] = new_actions, new_indicators
    if lines:
        data["budget"]["lines"] = new_lines
    data["results"] = [{**r, "actions": [f"{a}-0" for a in r.get("actions", [])]} for r in data["results"]]
    path = folder / f"{spec.stem}-x{factor}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def with_errors(count: int, folder: Path) -> Path:
    """The base test spec with ``count`` errors: half of them unknown fields (found by the
    schema), half of them references to actions that do not exist (found by the rules)."""
    base = (ROOT / "tests" / "specs" / "base.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(base)
    data["results"][0]["actions"] = [f"x{i}" for i in range(count // 2)]
    data.update({f"unknown_{i}": 1 for i in range(count // 2)})
    path = folder / f"errors-{count}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    return path


def validation_growth(library, folder: Path, repeat: int) -> str:
    """Validation time of a spec with 2,500 and 10,000 errors; linear growth gives a ratio of 4."""
    times = {}
    for count in (2_500, 10_000):
        spec = with_errors(count, folder)
        checked = api.check(spec, library, TODAY)
        assert checked.error_count == count, checked.error_count
        times[count] = timed(lambda: api.check(spec, library, TODAY), repeat)
    return (f"validate a spec with 10,000 errors: {times[10_000]:.2f}s (2,500 errors: {times[2_500]:.2f}s; "
            f"ratio {times[10_000] / times[2_500]:.1f}, linear growth gives 4)")


def whole_process(args: list, repeat: int, **env) -> float:
    """Median wall time of ``mou ARGS`` as a new process (after one run that is not counted),
    run as an installed package runs (its bytecode written) with a cache folder of its own."""
    command = [sys.executable, "-m", "mou_builder", *args]
    with tempfile.TemporaryDirectory() as cache:
        environment = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
                       "MOU_CACHE_DIR": cache, **env}
        times = []
        for _ in range(repeat + 1):
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def startup_lines(repeat: int) -> list[str]:
    validate = ["validate", "agreements/sfax-lyon.yaml"]
    return [f"whole process, median of {repeat}: mou validate agreements/sfax-lyon.yaml "
            f"{whole_process(validate, repeat):.3f}s (clause texts parsed in an earlier run), "
            f"{whole_process(validate, repeat, MOU_CACHE_DIR=''):.3f}s (every one parsed); "
            f"mou --help {whole_process(['--help'], repeat):.3f}s"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    library = clauses.load(library_dir())
    examples = sorted((ROOT / "agreements").glob("*.yaml"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for n, spec in enumerate(examples):
            out = tmp / f"out{n}"

            def build():
                return api.build(spec, out, library=library, today=TODAY, force=True)
            documents = len(build())
            check = timed(lambda: api.check(spec, library, TODAY), args.repeat)
            total = timed(build, args.repeat)
            rows.append((spec.name, documents, check, total, peak_memory(build)))
        base = ROOT / "agreements" / "sfax-lyon.yaml"
        big = scaled(base, 10, tmp)
        small_time = next(r[3] for r in rows if r[0] == base.name)
        big_docs = len(api.build(big, tmp / "big", library=library, today=TODAY, force=True))
        big_time = timed(lambda: api.build(big, tmp / "big", library=library, today=TODAY, force=True),
                         args.repeat)
        big_memory = peak_memory(lambda: api.build(big, tmp / "big", library=library, today=TODAY,
                                                        force=True))
        errors_line = validation_growth(library, tmp, args.repeat)

    print(f"{'spec':42} {'docs':>4} {'validate':>9} {'build':>8} {'per doc':>8} {'heap MiB':>9}")
    for name, docs, check, total, memory in rows:
        print(f"{name:42} {docs:>4} {check * 1000:>7.0f}ms {total:>7.2f}s {total / docs:>7.2f}s {memory:>9.1f}")
    print(f"{big.name + ' (10x actions, indicators, lines)':42} {big_docs:>4} {'':>9} {big_time:>7.2f}s "
          f"{big_time / big_docs:>7.2f}s {big_memory:>9.1f}")
    print(f"\nratio build(10x) / build(1x) for {base.name}: {big_time / small_time:.1f}"
          f"  (linear growth would be at most 10)")
    print(errors_line)
    print("\n".join(startup_lines(max(args.repeat, 10))))
    print("heap: peak Python allocations of one build (tracemalloc; lxml's own memory not included)")
    print(f"peak resident memory of this whole run: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
