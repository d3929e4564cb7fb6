"""Links, anchors and pictures in the body of every page, checked before anything is published.

Each page is rendered with Python-Markdown and the site's own extensions and options
(``mkdocs.yml``, plus :func:`builder.mkdocs_plugin.plugin.configure_markdown`), so the links
and heading ids found are the ones the built page will have, written in any syntax the site
accepts (inline, reference-style, ``attr_list`` ids, raw HTML). A link may name:

- a source file, relative to the page's file: ``../tin-tuc/bai.md#muc``, ``anh.jpg``; MkDocs
  turns it into the target's URL (``mkdocs/structure/pages.py _RelativePathTreeprocessor``);
- a URL of the site, relative to the page's URL (``../bai/``), absolute under the site's path
  (``/bantin/tin-tuc/bai/``) or with the site's address (``https://.../tin-tuc/bai/``).

A link that resolves to neither, an anchor the target page does not have, a link from a
published page to an unpublished one and a picture without alt text are problems, reported at
the line and column where the address is written in the file (Python-Markdown keeps no
positions, so the address is looked up in the file's text, in order). What the site's body
cleaning drops (a script, an ``on…=`` handler, a ``javascript:`` link) is found the same way,
and reported as a warning (:func:`report_removals`).
"""

from __future__ import annotations

import bisect
import posixpath
import re
from dataclasses import dataclass, field
from typing import NamedTuple
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from builder.content.dates import VIETNAM, display_date
from builder.content.library import Library
from builder.content.model import Entry
from builder.errors import ErrorList
from builder.mkdocs_plugin import safe_body
from builder.outputs.safe_html import Removal, removals


class Problem(NamedTuple):
    """A link that does not resolve: the ``message`` and ``hint`` shown to the editor."""

    message: str
    hint: str


@dataclass(frozen=True)
class Reference:
    """One link (``tag="a"``), picture (``tag="img"``) or file of a raw media tag (``tag="media"``:
    a video, its poster, a sound, a caption track) of a page; ``alt`` is None but for pictures."""

    tag: str
    url: str
    alt: str | None = None


@dataclass
class Scan:
    """What a page's body holds: its references in document order, the ids it defines, and
    what the site's cleaning drops from it (:func:`builder.outputs.safe_html.removals`)."""

    references: list[Reference] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    removals: list[Removal] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """One Markdown file to check.

    Attributes:
        source: path relative to ``content/``; shown: the path printed in messages.
        text: the whole file, normalised; body: the Markdown after the front matter;
        body_line: 1-based line where ``body`` starts; literal: an official document (its
        body is rendered with literal numbering, as the site does).
    """

    source: str
    shown: str
    text: str
    body: str
    body_line: int
    literal: bool = False


@dataclass(frozen=True)
class SiteMap:
    """Everything a link may reach.

    Attributes:
        files: every file under ``content/`` and every generated page's virtual source,
            relative to ``content/``.
        urls: every page URL of the site (relative to its root, ``""`` for the home page,
            directory URLs ending in "/") and every file URL → the source of its entry or "".
        base_path: the path of the published site ("/bantin/"); host: its host name ("" if unknown);
        address: what messages put before a site URL (the site's address, or "/").
    """

    files: frozenset[str]
    urls: dict[str, str]
    base_path: str = "/"
    host: str = ""
    address: str = "/"


