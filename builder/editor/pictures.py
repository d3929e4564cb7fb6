"""``bantin check``'s pictures: what the build would leave out, GPS positions in the public
repository, share photos too small for a card; and ``--fix``'s removal of photo metadata.

The build publishes every picture re-encoded and refuses the ones it cannot (see
:func:`builder.mkdocs_plugin.pictures.refusal` and :func:`builder.outputs.images.process`);
``check`` says so beforehand, at the line of each entry naming the picture, so that no
picture vanishes from the site unannounced:

- a picture browsers cannot all show (HEIC from an iPhone, TIFF), a picture saved under a
  name that is not a picture's, one too large to decode (:data:`~builder.outputs.images.MAX_PIXELS`)
  or unreadable: an error;
- a photo whose EXIF or XMP holds a GPS position: a warning at the photo's file (the content's
  repository is public, whatever the site publishes; not an error, because refusing the
  deploy would not take back what the push already made public, and the site publishes every
  picture re-encoded without it); ``--fix`` removes the metadata of JPEG,
  PNG and WebP files without re-encoding them (:mod:`builder.outputs.photo_metadata`);
- a share photo (front matter ``image``/``cover``) smaller than
  :data:`~builder.mkdocs_plugin.sharing.MIN_PHOTO`: a warning ("Cảnh báo" notice); the build
  draws the card without it.

Only file headers are read (:func:`builder.outputs.images.inspect`); a picture damaged past its
header is found by the build, which warns and leaves it out.
"""

from __future__ import annotations

import io
import posixpath
import unicodedata
from pathlib import Path

from builder.atomic import write_atomic
from builder.content import tree
from builder.content.images import Mention, picture_mentions
from builder.content.library import Library
from builder.errors import ErrorList
from builder.outputs import images, photo_metadata

DATA = "_data/"
"""Data files of the content (the calendar), which the site does not publish."""
FIXABLE = ("JPEG", "MPO", "PNG", "WEBP")
"""Formats (by their bytes) whose metadata ``--fix`` removes without re-encoding."""


_WHY_GPS = "Ai cũng tải được tệp gốc và đọc được vị trí này (thường là nhà riêng của ai đó). "
GPS_FIX = (
    _WHY_GPS + "Chạy 'bantin check --fix' để xóa vị trí và thông tin máy ảnh khỏi tệp (ảnh giữ nguyên từng "
    "điểm ảnh, không giảm chất lượng)."
)
"""How to fix a photo with a GPS position whose format ``--fix`` handles (:data:`FIXABLE`)."""
GPS_RESAVE = _WHY_GPS + "Mở ảnh bằng phần mềm xem ảnh, lưu lại thành JPG rồi chạy 'bantin check --fix'."
"""How to fix one in another format (WebP, AVIF ...)."""


def check(content_dir: Path, shown, library: Library, errors: ErrorList, warn) -> None:
    """Report the pictures of ``content_dir`` (see the module docstring).

    Args:
        content_dir: the ``content/`` folder; shown: ``source`` → the path messages name
            (:meth:`builder.editor.project.Project.shown`); library: the content read.
        errors: where problems go; warn: ``warn(path, line, message)`` for a warning.
    """
    # The adapter's modules import MkDocs: imported here, in check's second phase (after the
    # content is read: builder.editor.check), not with this module.
    from builder.mkdocs_plugin import sharing

    mentions = picture_mentions(library)
    files = _files(content_dir)
    _unlisted_album_photos([source for source, _ in files], shown, library, warn)
    for source, path in files:
        reason, found = _verdict(path)
        if reason is not None:
            message, _, hint = reason.partition(" Cách sửa: ")
            for where in mentions.get(source, []) or [Mention(source, 1, "", source)]:
                errors.add(shown(where.source), where.line, f"Ảnh '{where.target}' sẽ không được đăng: {message}", hint)
            continue
        if found is None:
            continue
        if found.gps:  # a warning: the push made it public already, and the site publishes none
            warn(
                shown(source),
                1,
                "Ảnh có vị trí GPS nơi chụp, mà kho nội dung trên GitHub là công khai. "
                + (GPS_FIX if found.format in FIXABLE else GPS_RESAVE),
            )
        for where in mentions.get(source, []):
            if where.key and (found.width < sharing.MIN_PHOTO[0] or found.height < sharing.MIN_PHOTO[1]):
                entry = library.entries[where.source]
                warn(
                    shown(where.source),
                    where.line,
                    sharing.small_photo_message(getattr(entry, where.key), where.key, (found.width, found.height)),
                )


