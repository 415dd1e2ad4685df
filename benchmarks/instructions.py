"""Processor instructions of building specs, counted by Valgrind: a figure that, unlike a
time, does not change with the load of the machine, for telling two versions apart by a
few percent where their timings vary by more from one run to the next.

    python benchmarks/instructions.py [--specs 27] [--passes 2]

The specs are the batch benchmark's variants of the examples (every layout in turn). One
process builds them all once (reading templates and compiled code, Babel's data: what a
worker does first), then ``--passes`` more times into the same folder held as a batch
holds it; the process is counted twice, with no extra pass and with them, and the
difference is what the passes cost: instructions per spec of a warm process. Valgrind's
own CPU model shows no SHA or vector extensions to the program, so hashing and compressing
count more instructions than they run on the machine.
"""
from __future__ import annotations

import argparse
import gc
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _build(folder: Path, passes: int) -> None:
    """(in the counted process) every spec of ``folder`` once, then ``passes`` times more."""
    sys.path.insert(0, str(ROOT))
    from mou_builder import api
    from mou_builder.library import clauses
    from mou_builder.library.resources import library_dir
    from mou_builder.output import unit

    library = clauses.load(library_dir())
    specs = sorted(folder.glob("*.yaml"))
    out = folder / "out"
    gc.freeze()  # as a batch's worker runs
    gc.set_threshold(10_000, *gc.get_threshold()[1:])
    with unit.held(out):
        for _ in range(1 + passes):
            for spec in specs:
                api.build(spec, out, library=library, force=True)


def _counted(folder: Path, passes: int, environment: dict) -> int:
    command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
               sys.executable, __file__, "--build", str(folder), "--passes", str(passes)]
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    found = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if result.returncode or not found:
        sys.exit(f"valgrind failed:\n{result.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=int, default=27, help="specs built (the examples in turn)")
    parser.add_argument("--passes", type=int, default=2, help="warm passes counted")
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        return _build(args.build, args.passes)
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from against_docxtpl import ENVIRONMENT, variants

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "specs"
        variants(args.specs, folder)
        environment = {**ENVIRONMENT, "PYTHONHASHSEED": "0", "MOU_CACHE_DIR": str(Path(tmp) / "cache")}
        _counted(folder, 0, environment)  # the cache folder filled: both counts below read it
        once, more = _counted(folder, 0, environment), _counted(folder, args.passes, environment)
    per_spec = (more - once) / args.passes / args.specs
    print(f"{per_spec / 1e6:.1f} million instructions per spec, warm ({args.specs} specs, "
          f"{args.passes} pass{'es' if args.passes != 1 else ''}; {once / 1e9:.2f} billion for the process "
          "without them)")


if __name__ == "__main__":
    main()
