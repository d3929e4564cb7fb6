"""Metadata removed from a photo's file without touching its pixels (``bantin check --fix``).

The repository of the content is public: a phone photo committed to ``content/`` publishes,
to anyone who downloads it from GitHub, the GPS position where it was taken (often someone's
home), the phone's owner and serial number. The built site never carries them (every picture
is re-encoded, builder/outputs/images.py), but the source file does, so ``bantin check``
reports such photos and ``--fix`` rewrites them with this module.

Why by hand: Pillow cannot save a JPEG without decoding and re-encoding it (a generation of
quality lost each time an editor runs ``--fix``); piexif, which edits EXIF in place, is
unmaintained since 2019; exiftool is a Perl program, not on PyPI. A JPEG file is a list of
segments (ITU-T T.81, annex B: a marker ``FF xx`` and, for most, a two-byte length), and the
metadata lives in segments of its own, apart from the compressed pixels, so dropping those
segments is a few lines that cannot change a pixel. PNG is the same with chunks (PNG
specification, section 5.3), each with its own CRC, so chunks that stay keep their bytes.

What goes, in a JPEG: APP1 (EXIF with its GPS IFD and thumbnail, XMP), APP13 (Photoshop/IPTC:
captions, places), COM (comments), APP2 "MPF" and everything after the first picture's end
(the second pictures of an MPO file: depth or HDR maps, which carry their own EXIF; Samsung's
trailer). What stays: the pixels' segments (tables, frame, scans), APP0 (JFIF), APP14
(Adobe, colour transform) and APP2 ICC profiles (colours). The EXIF orientation, which makes
a phone photo upright, is written back as a minimal EXIF holding that one tag.

In a PNG: eXIf, tEXt, zTXt, iTXt (XMP is an iTXt) and tIME chunks go; every other chunk stays.
In a WebP (a RIFF file, Google's "WebP Container Specification"): the EXIF and XMP chunks go,
and the VP8X header's flags saying they are there are cleared.
"""

from __future__ import annotations

import struct

JPEG_SIGNATURE = b"\xff\xd8"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

_APP1, _APP2, _APP13, _COM, _SOS, _EOI = 0xE1, 0xE2, 0xED, 0xFE, 0xDA, 0xD9
_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and RST0–RST7 have no length
_PNG_DROPPED = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}


class NotStrippable(ValueError):
    """The bytes are not a JPEG, PNG or WebP file this module can read (truncated, another format)."""


def strip(data: bytes, orientation: int = 1) -> bytes:
    """``data`` (a JPEG, PNG or WebP file) without its metadata, pixels unchanged.

    Args:
        data: the whole file.
        orientation: the EXIF orientation (1–8) to keep in a JPEG (read by the caller from
            the original EXIF); 1, upright, needs none.

    Raises:
        NotStrippable: ``data`` is not a well-formed JPEG, PNG or WebP file.
    """
    if data.startswith(PNG_SIGNATURE):
        return _strip_png(data)
    if data.startswith(JPEG_SIGNATURE):
        return _strip_jpeg(data, orientation)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _strip_webp(data)
    raise NotStrippable("not a JPEG, PNG or WebP file")


def _strip_jpeg(data: bytes, orientation: int) -> bytes:
    out, pos = [JPEG_SIGNATURE], 2
    while True:
        marker, pos = _marker(data, pos)
        if marker == _SOS:
            if orientation != 1:  # after SOI, or after APP0 where JFIF wants it first
                out.insert(2 if len(out) > 1 and out[1][1] == 0xE0 else 1, _orientation_exif(orientation))
            end = _end_of_picture(data, pos - 2)
            out.append(data[pos - 2 : end])
            return b"".join(out)
        if marker in _STANDALONE:
            out.append(data[pos - 2 : pos])
            continue
        if marker == _EOI:
            raise NotStrippable("end of picture before any scan")
        segment, pos = _segment(data, pos)
        payload = segment[4:]
        dropped = marker in (_APP1, _APP13, _COM) or (marker == _APP2 and payload.startswith(b"MPF\x00"))
        if not dropped:
            out.append(segment)


