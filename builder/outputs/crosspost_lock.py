"""One ``bantin crosspost`` at a time, per state file.

Two runs at once (a scheduled CI run and a push, or an editor's run on the same machine) would
each read the same state, see the same items pending, and post every one of them twice. A run
therefore holds an exclusive ``flock`` on a lock file beside the state file
(``crosspost/.facebook.json.lock``) from before it reads the state until it ends.

``flock`` is chosen over a "pid + host" file because the kernel releases it when the process
dies, however it dies (SIGKILL included): a crashed run never leaves a stale lock behind, and no
guessing about dead processes is needed. The lock file keeps the holder's pid, host and start
time only so the second run can say who is posting. The file itself is left in place (removing
it would let a third run lock a different inode than the second one waits on); ``.gitignore``
keeps it out of commits.

Scope: runs on one machine, or on machines sharing one checkout. Two CI jobs on two runners are
serialised by the workflow's ``concurrency:`` group, not here.
"""

from __future__ import annotations

import fcntl
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from builder.content.dates import now_in_vietnam


class Busy(Exception):
    """Another run holds the lock; the message (Vietnamese) says who holds it."""


class Unlockable(Exception):
    """The lock file cannot be created or locked; ``error`` is the ``OSError`` (the caller
    words it for the editor: it names the state file's folder)."""

    def __init__(self, error: OSError):
        super().__init__(str(error))
        self.error = error


def lock_path(state_file: Path) -> Path:
    """The lock file of ``state_file``: a hidden sibling ending in ``.lock``."""
    return state_file.with_name(f".{state_file.name}.lock")


@contextmanager
def held(state_file: Path) -> Iterator[Path]:
    """Hold the lock of ``state_file`` for the ``with`` block; yields the lock file's path.

    Raises:
        Busy: another process holds it (it is not waited for: the next scheduled run posts
            what this one would have).
        Unlockable: the lock file cannot be created or locked, or it is a symbolic link
            (``errno.ELOOP``; never followed).
    """
    path = lock_path(state_file)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_NOFOLLOW: a lock file committed as a link (to .git/config ...) would have the
        # holder's line written over the file it points to; refused instead (ELOOP).
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as error:
        raise Unlockable(error) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.ftruncate(fd, 0)
            started = now_in_vietnam().isoformat(timespec="seconds")
            os.pwrite(fd, f"{os.getpid()} {socket.gethostname()} {started}\n".encode(), 0)
        except BlockingIOError:
            raise Busy(_holder(fd)) from None
        except OSError as error:
            raise Unlockable(error) from None
        yield path
    finally:
        os.close(fd)  # closing the only descriptor releases the flock


def _holder(fd: int) -> str:
    """Who holds the lock, in words, from what the holder wrote (it may not have written yet)."""
    try:
        pid, host, started = os.pread(fd, 200, 0).decode("utf-8", "replace").split()[:3]
    except ValueError:
        return "một tiến trình khác"
    return f"tiến trình {pid} trên máy {host}, bắt đầu lúc {started}"
