"""Pictures and files named in a Markdown body, with the line and column where each picture is
written; and the files only unpublished entries name (:func:`files_of_unpublished`).

MkDocs only warns about a picture that does not exist, and the web page then shows a broken
image; a printed bulletin must not go to the printer with a hole in it. Before a build,
:func:`missing_pictures` checks that every local picture of a bulletin issue exists, so the
editor gets the file and line of the mistake (``bantin check`` reports the same problem, in the
same words, for every page: builder/editor/links.py).

Recognised forms (Python-Markdown's): inline ``![alt](path "title")``, reference style
``![alt][ref]`` / ``![ref]`` with a ``[ref]: path`` definition, and raw ``<img src="path">``;
a path may hold spaces (``![alt](anh hoi nghi.jpg)``), as Python-Markdown allows. Code (fenced
blocks and inline code spans) is skipped.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from builder.content import tree
from builder.content.library import Library
from builder.content.model import Entry
from builder.errors import ErrorList

PRINTED_KINDS = ("issue", "issue_article")
"""Entries whose pictures go to the printer (a bulletin issue's editorial and articles)."""

# An inline target as Python-Markdown reads it: <...>, or words (spaces allowed: "anh hoi nghi.jpg")
# up to a quoted title or the closing parenthesis; a word may hold one level of parentheses.
_TARGET = r"(<[^>]*>|(?:[^()\s]|\([^()\s]*\))+(?:\s+(?![\"'(])(?:[^()\s]|\([^()\s]*\))+)*)"
_INLINE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*" + _TARGET)
_LINK = re.compile(r"(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*" + _TARGET)
_REFERENCE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\](?:\[([^\]]*)\])?(?!\()")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*(<[^>]*>|\S+)", re.MULTILINE)
_HTML_HREF = re.compile(r"<a\b[^>]*?\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)
_HTML_IMG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)
_HTML_MEDIA = re.compile(
    r"<(?:video|audio|source|track)\b[^>]*?\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE
)
_HTML_POSTER = re.compile(r"<video\b[^>]*?\bposter\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)
_HTML_FILES = (_HTML_IMG, _HTML_HREF, _HTML_MEDIA, _HTML_POSTER)
"""Every raw HTML attribute that names a file: a picture, a link, a video, sound, caption
track or video poster (group 1, 2 or 3: the address, double-, single- or un-quoted)."""
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True)
class ImageReference:
    """A picture named in a body.

    Attributes:
        line, col: 1-based position of the path in the body (add the body's first line).
        target: the path or URL as written (without ``<>``).
    """

    line: int
    col: int
    target: str


def image_references(body: str) -> list[ImageReference]:
    """Every picture named in ``body`` (Markdown, LF line ends), in reading order."""
    definitions = {m.group(1).strip().casefold(): m.group(2).strip("<>") for m in _DEFINITION.finditer(body)}
    found = []
    for number, line in enumerate(_outside_fences(body), start=1):
        if line is None:
            continue
        line = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        for match in _INLINE.finditer(line):
            found.append(ImageReference(number, match.start(1) + 1, match.group(1).strip("<>")))
        for match in _REFERENCE.finditer(line):
            target = definitions.get((match.group(2) or match.group(1)).strip().casefold())
            if target is not None:
                found.append(ImageReference(number, match.start() + 1, target))
        for match in _HTML_IMG.finditer(line):
            group = next(g for g in (1, 2, 3) if match.group(g) is not None)
            found.append(ImageReference(number, match.start(group) + 1, match.group(group)))
    return sorted(found, key=lambda ref: (ref.line, ref.col))


def local_path(target: str) -> str | None:
    """The file a picture target names, relative to the page's own file ("anh/a.jpg"), or
    None for a URL with a scheme (``https:``, ``data:``), a host, or an empty path.

    A leading "/" means the root of ``content/`` and is kept so the caller can tell.
    """
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return unquote(parts.path)


