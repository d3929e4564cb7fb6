"""What templates see: the ``bantin`` object and Jinja filters for Vietnamese dates.

Templates never see the library itself: :class:`SiteView` answers the questions the theme's
templates ask (the entry of this page, the latest issue, an issue's articles ...), as Zola's
``ser.rs`` gives templates views rather than the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from builder.content import dates, sharing
from builder.content.calendar import Occurrence
from builder.content.downloads import FileLink, file_link
from builder.content.images import front_matter_path
from builder.content.library import Library
from builder.content.listings import Listing
from builder.content.model import BulletinIssue, Entry, IssueArticle
from builder.content.slugs import slugify
from builder.mkdocs_plugin import share_script
from builder.outputs import cms_config, search


@dataclass
class SiteView:
    """The site as templates see it.

    Attributes:
        library: the content; feeds: ``(title, rss url, atom url)`` of every feed;
        organisation, bulletin_name, calendar_window_days, search_recent: from the configuration;
        editions: entry source → its PDF (:class:`builder.outputs.editions.Edition`);
        identity: the emblem and icons (:class:`builder.outputs.emblem.Identity`);
        contact: the ``contact`` settings (``.address``, ``.phone``, ``.email``, ``.fanpage``,
        ``.zalo``, each None when not set);
        content_dir: the ``content/`` folder (sizes of downloadable files), or None.
        site_url: the site's absolute address, ending in "/"; summary_length: characters of
            the summary in a Zalo text (``sharing.facebook.summary_length``).
        editor: whether the site has the web editor (``admin/``, builder/outputs/admin.py).
    """

    library: Library
    feeds: list[tuple[str, str, str]] = field(default_factory=list)
    organisation: str = ""
    bulletin_name: str = ""
    calendar_window_days: int = 30
    editions: dict = field(default_factory=dict)
    search_recent: int = 0
    identity: object = None
    contact: object = None
    content_dir: Path | None = None
    site_url: str = "http://127.0.0.1:8000/"
    summary_length: int = 280
    editor: bool = False

    def share_links(self, entry: Entry | None) -> sharing.ShareLinks | None:
        """The share links of ``entry``'s page (:func:`builder.content.sharing.share_links`),
        or None for a page that is no entry or a plain page ("Giới thiệu": nothing to share)."""
        return sharing.share_links(entry, self.site_url, self.summary_length) if _shared(entry) else None

    share_script = share_script.SCRIPT  # a class attribute (no annotation): not a field
    """The share block's copy script (:mod:`builder.mkdocs_plugin.share_script`), printed inline."""

    def script_policy(self, entry: Entry | None) -> str:
        """The page's Content-Security-Policy: only the share script may run on an entry page
        (one with a share block), no script at all elsewhere."""
        return share_script.WITH_SHARE if _shared(entry) else share_script.NO_SCRIPT

    @property
    def today(self) -> date:
        """The build's day in Vietnam (``BANTIN_NOW`` or the clock)."""
        now = self.library.now or dates.now_in_vietnam()
        return now.astimezone(dates.VIETNAM).date()

    def upcoming_occasions(self) -> list[Occurrence]:
        """The calendar's occurrences from today to ``calendar_window_days`` later, the next
        first (a period under way included); [] when the window is 0."""
        if self.calendar_window_days <= 0:
            return []
        return self.library.calendar.upcoming(self.today, self.calendar_window_days)

    def issue_marking(self, occurrence: Occurrence) -> BulletinIssue | None:
        """The newest published issue that marks ``occurrence``, or None."""
        issues = self.library.issues_marking(occurrence)
        return issues[-1] if issues else None

    def edition(self, entry: Entry | None):
        """The print edition (PDF) of ``entry``: ``.path``, ``.size_label``, ``.pages``; or None."""
        return self.editions.get(entry.source) if entry is not None else None

    def attachments(self, entry: Entry) -> list[FileLink]:
        """The files ``entry`` (a document) attaches, in the editor's order, each with its site
        path and "Excel, 38 KB" label (:mod:`builder.content.downloads`)."""
        return [
            file_link(self.content_dir, front_matter_path(entry.source, name))
            for name in getattr(entry, "attachments", ())
        ]

    def download(self, entry: Entry) -> FileLink | None:
        """The file of a library entry (``file:``) with its site path and label; None for another entry."""
        name = getattr(entry, "file", "")
        return file_link(self.content_dir, front_matter_path(entry.source, name)) if name else None

    def entry(self, source: str) -> Entry | None:
        """The entry of ``source`` (path relative to content/), or None."""
        return self.library.entries.get(source)

    def entries(self, listing: Listing) -> list[Entry]:
        """The entries shown on a generated page, in order."""
        return [self.library.entries[s] for s in listing.entries if s in self.library.entries]

    def latest(self, kind: str, count: int) -> list[Entry]:
        """The ``count`` newest published entries of ``kind``."""
        return self.library.published(kind)[:count]

    def articles(self, issue: BulletinIssue) -> list[IssueArticle]:
        """The published articles of ``issue`` in the editor's order."""
        return self.library.issue_articles(issue)

    def issue_of(self, article: IssueArticle) -> BulletinIssue | None:
        """The issue an article belongs to."""
        return self.library.entries.get(article.issue)

    def phone_link(self) -> str:
        """The ``tel:`` address of the contact telephone ("" without one)."""
        phone = self.contact.phone if self.contact is not None else None
        return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+") if phone else ""

    def search_split(self) -> tuple[int, int]:
        """``(main, archive)``: how many entries each search index holds (bantin/search.html)."""
        main, archive = search.partition(self.library.published(), self.search_recent)
        return len(main), len(archive)

    def search_archives(self) -> list[str]:
        """The folders of the archive indexes, oldest first ([] when there is no archive)."""
        _, archive = search.partition(self.library.published(), self.search_recent)
        return [folder for folder, _ in search.archive_shards(archive)]

    def edit_address(self, entry: Entry | None) -> str | None:
        """The web editor's address of ``entry``, relative to the site's root
        (``admin/#/collections/news/entries/<name>``); None without the editor or entry."""
        if not self.editor or entry is None:
            return None
        address = cms_config.entry_address(entry.kind, entry.source)
        return f"admin/{address}" if address else None

    def status(self, entry: Entry | None) -> str:
        """ "Bản nháp" for a draft, "Hẹn giờ đăng" for a future item, else "" (shown by serve)."""
        if entry is None or self.library.is_published(entry):
            return ""
        return "Bản nháp" if entry.draft else "Hẹn giờ đăng"


def vn_date(value: datetime | None, weekday: bool = True) -> str:
    """Jinja filter: "Thứ Hai, 08/3/2021" ("" for None)."""
    return dates.display_date(value, weekday) if value else ""


def official_line(document) -> str:
    """Jinja filter: the document's "Quảng Trị, ngày 17 tháng 8 năm 2020" line."""
    return dates.official_date_line(document.place, document.date.astimezone(dates.VIETNAM).date())


def iso_date(value: datetime | None) -> str:
    """Jinja filter: the Vietnam calendar day as "2021-03-08" (sitemap ``lastmod``)."""
    return value.astimezone(dates.VIETNAM).date().isoformat() if value else ""


def iso(value: datetime | None) -> str:
    """Jinja filter: ISO 8601 with offset ("2021-03-08T00:00:00+07:00"), for ``<time>``."""
    return value.isoformat() if value else ""


FILTERS = {"vn_date": vn_date, "official_line": official_line, "iso": iso, "iso_date": iso_date, "bt_slug": slugify}
"""Filters registered on the MkDocs Jinja environment."""


def _shared(entry: Entry | None) -> bool:
    """True for an entry whose page has a share block (every type but plain pages)."""
    return entry is not None and entry.kind != "page"