class _Collector(Treeprocessor):
    """Runs last (priority 0, after ``toc`` and ``attr_list`` gave ids) and records links."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.scan = Scan()

    def run(self, root):
        for element in root.iter():
            if element.get("id"):
                self.scan.ids.add(element.get("id"))
            if element.tag == "a":
                if element.get("name"):
                    self.scan.ids.add(element.get("name"))
                if element.get("href") is not None:
                    self.scan.references.append(Reference("a", element.get("href")))
            elif element.tag == "img":
                self.scan.references.append(Reference("img", element.get("src") or "", element.get("alt")))
        return None


class _RawHTML(HTMLParser):
    """Links, pictures and ids written as raw HTML, which Python-Markdown keeps aside."""

    def __init__(self, scan: Scan):
        super().__init__(convert_charrefs=True)
        self.scan = scan

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.scan.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.scan.ids.add(attrs["name"])
        if tag == "a" and attrs.get("href") is not None:
            self.scan.references.append(Reference("a", attrs["href"]))
        elif tag == "img":
            self.scan.references.append(Reference("img", attrs.get("src") or "", attrs.get("alt")))
        elif tag in _MEDIA_FILES:
            for name in _MEDIA_FILES[tag]:
                if attrs.get(name):
                    self.scan.references.append(Reference("media", attrs[name]))


_MEDIA_FILES = {"video": ("src", "poster"), "audio": ("src",), "source": ("src",), "track": ("src",)}
"""Attributes of raw media tags that name a file (checked as links are: the file must exist)."""


class _BeforeCleaning(Postprocessor):
    """Keeps the finished HTML just before :mod:`builder.mkdocs_plugin.safe_body` cleans it."""

    html = ""

    def run(self, text: str) -> str:
        self.html = text
        return text


class Scanner:
    """Renders Markdown as the site does and returns each page's :class:`Scan`.

    Args:
        extensions, configs: ``config.markdown_extensions`` and ``config.mdx_configs`` of
            the MkDocs configuration, after :func:`~builder.mkdocs_plugin.plugin.configure_markdown`.
    """

    def __init__(self, extensions: list, configs: dict):
        self._md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        self._collector = _Collector(self._md)
        self._md.treeprocessors.register(self._collector, "bantin_links", 0)
        self._before = _BeforeCleaning(self._md)
        self._md.postprocessors.register(self._before, "bantin_before_cleaning", safe_body.PRIORITY + 1)

    def scan(self, body: str) -> Scan:
        """Render ``body`` and return what it links to, the ids it defines and what the
        site's cleaning drops from it."""
        self._md.reset()
        self._collector.scan = Scan()
        self._before.html = ""
        self._md.convert(body)
        scan = self._collector.scan
        scan.removals = removals(self._before.html)
        raw = _RawHTML(scan)
        for block in self._md.htmlStash.rawHtmlBlocks:
            raw.feed(str(block))
        raw.close()
        return scan


def check(sources: list[Source], scans: dict[str, Scan], library: Library, site: SiteMap, errors: ErrorList) -> None:
    """Report every broken link, missing anchor or picture, and picture without alt text.

    Args:
        sources: the Markdown files; scans: ``source → Scan`` of each (targets' ids included).
        library: the content, for URLs and what is published; site: what links may reach.
        errors: where problems go, at the line and column of the address in the file.
    """
    for page in sources:
        entry = library.entries.get(page.source)
        locate = _Locator(page.text, page.body_line)
        for ref in scans[page.source].references:
            line, col = locate(ref.url)
            if ref.tag == "img" and not (ref.alt or "").strip():
                errors.add(
                    page.shown,
                    line,
                    f"Ảnh '{ref.url}' trong bài chưa có mô tả (alt).",
                    f"Viết mô tả ngắn nội dung ảnh trong ngoặc vuông: ![Mô tả ảnh]({ref.url}). "
                    "Người khiếm thị nghe đọc phần mô tả này.",
                    col,
                )
            problem = _problem(ref, page, entry, scans, library, site)
            if problem:
                errors.add(page.shown, line, problem.message, problem.hint, col)