def content_path(source: str, target: str) -> str | None:
    """The file ``target`` names from the page ``source`` (both relative to ``content/``;
    "/..." from its root), normalised ("tin-tuc/anh.jpg"), or None for a URL (:func:`local_path`)."""
    path = local_path(target)
    if path is None:
        return None
    return posixpath.normpath(
        path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(source), path)
    )


class NotAContentFile(ValueError):
    """A front matter value that cannot name a file of ``content/``.

    Attributes:
        message: what is wrong, in Vietnamese ("'https://…' là địa chỉ trên mạng ...");
        hint: how to fix it.
    """

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
_KEEP_HERE = "Chép tệp vào cùng thư mục với bài và chỉ ghi tên tệp, ví dụ: image: anh-hoi-nghi.jpg"


def front_matter_path(source: str, name: str) -> str:
    """The file of ``content/`` a front matter field (``image``, ``cover``, an item of
    ``attachments``) of the entry ``source`` names: ``name`` is relative to the entry's own
    folder, as editors write it ("anh.jpg", "anh/a.jpg", "../chung/logo.png").

    Every output that opens or links such a file (the card, the feeds, the page, the print
    edition) goes through this function, and ``read_tree`` refuses what it refuses, so no
    front matter value ever makes the build read a file outside ``content/``.

    Args:
        source: the entry's path relative to ``content/`` ("tin-tuc/a.md").
        name: the value as written (not URL-decoded: it is a file name, not an address).

    Returns:
        The normalised path relative to ``content/`` ("tin-tuc/anh.jpg").

    Raises:
        NotAContentFile: ``name`` is an address (``https://``, ``//host/``), an absolute path
        (``/home/...``, ``C:\\...``), or leads out of ``content/`` with ``..``.
    """
    parts = urlsplit(name)
    if _DRIVE.match(name) or name.startswith(("/", "\\")):
        raise NotAContentFile(
            f"'{name}' là đường dẫn tuyệt đối trên máy, không phải tệp trong thư mục content/.", _KEEP_HERE
        )
    if parts.scheme or parts.netloc:
        raise NotAContentFile(
            f"'{name}' là địa chỉ trên mạng, không phải tệp trong thư mục content/.",
            "Tải tệp về máy, " + _KEEP_HERE[0].lower() + _KEEP_HERE[1:],
        )
    path = posixpath.normpath(posixpath.join(posixpath.dirname(source), name.replace("\\", "/")))
    if path == ".." or path.startswith("../") or path == ".":
        raise NotAContentFile(
            f"'{name}' dẫn ra ngoài thư mục content/ (dùng '..' quá số thư mục), nơi trang web không được lấy tệp.",
            _KEEP_HERE,
        )
    return path


def on_disk(content_dir: Path, path: str) -> Path | None:
    """The file of ``content_dir`` that ``path`` (a composed, NFC path as
    :func:`front_matter_path` gives it) names, or None when there is none.

    Names are compared composed, as the build compares them
    (:mod:`builder.mkdocs_plugin.docs_files`): macOS saves "ảnh hội nghị.jpg" decomposed (NFD),
    and on Linux the disk finds only the bytes written, so a name is looked up as it is first,
    then by comparing the composed names of its folder's entries, folder by folder."""
    direct = content_dir / path
    if direct.is_file():
        return direct
    found = content_dir
    for part in path.split("/"):
        try:
            names = [n for n in os.listdir(found) if unicodedata.normalize("NFC", n) == part]
        except OSError:
            return None
        if not names:
            return None
        found = found / names[0]
    return found if found.is_file() else None


