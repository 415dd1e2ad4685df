"""Builds killed (SIGKILL) at random points of the write phase; the next build, without
--force, is never refused and leaves a consistent folder."""
from __future__ import annotations

import os
import random
import signal
import time

from conftest import TODAY
from mou_builder import api
from mou_builder.base import files
from test_write_unit import consistent

RUNS = int(os.environ.get("MOU_FAULT_RUNS", "20"))
STEP_SECONDS = 0.01


def killed_while_writing(spec, out, delay: float) -> bool:
    """Build in a child process (a fork of this one: nothing to import again) whose file
    operations of the write phase are slowed a little, and SIGKILL it ``delay`` seconds after
    it starts writing. Whether it was killed before it ended."""
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            os.close(ready_r)

            def slowed(operation):
                def run(*args, **kwargs):
                    if ready_w is not None:
                        os.write(ready_w, b"w")
                    time.sleep(STEP_SECONDS)
                    return operation(*args, **kwargs)
                return run
            files.rewrite = slowed(files.rewrite)
            files.write_temp = slowed(files.write_temp)
            files.install = slowed(files.install)
            files.sync_folder = slowed(files.sync_folder)
            api.build(spec, out, today=TODAY)
        finally:
            os._exit(0)
    os.close(ready_w)
    os.read(ready_r, 1)  # the write phase has begun
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(ready_r)
    return os.WIFSIGNALED(status)


def test_builds_killed_while_writing_are_never_refused_afterwards(write_spec, base_text, tmp_path):
    rng = random.Random(int(os.environ.get("MOU_FAULT_SEED", "7")))
    out = tmp_path / "out"
    spec = write_spec(base_text)
    api.build(spec, out, today=TODAY)
    killed = 0
    for run in range(RUNS):
        spec.write_text(base_text.replace("originals: 2", f"originals: {3 + run % 5}"), encoding="utf-8")
        # the write phase: the journal, DOCX and record (2 + 2), the folder: 6 steps
        killed += killed_while_writing(spec, out, rng.uniform(0, 7 * STEP_SECONDS))
        if run % 3 == 2:  # now and then the spec changes again before the next build
            spec.write_text(base_text.replace("originals: 2", "originals: 9"), encoding="utf-8")
        api.build(spec, out, today=TODAY)  # no --force: never refused
        consistent(out)
    assert killed >= RUNS // 2  # most runs were really interrupted