def _problem(
    ref: Reference, page: Source, entry: Entry | None, scans: dict[str, Scan], library: Library, site: SiteMap
) -> Problem | None:
    """The :class:`Problem` when ``ref`` does not resolve, else None."""
    url = ref.url
    scheme, host, path, _, anchor = urlsplit(url)
    host = host.lower()
    if scheme and scheme not in ("http", "https") or url.startswith("#fn") or (host and host != site.host):
        return None  # mailto:, tel:, another site, or a footnote Python-Markdown numbers itself
    if not path and not host:
        return _anchor_problem(url, anchor, page.source, scans, page.source)
    path = unquote(path)
    if host or path.startswith("/"):
        if path.startswith(site.base_path):
            return _url_problem(url, path[len(site.base_path) :], anchor, ref, entry, scans, library, site)
        if host:
            return None  # another site on the same host
        return Problem(
            f"Liên kết '{url}' bắt đầu bằng '/' nên sẽ hỏng khi trang web đặt tại {site.base_path}.",
            "Viết liên kết theo tên tệp của bài, ví dụ [tên bài](../tin-tuc/ten-bai.md).",
        )
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page.source), path))
    if target in site.files:
        if not target.endswith(".md"):
            return None
        owner = library.entries.get(target)
        return _published_problem(url, owner, entry, library) or _anchor_problem(
            url, anchor, target, scans, page.source
        )
    # Otherwise it may be a URL of the site written relative to the page's own URL, as a
    # browser reads it ("../bai-khac/", "../../rss.xml").
    url_like = not posixpath.splitext(path)[1] or path.endswith(("/", ".html"))
    if entry is None:
        return None if url_like else _missing_file(url, target, ref)  # its own URL is unknown yet
    as_url = _url_key(posixpath.join(entry.url, path))
    if url_like or as_url in site.urls:
        return _url_problem(url, posixpath.join(entry.url, path), anchor, ref, entry, scans, library, site)
    return _missing_file(url, target, ref)


def _missing_file(url: str, target: str, ref: Reference) -> Problem:
    if ref.tag == "media":
        return Problem(
            f"Không tìm thấy tệp '{url}' (video, âm thanh, phụ đề hoặc ảnh bìa video).",
            "Đặt tệp vào cùng thư mục với bài và viết đúng tên tệp (kể cả chữ hoa, chữ thường và đuôi "
            ".mp4, .webm, .vtt, .jpg).",
        )
    if ref.tag == "img":
        return Problem(
            f"Không tìm thấy ảnh '{url}'.",
            "Đặt tệp ảnh vào cùng thư mục với bài và viết đúng tên tệp (kể cả chữ hoa, chữ thường và đuôi .jpg, .png).",
        )
    return Problem(
        f"Liên kết '{url}' hỏng: không có tệp '{target}' trong thư mục content/.",
        "Kiểm tra lại tên tệp (kể cả chữ hoa, chữ thường). Liên kết tới bài khác viết theo tên tệp, "
        "ví dụ [tên bài](../tin-tuc/ten-bai.md).",
    )


def _url_problem(
    url: str,
    path: str,
    anchor: str,
    ref: Reference,
    entry: Entry | None,
    scans: dict[str, Scan],
    library: Library,
    site: SiteMap,
) -> Problem | None:
    key = _url_key(path)
    if key is None or key not in site.urls:
        what = "ảnh" if ref.tag == "img" else "trang"
        return Problem(
            f"Liên kết '{url}' hỏng: trang web không có {what} {site.address}{(key or path).lstrip('/')}.",
            "Mở trang web để lấy đúng địa chỉ, hoặc viết liên kết theo tên tệp của bài, "
            "ví dụ [tên bài](../tin-tuc/ten-bai.md).",
        )
    owner = library.entries.get(site.urls[key]) if site.urls[key] else None
    if owner is None:
        return None  # a generated listing or a file: no anchors of their own to check
    return _published_problem(url, owner, entry, library) or _anchor_problem(url, anchor, owner.source, scans, None)


def _url_key(path: str) -> str | None:
    """The site URL a path relative to the site's root reaches ("tin-tuc/a/"), or None when it
    climbs above the root."""
    normal = posixpath.normpath(path) if path else "."
    if normal == ".." or normal.startswith("../"):
        return None
    key = "" if normal == "." else normal
    if key == "index.html" or key.endswith("/index.html"):
        key = key[: -len("index.html")]
    elif key and not posixpath.splitext(key)[1]:
        key += "/"
    return key


def _published_problem(url: str, target: Entry | None, entry: Entry | None, library: Library) -> Problem | None:
    if target is None or entry is None or not library.is_published(entry) or library.is_published(target):
        return None
    state = "bản nháp" if target.draft else f"hẹn giờ đăng {when_text(target)}"
    return Problem(
        f"Liên kết '{url}' trỏ tới bài chưa đăng ({state}): người đọc sẽ gặp trang lỗi.",
        "Đăng bài đó trước, hoặc hẹn giờ bài này cùng lúc, hoặc bỏ liên kết cho đến khi bài đó được đăng.",
    )