def _marker(data: bytes, pos: int) -> tuple[int, int]:
    """The marker at ``pos`` (fill bytes 0xFF skipped) and the position after it."""
    if pos >= len(data) or data[pos] != 0xFF:
        raise NotStrippable(f"no marker at byte {pos}")
    while pos + 1 < len(data) and data[pos + 1] == 0xFF:
        pos += 1
    if pos + 1 >= len(data):
        raise NotStrippable("truncated")
    return data[pos + 1], pos + 2


def _segment(data: bytes, pos: int) -> tuple[bytes, int]:
    """The segment whose marker ends at ``pos`` (marker and length included), and the position after it."""
    if pos + 2 > len(data):
        raise NotStrippable("truncated")
    length = int.from_bytes(data[pos : pos + 2], "big")
    end = pos + length
    if length < 2 or end > len(data):
        raise NotStrippable("truncated segment")
    return data[pos - 2 : end], end


def _end_of_picture(data: bytes, pos: int) -> int:
    """The position after the EOI that ends the picture whose first SOS marker is at ``pos``:
    compressed data (where 0xFF is followed by 0x00 or a restart marker) and, in a
    progressive JPEG, the tables and scans between its scans are walked over."""
    pos += 2
    while True:
        _, pos = _segment(data, pos)  # the segment at the marker just read (SOS header, DHT ...)
        while True:  # compressed data up to the next real marker
            pos = data.find(b"\xff", pos)
            if pos < 0 or pos + 1 >= len(data):
                raise NotStrippable("no end of picture")
            following = data[pos + 1]
            if following == 0x00 or following in _STANDALONE or following == 0xFF:
                pos += 1 if following == 0xFF else 2
                continue
            break
        marker, pos = _marker(data, pos)
        if marker == _EOI:
            return pos


def _orientation_exif(orientation: int) -> bytes:
    """An APP1 segment with an EXIF of one tag, Orientation (0x0112, SHORT): TIFF header
    (big-endian, IFD at offset 8), one entry, no next IFD."""
    tiff = (
        b"MM\x00\x2a"
        + struct.pack(">I", 8)
        + struct.pack(">H", 1)
        + struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0)
        + struct.pack(">I", 0)
    )
    payload = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def png_metadata(data: bytes) -> tuple[bytes, bytes]:
    """The EXIF (eXIf chunk) and the text (tEXt, iTXt: XMP) of the PNG file ``data``,
    wherever they are: Pillow reads those after the pixels only when it decodes them.

    Raises:
        NotStrippable: ``data`` is not a well-formed PNG.
    """
    exif, text = b"", []
    for kind, start, end in _png_chunks(data):
        if kind == b"eXIf":
            exif = data[start + 8 : end - 4]
        elif kind in (b"tEXt", b"iTXt"):
            text.append(data[start + 8 : end - 4])
    return exif, b"\n".join(text)


def _strip_png(data: bytes) -> bytes:
    return PNG_SIGNATURE + b"".join(
        data[start:end] for kind, start, end in _png_chunks(data) if kind not in _PNG_DROPPED
    )


def _png_chunks(data: bytes) -> list[tuple[bytes, int, int]]:
    """``(type, start, end)`` of each chunk of a PNG, up to IEND (length, type, data, CRC)."""
    if not data.startswith(PNG_SIGNATURE):
        raise NotStrippable("not a PNG file")
    chunks, pos = [], len(PNG_SIGNATURE)
    while pos + 8 <= len(data):
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + int.from_bytes(data[pos : pos + 4], "big")
        if end > len(data):
            break
        chunks.append((kind, pos, end))
        pos = end
        if kind == b"IEND":
            return chunks
    raise NotStrippable("truncated PNG")


def _strip_webp(data: bytes) -> bytes:
    chunks, pos = [], 12
    while pos + 8 <= len(data):
        kind, size = data[pos : pos + 4], int.from_bytes(data[pos + 4 : pos + 8], "little")
        end = pos + 8 + size + (size & 1)  # chunks are padded to an even size
        if end > len(data) + (size & 1):
            raise NotStrippable("truncated WebP chunk")
        chunk = data[pos:end]
        if kind == b"VP8X" and size >= 1:
            chunk = chunk[:8] + bytes([chunk[8] & ~0x0C & 0xFF]) + chunk[9:]  # no EXIF (0x08), no XMP (0x04)
        if kind not in (b"EXIF", b"XMP "):
            chunks.append(chunk)
        pos = end
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + len(body).to_bytes(4, "little") + body
