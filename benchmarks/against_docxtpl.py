"""mou_builder against plain docxtpl, each figure against its baseline in the same run.

    python benchmarks/against_docxtpl.py [--repeat N] [--specs N] [--small-batch N] [--bilingual N]
                                         [--per-process N] [--batch-repeat N] [--jobs N]

The baseline of every figure is plain docxtpl rendering the same layout template with the
same final context (``DocxTemplate(path)``, ``render(ctx)``, ``save()``): the contexts are
captured from a build of the same specs, so both sides make the same documents. The two
commands of a figure are run alternately, pair by pair, and the medians compared, so that
the load of the machine weighs on both alike. The inputs are generated: variants of the
example agreements in every layout and in their languages, each signed by other
(invented) representatives on another day, so that the documents of a batch differ beyond
their identifier. The last column says whether
each goal of docs/performance.md is met in this run.
"""
from __future__ import annotations

import argparse
import copy
import dataclasses
import datetime as dt
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
# invented representatives of the variants
FIRST_NAMES = {"f": ("Amal", "Carmen", "Elif", "Greta", "Inès", "Karima"),
               "m": ("Bruno", "Dario", "Farid", "Hugo", "Jonas", "Luca")}
LAST_NAMES = ("Arrieta", "Belkadi", "Costa", "Dumont", "Esposito", "Ferhat", "Garnier", "Haddad", "Iglesias",
              "Jaziri", "Kovač", "Lemaire")


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
    """A context as JSON values, each text as the layouts write it out (escaped XML: docxtpl
    renders without escaping, and a "&" in a cell would otherwise break its document)."""
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(layout._literal(value))
    if isinstance(value, Listing):  # the comparison table's cells
        return {"__listing__": value.xml}
    return value


def captured(specs, out: Path, library) -> list:
    """Build ``specs`` once, keeping what the layouts hand docxtpl."""
    pairs, original = [], layout._fill

    def recording(template, context, *rest):
        pairs.append((str(template), plain(context)))
        return original(template, context, *rest)
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


# a small process that starts the measured one and reports its time and, when it watches it,
# the peak of the memory of its whole process tree (proportional set size, so that pages
# shared by worker processes count once: sampled every 20 ms for a second, then every 250 ms)
# and, when given a folder, when the first document appeared in it. Watching takes processor
# time from the measured processes (the kernel walks every page of a process to tell its
# size, holding its memory map meanwhile), more from a batch's three processes than from one:
# the timed runs are not watched, one more run of ours is
LAUNCH = """
import os, subprocess, sys, time
folder, watch = sys.argv[1] or None, sys.argv[2] == "watch"
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[3:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if not watch:
    proc.wait()

def tree(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            kids = [int(k) for k in f.read().split()]
    except OSError:
        return [pid]
    return [pid] + [p for k in kids for p in tree(k)]

def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0

peak, first, sampled = 0, None, 0.0
while proc.poll() is None:
    now = time.perf_counter() - start
    if now < 1 or now - sampled >= 0.25:  # reading a process's PSS walks its pages: not too often
        peak, sampled = max(peak, sum(pss(p) for p in tree(proc.pid))), now
    if folder and first is None and os.path.isdir(folder) and any(
            n.endswith(".docx") and not n.startswith(".") for n in os.listdir(folder)):
        first = time.perf_counter() - start
    time.sleep(0.02)
wall = time.perf_counter() - start
print(wall, peak / 1024, proc.returncode, first if first is not None else wall)
"""


# the measured processes run as an installed package does: with its bytecode written once
# (some machines set PYTHONDONTWRITEBYTECODE), and with a cache folder of the benchmark's own
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(command, folder=None, watch=False, **env) -> tuple[float, float, float]:
    """Wall time (s) of a process; watched, also the peak memory of its process tree (MiB) and
    the time to the first document in ``folder`` (s)."""
    report = subprocess.run([sys.executable, "-c", LAUNCH, str(folder or ""), "watch" if watch else "time",
                             *map(str, command)],
                            capture_output=True, text=True, check=True, env={**ENVIRONMENT, **env}).stdout.split()
    if report[2] != "0":
        raise SystemExit(f"failed: {' '.join(map(str, command))}")
    return float(report[0]), float(report[1]), float(report[3])


def pairwise(ours, theirs, repeat: int) -> tuple[list, list, tuple | None]:
    """Run the two alternately ``repeat`` times, each giving (seconds, MiB, first document);
    then ours once more, watched, when it can be (its memory and first document)."""
    a, b = [], []
    for _ in range(repeat):
        a.append(ours())
        b.append(theirs())
    watched = getattr(ours, "watched", None)
    return a, b, watched() if watched else None