def _anchor_problem(url: str, anchor: str, target: str, scans: dict[str, Scan], page: str | None) -> Problem | None:
    if not anchor or target not in scans or unquote(anchor) in scans[target].ids:
        return None
    where = "bài này" if target == page else f"bài '{target}'"
    ids = sorted(scans[target].ids)
    known = (
        ("Các mục có trong bài: " + ", ".join(f"#{i}" for i in ids[:12]) + ".")
        if ids
        else "Bài đó không có mục nào để trỏ tới: bỏ phần '#...' khỏi liên kết."
    )
    return Problem(
        f"Liên kết '{url}' trỏ tới mục '#{anchor}' nhưng {where} không có mục này.",
        f"{known} Mã của một mục là tiêu đề mục viết không dấu, nối bằng '-'.",
    )


def when_text(entry: Entry) -> str:
    """ "08:00 ngày 08/3/2027": the entry's date and time in Vietnam, as messages write it."""
    moment = entry.date.astimezone(VIETNAM)
    return f"{moment:%H:%M} ngày {display_date(moment.date(), weekday=False)}"


class _Locator:
    """Finds where each address is written, in order: the second link to a URL is found after the first."""

    def __init__(self, text: str, body_line: int):
        self.text = text
        self.start = _offset_of_line(text, body_line)
        self.body_line = body_line
        self.cursor: dict[str, int] = {}
        self.line_ends: list[int] | None = None  # offsets of every "\n", made at the first link found

    def _line_of(self, offset: int) -> int:
        """1-based line of ``offset``: a binary search, not a count from the start each time (that
        made check of an article with 100,000 links take minutes)."""
        if self.line_ends is None:
            self.line_ends = [m.start() for m in re.finditer("\n", self.text)]
        return bisect.bisect_left(self.line_ends, offset) + 1

    def __call__(self, url: str) -> tuple[int, int]:
        for needle in dict.fromkeys((url, unquote(url), url.replace("&", "&amp;"))):
            if not needle:
                continue
            # The whole address, not a part of a longer one ("#muc" inside "#muc-2").
            pattern = re.compile(rf"(?<![^\s(<\"'=:\[]){re.escape(needle)}(?=[\s)>\"']|$)", re.MULTILINE)
            found = pattern.search(self.text, self.cursor.get(needle, self.start)) or pattern.search(
                self.text, self.start
            )
            if found:
                self.cursor[needle] = found.start() + 1
                line = self._line_of(found.start())
                return line, found.start() - (self.text.rfind("\n", 0, found.start()) + 1) + 1
        return self.body_line, 1


def _offset_of_line(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return len(text)
    return offset


def report_removals(
    sources: list[Source], scans: dict[str, Scan], warnings: ErrorList, errors: ErrorList | None = None
) -> None:
    """Warn of each element, attribute or address the site's cleaning drops from a page
    (:mod:`builder.outputs.safe_html`), at the line and column where it is written (looked up
    in the file's text, in order, ignoring case), so that an editor knows why it is not on the
    page. Warnings, not errors: what is published is safe already, and a pasted or imported
    snippet should not hold back the rest of the site. Except an embed of another host
    (``<iframe>``, ``<script src>``: :attr:`Removal.refused`), an error in ``errors`` when
    given: the editor meant a player the page will not have, and its message shows the form
    that has one (a YouTube ``<iframe>`` passed before, and the page showed nothing)."""
    for page in sources:
        start = _offset_of_line(page.text, page.body_line)
        lowered, cursor = page.text.lower(), {}
        for removal in scans[page.source].removals:
            clue = removal.clue.lower()
            index = lowered.find(clue, cursor.get(clue, start))
            if index < 0:
                index = lowered.find(clue, start)
            target = errors if removal.refused and errors is not None else warnings
            if index < 0:
                target.add(page.shown, page.body_line, removal.message, removal.hint)
                continue
            cursor[clue] = index + 1
            line = page.text.count("\n", 0, index) + 1
            target.add(
                page.shown, line, removal.message, removal.hint, index - (page.text.rfind("\n", 0, index) + 1) + 1
            )
