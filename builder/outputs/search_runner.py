"""Runs the Pagefind commands of :func:`builder.outputs.search.start_indexes`, several at a time,
in a process of its own, while the build goes on.

A process rather than threads of the build: the build forks worker processes meanwhile
(pages, cards, PDFs), and a fork taken while a thread is starting a subprocess can hand the
worker that subprocess's pipes (the thread then waits for the worker to end).

Usage: ``python -m builder.outputs.search_runner WORKERS JOBS.json``: JOBS.json holds a list
of commands (lists of strings). Exit 0 when every command succeeded; else 1 after printing
the last line a failing command printed (the commands not started yet are dropped). On
SIGTERM the running commands are ended too.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

_RUNNING: set[subprocess.Popen] = set()
_LOCK = threading.Lock()
_STOPPED = threading.Event()


def run(command: list[str]) -> str:
    """Run ``command``; return "" on success, else the last line it printed (or why it could not start)."""
    with _LOCK:
        if _STOPPED.is_set():
            return ""
        try:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        except OSError as exc:
            _STOPPED.set()
            return str(exc) or "OSError"
        _RUNNING.add(process)
    output, _ = process.communicate()
    with _LOCK:
        _RUNNING.discard(process)
    if process.returncode == 0:
        return ""
    _STOPPED.set()  # the others are not worth starting
    return (output.strip().splitlines()[-1:] or [f"mã lỗi {process.returncode}"])[0]


def _stop(signum, frame) -> None:
    _STOPPED.set()
    with _LOCK:
        for process in _RUNNING:
            process.terminate()
    sys.exit(128 + signum)


def main(argv: list[str]) -> int:
    workers, jobs_file = int(argv[0]), argv[1]
    with open(jobs_file, encoding="utf-8") as handle:
        commands = json.load(handle)
    signal.signal(signal.SIGTERM, _stop)
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(commands)))) as pool:
        problems = [problem for problem in pool.map(run, commands) if problem]
    if problems:
        print(problems[0], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
