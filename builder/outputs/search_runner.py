"""Makes the search indexes of :func:`builder.outputs.search.start_indexes` in a process of
its own, several at a time, while the build goes on.

For each index: its documents (:func:`builder.outputs.search.write_documents`), Pagefind's
command over them, the unused files removed. In this process, not the build's: writing
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


def make(job: tuple[list[search.SearchRecord], str, str, str | None]) -> str:
    """Make one index; return "" on success (or when stopped), else the last line Pagefind printed."""
    records, out, folder, scratch_dir = job
    if _STOPPED.is_set():
        return ""
    documents = search.write_documents(records, scratch_dir)
    try:
        with _LOCK:
            if _STOPPED.is_set():
                return ""
            try:
                process = subprocess.Popen(search.pagefind_command(documents, out), stdin=subprocess.DEVNULL,
                                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
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
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(jobs)))) as pool:
        problems = [problem for problem in pool.map(make, jobs) if problem]
    if problems:
        print(problems[0], file=sys.stderr)
        return 1
    if _STOPPED.is_set():  # stopped before every index was made
        print("đã dừng", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
