"""Removing an old ``site/`` after the command has finished, not before.

Deleting the 15,500 pages of a 10,000-article site takes about 13 s, all of it on the
build's critical path when done in place (``shutil.rmtree``). Instead the old folder is
renamed into a trash folder inside the build cache (a rename on the same file system: instant)
and a detached process deletes it while, or after, the command exits. A deletion that is
killed leaves its folder in the trash, and the next build's deletion removes it.

Run as ``python -m builder.trash PATH...``: delete each ``PATH`` (what :func:`empty_later` starts).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path


def move_in(folder: Path, trash: Path) -> Path | None:
    """Rename ``folder`` into ``trash`` (created if needed) under a name no other build uses.

    Returns:
        Its new path, or None when it cannot be renamed there (``trash`` on another file
        system, or unwritable): ``folder`` is then left where it was.
    """
    try:
        trash.mkdir(parents=True, exist_ok=True)
        moved = trash / f"{os.getpid()}-{time.time_ns()}"
        os.rename(folder, moved)  # no replace: the name is new, and a rename never merges folders
        return moved
    except OSError:
        return None


def empty_later(trash: Path) -> None:
    """Start a detached process that deletes everything now in ``trash`` (this build's old site
    and whatever a killed deletion left), and return at once.

    Only the entries present now are named: a later build may move its own old site in
    meanwhile, and must find its slot where it put it. The process has no terminal streams, so
    a caller waiting for this command's output (CI, tests) does not wait for the deletion; it is
    in its own session, so a Ctrl-C on the command does not stop it.
    """
    try:
        entries = [str(trash / name) for name in os.listdir(trash)]
    except OSError:
        return
    if not entries:
        return
    try:
        subprocess.Popen(
            [sys.executable, "-m", "builder.trash", *entries],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            cwd=str(Path(__file__).resolve().parent.parent),
        )
    except OSError:  # cannot start a process: delete here rather than let the trash grow
        for entry in entries:
            shutil.rmtree(entry, ignore_errors=True)


def main(paths: list[str]) -> None:
    """Delete each of ``paths`` (already gone, or half gone: fine)."""
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