def missing_pictures(library: Library, content_dir: Path, shown_root: str) -> ErrorList:
    """A problem for every local picture of a bulletin issue's pages that does not exist.

    Args:
        library: the content; content_dir: the ``content/`` folder;
        shown_root: the prefix of paths in messages ("content").

    Returns:
        The problems, at the line and column of each picture's path in its file. A picture
        outside ``content/`` (``../../../anh.jpg``, or through a link leading out) is missing:
        the site never publishes it (:mod:`builder.content.tree`).
    """
    errors = ErrorList()
    for entry in library.entries.values():
        if entry.kind not in PRINTED_KINDS:
            continue
        for ref in image_references(entry.body):
            path = content_path(entry.source, ref.target)
            if path is None:
                continue  # a URL: the print edition leaves it out and the build reports it
            if not (content_dir / path).is_file() or not tree.inside(content_dir, content_dir / path):
                shown = f"{shown_root}/{entry.source}" if shown_root else entry.source
                errors.add(
                    shown,
                    entry.body_line + ref.line - 1,
                    f"Không tìm thấy ảnh '{ref.target}'.",
                    "Đặt tệp ảnh vào cùng thư mục với bài và viết đúng tên tệp (kể cả chữ hoa, chữ thường "
                    "và đuôi .jpg, .png).",
                    ref.col,
                )
    return errors


def linked_files(body: str) -> list[str]:
    """The targets of ``body``'s links, as written: inline (``[text](path)``), reference
    definitions (``[ref]: path``), raw ``<a href>`` and the files of raw media tags
    (``<video src|poster>``, ``<audio src>``, ``<source src>``, ``<track src>``); code is
    skipped. Pictures are :func:`image_references`."""
    found = [m.group(2).strip("<>") for m in _DEFINITION.finditer(body)]
    for line in filter(None, _outside_fences(body)):
        line = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        found += [m.group(1).strip("<>") for m in _LINK.finditer(line)]
        for pattern in (_HTML_HREF, _HTML_MEDIA, _HTML_POSTER):
            found += [next(g for g in m.groups() if g is not None) for m in pattern.finditer(line)]
    return found


def rewrite_raw_html(body: str, resolve: Callable[[str], str | None]) -> str:
    """``body`` with the address of every raw ``<img src>``, ``<a href>``, ``<video src>``,
    ``<video poster>``, ``<audio src>``, ``<source src>`` and ``<track src>`` (outside code)
    replaced by ``resolve(address)``, or kept where that gives None.

    MkDocs turns the file names of Markdown links and pictures into the site's URLs
    (``anh.jpg`` on ``tin-tuc/bai.md`` → ``../anh.jpg`` from ``tin-tuc/bai/``) but leaves raw
    HTML as written, so ``<img src="anh.jpg">`` would show broken; ``bantin check`` reads both
    forms the same way (builder/editor/links.py), so the build must too.

    Args:
        body: Markdown, LF line ends; a tag is recognised when its address is on the line
            the tag opens on.
        resolve: the address as written (HTML entities decoded) → the address to write instead.
    """
    if "<" not in body:
        return body
    lines = body.split("\n")
    for number, line in enumerate(_outside_fences(body)):
        if line is None or "<" not in line:
            continue
        masked = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        edits = []
        for match in [found for pattern in _HTML_FILES for found in pattern.finditer(masked)]:
            group = next(g for g in (1, 2, 3) if match.group(g) is not None)
            new = resolve(html.unescape(line[match.start(group) : match.end(group)]))
            if new is not None:
                edits.append((match.start(group), match.end(group), html.escape(new, quote=True)))
        for start, end, new in sorted(edits, reverse=True):
            line = line[:start] + new + line[end:]
        lines[number] = line
    return "\n".join(lines)


def files_of_unpublished(library: Library) -> set[str]:
    """Files that only unpublished entries name (drafts, entries dated in the future, articles
    of an unpublished issue), as NFC paths relative to ``content/`` ("tin-tuc/anh.jpg").

    A build leaves them out of ``site/`` until an entry naming them is published: a photo of
    an event not yet announced, or the signed scan of a document not yet issued, must not be
    readable at a URL anyone can guess. An entry names a file by its front matter (``image``,
    ``cover``, ``attachments``), a picture (:func:`image_references`) or a link
    (:func:`linked_files`) of its body. A file a published entry names (:func:`_mentions`)
    is kept, as is every file no entry names: only what is certainly a draft's is held back.
    """
    held: set[str] = set()
    for entry in library.entries.values():
        if not library.is_published(entry):
            held |= _files_of(entry)
    if not held:
        return held
    published = [entry for entry in library.entries.values() if library.is_published(entry)]
    return {path for path in held if not any(_mentions(entry, path) for entry in published)}


