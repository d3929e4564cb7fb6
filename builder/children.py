"""How a process the build starts behaves: quiet on every signal, and dead with its parent.

A build starts processes of its own: the photo process started ahead
(:mod:`builder.outputs.images`), the page workers (:mod:`builder.mkdocs_plugin.workers`), the
card and PDF workers (:mod:`builder.outputs.cards`, :mod:`builder.outputs.pdf`), forked or
started by a fork server as the one policy of :mod:`builder.concurrency` says, which starts
them all. Each calls :func:`enter` first, so that

- Ctrl+C (sent by a terminal to every process of its group) is ignored: the command stops on
  it, prints one Vietnamese line and ends its children;
- SIGTERM (how the command, or ``Pool.terminate``, ends a child) kills it without a word: a
  forked child otherwise inherits the command's handler (:func:`builder.cli.main`), raises
  ``KeyboardInterrupt`` and prints ``Process ForkProcess-1: Traceback ...``;
- a write to a pipe whose reader is gone (the command stopped: ``BrokenPipeError`` from a pool
  worker sending its result) kills it without a word, as it would any Unix program (Python
  ignores SIGPIPE, turning it into an exception and a traceback);
- it dies when its parent dies, even by SIGKILL (Linux ``prctl(PR_SET_PDEATHSIG)``): otherwise a
  worker blocked on its task pipe lives on for minutes, holding open the output of whoever ran
  the command (a CI step waits for it). Elsewhere a thread watches :func:`os.getppid` instead.

Processes are started within :func:`starting`, which holds the two signals back until the
fork is over (in the parent) and until :func:`enter` (in the child). Should one still reach a
child before :func:`enter`, the command's handler (:func:`builder.cli.main`) ends quietly any
process other than the command's own.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

_PR_SET_PDEATHSIG = 1
"""``prctl`` option (linux/prctl.h): the signal a process gets when the thread that forked it ends."""

_FORKED_BY = {"pid": 0}
"""The pid of the process that last forked, as the child sees it (set in the parent just before
each fork by :func:`os.register_at_fork`): the parent a child must outlive."""


def _before_fork() -> None:
    _FORKED_BY["pid"] = os.getpid()


os.register_at_fork(before=_before_fork)


def enter() -> None:
    """Make the calling process a quiet child of the build (see the module docstring): first
    thing in a child process (a pool's ``initializer``, a ``Process`` target)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # blocked by starting() in the parent: take them now
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)
    parent = _FORKED_BY["pid"] or os.getppid()
    if not _die_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()
    if os.getppid() != parent:  # the parent died before the line above: no signal will come
        os._exit(1)


def _die_with_parent() -> bool:
    """Ask Linux for SIGKILL when the parent ends; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # here: the command imports this module first thing, before its signal handlers
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


_STOPPING = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def starting() -> Iterator[None]:
    """Hold Ctrl+C and SIGTERM back (in the calling thread) while the block starts child
    processes; one that came meanwhile is handled when the block ends, in this code.

    Python runs the callbacks registered with :func:`os.register_at_fork` (logging's, ...)
    around every fork and only prints what they raise: a signal handled there lost the
    command's ``KeyboardInterrupt`` (printed as a traceback; the build went on to the end,
    1 of 20 builds interrupted at random moments). The children start with the signals held
    too, and :func:`enter` takes them once its handlers are set.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def quiet_exit_if_child(owner: int, signum: int) -> None:
    """For the command's own signal handler: in any process but ``owner`` (the command's pid),
    end at once and without a traceback (a child forked before it called :func:`enter`)."""
    if os.getpid() != owner:
        os._exit(128 + signum)
