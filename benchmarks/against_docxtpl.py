"""mou_builder against plain docxtpl, each figure against its baseline in the same run.

    python benchmarks/against_docxtpl.py [--repeat N] [--specs N] [--batch-repeat N]

The baseline of every figure is plain docxtpl rendering the same layout template with the
same final context (``DocxTemplate(path)``, ``render(ctx)``, ``save()``): the contexts are
captured from a build of the same specs, so both sides make the same documents. The two
commands of a figure are run alternately, pair by pair, and the medians compared, so that
the load of the machine weighs on both alike. The inputs are generated: variants of the
example agreements in every layout and in their languages.
"""
from __future__ import annotations

import argparse
import dataclasses
import inspect
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from docxtpl import Listing

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mou_builder import api  # noqa: E402
from mou_builder.library import clauses  # noqa: E402
from mou_builder.library.resources import library_dir  # noqa: E402
from mou_builder.render import layout  # noqa: E402

LAYOUTS = ("separate", "sequential", "parallel")
ONE_DOCUMENT = "hospitalet-santatecla-canelones.yaml"
TWO_DOCUMENTS = "sfax-lyon.yaml"
AMENDMENT = "sfax-lyon-amendment-1.yaml"


def _listing(value):
    """A cell of the comparison table, back from JSON."""
    if "__listing__" not in value:
        return value
    out = Listing.__new__(Listing)
    out.xml = value["__listing__"]
    return out


# the baseline: plain docxtpl over captured (template, context) pairs, in a process of its own
PLAIN = "import io, json, sys\nfrom docxtpl import DocxTemplate, Listing\n" + inspect.getsource(_listing) + """
for template, context in json.load(open(sys.argv[1], encoding="utf-8"), object_hook=_listing):
    tpl = DocxTemplate(template)
    tpl.render(context)
    tpl.save(io.BytesIO())
"""


def plain(value):
    """A context as JSON values (rendered clause text is already escaped XML)."""
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Listing):  # the comparison table's cells
        return {"__listing__": value.xml}
    return value


def captured(specs, out: Path, library) -> list:
    """Build ``specs`` once, keeping what the layouts hand docxtpl."""
    pairs, original = [], layout._fill

    def recording(template, context):
        pairs.append((str(template), plain(context)))
        return original(template, context)
    layout._fill = recording
    try:
        for spec in specs:
            api.build(spec, out, library=library, force=True)
    finally:
        layout._fill = original
    return pairs


def plain_in_process(pairs):
    from docxtpl import DocxTemplate
    for template, context in pairs:
        tpl = DocxTemplate(template)
        tpl.render(context)
        tpl.save(io.BytesIO())


# a small process that starts the measured one and reports its time and peak memory (the
# peak of a process forked from this one would count this one's memory)
LAUNCH = """
import os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))
"""


