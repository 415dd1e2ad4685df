"""The worker processes of a batch (:mod:`.batch`), each on a pipe of its own.

The batch's process hands each worker one spec at a time and reads its outcome; a worker
reports the files its spec would write and waits for the answer, which this process gives
in the order of the specs (:class:`_InOrder`). Nothing is shared between the workers: no
queue or lock that a worker killed outright (``kill -9``, the out-of-memory killer) could
leave held, so that the others and this process would wait for ever. A worker that ends
is seen at once (its pipe closes, its process sentinel fires): the batch then stops the
others and reports every spec not built.
"""
from __future__ import annotations

import os
import signal

_STOP_WAIT = 10.0  # seconds a stopped worker has to unwind (remove its temporary files)


class WorkerLost(Exception):
    """A worker process ended while the batch still needed it (killed from outside)."""


def outcomes(paths: list[str], jobs: int, claims, prepare, build):
    """Yield what ``build((index, path))`` gives for every spec of ``paths`` (an outcome), as
    the workers finish them; :class:`WorkerLost` when one ended before it was done (the
    others are stopped). ``claims.claim(index, names)`` answers for the files of each spec, in
    order; ``prepare(claims)`` readies a worker, with how it asks for its claims, and returns
    what the worker calls when it ends."""
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    workers = [_Worker(context, prepare, build) for _ in range(jobs)]
    claims, tasks, left = _InOrder(claims), iter(enumerate(paths)), len(paths)
    try:
        for worker in workers:
            worker.give(next(tasks, None))
        while left:
            busy = [w for w in workers if w.task is not None]
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
            for worker in busy:
                if worker.conn not in ready and worker.process.sentinel not in ready:
                    continue
                message = worker.receive()  # what it sent before it ended comes first
                if message is None:
                    raise WorkerLost
                if message[0] == "claim":
                    claims.report(message[1], message[2], worker)
                    continue
                left -= 1
                worker.give(next(tasks, None))  # its next spec first: it builds while this one is reported
                yield message[1]
    except BaseException:  # a worker lost, Ctrl-C, the reader gone: stop them all now
        for worker in workers:
            worker.stop()
        raise
    for worker in workers:
        worker.finish()


class _Worker:
    """One worker process and this process's end of its pipe."""

    def __init__(self, context, prepare, build):
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_work, args=(theirs, prepare, build), daemon=True,
                                       name="mou-build-worker")
        self.process.start()
        theirs.close()
        self.task = None  # (index, path) of the spec it builds

    def give(self, task) -> None:
        self.task = task
        if task is not None:
            self.send(task)

    def send(self, message) -> None:
        try:
            self.conn.send(message)
        except OSError:  # its end is closed: it has ended
            raise WorkerLost from None

    def receive(self):
        """Its next message, or None when it has ended."""
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            return None

    def stop(self) -> None:
        """SIGTERM: it unwinds (a write under way removes its temporary files), then ends."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(_STOP_WAIT)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()

    def finish(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join()
        self.conn.close()


_STOPPED = False  # the answer when claiming failed (a bug): the spec fails, and every one after it


class _InOrder:
    """The files of the specs claimed in the order of the specs, whichever worker reports
    first: an answer (None: the spec may build; a message: refused) waits only for the specs
    before it to be reported."""

    def __init__(self, claims):
        self.claims = claims
        self.reported: dict = {}  # index -> (names, worker)
        self.answered = 0
        self.failed = False

    def report(self, index: int, names: list[str], worker: _Worker) -> None:
        self.reported[index] = (names, worker)
        while self.answered in self.reported:
            names, asking = self.reported.pop(self.answered)
            asking.send(self._answer(names))
            self.answered += 1

    def _answer(self, names: list[str]):
        if not self.failed:
            try:
                return self.claims.claim(self.answered, names)
            except Exception:  # noqa: BLE001 - a bug: no spec is built without its claim
                self.failed = True
        return _STOPPED


class _PipeClaims:
    """In a worker: the claim of a spec's files, asked of the batch's process."""

    def __init__(self, conn):
        self.conn = conn

    def claim(self, index: int, names: list[str]) -> str | None:
        self.conn.send(("claim", index, names))
        try:
            answer = self.conn.recv()
        except EOFError:  # the batch's process is gone: nobody will answer
            raise RuntimeError("the batch's process ended") from None
        if answer is _STOPPED:
            raise RuntimeError("the claims of the batch's files stopped")
        return answer


def _stop(signum, frame):
    """SIGTERM in a worker: unwind (the temporary files of a write under way are removed)."""
    raise SystemExit(1)


def _work(conn, prepare, build) -> None:
    """A worker: build the specs it is handed, one at a time, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops us
    signal.signal(signal.SIGTERM, _stop)
    finish = prepare(_PipeClaims(conn))
    try:
        while True:
            try:
                task = conn.recv()
            except EOFError:  # the batch's process is gone
                return
            if task is None:
                return
            conn.send(("done", build(task)))
    finally:
        finish()
