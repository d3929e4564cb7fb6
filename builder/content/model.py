"""Typed content entries, one frozen dataclass per content type.

Each type has its folder in ``content/`` and its own URL space:

================  ===========================================  ===================================
type              source                                       URL
================  ===========================================  ===================================
NewsArticle       ``tin-tuc/**.md``                             ``tin-tuc/<slug>/``
BulletinIssue     ``ban-tin/<issue>/index.md`` (a page bundle)  ``ban-tin/<slug>/``
IssueArticle      ``ban-tin/<issue>/<file>.md``                 ``ban-tin/<issue slug>/<slug>/``
ColumnEntry       ``phu-nu-va-cuoc-song/**.md``                 ``phu-nu-va-cuoc-song/<slug>/``
OfficialDocument  ``van-ban/**.md``                             ``van-ban/<slug>/``
DownloadFile      ``tai-lieu/**.md`` (+ the file it names)      ``tai-lieu/<file name of the .md>/``
Album             ``album/<album>/index.md`` (a page bundle)    ``album/<slug>/``
Page              any other ``.md``                             its path (``gioi-thieu/``)
================  ===========================================  ===================================

Vietnamese terms of official documents (Decree 30/2020/NĐ-CP, Appendix I) and their English
identifiers, explained once here:

- ``document_number`` = *số, ký hiệu* ("206/KH-BTV": running number / type abbreviation -
  issuing body abbreviation);
- ``document_type`` = *tên loại văn bản* (Kế hoạch, Báo cáo, Quyết định ...);
- ``summary_line`` = *trích yếu nội dung* (the one-line subject under the type);
- ``issuer`` = *tên cơ quan, tổ chức ban hành*: ``parent`` = *cơ quan chủ quản* (the body above),
  ``body`` = the issuing body itself;
- ``motto`` = *quốc hiệu và tiêu ngữ* ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do -
  Hạnh phúc");
- ``place`` = *địa danh* of the place and date line;
- ``signer`` = *chữ ký*: ``authority`` = *quyền hạn* (TM., KT., TL. ...), ``title`` = *chức vụ*,
  ``name`` = *họ tên*;
- ``recipients`` = *nơi nhận*;
- ``secretary`` = *thư ký* (người ghi biên bản), the second signature of a biên bản.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from datetime import datetime

from builder.content.calendar import Occurrence
from builder.content.document_types import Layout, layout_for


@dataclass(frozen=True)
class Video:
    """An entry's video (front matter ``video:``, read by :func:`builder.content.video.parse`).

    Exactly one of ``file``, ``youtube``, ``facebook`` is set.

    Attributes:
        file: the MP4 file, relative to the entry's file ("phong-su.mp4"), or "".
        webm: a WebM copy of it, or "".
        poster: the picture shown before playing (relative to the entry's file), or "".
        captions: the Vietnamese WebVTT captions (relative to the entry's file), or "".
        youtube: a YouTube video's 11-character ID, or "".
        start: where the YouTube link starts playing, in seconds (the address's ``t=``), 0 for
            the beginning: an editor who shares "from minute 1:30" keeps it.
        facebook: a Facebook video's https address, or "".
        duration: the length in seconds, or None when not given.
        width, height: the player's size in CSS pixels (its aspect ratio; 1280×720 unless given).
    """

    file: str = ""
    webm: str = ""
    poster: str = ""
    captions: str = ""
    youtube: str = ""
    start: int = 0
    facebook: str = ""
    duration: int | None = None
    width: int = 1280
    height: int = 720

    @property
    def hosted(self) -> bool:
        """True for a video on YouTube or Facebook (shown as a poster linking there)."""
        return bool(self.youtube or self.facebook)

    @property
    def watch_url(self) -> str:
        """The video's page on its host ("https://www.youtube.com/watch?v=ID"), or "" for a file."""
        if self.youtube:
            return f"https://www.youtube.com/watch?v={self.youtube}" + (f"&t={self.start}s" if self.start else "")
        return self.facebook

    @property
    def host_name(self) -> str:
        """ "YouTube", "Facebook" or "" (a file of the site)."""
        return "YouTube" if self.youtube else "Facebook" if self.facebook else ""

    def files(self) -> tuple[tuple[str, str], ...]:
        """``(sub-key, name)`` of every file of ``content/`` the video names, in key order."""
        return tuple(
            (key, name)
            for key, name in (
                ("file", self.file),
                ("webm", self.webm),
                ("poster", self.poster),
                ("captions", self.captions),
            )
            if name
        )


@dataclass(frozen=True, kw_only=True)
class Entry:
    """What every content file has.

    Attributes:
        source: path relative to ``content/``, '/'-separated, NFC (``tin-tuc/a.md``): the key
            of the entry everywhere (library, rendered HTML, feed GUIDs).
        title: the title shown and used in feeds.
        slug: the last URL segment (ASCII).
        url: the page's URL relative to the site root, ending in "/" (``tin-tuc/a/``).
        date: publication time, aware (+07:00 unless written otherwise), or None for pages.
        updated: last modification time given by the editor, or None.
        description: the summary (listings, feeds, sharing).
        categories, tags, authors: display names as written.
        image, image_alt: a picture for the entry, relative to the file, and its alt text.
        video: the entry's video (shown at the top of its body), or None.
        draft: a draft is never published.
        body: the Markdown body (normalised).
        body_line: 1-based line of the file where ``body`` starts.
        key_lines: 1-based line of each front matter key, for later checks.
        item_lines: for list-valued keys, the 1-based line of each item, in order.
    """

    source: str
    title: str
    slug: str
    url: str
    date: datetime | None = None
    updated: datetime | None = None
    description: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    image: str = ""
    image_alt: str = ""
    video: Video | None = None
    draft: bool = False
    body: str = ""
    body_line: int = 1
    key_lines: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    item_lines: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    kind = "page"
    """The content type's identifier (class attribute)."""
    section = ""
    """The Vietnamese name of the type's section, shown in listings (class attribute)."""

    def is_published(self, now: datetime) -> bool:
        """True when the entry is not a draft and its date is not after ``now`` (aware)."""
        return not self.draft and (self.date is None or self.date <= now)

    @property
    def image_on_page(self) -> str:
        """The ``image`` its page shows above the body, or "": none for an album (its photos
        are the page), nor when it is the video's ``poster``, which the video block at the top
        of the body shows already (editors give the same picture as the card and the poster:
        shown twice, one under the other)."""
        if not self.image or self.kind == "album":
            return ""
        poster = self.video.poster if self.video is not None else ""
        return "" if poster and posixpath.normpath(poster) == posixpath.normpath(self.image) else self.image


@dataclass(frozen=True, kw_only=True)
class Page(Entry):
    """A plain page such as "Giới thiệu"."""


@dataclass(frozen=True, kw_only=True)
class NewsArticle(Entry):
    """A news article (tin tức)."""

    kind = "news"
    section = "Tin tức"


@dataclass(frozen=True, kw_only=True)
class BulletinIssue(Entry):
    """An issue of the bulletin *Bản tin Bình đẳng giới*; its body is the editorial.

    Attributes:
        number: the running issue number (from the masthead).
        label: the name of the issue ("Số 8/3/2021", "Số đặc biệt chào mừng Đại hội ...").
        special: True for a special issue (số đặc biệt).
        cover, cover_alt: the cover picture, relative to the issue folder, and its alt text.
        anniversaries: the titles of the anniversaries the issue marks, in the editor's order:
            an occasion key of the calendar ("quoc-te-phu-nu") becomes its computed title
            ("Kỷ niệm 111 năm Ngày Quốc tế Phụ nữ (8/3/1910 – 8/3/2021)"), free text stays as
            written. The issue page, the feed entry and the print edition show these.
        occurrences: the calendar occurrences behind the keys, in the same order (numbers,
            dates, round-anniversary flags; see :class:`~builder.content.calendar.Occurrence`).
        articles: file names of the issue's articles in the editor's order.
        publisher: the body named under the bulletin's title and in its colophon (its cơ
            quan chủ quản), as in force on the issue's date (:mod:`builder.content.periods`).
    """

    number: int
    label: str
    special: bool = False
    cover: str = ""
    cover_alt: str = ""
    anniversaries: tuple[str, ...] = ()
    occurrences: tuple[Occurrence, ...] = ()
    articles: tuple[str, ...] = ()
    publisher: str = ""

    kind = "issue"
    section = "Bản tin Bình đẳng giới"


@dataclass(frozen=True, kw_only=True)
class IssueArticle(Entry):
    """An article inside a bulletin issue; it takes the issue's date and visibility.

    Attributes:
        issue: ``source`` of the issue's ``index.md``.
        position: 1-based place in the issue's table of contents.
    """

    issue: str
    position: int = 0

    kind = "issue_article"
    section = "Bản tin Bình đẳng giới"


@dataclass(frozen=True, kw_only=True)
class ColumnEntry(Entry):
    """An entry of the monthly column *Phụ nữ và cuộc sống*.

    Attributes:
        month: 1–12; year: four digits (the column's month, which may differ from ``date``).
    """

    month: int
    year: int

    kind = "column"
    section = "Phụ nữ và cuộc sống"


@dataclass(frozen=True)
class Issuer:
    """The issuing body of an official document: ``parent`` (may be "") and ``body``."""

    parent: str
    body: str


@dataclass(frozen=True)
class Signer:
    """The signature block (Decree 30/2020/NĐ-CP, Appendix I; forms in
    :mod:`builder.content.signatures`).

    Attributes:
        authority: the form lines, in order, () for a head signing in her own name:
            ("TM. BAN THƯỜNG VỤ",), ("KT. CHỦ TỊCH",) or ("TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH").
        title: the signer's own title ("PHÓ CHỦ TỊCH"); "" after a "Q." line, which is the title.
        name: the signer's name.
    """

    authority: tuple[str, ...]
    title: str
    name: str

    def lines(self) -> tuple[str, ...]:
        """The bold capital lines above the space for the signature, top to bottom: the form
        lines, then the title."""
        return (*self.authority, *((self.title,) if self.title else ()))


@dataclass(frozen=True, kw_only=True)
class OfficialDocument(Entry):
    """An official document of the union, laid out as Decree 30/2020/NĐ-CP prescribes.

    ``date`` is the issue date (*ngày ban hành*). See the module docstring for the terms.

    Attributes:
        document_type: "Kế hoạch", "Hướng dẫn", "Báo cáo", "Công văn" ...
        document_number: normalised số, ký hiệu ("206/KH-BTV").
        place: the place of the date line ("Quảng Trị").
        issuer: the issuing body.
        motto: whether the national motto is shown top right.
        summary_line: the trích yếu.
        signer: the signature block (of a biên bản: the chair, chủ tọa or chủ trì).
        secretary: a biên bản's second signature block, the secretary's, printed left of the
            chair's (Decree 30, Appendix III, Mẫu 1.9); None for every other type.
        recipients: the nơi nhận lines, as written (each ends with ";" or ".").
        addressees: the "Kính gửi:" lines (a công văn, a tờ trình, a báo cáo sent upward), as
            written; printed between the header and the body.
        attachments: files attached (relative to the document), e.g. the signed scan.
    """

    document_type: str
    document_number: str
    place: str
    issuer: Issuer
    motto: bool = True
    summary_line: str = ""
    signer: Signer | None = None
    secretary: Signer | None = None
    recipients: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()

    kind = "document"
    section = "Văn bản"

    @property
    def layout(self) -> Layout:
        """What this document's type shows beyond the common frame (heading or "V/v", "Kính
        gửi:" block ...): :func:`builder.content.document_types.layout_for`."""
        return layout_for(self.document_type)

    @property
    def subject(self) -> str:
        """The trích yếu as printed wherever it stands alone (register, PDF title, a letter's
        header): "V/v tuyên truyền ..." for a công văn, the ``summary_line`` itself otherwise."""
        prefix = self.layout.subject_prefix
        return f"{prefix} {self.summary_line}" if prefix and self.summary_line else self.summary_line

    def addressee_lines(self) -> list[str]:
        """The "Kính gửi:" lines without a leading "- "; one addressee is written on the
        "Kính gửi:" line itself, several each on a line of its own ending ";" (the last ".")."""
        lines = [a.strip().lstrip("-–").strip().rstrip(";.,") for a in self.addressees if a.strip()]
        if len(lines) == 1:
            return lines
        return [f"- {line}" + (";" if i < len(lines) - 1 else ".") for i, line in enumerate(lines)]

    def recipient_lines(self) -> list[str]:
        """The nơi nhận lines as Decree 30 writes them: each ends with ";", the last with ".",
        and the archive line reads "Lưu: VT, ..." (Word exports often say "Lưu VT").

        Returns:
            The lines without their leading "- ".
        """
        lines = [re.sub(r"^Lưu\s*:?\s*", "Lưu: ", r.strip().lstrip("-").strip()).rstrip(";.,") for r in self.recipients]
        return [line + (";" if i < len(lines) - 1 else ".") for i, line in enumerate(lines)]


@dataclass(frozen=True, kw_only=True)
class DownloadFile(Entry):
    """A file of the library (thư viện tài liệu): a form, a template, an annex; not an official
    document. ``title``, ``description`` and ``date`` describe it; the body may say more.

    Attributes:
        file: the file, relative to the ``.md`` (``mau-dang-ky-hoi-vien.docx``): published at its
            own path, so its address does not change with the title (:mod:`builder.content.downloads`).
    """

    file: str

    kind = "download"
    section = "Tài liệu"


@dataclass(frozen=True)
class Photo:
    """One photo of an album, as its ``photos:`` item gives it.

    Attributes:
        file: the picture's file name, relative to the album's folder ("anh-1.jpg").
        alt: what the photo shows, for readers who cannot see it (required, as ``image_alt``).
        caption: the line shown under the photo ("" for none).
    """

    file: str
    alt: str
    caption: str = ""


@dataclass(frozen=True, kw_only=True)
class Album(Entry):
    """A photo album (album ảnh): a folder ``album/<album>/`` holding ``index.md`` and the
    photos, as a bulletin issue's folder holds its articles. The body is the album's text;
    the page shows the photos after it (:mod:`builder.mkdocs_plugin.albums`).

    ``image``/``image_alt`` default to the first photo: it is the album's card and its
    thumbnail in listings (builder.content.assemble).

    Attributes:
        photos: the photos in the editor's order.
    """

    photos: tuple[Photo, ...] = ()

    kind = "album"
    section = "Album ảnh"


ENTRY_TYPES: tuple[type[Entry], ...] = (
    NewsArticle,
    BulletinIssue,
    IssueArticle,
    ColumnEntry,
    OfficialDocument,
    DownloadFile,
    Album,
    Page,
)
"""Every content type, for code that handles them all."""
