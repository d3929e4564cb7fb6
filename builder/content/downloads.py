"""Files a reader downloads: a document's attachments and the file library (thư viện tài liệu).

The file library (``content/tai-lieu/<name>.md``, content type ``download``) holds files that
are not official documents: forms, templates, annexes. Each ``.md`` names its file in ``file:``
(relative to the ``.md``, like ``image``); the file is published at its own path in
``content/`` (``tai-lieu/mau-dang-ky-hoi-vien.docx``), so its address never depends on the
title: an editor may retitle the entry and every link already shared keeps working. The
entry's page takes its address from the ``.md`` file's name (or ``slug:``), not from the
title, for the same reason.

This module says which files the library takes (:data:`ALLOWED_SUFFIXES`), from which size a
file is too big for the repository (:data:`LARGE_FILE`), and how a file is described to a
reader ("PDF, 245 KB": :func:`describe`), for attachments and library files alike.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from builder.content.images import NotAContentFile, front_matter_path, on_disk

ALLOWED_SUFFIXES = {
    ".pdf": "PDF",
    ".docx": "Word",
    ".doc": "Word",
    ".xlsx": "Excel",
    ".xls": "Excel",
    ".odt": "OpenDocument",
    ".ods": "OpenDocument",
}
"""Suffix (lower case) of the files the library takes → the name readers know the type by.
Forms and templates are Word or Excel files, annexes PDFs; the OpenDocument pair is what
LibreOffice saves. Nothing a browser would run (``.html``, ``.svg``) and no archive (``.zip``),
whose content nobody could check."""

OTHER_TYPES = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".webp": "WebP",
    ".pptx": "PowerPoint",
    ".ppt": "PowerPoint",
    ".txt": "Văn bản",
    ".mp4": "Video MP4",
}
"""Type names of further files a document may attach (a scan, slides) beyond the library's own."""

LARGE_FILE = 50 * 1000 * 1000
"""Bytes above which ``bantin check`` warns of a file: GitHub warns of files over 50 MB and
refuses them over 100 MB (docs.github.com, "About large files on GitHub")."""


@dataclass(frozen=True)
class FileLink:
    """A downloadable file as a page shows it.

    Attributes:
        path: the file's path in the site (= in ``content/``), '/'-separated ("van-ban/phu-luc.xlsx").
        name: the file's name ("phu-luc.xlsx").
        title: the words of the file name ("phu-luc_2.xlsx" → "phu luc 2": no diacritics are
            guessed), which the search index holds so that the file is found by them.
        label: type and size for readers ("Excel, 38 KB"); the type alone when the file is missing.
    """

    path: str
    name: str
    title: str
    label: str


def type_label(name: str) -> str:
    """The type of file ``name`` as readers know it: "PDF", "Word", "Excel" ...; the suffix in
    capitals for another file ("ZIP"), "Tệp" without one."""
    suffix = posixpath.splitext(name)[1].lower()
    return ALLOWED_SUFFIXES.get(suffix) or OTHER_TYPES.get(suffix) or (suffix[1:].upper() or "Tệp")


def size_label(size: int) -> str:
    """A size in bytes for readers, in Vietnamese number format (decimal comma; 1 KB = 1,000
    bytes as file managers show it): 245,310 → "245 KB", 1,432,000 → "1,4 MB", 0 → "1 KB"."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def describe(name: str, size: int | None) -> str:
    """ "PDF, 245 KB": the type of ``name`` and ``size`` (bytes; None when unknown: the type alone)."""
    kind = type_label(name)
    return kind if size is None else f"{kind}, {size_label(size)}"


def title_from_name(name: str) -> str:
    """A file's name without folder and suffix, '-' and '_' as spaces: "phu-luc_2.xlsx" → "phu luc 2"."""
    stem = posixpath.splitext(posixpath.basename(name))[0]
    return " ".join(stem.replace("-", " ").replace("_", " ").split())


def file_link(content_dir: Path | None, path: str) -> FileLink:
    """The :class:`FileLink` of ``path`` (relative to ``content_dir``, as
    :func:`builder.content.images.front_matter_path` gives it); its size is read from the disk
    when ``content_dir`` is given and the file is there."""
    size = None
    found = on_disk(content_dir, path) if content_dir is not None else None
    if found is not None:
        try:
            size = found.stat().st_size
        except OSError:
            size = None  # checked by the reader (a missing file stops the build): the label shows the type only
    name = posixpath.basename(path)
    return FileLink(path=path, name=name, title=title_from_name(name), label=describe(name, size))


def warn_large_files(library, content_dir: Path, shown, warnings) -> None:
    """Warn of every downloadable file of ``library`` (a library entry's ``file``, a document's
    ``attachments``) bigger than :data:`LARGE_FILE`, at the line that names it.

    Args:
        content_dir: the ``content/`` folder; shown: ``source`` → the path messages name.
        warnings: an :class:`~builder.errors.ErrorList` of warnings (``bantin check`` prints
            them and publishes all the same). A missing or unreadable file is the reader's
            error, not repeated here.
    """
    for entry in library.entries.values():
        named = [(getattr(entry, "file", ""), entry.key_lines.get("file", 1))]
        lines = entry.item_lines.get("attachments", ())
        named += [
            (name, lines[i] if i < len(lines) else entry.key_lines.get("attachments", 1))
            for i, name in enumerate(getattr(entry, "attachments", ()))
        ]
        for name, line in named:
            if not name:
                continue
            try:
                found = on_disk(content_dir, front_matter_path(entry.source, name))
                size = found.stat().st_size if found is not None else 0
            except (NotAContentFile, OSError):
                continue
            if size > LARGE_FILE:
                warnings.add(
                    shown(entry.source),
                    line,
                    f"Tệp '{name}' nặng {size_label(size)}, quá 50 MB: GitHub cảnh báo tệp trên 50 MB và từ "
                    "chối nhận tệp trên 100 MB, và người đọc phải tải rất lâu.",
                    "Giảm dung lượng tệp (lưu PDF ở chất lượng 'nhỏ gọn', bỏ ảnh thừa trong tệp Word) "
                    "hoặc tách thành nhiều tệp nhỏ hơn 50 MB.",
                )
