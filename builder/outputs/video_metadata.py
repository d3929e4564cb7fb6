"""Where a phone's video says it was shot, found and removed without ffmpeg.

Phones write the place a video was shot into the MP4/MOV file (ISO/IEC 14496-12 boxes, the
QuickTime File Format): Android and older iPhones as a ``©xyz`` box under ``moov/udta``
("+16.8163+107.1003/", ISO 6709); iPhones also as the ``com.apple.quicktime.location.ISO6709``
item of the ``moov/meta`` box (with make, model and software). The content's repository is
public, so ``bantin check`` warns of such a file and ``bantin check --fix`` removes the position
in place; the build publishes a copy with the position removed the same way
(:func:`builder.mkdocs_plugin.videos.publish_without_location`):

- a ``©xyz`` box, and a ``meta`` box holding a location, become ``free`` boxes (ignored by
  every player) of the same size, their bytes zeroed. Nothing moves, so the sample offsets
  (``stco``/``co64``) stay right and the file plays as before; no re-encoding, no ffmpeg
  (which this project does not require).

Only the ``moov`` box is read (a few hundred KB for a film of an hour); a file that is not
an MP4/MOV, or is cut short, has no location as far as this module knows.
"""

from __future__ import annotations

import struct
from pathlib import Path

SUFFIXES = (".mp4", ".m4v", ".mov", ".3gp")
"""Files read as ISO base media (MP4/QuickTime); WebM (Matroska) carries no position from phones."""

MAX_MOOV = 64 * 1024 * 1024
"""A ``moov`` larger than this is not read (a real one is well under it)."""

_CONTAINERS = {b"moov", b"trak", b"udta"}
_LOCATION_KEY = b"location.ISO6709"


def location_boxes(path: Path) -> list[tuple[int, int]]:
    """``(offset in the file, size)`` of every box of ``path`` that holds a shooting position
    (see the module docstring); [] for none or for a file that cannot be read as MP4/MOV."""
    try:
        with open(path, "rb") as file:
            moov = _find_top(file, b"moov")
            if moov is None:
                return []
            start, size, header = moov
            if size > MAX_MOOV:
                return []
            file.seek(start + header)
            data = file.read(size - header)
    except OSError:
        return []
    return [(start + header + offset, length) for offset, length in _walk(data, 0, len(data))]


def remove_location(path: Path) -> bool:
    """Turn every box :func:`location_boxes` finds into a zeroed ``free`` box, in place.

    Returns:
        True when the file had a position (and now has none).

    Raises:
        OSError: the file cannot be written.
    """
    boxes = location_boxes(path)
    if not boxes:
        return False
    with open(path, "r+b") as file:
        for offset, size in boxes:
            file.seek(offset)
            header = file.read(8)
            large = struct.unpack(">I", header[:4])[0] == 1  # a 64-bit size follows the type
            file.seek(offset + 4)
            file.write(b"free")
            skip = 16 if large else 8
            file.seek(offset + skip)
            file.write(bytes(size - skip))
    return True


def _find_top(file, kind: bytes) -> tuple[int, int, int] | None:
    """``(offset, size, header length)`` of the first top-level box of type ``kind``."""
    file.seek(0, 2)
    end = file.tell()
    offset = 0
    while offset + 8 <= end:
        file.seek(offset)
        size, found = struct.unpack(">I4s", file.read(8))
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", file.read(8))[0], 16
        elif size == 0:
            size = end - offset
        if size < header:
            return None  # not a box: not an MP4/MOV
        if found == kind:
            return offset, size, header
        offset += size
    return None


def _walk(data: bytes, start: int, end: int) -> list[tuple[int, int]]:
    """Location boxes among the boxes of ``data[start:end]``, entering :data:`_CONTAINERS`."""
    found = []
    offset = start
    while offset + 8 <= end:
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        header = 8
        if size == 1 and offset + 16 <= end:
            size, header = struct.unpack(">Q", data[offset + 8 : offset + 16])[0], 16
        elif size == 0:
            size = end - offset
        if size < header or offset + size > end:
            break  # damaged: stop here
        if kind == b"\xa9xyz":
            found.append((offset, size))
        elif kind == b"meta" and _LOCATION_KEY in data[offset : offset + size]:
            found.append((offset, size))
        elif kind in _CONTAINERS:
            found += _walk(data, offset + header, offset + size)
        offset += size
    return found
