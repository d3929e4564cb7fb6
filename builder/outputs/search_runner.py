"""Makes the search indexes of :func:`builder.outputs.search.start_indexes` in a process of
its own, several at a time, while the build goes on.

For each index: its documents (:func:`builder.outputs.search.write_documents`, written for
the next index while Pagefind runs on the one before), Pagefind's command over them, the
unused files removed. In this process, not the build's: writing
10,000 documents takes seconds of Python that would otherwise hold up the build, and the
build forks worker processes meanwhile (pages, cards, PDFs), while a fork taken as a thread
of the build starts a subprocess can hand the worker that subprocess's pipes.

Usage: ``python -m builder.outputs.search_runner WORKERS JOBS.pickle``: the pickle holds a
list of ``(records, output folder, site folder, scratch folder)``. Exit 0 when every index was made; else
1 after printing the last line a failing Pagefind printed (the indexes not started yet are
dropped). On SIGTERM, or when the build that started it has ended, the running Pagefind
commands are ended too.
"""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from builder.outputs import search

_RUNNING: set[subprocess.Popen] = set()
_LOCK = threading.Lock()
_STOPPED = threading.Event()


def make(job: tuple[list[search.SearchRecord], str, str, str | None], documents: Path | None) -> str:
    """Index the ``documents`` written for ``job`` (None: stopped before they were written) and
    remove them; return "" on success (or when stopped), else the last line Pagefind printed."""
    _, out, folder, _ = job
    if documents is None:
        return ""
    try:
        with _LOCK:
            if _STOPPED.is_set():
                return ""
            try:
                process = subprocess.Popen(
                    search.pagefind_command(documents, out),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                )
            except OSError as exc:
                _STOPPED.set()
                return str(exc) or "OSError"
            _RUNNING.add(process)
        output, _ = process.communicate()
        with _LOCK:
            _RUNNING.discard(process)
    finally:
        shutil.rmtree(documents, ignore_errors=True)
    if process.returncode != 0:
        _STOPPED.set()  # the others are not worth starting
        return (output.strip().splitlines()[-1:] or [f"mã lỗi {process.returncode}"])[0]
    search.trim(Path(out), folder)
    return ""


class _Ahead:
    """Writes the documents of each job, in order, in a thread of its own while Pagefind (a
    process of its own) indexes the ones before, so that both cores work: writing and then
    indexing each shard in turn left a gap of one to two seconds between Pagefind runs. At
    most ``depth`` jobs' documents exist at once (they sit in memory, in /dev/shm)."""

    def __init__(self, jobs: list, depth: int):
        self._slots = threading.Semaphore(depth)
        self._writer = ThreadPoolExecutor(max_workers=1)
        self._written = [self._writer.submit(self._write, job) for job in jobs]

    def _write(self, job) -> Path | None:
        self._slots.acquire()  # released by run() once the job is done
        if _STOPPED.is_set():
            return None
        return search.write_documents(job[0], job[3])

    def run(self, index: int, job) -> str:
        """:func:`make` on job ``index`` once its documents are written."""
        try:
            return make(job, self._written[index].result())
        finally:
            self._slots.release()

    def close(self) -> None:
        self._writer.shutdown(wait=True, cancel_futures=True)
        for written in self._written:  # written but never indexed (stopped); make() removed the others
            if (
                written.done()
                and not written.cancelled()
                and written.exception() is None
                and written.result() is not None
            ):
                shutil.rmtree(written.result(), ignore_errors=True)


def stop(*_) -> None:
    """End the running Pagefind commands and start no other."""
    with _LOCK:
        _STOPPED.set()
        for process in _RUNNING:
            process.terminate()


def _watch(parent: int) -> None:
    # A build killed outright (no on_build_error) leaves this process to its own: stop then.
    while not _STOPPED.wait(0.5):
        if os.getppid() != parent:
            stop()


def main(argv: list[str]) -> int:
    workers, jobs_file = int(argv[0]), argv[1]
    signal.signal(signal.SIGTERM, stop)
    threading.Thread(target=_watch, args=(os.getppid(),), daemon=True).start()
    with open(jobs_file, "rb") as handle:
        jobs = pickle.load(handle)
    workers = max(1, min(workers, len(jobs)))
    ahead = _Ahead(jobs, depth=workers + 1)
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            problems = [problem for problem in pool.map(ahead.run, range(len(jobs)), jobs) if problem]
    finally:
        ahead.close()
    if problems:
        print(problems[0], file=sys.stderr)
        return 1
    if _STOPPED.is_set():  # stopped before every index was made
        print("đã dừng", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
