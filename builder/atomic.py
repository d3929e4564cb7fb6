"""Atomic file writes, shared by every module that writes into site/ or a cache.

A reader (a web server, a later build reading its cache, an editor's text editor) must never see
half a file: data goes to a temporary file in the same folder, then a rename replaces the target
in one step (POSIX ``rename``). A failure removes the temporary file and leaves the target as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


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