def run(command) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MiB) of a process."""
    report = subprocess.run([sys.executable, "-c", LAUNCH, *map(str, command)], capture_output=True,
                            text=True, check=True).stdout.split()
    if report[2] != "0":
        raise SystemExit(f"failed: {' '.join(map(str, command))}")
    return float(report[0]), float(report[1])


def pairwise(ours, theirs, repeat: int) -> tuple[list, list]:
    """Run the two alternately ``repeat`` times; each returns (seconds, MiB)."""
    a, b = [], []
    for _ in range(repeat):
        a.append(ours())
        b.append(theirs())
    return a, b


def timed(fn):
    def wrapper():
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start, 0.0
    return wrapper


def variants(count: int, folder: Path) -> list[Path]:
    """``count`` specs: the examples (not the amendment, nor those built through packs, whose
    folders are named relative to the spec) in turn, each in the next layout."""
    examples = [p for p in sorted((ROOT / "agreements").glob("*.yaml")) if p.name != AMENDMENT
                and "packs" not in yaml.safe_load(p.read_text(encoding="utf-8"))]
    out = []
    for n in range(count):
        source = examples[n % len(examples)]
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        data["id"] = f"{data['id']}-v{n}"
        if len(data.get("languages", [])) > 1:
            data["layout"] = LAYOUTS[(n // len(examples)) % len(LAYOUTS)]
        path = folder / f"{source.stem}-v{n}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        out.append(path)
    return out


def median(samples, index=0):
    return statistics.median(s[index] for s in samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11, help="pairs for each small figure")
    parser.add_argument("--specs", type=int, default=60, help="specs in the batch")
    parser.add_argument("--batch-repeat", type=int, default=3, help="pairs for the batch")
    args = parser.parse_args()
    python, mou = sys.executable, [sys.executable, "-m", "mou_builder"]
    library = clauses.load(library_dir())
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        examples = ROOT / "agreements"

        def contexts(name, specs):
            pairs = captured(specs, tmp / f"capture-{name}", library)
            path = tmp / f"{name}.json"
            path.write_text(json.dumps(pairs), encoding="utf-8")
            return json.loads(path.read_text(encoding="utf-8"), object_hook=_listing), path

        def process(specs, name, *options):
            out = tmp / f"out-{name}"

            def build():
                shutil.rmtree(out, ignore_errors=True)
                return run([*mou, "build", *map(str, specs), "-o", str(out), "--force", *options])
            return build

        one, _ = contexts("one", [examples / ONE_DOCUMENT])
        build_one = process([examples / ONE_DOCUMENT], "in-process")
        build_one()  # warm: library read, templates compiled, once per process
        a, b = pairwise(timed(lambda: api.build(examples / ONE_DOCUMENT, tmp / "one", library=library,
                                                force=True)),
                        timed(lambda: plain_in_process(one)), args.repeat)
        rows.append((f"one document, in process ({ONE_DOCUMENT})", len(one), a, b))

        two, two_json = contexts("two", [examples / TWO_DOCUMENTS])
        a, b = pairwise(process([examples / TWO_DOCUMENTS], "two"), lambda: run([python, "-c", PLAIN, two_json]),
                        args.repeat)
        rows.append((f"mou build {TWO_DOCUMENTS}, whole process", len(two), a, b))

        amended, amended_json = contexts("amend", [examples / AMENDMENT])
        a, b = pairwise(process([examples / AMENDMENT], "amend"),
                        lambda: run([python, "-c", PLAIN, amended_json]), args.repeat)
        rows.append((f"mou build {AMENDMENT} (an amendment), whole process", len(amended), a, b))

        specs = variants(args.specs, tmp)
        batch, batch_json = contexts("batch", specs)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        a, b = pairwise(process(specs, "batch", "--jobs", str(cores)),
                        lambda: run([python, "-c", PLAIN, batch_json]), args.batch_repeat)
        rows.append((f"{len(specs)} specs, one mou build call, --jobs {cores} (docxtpl: one process)", len(batch),
                     a, b))

        a, b = pairwise(lambda: run([*mou, "--help"]), lambda: run([python, "-c", "pass"]), args.repeat)
        rows.append(("mou --help (baseline: python -c pass)", 0, a, b))

    print(f"{'what':66} {'docs':>5} {'mou_builder':>12} {'docxtpl':>10} {'ratio':>6} {'peak MiB':>9}")
    for what, docs, ours, theirs in rows:
        t_ours, t_theirs = median(ours), median(theirs)
        memory = max(s[1] for s in ours)
        print(f"{what:66} {docs or '':>5} {t_ours * 1000:>10.0f}ms {t_theirs * 1000:>8.0f}ms "
              f"{t_ours / t_theirs:>5.1f}x {f'{memory:.0f}' if memory else '':>9}")
    load = os.getloadavg()
    print(f"\nmedians of {args.repeat} pairs ({args.batch_repeat} for the batch), run alternately; "
          f"{os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end")


if __name__ == "__main__":
    main()