def fix(content_dir: Path) -> list[str]:
    """Remove the metadata of every JPEG, PNG and WebP of ``content_dir`` that holds a GPS position
    (symbolic links are left as they are), in place and without re-encoding (:func:`builder.outputs.photo_metadata.strip`; the EXIF
    orientation is kept). A file is only written when its pixels decode the same afterwards.

    Returns:
        The files rewritten, relative to ``content_dir`` (NFC).
    """
    fixed = []
    for source, path in _files(content_dir):
        if path.is_symlink():
            # Writing would replace the link with a copy of what it shows: a photo from outside
            # content/ would become a file of content/ (builder.content.tree refuses such links,
            # and a link inside content/ shows a file this loop fixes under its own name).
            continue
        try:
            found = images.inspect(path) if path.suffix.lower() in images.SUFFIXES else None
        except images.ImageProblem:
            continue
        if found is None or not found.gps or found.format not in FIXABLE:
            continue
        data = path.read_bytes()
        try:
            stripped = photo_metadata.strip(data, found.orientation)
        except photo_metadata.NotStrippable:
            continue  # damaged past its header: check keeps reporting it
        if images.same_pixels(io.BytesIO(data), io.BytesIO(stripped)):
            write_atomic(path, stripped, mode=None)  # keep the file's own mode
            fixed.append(source)
    return fixed


def _verdict(path: Path) -> tuple[str | None, images.Inspection | None]:
    """Why the build would leave the file out (or None), and its header when it is a picture."""
    from builder.mkdocs_plugin import pictures  # imports MkDocs (see check)

    reason = pictures.refusal(path)
    if reason is not None or path.suffix.lower() not in images.SUFFIXES:
        return reason, None
    try:
        return None, images.inspect(path)
    except images.ImageProblem as problem:
        return str(problem), None


def _unlisted_album_photos(sources: list[str], shown, library: Library, warn) -> None:
    """A warning, at the album's ``photos:`` line, for each picture of an album's folder that
    its ``photos:`` list (or ``image``) does not name: the editor put it there to be shown, but
    an album shows only the photos listed, each with the ``alt`` text only the editor can write."""
    for entry in library.entries.values():
        if entry.kind != "album":
            continue
        folder = posixpath.dirname(entry.source) + "/"
        named = {
            unicodedata.normalize("NFC", posixpath.normpath(folder + name))
            for name in [entry.image, *(photo.file for photo in entry.photos)]
            if name
        }
        for source in sources:
            if (
                source.startswith(folder)
                and "/" not in source[len(folder) :]
                and source not in named
                and posixpath.splitext(source)[1].lower() in images.SUFFIXES
            ):
                name = source[len(folder) :]
                warn(
                    shown(entry.source),
                    entry.key_lines.get("photos", 1),
                    f"Ảnh '{name}' nằm trong thư mục album nhưng không có trong danh sách photos, nên không hiện "
                    f'trên trang album. Thêm vào photos: - {{file: {name}, alt: "mô tả ảnh", caption: "chú thích"}}, '
                    "hoặc xóa tệp nếu không dùng.",
                )


def _files(content_dir: Path) -> list[tuple[str, Path]]:
    """Every file of ``content_dir`` but the Markdown and data files and the links leaving it
    (:mod:`builder.content.tree` reports those), as (NFC path relative to it, path), sorted."""
    found = []
    for path in sorted(content_dir.rglob("*")):
        source = unicodedata.normalize("NFC", path.relative_to(content_dir).as_posix())
        if (
            path.suffix.lower() != ".md"
            and not source.startswith(DATA)
            and path.is_file()
            and not (path.is_symlink() and not tree.inside(content_dir, path))
        ):  # reported, never read
            found.append((source, path))
    return found
