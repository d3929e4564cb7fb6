"""Work spread over every core: MkDocs converts and renders one page after another, in one
process, so a 2-core machine builds at half speed.

:func:`fork_map` runs a function over many items in forked worker processes (``fork``: each
worker starts with the build's whole state — configuration, files, templates, library — as it
is, without pickling it) and yields the results in the parent, which alone writes the site and
the cache. Workers must only compute: they never touch the build cache's SQLite connection
(:data:`IN_WORKER` tells code that runs in a worker) and never write into ``site/``.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence

from builder import children

IN_WORKER = False
"""True in a worker process of :func:`fork_map`."""

MIN_ITEMS = 64
"""Fewer items than this are left to MkDocs: starting workers costs ~0.1 s."""

_JOB: tuple[Callable, Sequence, Callable | None] | None = None


def fork_map(function: Callable, items: Sequence, workers: int | None = None,
             initializer: Callable[[], None] | None = None) -> Iterator:
    """Yield ``function(item)`` for every item, in no particular order, computed in forked
    worker processes; yield nothing when that is not worth it (one core, fewer than
    :data:`MIN_ITEMS` items, no ``fork``): the caller's work is then left to MkDocs.

    Args:
        function: called in a worker; its result is pickled back, so it should be small and
            plain (text, bytes, tuples).
        items: the work; workers: processes (default: :func:`default_workers`);
        initializer: called once in each worker before its first item.

    Raises:
        Whatever ``function`` raises, in the parent (the other workers are stopped).
    """
    global _JOB
    if workers is None:
        workers = default_workers()
    if not forks(len(items), workers):
        return
    _JOB = (function, items, initializer)
    try:
        with children.starting():  # no signal handled inside fork callbacks (builder/children.py)
            pool = multiprocessing.get_context("fork").Pool(workers, initializer=_enter_worker)
        with pool:
            yield from pool.imap_unordered(_run, range(len(items)), chunksize=max(1, min(32, len(items) // (workers * 8))))
            pool.close()  # let the workers end on their own (leaving the block would terminate them)
            pool.join()
    finally:
        _JOB = None


def forks(count: int, workers: int | None = None) -> bool:
    """True when :func:`fork_map` would use worker processes for ``count`` items."""
    workers = default_workers() if workers is None else workers
    return workers >= 2 and count >= MIN_ITEMS and "fork" in multiprocessing.get_all_start_methods()


def default_workers() -> int:
    """``$BANTIN_WORKERS`` when set (1: no worker processes), else the CPUs this process may use."""
    if os.environ.get("BANTIN_WORKERS", "").isdigit():
        return max(1, int(os.environ["BANTIN_WORKERS"]))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _enter_worker() -> None:
    global IN_WORKER
    IN_WORKER = True
    # The parent stops the build on Ctrl-C or SIGTERM (builder/cli.py) and ends its workers:
    # they must print no traceback of their own, and die with it (builder/children.py).
    children.enter()
    if _JOB[2] is not None:
        _JOB[2]()


def _run(index: int):
    function, items, _ = _JOB
    return function(items[index])

