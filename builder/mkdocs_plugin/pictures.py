"""Pictures of ``content/`` in the built site: processed files instead of the originals, and
every ``<img>`` that shows one given ``srcset``, ``sizes``, ``width``, ``height`` and lazy loading.

:func:`publish` swaps each picture's MkDocs file for the processed fallback (same URL) and adds
the WebP copies (``anh.jpg`` → ``anh-480w.webp``, ``anh-960w.webp`` ...), made by
:mod:`builder.outputs.images`. :func:`rewrite` then edits the ``<img>`` tags of a page: an HTML
parser finds each tag and its exact position, only that tag's text is replaced, and the rest
of the page stays byte for byte as MkDocs wrote it.

- ``width``/``height`` let the browser reserve the space before the picture arrives (no
  layout shift); an author's own ``width`` is kept and ``height`` follows the aspect ratio.
- ``loading="lazy"`` on every picture but the first of the page, which is usually in view
  when the page opens (lazy-loading it would delay the largest paint).
- ``sizes`` says the article column is at most 800 CSS px wide (bantin.css, Material's grid).
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from collections.abc import Collection
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from mkdocs.structure.files import File, Files

from builder.atomic import link_or_copy
from builder.content.images import Mention
from builder.content.reader import shown_path
from builder.outputs import images

log = logging.getLogger("mkdocs.plugins.bantin")

UNPUBLISHABLE = (".heic", ".heif", ".tif", ".tiff")
"""Phone and scanner formats browsers cannot all show, which carry EXIF: never published."""

_SUFFIX_OF = {
    "JPEG": ".jpg",
    "MPO": ".jpg",
    "PNG": ".png",
    "WEBP": ".webp",
    "GIF": ".gif",
    "AVIF": ".avif",
    "BMP": ".bmp",
    "ICO": ".ico",
}
_EXPORT_JPEG = (
    "Cách sửa: lưu lại ảnh thành JPG rồi đặt tên tệp có đuôi .jpg (trên iPhone: Cài đặt → Camera → Định "
    "dạng → Tương thích nhất, để máy chụp ảnh JPG; với ảnh đã chụp, gửi ảnh qua Zalo hoặc thư điện tử "
    "thì ảnh nhận được là JPG; trên máy tính, mở ảnh bằng Photos (Windows) hoặc Preview (macOS) rồi "
    "chọn Lưu thành/Export → JPEG) và sửa tên ảnh trong bài."
)

SIZES = "(min-width: 60em) 800px, 100vw"
"""The ``sizes`` attribute: the picture spans the column, at most 800 CSS px."""


@dataclass(frozen=True)
class Published:
    """A picture as the site serves it (paths relative to the site root, not URL-encoded).

    Attributes:
        path: the fallback, at the source's own path ("tin-tuc/anh.jpg").
        width, height: its pixel size.
        variants: ``(path, width)`` of each WebP copy, narrowest first.
    """

    path: str
    width: int
    height: int
    variants: tuple[tuple[str, int], ...] = ()


def variant_path(src_uri: str, width: int) -> str:
    """Where the WebP copy of ``src_uri`` at ``width`` px is published: "tin-tuc/anh-480w.webp"."""
    stem, _ = posixpath.splitext(src_uri)
    return f"{stem}-{width}w.webp"


def refusal(path: Path) -> str | None:
    """Why the file at ``path`` is a picture the site cannot publish as it is, from its name
    and (for a name that is not a picture's) its first bytes; None for a picture the build
    processes (whose bytes :func:`builder.outputs.images.process` then judges) and for a file
    that is no picture at all (a PDF, a Word file). The reason is Vietnamese and says how to fix.

    Every picture published has passed through Pillow: a picture in a format browsers cannot
    all show (HEIC, TIFF), or saved under a name that is not a picture's (JPEG bytes named
    ``anh.jpg.txt``), could carry its GPS position and is refused.
    """
    suffix = path.suffix.lower()
    if suffix in images.SUFFIXES:
        return None
    if suffix in UNPUBLISHABLE:
        return (
            f"ảnh dạng {suffix} không hiển thị được trên mọi trình duyệt và có thể chứa vị trí GPS nơi chụp. "
            + _EXPORT_JPEG
        )
    found = images.identify(path)
    if found is None:
        return None
    return (
        f"tệp là ảnh {found} nhưng tên có đuôi '{suffix or '(không có)'}', không phải đuôi của ảnh; ảnh có thể "
        f"chứa vị trí GPS nơi chụp. Cách sửa: đổi tên tệp cho có đuôi {_SUFFIX_OF.get(found, '.jpg')} "
        "và sửa tên ảnh trong bài."
    )


def publish(
    files: Files,
    config,
    cache_dir: Path,
    held: set[str] = frozenset(),
    mentions: dict[str, list[Mention]] | None = None,
) -> tuple[dict[str, Published], dict[str, str]]:
    """Process every picture of the docs folder and put the results in ``files``.

    Args:
        files: MkDocs' files (changed in place); config: the MkDocs configuration.
        cache_dir: the build cache root.
        held: NFC paths of files left out of the site, unprocessed (the files only
            unpublished entries name: :func:`builder.content.images.files_of_unpublished`).
        mentions: where entries name each picture
            (:func:`builder.content.images.picture_mentions`), for the warnings' lines.

    Returns:
        ``src_uri`` → :class:`Published`, for :func:`rewrite`; and ``src_uri`` → reason of
        each picture left out (for :func:`builder.mkdocs_plugin.link_warnings.refuse`).

    A picture that cannot be read, is too large, or is not one browsers show (HEIC, TIFF, a
    picture under another suffix: :func:`refusal`) is left out of the site, the rest is
    published: publishing its bytes unprocessed could publish its GPS position. The warning
    is given at each front matter line naming it (the body's pictures get MkDocs' own "not
    found" warning, told with this reason by :mod:`~builder.mkdocs_plugin.link_warnings`), or
    at the picture's file when no entry names it.
    """
    docs = Path(config.docs_dir).resolve()
    content = [f for f in files.media_files() if f.abs_src_path and docs in Path(f.abs_src_path).resolve().parents]
    for file in [f for f in content if f.src_uri in held]:  # names composed (docs_files.prepare)
        files.remove(file)
        content.remove(file)
    refused: dict[str, str] = {}
    for file in content:
        reason = refusal(Path(file.abs_src_path))
        if reason is not None:
            files.remove(file)
            refused[file.src_uri] = reason
    sources = [f for f in content if Path(f.src_uri).suffix.lower() in images.SUFFIXES]
    results = images.process_all([Path(f.abs_src_path) for f in sources], cache_dir)
    published: dict[str, Published] = {}
    for file in sources:
        result = results[Path(file.abs_src_path)]
        files.remove(file)
        if isinstance(result, images.ImageProblem):
            refused[file.src_uri] = str(result)
            continue
        files.append(CachedPicture.generated(config, file.src_uri, abs_src_path=str(result.fallback)))
        variants = []
        for variant in result.variants:
            path = variant_path(file.src_uri, variant.width)
            if files.get_file_from_path(path) is None:
                files.append(CachedPicture.generated(config, path, abs_src_path=str(variant.path)))
            variants.append((path, variant.width))
        published[file.src_uri] = Published(file.src_uri, result.width, result.height, tuple(variants))
    _warn_refused(refused, mentions or {}, config.docs_dir)
    return published, refused


def _warn_refused(refused: dict[str, str], mentions: dict[str, list[Mention]], docs_dir: str) -> None:
    shown = shown_path(docs_dir)
    for uri, reason in sorted(refused.items()):
        named = mentions.get(uri, [])
        for mention in [m for m in named if m.key]:
            log.warning(
                "%s/%s:%d: cảnh báo: ảnh '%s' (%s) không được đăng: %s",
                shown,
                mention.source,
                mention.line,
                mention.target,
                mention.key,
                reason,
            )
        if not named:
            log.warning("%s/%s: cảnh báo: ảnh này không được đăng: %s", shown, uri, reason)


class CachedPicture(File):
    """A processed picture (a file of the image cache) in the site: hard-linked, not copied
    (5,500 pictures of a 10,000-article site: 2.8 s of copying). The image cache only ever
    replaces its files (:func:`builder.atomic.write_atomic`, a new inode), never writes into
    one, so the site's link keeps its bytes whatever later builds do to the cache."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():  # as MkDocs' File.copy_file
            return
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        link_or_copy(Path(self.abs_src_path), Path(self.abs_dest_path))


def rewrite(
    html: str,
    page_url: str,
    published: dict[str, Published],
    feed: bool = False,
    refused: Collection[str] = (),
    source: str = "",
) -> str:
    """Give each ``<img>`` of ``html`` that shows a published picture its size and sources,
    and remove each ``<img>`` of a picture left out of the site (``refused``): a broken
    picture on the page, in feed readers and in the printed PDF says nothing the build's
    warning to the editor does not say better.

    Args:
        html: a page (or a page's content) as MkDocs rendered it.
        page_url: the page's URL relative to the site root ("tin-tuc/bai/"); ``src`` values
            are relative to it.
        published: from :func:`publish`.
        feed: only add ``width``/``height`` (for feed content, whose readers get the fallback).
        refused: paths (relative to the docs folder) of the pictures :func:`publish` left out.
        source: the page's file ("tin-tuc/bai.md"): MkDocs leaves a link to a file it does not
            have as written, relative to that file's folder rather than to the page's URL.

    Returns:
        ``html`` with those tags replaced or removed; everything else unchanged.
    """
    if not (published or refused) or "<img" not in html:
        return html  # most pages (listings, documents) have no picture: skip the parse
    finder = _ImgFinder(html)
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    out, last, first = [], 0, True
    for start, end, attrs in finder.tags:
        path = _resolve(attrs.get("src", ""), base)
        if refused and (path in refused or _resolve(attrs.get("src", ""), posixpath.dirname(source)) in refused):
            out.append(html[last:start])
            last = end
            continue
        picture = published.get(path)
        if picture is None:
            continue
        attrs = _attributes(attrs, picture, base, feed, lazy=not first)
        first = False
        out += [html[last:start], "<img " + " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items()) + ">"]
        last = end
    return "".join(out) + html[last:]


def _resolve(src: str, base: str) -> str:
    """The site path a relative ``src`` points at ("" for absolute or data URLs)."""
    parts = urlsplit(src)
    if not src or parts.scheme or parts.netloc or src.startswith("/"):
        return ""
    return posixpath.normpath(posixpath.join(base, unquote(parts.path)))


def _relative(path: str, base: str) -> str:
    return quote(posixpath.relpath(path, base or "."))


def _attributes(attrs: dict, picture: Published, base: str, feed: bool, lazy: bool) -> dict:
    attrs = dict(attrs)
    if "width" in attrs and "height" not in attrs and attrs["width"].isdigit():
        attrs["height"] = str(round(int(attrs["width"]) * picture.height / picture.width))
    attrs.setdefault("width", str(picture.width))
    attrs.setdefault("height", str(picture.height))
    if feed:
        return attrs
    if picture.variants:
        attrs["src"] = _relative(picture.variants[-1][0], base)
        attrs.setdefault("srcset", ", ".join(f"{_relative(path, base)} {width}w" for path, width in picture.variants))
        attrs.setdefault("sizes", SIZES)
    if "srcset" not in attrs:
        attrs.pop("sizes", None)  # a template's sizes (a thumbnail's) means nothing without srcset
    if lazy:
        attrs.setdefault("loading", "lazy")
    attrs.setdefault("decoding", "async")
    return attrs


class _ImgFinder(HTMLParser):
    """Collects ``(start, end, attributes)`` of every ``<img>`` start tag, as string offsets."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, int, dict]] = []
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            line, column = self.getpos()
            start = self._line_starts[line - 1] + column
            text = self.get_starttag_text() or ""
            self.tags.append((start, start + len(text), {k: v or "" for k, v in attrs}))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
