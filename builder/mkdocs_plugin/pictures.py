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
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from mkdocs.structure.files import File, Files

from builder.atomic import link_or_copy
from builder.outputs import images

log = logging.getLogger("mkdocs.plugins.bantin")

UNPUBLISHABLE = (".heic", ".heif", ".tif", ".tiff")
"""Phone and scanner formats browsers cannot all show, which carry EXIF: never published."""

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


def publish(files: Files, config, cache_dir: Path, held: set[str] = frozenset()) -> dict[str, Published]:
    """Process every picture of the docs folder and put the results in ``files``.

    Args:
        files: MkDocs' files (changed in place); config: the MkDocs configuration.
        cache_dir: the build cache root.
        held: NFC paths of files left out of the site, unprocessed (the files only
            unpublished entries name: :func:`builder.content.images.files_of_unpublished`).

    Returns:
        ``src_uri`` → :class:`Published`, for :func:`rewrite`.

    A picture that cannot be read, or that browsers cannot show (HEIC, TIFF), is left out of
    the site with a warning: publishing its bytes unprocessed could publish its GPS position.
    """
    docs = Path(config.docs_dir).resolve()
    content = [f for f in files.media_files() if f.abs_src_path and docs in Path(f.abs_src_path).resolve().parents]
    for file in [f for f in content if f.src_uri in held]:  # names composed (docs_files.prepare)
        files.remove(file)
        content.remove(file)
    for file in [f for f in content if Path(f.src_uri).suffix.lower() in UNPUBLISHABLE]:
        files.remove(file)
        log.warning("%s/%s: ảnh dạng %s không hiển thị được trên mọi trình duyệt và có thể chứa vị trí GPS nơi chụp: "
                    "không đăng. Mở ảnh và lưu lại thành JPG.", config.docs_dir, file.src_uri, Path(file.src_uri).suffix)
    sources = [f for f in content if Path(f.src_uri).suffix.lower() in images.SUFFIXES]
    results = images.process_all([Path(f.abs_src_path) for f in sources], cache_dir)
    published: dict[str, Published] = {}
    for file in sources:
        result = results[Path(file.abs_src_path)]
        files.remove(file)
        if isinstance(result, images.ImageProblem):
            log.warning("%s/%s: %s Ảnh này không được đăng.", config.docs_dir, file.src_uri, result)
            continue
        files.append(CachedPicture.generated(config, file.src_uri, abs_src_path=str(result.fallback)))
        variants = []
        for variant in result.variants:
            path = variant_path(file.src_uri, variant.width)
            if files.get_file_from_path(path) is None:
                files.append(CachedPicture.generated(config, path, abs_src_path=str(variant.path)))
            variants.append((path, variant.width))
        published[file.src_uri] = Published(file.src_uri, result.width, result.height, tuple(variants))
    return published


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


def rewrite(html: str, page_url: str, published: dict[str, Published], feed: bool = False) -> str:
    """Give each ``<img>`` of ``html`` that shows a published picture its size and sources.

    Args:
        html: a page (or a page's content) as MkDocs rendered it.
        page_url: the page's URL relative to the site root ("tin-tuc/bai/"); ``src`` values
            are relative to it.
        published: from :func:`publish`.
        feed: only add ``width``/``height`` (for feed content, whose readers get the fallback).

    Returns:
        ``html`` with those tags replaced; everything else unchanged.
    """
    if not published or "<img" not in html:
        return html  # most pages (listings, documents) have no picture: skip the parse
    finder = _ImgFinder(html)
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    out, last, first = [], 0, True
    for start, end, attrs in finder.tags:
        picture = published.get(_resolve(attrs.get("src", ""), base))
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