def timed(fn):
    def wrapper():
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start, 0.0, 0.0
    return wrapper


def _examples(bilingual: bool) -> list[tuple[Path, dict]]:
    """The examples a batch varies, with their data: not the amendment, nor those built through
    packs (their folders are named relative to the spec); with ``bilingual``, those in several
    languages."""
    out = []
    for path in sorted((ROOT / "agreements").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name != AMENDMENT and "packs" not in data and (not bilingual or len(data.get("languages", [])) > 1):
            out.append((path, data))
    return out


def variants(count: int, folder: Path, bilingual: bool = False) -> list[Path]:
    """``count`` specs: the examples in turn, each multilingual one in the next layout."""
    examples = _examples(bilingual)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for n in range(count):
        source, example = examples[n % len(examples)]
        data = copy.deepcopy(example)
        data["id"] = f"{data['id']}-v{n}"
        _vary(data, n)
        if len(data.get("languages", [])) > 1:
            data["layout"] = LAYOUTS[(n // len(examples)) % len(LAYOUTS)]
        path = folder / f"{source.stem}-v{n}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        out.append(path)
    return out


def _vary(data: dict, n: int) -> None:
    """Variant ``n`` signed by other representatives, up to 9 days later."""
    for k, party in enumerate(data.get("parties", [])):
        person = party.get("represented_by")
        if isinstance(person, dict) and isinstance(person.get("name"), str):
            first = FIRST_NAMES["m" if person.get("gender") == "m" else "f"]
            person["name"] = f"{first[(n + k) % len(first)]} {LAST_NAMES[(5 * n + k) % len(LAST_NAMES)]}"
    signing = data.get("signing")
    if isinstance(signing, dict) and isinstance(signing.get("date"), dt.date):
        signing["date"] += dt.timedelta(days=n % 10)


def median(samples, index=0):
    return statistics.median(s[index] for s in samples)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11, help="pairs for each small figure")
    parser.add_argument("--specs", type=int, default=1000, help="specs in the batch of every example")
    parser.add_argument("--small-batch", type=int, default=200,
                        help="specs in a smaller batch of every example, where starting the workers weighs more; "
                             "0: none")
    parser.add_argument("--bilingual", type=int, default=200,
                        help="specs in the batch of bilingual agreements; 0: none")
    parser.add_argument("--per-process", type=int, default=20, help="specs built one process each; 0: none")
    parser.add_argument("--batch-repeat", type=int, default=3, help="pairs for each batch")
    parser.add_argument("--jobs", type=int, default=_cores(), help="worker processes of the batches")
    args = parser.parse_args()
    python, mou = sys.executable, [sys.executable, "-m", "mou_builder"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["MOU_CACHE_DIR"] = ENVIRONMENT["MOU_CACHE_DIR"] = str(tmp / "cache")
        library = clauses.load(library_dir())
        examples = ROOT / "agreements"

        def contexts(name, specs):
            pairs = captured(specs, tmp / f"capture-{name}", library)
            path = tmp / f"{name}.json"
            path.write_text(json.dumps(pairs), encoding="utf-8")
            return json.loads(path.read_text(encoding="utf-8"), object_hook=_listing), path

        def process(specs, name, *options, **env):
            out = tmp / f"out-{name}"

            def build(watch=False):
                shutil.rmtree(out, ignore_errors=True)
                return run([*mou, "build", *map(str, specs), "-o", str(out), "--force", *options], out, watch,
                           **env)
            build.watched = lambda: build(watch=True)
            return build

        def plain_process(path):
            return lambda: run([python, "-c", PLAIN, path])

        one, _ = contexts("one", [examples / ONE_DOCUMENT])
        api.build(examples / ONE_DOCUMENT, tmp / "one", library=library, force=True)  # warm: once per process
        timing = pairwise(timed(lambda: api.build(examples / ONE_DOCUMENT, tmp / "one", library=library,
                                                force=True)),
                        timed(lambda: plain_in_process(one)), args.repeat)
        rows.append((f"one document, in process ({ONE_DOCUMENT})", len(one), timing, (("ratio", 1.25),)))

        two, two_json = contexts("two", [examples / TWO_DOCUMENTS])
        timing = pairwise(process([examples / TWO_DOCUMENTS], "two"), plain_process(two_json), args.repeat)
        rows.append((f"mou build {TWO_DOCUMENTS}, whole process", len(two), timing, ()))

        amended, amended_json = contexts("amend", [examples / AMENDMENT])
        timing = pairwise(process([examples / AMENDMENT], "amend"), plain_process(amended_json), args.repeat)
        rows.append((f"mou build {AMENDMENT} (an amendment), whole process", len(amended), timing, (("seconds", 0.5),)))
        timing = pairwise(process([examples / AMENDMENT], "amend-cold", MOU_CACHE_DIR=""), plain_process(amended_json),
                        args.repeat)
        rows.append(("the same, nothing kept from an earlier run (MOU_CACHE_DIR=)", len(amended), timing, ()))

        timing = pairwise(lambda: run([*mou, "validate", examples / TWO_DOCUMENTS]), lambda: run([python, "-c", "pass"]),
                        args.repeat)
        rows.append((f"mou validate {TWO_DOCUMENTS} (baseline: python -c pass)", 0, timing, (("seconds", 0.3),)))

        jobs = ("--jobs", str(args.jobs))
        batches = [("every example", args.specs, False), ("every example", args.small_batch, False),
                   ("bilingual", args.bilingual, True)]
        for name, count, bilingual in (b for b in batches if b[1]):
            specs = variants(count, tmp / f"specs-{name}-{count}", bilingual)
            batch, batch_json = contexts(f"batch-{name}-{count}", specs)
            timing = pairwise(process(specs, f"batch-{name}-{count}", *jobs), plain_process(batch_json),
                              args.batch_repeat)
            goals = (("ratio", 0.25),) + ((("seconds", 30 * len(specs) / 1000), ("MB", 300), ("first", 1.0))
                                          if bilingual else ())  # 1,000 in 30 s: in proportion
            rows.append((f"{len(specs)} specs ({name}), one mou build --jobs {args.jobs} (docxtpl: one process)",
                         len(batch), timing, goals))
        if args.per_process:
            specs = variants(args.per_process, tmp / "specs-each")
            each, each_json = contexts("each", specs)

            def one_process_each():
                samples = [process([spec], f"each-{n}")() for n, spec in enumerate(specs)]
                return sum(s[0] for s in samples), max(s[1] for s in samples), samples[0][2]
            timing = pairwise(one_process_each, plain_process(each_json), 1)
            rows.append((f"{len(specs)} specs, one mou build process each", len(each), timing, ()))

        timing = pairwise(lambda: run([*mou, "--help"]), lambda: run([python, "-c", "pass"]), args.repeat)
        rows.append(("mou --help (baseline: python -c pass)", 0, timing, (("seconds", 0.1),)))

    _table(rows, args)


def _table(rows, args) -> None:
    print(f"{'what':62} {'docs':>5} {'mou_builder':>11} {'baseline':>9} {'ratio':>6} {'peak MiB':>8} "
          f"{'first':>6}  goal")
    for what, docs, (ours, theirs, watched), goals in rows:
        t_ours, t_theirs = median(ours), median(theirs)
        memory, first = watched[1:] if watched else (0.0, 0.0)
        ratio = t_ours / t_theirs
        aim = "; ".join(_goal(kind, limit, ratio, t_ours, memory, first) for kind, limit in goals)
        print(f"{what:62} {docs or '':>5} {_duration(t_ours):>11} {_duration(t_theirs):>9} {ratio:>5.2f}x "
              f"{f'{memory:.0f}' if memory else '':>8} {_duration(first) if docs and first else '':>6}  {aim}")
    load = os.getloadavg()
    print(f"\nmedians of {args.repeat} pairs ({args.batch_repeat} for the batches), run alternately; baseline: plain "
          f"docxtpl over the same templates and contexts unless named; peak MiB: proportional set size of the "
          f"process tree and first: when the first document appeared, in one more run of ours, watched "
          f"(the timed runs are not); {_cores()} cores, load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end")


def _goal(kind: str, limit: float, ratio: float, seconds: float, memory_mib: float, first: float) -> str:
    """A goal of docs/performance.md, and whether this run met it."""
    if kind == "ratio":
        return f"ratio <= {limit:g}: {'met' if ratio <= limit else 'not met'}"
    if kind == "seconds":
        return f"< {limit:g} s: {'met' if seconds < limit else 'not met'}"
    if kind == "MB":
        return f"< {limit:g} MB: {'met' if memory_mib * 2 ** 20 < limit * 1e6 else 'not met'}"
    return f"first < {limit:g} s: {'met' if first < limit else 'not met'}"


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f}ms" if seconds < 10 else f"{seconds:.1f}s"


if __name__ == "__main__":
    main()
