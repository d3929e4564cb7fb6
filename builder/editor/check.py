"""``bantin check``: every problem of the content, found without writing anything.

On top of the content model's own checks (:func:`builder.content.reader.read_tree`: front
matter, required keys, pictures named in front matter and their alt text, URLs shared by two
pages, document numbers used twice by one body in one year), it reports:

- decomposed (NFD) letters and invisible control characters (:mod:`builder.content.repair`),
  which ``--fix`` repairs in place, changing nothing else;
- links, anchors and pictures in the body that do not resolve, and pictures without alt text
  (:mod:`builder.editor.links`);
- pictures the build would leave out (HEIC, too large, unreadable), photos holding a GPS
  position, whose metadata ``--fix`` removes without re-encoding them, and share photos too
  small for a card (:mod:`builder.editor.pictures`; the last two as warnings);
- as warnings, which do not stop publication: every element, attribute or address of a body
  that the site's cleaning drops (:mod:`builder.outputs.safe_html`: scripts, event handlers,
  ``javascript:`` links, frames, forms ...), at its line, so an editor knows why it vanished.

It also lists what is not on the site yet: items scheduled for later ("Hẹn giờ đăng") and
drafts ("Bản nháp"), and a bulletin licence ending within 30 days ("Giấy phép",
:mod:`builder.content.licence`), which are notices, not problems. (An issue dated after the
licence's end is a problem: the content model refuses it.)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from builder import config_files
from builder.atomic import write_atomic
from builder.config_messages import nav_problems
from builder.content import limits, tree
from builder.content.frontmatter import split
from builder.content.library import Library
from builder.content.downloads import warn_large_files
from builder.content.licence import expiry_warning
from builder.content.listings import listings
from builder.content.model import BulletinIssue, IssueArticle
from builder.content.numbering import literal_markdown
from builder.content.reader import kind_of, markdown_files as listed_markdown, read_tree, shown_path
from builder.content.repair import repair, text_problems
from builder.content.text import normalise
from builder.editor import links, pictures, videos
from builder.editor.project import Project
from builder.errors import ContentError, ErrorList
from builder.mkdocs_plugin.site_files import feed_links

DATA = "_data/"
"""Data files of the content (the calendar), which the site does not publish."""

SITE_FILES = ("sitemap.xml", "sitemap.xml.gz", "robots.txt", "404.html")
"""Files every build writes at the root besides pages and feeds."""


SCHEDULED, DRAFT = "Hẹn giờ đăng", "Bản nháp"
"""The kinds of notice about an item that is not on the site yet."""


@dataclass(frozen=True)
class Notice:
    """Something worth knowing that is not a problem: ``kind`` is :data:`SCHEDULED`,
    :data:`DRAFT`, "Giấy phép" (the bulletin licence ends soon) or "Cách viết" (a category or
    tag shown with another spelling)."""

    path: str
    line: int
    kind: str
    message: str

    @property
    def unpublished(self) -> bool:
        """Whether it is about an item not on the site yet (scheduled or draft)."""
        return self.kind in (SCHEDULED, DRAFT)


@dataclass
class Result:
    """What ``bantin check`` found.

    Attributes:
        errors: the problems, sorted by file, line and column.
        warnings: what the build works around and publishes without (what the cleaning drops
            from bodies, GPS positions in source photos, share photos too small for a card),
            sorted likewise.
        notices: scheduled items and drafts, by file.
        fixed: ``(path, spots repaired)`` of each file ``--fix`` rewrote.
        library: the content as read (entries of files with errors included, as far as
            they could be read), for commands that go on from the check (``bantin changes``).
        fixed_pictures: photos whose metadata (GPS position) ``--fix`` removed.
        fixed_videos: videos whose shooting position ``--fix`` removed.
    """

    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    fixed: list[tuple[str, int]] = field(default_factory=list)
    library: Library | None = None
    fixed_pictures: list[str] = field(default_factory=list)
    fixed_videos: list[str] = field(default_factory=list)
    config_file: str = "mkdocs.yml"
    inherited: tuple[str, ...] = ()  # the files mkdocs.yml inherits (INHERIT:), as errors name them

    @property
    def code(self) -> int:
        """The exit code, as every command gives it (builder/cli.py): 0 valid, 1 content errors,
        2 an error in the configuration (mkdocs.yml's ``nav:``, or an inherited file's), even
        with content errors too."""
        if any(error.path in (self.config_file, *self.inherited) for error in self.errors):
            return 2
        return 1 if self.errors else 0


def run(project: Project, fix: bool = False) -> Result:
    """Check the whole content of ``project``; with ``fix``, first repair text in place.

    Returns:
        The :class:`Result`; nothing is written except the files ``fix`` repairs.
    """
    result = Result()
    # The files read_tree reads: never through a link leaving content/ (builder.content.tree).
    markdown_files = [project.content_dir / relative for relative in listed_markdown(project.content_dir)]
    if fix:
        project.config  # noqa: B018 - MkDocs' whole configuration checked before any file is rewritten
        result.fixed = _fix(project, markdown_files)
        result.fixed_pictures = [project.shown(source) for source in pictures.fix(project.content_dir)]
        result.fixed_videos = [project.shown(source) for source in videos.fix(project.content_dir)]
    library, errors = read_tree(project.content_dir, project.defaults, project.now)
    sources = []
    for path in markdown_files:
        source = normalise(path.relative_to(project.content_dir).as_posix())
        if path.stat().st_size > limits.MAX_FILE_BYTES:
            continue  # read_tree reported it, unread
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # read_tree reported it
        _report_text(project.shown(source), text, errors)
        sources.append(_source(project, source, text, library.entries.get(source)))
    # Entries of files with errors may miss required values (a news item without date): the
    # build would stop before using them, so links are checked against the others.
    broken = {error.path for error in errors.errors}
    sound = dataclasses.replace(
        library, entries={s: e for s, e in library.entries.items() if project.shown(s) not in broken}
    )
    warnings = ErrorList()
    # Second phase: links need the Markdown options of MkDocs' configuration (loaded now, and
    # MkDocs with it); everything above read the content with MkDocs not imported.
    _check_links(project, sources, sound, errors, warnings)
    config_file = Path(project.config.config_file_path or "mkdocs.yml")
    for problem in nav_problems(
        project.config.nav, _site_map(project, sound).files, config_file, shown_path(project.content_dir)
    ):
        errors.add(problem.file.name, problem.line, problem.message, problem.hint)
    pictures.check(project.content_dir, project.shown, sound, errors, warnings.add)
    warn_large_files(sound, project.content_dir, project.shown, warnings)
    videos.check(project.content_dir, project.shown, errors, warnings.add)
    result.errors, result.config_file = sorted(errors.errors), config_file.name
    result.inherited = tuple(path.name for path in config_files.files(config_file)[1:])
    result.warnings = sorted(warnings.errors)
    result.notices = _notices(project, library)
    result.library = library
    licence = project.defaults.licence
    warning = expiry_warning(licence, project.now.date())
    if warning:
        result.notices.insert(0, Notice(licence.config_file, licence.line or 1, "Giấy phép", warning))
    return result


def _fix(project: Project, files: list[Path]) -> list[tuple[str, int]]:
    fixed = []
    for path in files:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue  # not text we may rewrite; reported as not UTF-8
        problems = text_problems(text)
        if problems:
            write_atomic(path, repair(text).encode("utf-8"), mode=None)  # keep the file's own mode
            source = normalise(path.relative_to(project.content_dir).as_posix())
            fixed.append((project.shown(source), sum(p.count for p in problems)))
    return fixed


def _report_text(shown: str, text: str, errors: ErrorList) -> None:
    for problem in text_problems(text):
        if problem.kind == "control":
            errors.add(
                shown,
                problem.line,
                f"Có ký tự điều khiển vô hình {problem.detail} (thường do chép từ Word).",
                "Chạy 'bantin check --fix' để xóa ký tự này (dấu xuống dòng của Word thành dấu cách).",
                problem.col,
            )
        else:
            errors.add(
                shown,
                problem.line,
                f"Dòng có {problem.count} chữ gõ dạng Unicode tổ hợp (NFD), đầu tiên là '{problem.detail}'.",
                "Chạy 'bantin check --fix' để chuyển sang Unicode dựng sẵn (NFC): chữ nhìn như cũ "
                "nhưng tìm kiếm và so sánh mới đúng.",
                problem.col,
            )


def _source(project: Project, source: str, text: str, entry) -> links.Source:
    text = normalise(text)
    if entry is not None:  # read_tree has split it already
        body, body_line = entry.body, entry.body_line
    else:
        front = split(text, project.shown(source), ErrorList())  # its errors come from read_tree
        body, body_line = front.body, front.body_line
    return links.Source(
        source=source,
        shown=project.shown(source),
        text=text,
        body=body,
        body_line=body_line,
        literal=kind_of(source) == "document",
    )


def _check_links(
    project: Project, sources: list[links.Source], library: Library, errors: ErrorList, warnings: ErrorList
) -> None:
    from builder.mkdocs_plugin.plugin import configure_markdown  # imports MkDocs: the second phase only

    configure_markdown(project.config)
    scanner = links.Scanner(project.config.markdown_extensions, project.config.mdx_configs)
    # A body beyond the limits (read_tree reported it) would take minutes or overflow the stack.
    sources = [s for s in sources if limits.within(s.body)]
    scans = {s.source: scanner.scan(literal_markdown(s.body) if s.literal else s.body) for s in sources}
    links.check(sources, scans, library, _site_map(project, library), errors)
    links.report_removals(sources, scans, warnings, errors)


def _site_map(project: Project, library: Library) -> links.SiteMap:
    """Every file and URL of the site the content would build."""
    files = {normalise(relative) for relative in tree.walk(project.content_dir)[0]}
    files = {name for name in files if not name.startswith(DATA)}
    urls = {entry.url: source for source, entry in library.entries.items()}
    generated = listings(library, project.options.page_size, project.options.home_size)
    for listing in generated:
        files.add(listing.source)
        urls.setdefault(listing.url, "")
    urls.update({name: "" for name in files if not name.endswith(".md")})
    for _, rss, atom in feed_links(library):
        urls.update({rss: "", atom: ""})
    urls.update({name: "" for name in SITE_FILES})
    address = urlsplit(project.site_url)
    return links.SiteMap(
        files=frozenset(files),
        urls=urls,
        base_path=address.path or "/",
        host=address.hostname or "",
        address=project.site_url or "/",
    )


def _notices(project: Project, library: Library) -> list[Notice]:
    """Drafts and items dated after ``now`` (a bulletin's articles go with their issue), and
    categories or tags shown with another spelling than the one written (:mod:`builder.content.terms`)."""
    notices = [Notice(project.shown(r.source), r.line, "Cách viết", r.message) for r in library.respellings]
    for source, entry in sorted(library.entries.items()):
        if isinstance(entry, IssueArticle) and not entry.draft:
            continue
        shown = project.shown(source)
        if entry.draft:
            notices.append(
                Notice(
                    shown,
                    entry.key_lines.get("draft", 1),
                    DRAFT,
                    f"“{entry.title}” chưa đăng (draft: true); đổi thành draft: false khi muốn đăng.",
                )
            )
        elif entry.date is not None and entry.date > project.now:
            extra = ""
            if isinstance(entry, BulletinIssue):
                count = len(library.issue_articles(entry, published_only=False))
                extra = f", cùng {count} bài của số này"
            notices.append(
                Notice(
                    shown,
                    entry.key_lines.get("date", 1),
                    SCHEDULED,
                    f"“{entry.title}” sẽ lên trang web từ {links.when_text(entry)} (giờ Việt Nam){extra}.",
                )
            )
    return notices
