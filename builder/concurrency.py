"""The build's one concurrency policy: whether work runs in this process, in forked worker
processes or in workers started by a fork server, and how many.

Every pool of the build goes through here: the Markdown and page workers
(:mod:`builder.mkdocs_plugin.workers`), the social cards (:mod:`builder.outputs.cards`), the
photos processed ahead (:mod:`builder.outputs.images`) and the PDFs (:mod:`builder.outputs.pdf`).
(The search index runs Pagefind from a separate Python process, :mod:`builder.outputs.search`:
a ``subprocess``, not a pool, so not decided here.)

The policy (:func:`decide`), from three facts read once:

1. ``$BANTIN_WORKERS``: ``0`` or ``1`` → serial (no worker process at all); ``N`` → ``N``
   workers; unset (or not a number) → the CPUs this process may use (``sched_getaffinity``,
   else ``os.cpu_count()``).
2. Other threads in this process. ``fork`` copies only the calling thread: a lock another
   thread held at that moment (logging's, the allocator's, an HTTP server's) stays locked in
   the child forever, so a child may hang. ``bantin serve`` runs its rebuilds beside the HTTP
   server and the file watcher threads. Threads are Python's (:func:`threading.enumerate`,
   except the idle ones of :data:`IDLE_THREADS`); a library that may start native threads
   behind Python's back (GLib under Pango: a PDF rendered in this process) is noted by its
   caller with :func:`note_native_threads`, and counts as one.
3. The platform's start methods (:func:`multiprocessing.get_all_start_methods`): no ``fork``
   on Windows; no ``forkserver`` there either.

→ ``serial`` with fewer than 2 workers; else ``fork`` when it exists and no other thread runs
(cheapest: workers inherit the build's whole state, nothing pickled); else ``forkserver`` when
it exists (workers forked by a clean single-threaded server process: safe beside threads, but
function and items must pickle); else ``serial``.

Work that needs the parent's state (closures over MkDocs' configuration, pages and templates:
the Markdown and page workers) cannot go to a fork server; :func:`map` runs it serially there
(``needs_state=True``) and the page workers then leave the work to MkDocs.

A build decides once: :func:`deciding` (``builder.build.build`` is :func:`decided_once`) holds the decision for the
whole build, so that every pool of one build follows the same one. Outside such a block (plain
``mkdocs build``, a preview refresh, a test) :func:`policy` decides afresh at each call.

Interrupts (:mod:`builder.children`): workers call :func:`builder.children.enter` first (Ctrl+C
ignored, SIGTERM and a broken pipe end them silently, they die with the build) and are started
inside :func:`builder.children.starting` (no signal handled inside fork callbacks). On Ctrl+C
the ``KeyboardInterrupt`` is raised in the parent, which leaves the pool's ``with`` block: the
workers are terminated at once and the command prints its one Vietnamese line.

Errors: an exception raised by the work function, in a worker or serially, comes back as a
:class:`Failed` value in the item's place (its message is the exception's text: the project's
errors carry their Vietnamese message, file and line), so one bad item neither kills the pool
nor loses the others' results; :meth:`Failed.raise_again` re-raises it in the parent.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial, wraps

from builder import children

SERIAL, FORK, FORKSERVER = "serial", "fork", "forkserver"

IDLE_THREADS = frozenset({"watch-parent"})
"""Names of threads of this process that never hold a lock a child could need
(:func:`builder.children.enter`'s parent watcher only sleeps and exits): ignored."""

IN_WORKER = False
"""True in a worker process of :func:`map` (code that must not touch the build cache's SQLite
connection or ``site/`` checks it)."""


@dataclass(frozen=True)
class Policy:
    """How a build runs its pools.

    Attributes:
        method: ``"serial"``, ``"fork"`` or ``"forkserver"``.
        workers: processes a pool may start (1 when serial).
        reason: why, in a few words (for ``BANTIN_TIMINGS`` and tests).
    """

    method: str
    workers: int
    reason: str


@dataclass(frozen=True)
class Failed:
    """In :func:`map`'s results, in place of an item whose work raised.

    Attributes:
        message: the exception's text (Vietnamese for the project's own errors).
        kind: the exception's class, ``module.Name``.
        error: the exception itself when it survived pickling back from the worker, else None.
    """

    message: str
    kind: str
    error: BaseException | None = None

    def raise_again(self) -> None:
        """Raise the original exception in this process (or :class:`WorkerError` with its
        message when it could not be carried back)."""
        raise self.error if self.error is not None else WorkerError(self.message)


class WorkerError(Exception):
    """An exception of a worker that could not be pickled back; ``str()`` is its message."""


def configured_workers(environ=os.environ) -> int:
    """Processes allowed: ``$BANTIN_WORKERS`` when it is a number (0 counts as 1), else the
    CPUs this process may use."""
    value = environ.get("BANTIN_WORKERS", "").strip()
    if value.isdigit():
        return max(1, int(value))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def other_threads() -> int:
    """Python threads of this process besides the calling one and the idle ones
    (:data:`IDLE_THREADS`); plus one while :func:`note_native_threads` has been called here."""
    python = [t for t in threading.enumerate() if t is not threading.current_thread() and t.name not in IDLE_THREADS]
    return len(python) + _NATIVE["noted"]


_NATIVE = {"noted": 0}


def note_native_threads() -> None:
    """Say that this process used a library that may have started native threads Python does
    not list (Pango: GLib may start some): from now on the policy forks no more here.

    (Counting ``/proc/self/task`` instead is not reliable: a thread that Python has joined
    is still listed there for a moment, so a fork right after a thread pool was refused.)"""
    _NATIVE["noted"] = 1


def decide(environ=os.environ) -> Policy:
    """The policy for a build starting now (see the module docstring for the rule)."""
    workers = configured_workers(environ)
    methods = multiprocessing.get_all_start_methods()
    if workers < 2:
        return Policy(SERIAL, 1, "BANTIN_WORKERS" if "BANTIN_WORKERS" in environ else "one CPU")
    others = other_threads()
    if not others and FORK in methods:
        return Policy(FORK, workers, "no other thread")
    if FORKSERVER in methods:
        return Policy(FORKSERVER, workers, f"{others} other threads" if others else "no fork here")
    return Policy(SERIAL, 1, "no fork or fork server here")


_HELD: list[Policy] = []


@contextmanager
def deciding() -> Iterator[Policy]:
    """Decide once (:func:`decide`) and make that the :func:`policy` of every pool inside the block."""
    _HELD.append(decide())
    try:
        yield _HELD[-1]
    finally:
        _HELD.pop()


def decided_once(function: Callable) -> Callable:
    """Decorate a function that runs a build: each call runs inside :func:`deciding`."""

    @wraps(function)
    def run(*args, **kwargs):
        with deciding():
            return function(*args, **kwargs)

    return run


def policy() -> Policy:
    """The policy held by the innermost :func:`deciding` block, else one decided now."""
    return _HELD[-1] if _HELD else decide()


def parallel(count: int, *, min_items: int = 2, needs_state: bool = False, workers: int | None = None) -> bool:
    """True when :func:`map` would use worker processes for ``count`` items (same arguments)."""
    return _plan(count, min_items, needs_state, workers)[0] != SERIAL


def _plan(count: int, min_items: int, needs_state: bool, workers: int | None) -> tuple[str, int]:
    chosen = policy()
    allowed = min(chosen.workers, workers) if workers else chosen.workers
    allowed = min(allowed, count)
    if chosen.method == SERIAL or allowed < 2 or count < max(2, min_items):
        return SERIAL, 1
    if needs_state and chosen.method != FORK:
        return SERIAL, 1
    return chosen.method, allowed


_JOB: tuple[Callable, Sequence, Callable | None] | None = None
"""What forked workers run: ``(function, items, initializer)``, inherited by the fork."""


def map(
    function: Callable,
    items: Sequence,
    *,
    min_items: int = 2,
    needs_state: bool = False,  # noqa: A001
    workers: int | None = None,
    initializer: Callable[[], None] | None = None,
    preload: Sequence[str] = (),
    chunksize: int | None = None,
) -> Iterator:
    """Yield ``function(item)`` for every item, in the items' order, computed as the
    :func:`policy` says: in this process, forked workers or fork-server workers.

    Args:
        function: the work; its result is pickled back from a worker, so it should be small
            and plain. Under ``forkserver`` it must pickle too (a module-level function or a
            ``functools.partial`` of one), as must the items.
        items: the work items.
        min_items: fewer items than this run in this process (starting workers costs
            ~0.1 s).
        needs_state: the function needs this process's state (a closure over the build): it
            then runs in workers only when they are forked, else here.
        workers: at most this many processes (default and ceiling: the policy's).
        initializer: called once in each worker (and once here when serial) before the first item.
        preload: modules a fork server imports once for all its workers.
        chunksize: items sent to a worker at once (default: about 8 chunks a worker, ≤ 32).

    Yields:
        Each result, or a :class:`Failed` for an item whose work raised an ``Exception``.
        ``KeyboardInterrupt`` is raised here; the workers are then terminated.
    """
    method, count = _plan(len(items), min_items, needs_state, workers)
    if method == SERIAL:
        if initializer is not None and items:
            initializer()
        for item in items:
            yield _guarded(function, item)
        return
    chunksize = chunksize or max(1, min(32, len(items) // (count * 8)))
    yield from _pooled(method, count, function, items, initializer, preload, chunksize)


def _pooled(method: str, count: int, function: Callable, items: Sequence, initializer, preload, chunksize) -> Iterator:
    global _JOB
    context = multiprocessing.get_context(method)
    if method == FORK:
        _JOB = (function, items, initializer)
        work, inputs, start = _run_index, range(len(items)), _enter_forked
    else:
        if preload:
            context.set_forkserver_preload(list(preload))
        work, inputs, start = partial(_guarded, function), items, partial(_enter_served, initializer)
    # Frozen objects are never visited by the collector, so forked workers do not copy the
    # pages of this process's (at 10,000 articles, large) heap (Python's gc.freeze advice).
    gc.freeze()
    try:
        with children.starting():  # no signal handled inside fork callbacks (builder/children.py)
            pool = context.Pool(count, initializer=start)  # the workers start here
    finally:
        gc.unfreeze()
    try:
        with pool:  # leaving early (an error, Ctrl+C) terminates the workers at once
            yield from pool.imap(work, inputs, chunksize=chunksize)
            pool.close()  # all done: let the workers end on their own
            pool.join()
    finally:
        _JOB = None


def _guarded(function: Callable, item):
    try:
        return function(item)
    except Exception as error:  # carried back as a value: see Failed
        return _failed(error)


def _failed(error: Exception) -> Failed:
    kind = f"{type(error).__module__}.{type(error).__qualname__}"
    try:
        pickle.loads(pickle.dumps(error))
        carried = error
    except Exception:  # an exception whose __init__ takes other arguments than its args
        carried = None
    return Failed(str(error), kind, carried)


def _enter_forked() -> None:
    global IN_WORKER
    IN_WORKER = True
    children.enter()  # quiet on signals, dead with the build (builder/children.py)
    if _JOB[2] is not None:
        _JOB[2]()


def _enter_served(initializer: Callable[[], None] | None) -> None:
    global IN_WORKER
    IN_WORKER = True
    children.enter()
    if initializer is not None:
        initializer()


def _run_index(index: int):
    function, items, _ = _JOB
    return _guarded(function, items[index])


def start(target: Callable, args: tuple) -> multiprocessing.process.BaseProcess | None:
    """Start ``target(*args)`` in one forked background process (daemon, quiet on signals:
    ``target`` must call :func:`builder.children.enter` first) when the policy forks; None
    otherwise (the caller then does the work itself, later)."""
    if policy().method != FORK:
        return None
    process = multiprocessing.get_context(FORK).Process(target=target, args=args, daemon=True)
    with children.starting():  # no signal handled inside fork callbacks (builder/children.py)
        process.start()
    return process
