"""Time of one round trip of the web form: an edit typed in a field, applied to the YAML
text, validated and laid out again (what happens after each pause in typing).

    python benchmarks/web.py [--repeat N]

For each example agreement: the median and the slowest of N calls of /api/update through
Flask's test client (in this process, no network), split into the YAML edit, the
validation and the whole request; and the size of the answer.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mou_builder import api  # noqa: E402
from mou_builder.library import clauses  # noqa: E402
from mou_builder.library.resources import library_dir  # noqa: E402
from mou_builder.web import editor  # noqa: E402
from mou_builder.web.app import create_app  # noqa: E402


def timed(repeat, call) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    library = clauses.load(library_dir())
    print(f"{'spec':<40} {'edit ms':>8} {'check ms':>9} {'request ms (median / max)':>26} {'answer kB':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        client = create_app(tmp, token="bench", library=library).test_client()
        for path in sorted((ROOT / "agreements").glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            edit = [["signing.originals", "3", "integer"]]
            body = {"name": "spec.yaml", "yaml": text, "edits": edit}
            edit_ms = timed(repeat, lambda: editor.apply(text, edit, None))
            check_ms = timed(repeat, lambda: api.check_text(text, "spec.yaml", library))
            answers = []
            request_ms = timed(repeat, lambda: answers.append(client.post("/bench/api/update", json=body)))
            size = len(answers[-1].data) / 1000
            print(f"{path.name:<40} {statistics.median(edit_ms):>8.1f} {statistics.median(check_ms):>9.1f} "
                  f"{statistics.median(request_ms):>16.1f} / {max(request_ms):>6.1f} {size:>10.0f}")


if __name__ == "__main__":
    main()