@dataclass(frozen=True)
class Mention:
    """Where an entry names a picture: its ``source`` (relative to ``content/``), the ``line``
    of the file, ``key``: the front matter key ("image", "cover") or "" for the body, and the
    ``target`` as written there ("anh.jpg")."""

    source: str
    line: int
    key: str = ""
    target: str = ""


def picture_mentions(library: Library) -> dict[str, list[Mention]]:
    """Every local picture the entries name, as NFC paths relative to ``content/``
    ("tin-tuc/anh.jpg"), with where each entry names it: the front matter's ``image`` and
    ``cover`` lines and the body's pictures (:func:`image_references`), in file order.

    A message about a picture that cannot be published is given at these lines: that is
    where the editor sees the picture go missing, and where a fix (another file) is written.
    """
    found: dict[str, list[Mention]] = {}
    for source, entry in sorted(library.entries.items()):
        named = [(key, getattr(entry, key, ""), entry.key_lines.get(key, 1)) for key in ("image", "cover")]
        photo_lines = entry.item_lines.get("photos", ())
        named += [
            ("photos", photo.file, photo_lines[i] if i < len(photo_lines) else entry.key_lines.get("photos", 1))
            for i, photo in enumerate(getattr(entry, "photos", ()))
        ]
        if getattr(entry, "photos", ()) and entry.image == entry.photos[0].file:
            named = named[1:]  # an album's card is its first photo, named once under photos
        named += [("", ref.target, entry.body_line + ref.line - 1) for ref in image_references(entry.body)]
        for key, target, line in named:
            path = content_path(source, target) if target else None
            if path is not None:
                found.setdefault(unicodedata.normalize("NFC", path), []).append(Mention(source, line, key, target))
    return found


def _front_matter_files(entry: Entry) -> list[str]:
    """The files ``entry``'s front matter names, as written: ``image``, ``cover``, ``attachments``,
    the files of ``video`` and an album's ``photos``."""
    video = [name for _, name in entry.video.files()] if entry.video is not None else []
    return [
        entry.image,
        getattr(entry, "cover", ""),
        *getattr(entry, "attachments", ()),
        *video,
        *(photo.file for photo in getattr(entry, "photos", ())),
    ]


def _files_of(entry: Entry) -> set[str]:
    """The local files ``entry`` names, relative to ``content/`` (NFC)."""
    targets = [*(ref.target for ref in image_references(entry.body)), *linked_files(entry.body)]
    paths = [content_path(entry.source, target) for target in targets if target]
    for name in filter(None, _front_matter_files(entry)):
        try:
            paths.append(front_matter_path(entry.source, name))
        except NotAContentFile:
            continue  # reported by read_tree; names no file of the site
    return {unicodedata.normalize("NFC", path) for path in paths if path is not None}


def _mentions(entry: Entry, path: str) -> bool:
    """True when the body or front matter files of ``entry`` name the file ``path``
    (relative to ``content/``) in any way a link or picture could: relative to the entry's
    file or from the root of ``content/`` ("/tin-tuc/anh.jpg"), as written or URL-encoded.
    Another folder's file of the same name ("anh-1.jpg" of each bulletin issue) does not count."""
    texts = (entry.body, *_front_matter_files(entry))
    name = posixpath.basename(path)
    if not any(form in text for text in texts for form in {name, quote(name)}):
        return False  # the cheap test first: most entries of a big site name no such file
    relative = posixpath.relpath(path, posixpath.dirname(entry.source) or ".")
    forms = {relative, quote(relative), "/" + path, quote("/" + path)}
    return any(form in text for text in texts for form in forms)


def _outside_fences(body: str) -> list[str | None]:
    """The body's lines, with None for lines inside or delimiting fenced code."""
    lines, fence = [], None
    for line in body.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            lines.append(None)
        elif fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                fence = None
            lines.append(None)
        else:
            lines.append(line)
    return lines
