"""Atomic file writes, shared by every module that writes into site/ or a cache.

A reader (a web server, a later build reading its cache, an editor's text editor) must never see
half a file: data goes to a temporary file in the same folder, then a rename replaces the target
in one step (POSIX ``rename``). A failure removes the temporary file and leaves the target as it was.
A whole tree (``site/``) is written into a :func:`staging_folder` and renamed into place; the
folders of builds killed midway are removed by the next one (:func:`remove_stale`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no leftovers are removed there
    fcntl = None


def write_atomic(path: Path, data: bytes, mode: int | None = 0o644) -> None:
    """Write ``data`` to ``path`` atomically, creating its folder.

    Args:
        path: the target file; data: its new bytes.
        mode: permission bits of the new file (``mkstemp`` makes 0600, which a web server cannot
            read), or None to keep those of the existing ``path`` (an editor's own file).

    Raises:
        OSError: the folder or file cannot be written; ``path`` is then unchanged.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if mode is None:
            mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def link_or_copy(source: Path, target: Path) -> None:
    """Put the file ``source`` at ``target`` (replacing it): a hard link, about a seventh of the
    time of a copy (thousands of pictures and cards a build), or a copy where a link is
    impossible (another file system, or links not supported).

    Only for a ``source`` that is never changed in place (a cache file that
    :func:`write_atomic` replaces): the link then keeps its bytes whatever the cache does later.

    Raises:
        OSError: ``source`` cannot be read or ``target`` cannot be written.
    """
    try:
        os.link(source, target)
        return
    except FileExistsError:  # from an earlier build into the same folder
        target.unlink()
        try:
            os.link(source, target)
            return
        except OSError:
            pass
    except OSError:
        pass
    shutil.copyfile(source, target)


@contextmanager
def staging_folder(parent: Path, prefix: str) -> Iterator[Path]:
    """A new empty folder ``<parent>/<prefix><random>`` held (``flock``) by this process while the
    block runs, for a tree written in full before it is renamed into place (``site/``).

    A process killed outright (SIGKILL, power cut) leaves its folder behind; the lock goes with
    the process, so :func:`remove_stale` can tell a leftover (unlocked) from the folder of a
    build still running (locked). The folder is not removed here: the caller renames it away,
    or removes it.

    Raises:
        OSError: ``parent`` cannot be written.
    """
    parent.mkdir(parents=True, exist_ok=True)
    # Made under another name and locked before it takes its own: a build looking for leftovers
    # meanwhile must not find it unlocked.
    made = Path(tempfile.mkdtemp(prefix=f".new{prefix}", dir=parent))
    handle = _lock(made, blocking=True)
    folder = parent / (prefix + made.name[len(f".new{prefix}") :])
    try:
        os.rename(made, folder)
    except OSError:
        if handle is not None:
            os.close(handle)
        shutil.rmtree(made, ignore_errors=True)
        raise
    try:
        yield folder
    finally:
        if handle is not None:
            os.close(handle)


def remove_stale(parent: Path, prefix: str) -> list[Path]:
    """Remove the folders ``<parent>/<prefix>*`` that no running process holds (leftovers of
    killed builds, see :func:`staging_folder`), and ``.new<prefix>*`` (a build killed between
    making its folder and naming it); return them. A folder another build holds is left."""
    removed = []
    try:
        names = [name for name in os.listdir(parent) if name.startswith((prefix, f".new{prefix}"))]
    except OSError:
        return removed
    for name in names:
        folder = parent / name
        if folder.is_symlink() or not folder.is_dir():
            continue
        if not name.startswith(prefix) and _younger_than(folder, NEW_FOLDER_GRACE):
            continue  # made a moment ago, maybe not locked yet (staging_folder locks right after)
        handle = _lock(folder, blocking=False)
        if handle is None:
            continue  # held: a build is writing it
        try:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        finally:
            os.close(handle)
    return removed


NEW_FOLDER_GRACE = 60
"""Seconds a ``.new<prefix>*`` folder is left alone: :func:`staging_folder` makes it, then locks
it; a build killed in between leaves it unlocked, as a build in that instant would."""


def _younger_than(folder: Path, seconds: float) -> bool:
    try:
        return time.time() - folder.stat().st_mtime < seconds
    except OSError:
        return True


def _lock(folder: Path, blocking: bool) -> int | None:
    """An open descriptor of ``folder`` with an exclusive ``flock`` on it, or None when another
    process holds it (``blocking`` False) or locks are not available (then nothing is removed)."""
    if fcntl is None:
        return None
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except OSError:
        os.close(handle)
        return None
    return handle
