"""Print editions: a bulletin issue or an official document → print HTML → PDF.

Every printable thing comes out of the same Markdown as the web page: the HTML MkDocs
rendered for each page (``rendered``) is put into a print template of the theme
(``theme/print/issue.html``, ``theme/print/document.html``, Jinja), and :mod:`.pdf` turns the
result into a PDF with WeasyPrint.

- **Bulletin issue**, under the press law in force on the issue's date
  (:mod:`builder.content.press_law`; docs/ban-tin-luat-bao-chi.md): page 1 carries "BẢN TIN",
  the bulletin's name, the publishing body (its cơ quan chủ quản on that date,
  :mod:`builder.content.periods`), the issue label and date, the cover picture, the editorial
  and the table of contents with page numbers; the articles follow (title, author, pictures
  with captions) under a running header with the issue label; the colophon (licence,
  printer, print run, periodicity, person responsible; from 1 July 2026 also the publishing
  body and the licence's last valid day) stands at the foot of the last page. Page size from
  :class:`Settings`, two columns by default. Beyond 19 × 27 cm or 64 pages an issue dated
  before 1 July 2026 is refused (Luật Báo chí 2016, Điều 34); a later one is printed with a
  warning naming that source, since no such limit was confirmed in the 2025 law.
- **Official document** (Decree 30/2020/NĐ-CP, Appendix I; docs/domain.md §1): A4 portrait,
  margins from :class:`Settings` within the decree's ranges, Tinos (Times New Roman metrics,
  full Vietnamese) at 13–14 pt, page numbers centred in the top margin from page 2 on.

Links in the pages' HTML are made absolute against each page's public URL, so that a picture
of an article resolves to the site file it names (served by the restricted fetcher from
``SiteInfo.media``) and a link in the PDF leads to the published site. Only fonts committed
under ``theme/print/fonts/`` are used; anything drawn with another font is an error.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from builder.content import dates, press_law
from builder.content.downloads import size_label
from builder.content.images import front_matter_path
from builder.content.library import Library
from builder.content.model import BulletinIssue, Entry, OfficialDocument
from builder.content.text import normalise
from builder.errors import ContentError, ErrorList
from builder.outputs import figures, pdf

DEFAULT_PAPER = "190mm 270mm"
"""The bulletin's default page size: 19 × 27 cm, the largest of the 2016 regime
(:data:`builder.content.press_law.MAX_PAPER_MM`)."""
NAMED_PAPERS = {"A5": (148.0, 210.0), "B5": (176.0, 250.0)}
"""Named page sizes (ISO 216), both within 19 × 27 cm."""
MARGIN_RANGES = {"top": (20, 25), "right": (15, 20), "bottom": (20, 25), "left": (30, 35)}
"""Margins of official documents in mm (Decree 30/2020/NĐ-CP, Appendix I)."""
FONT_SIZE_RANGE = (13, 14)
"""Body text size of official documents in pt (Decree 30/2020/NĐ-CP, Appendix I)."""

FONT_FAMILY = "Bantin Tinos"
"""The CSS family of the committed Tinos files: a name no system font has, so that a font
file that fails to load can never be silently replaced by an installed "Tinos"."""
FONT_FILES = (
    ("Tinos-Regular.ttf", 400, "normal"),
    ("Tinos-Italic.ttf", 400, "italic"),
    ("Tinos-Bold.ttf", 700, "normal"),
    ("Tinos-BoldItalic.ttf", 700, "italic"),
)
"""One full file per style (docs/pitfalls.md §4.1: a family split over several files garbles glyphs)."""
FONT_DIR = "print/fonts"
"""Where the fonts are, inside a theme folder."""


@dataclass(frozen=True)
class Colophon:
    """The foot of a bulletin's last page (Luật Báo chí 2016, Điều 34 for issues before
    1 July 2026; the same data plus the licence's validity afterwards, see
    :mod:`builder.content.press_law`).

    Attributes:
        licence_number: số giấy phép ("12/GP-STTTT"); licence_date: ngày cấp (date or text);
        licence_authority: who granted it ("" to leave out); printer: nơi in;
        print_run: số lượng in (copies); periodicity: kỳ hạn xuất bản;
        responsible: người chịu trách nhiệm xuất bản;
        licence_valid_until: the licence's last valid day, or None.
    """

    licence_number: str = ""
    licence_date: date | str = ""
    licence_authority: str = ""
    printer: str = ""
    print_run: int | None = None
    periodicity: str = ""
    responsible: str = ""
    licence_valid_until: date | None = None

    REQUIRED = (
        ("licence_number", "số giấy phép xuất bản"),
        ("licence_date", "ngày cấp giấy phép"),
        ("printer", "nơi in"),
        ("print_run", "số lượng in"),
        ("periodicity", "kỳ hạn xuất bản"),
        ("responsible", "người chịu trách nhiệm xuất bản"),
    )

    def missing(self) -> list[str]:
        """The required keys that are empty, as "key (Vietnamese name)"."""
        return [f"{key} ({name})" for key, name in self.REQUIRED if getattr(self, key) in ("", None)]

    @property
    def licence_date_text(self) -> str:
        """The licence date as "15/01/2021" (text dates are kept as written)."""
        value = self.licence_date
        return f"{value.day:02d}/{value.month:02d}/{value.year}" if isinstance(value, date) else value

    @property
    def valid_until_text(self) -> str:
        """The licence's last valid day as "31/12/2026", "" when not given."""
        value = self.licence_valid_until
        return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else ""


@dataclass(frozen=True)
class Settings:
    """What the configuration decides about print editions.

    Attributes:
        enabled: make PDFs at all.
        paper: the bulletin's page size ("190mm 270mm", "19cm 27cm", "B5", "A5").
        columns: columns of the bulletin's article text (1 or 2).
        colophon: the bulletin's colophon.
        margins: official documents' (top, right, bottom, left) margins in mm.
        font_size: official documents' body size in pt.
    """

    enabled: bool = False
    paper: str = DEFAULT_PAPER
    columns: int = 2
    colophon: Colophon = field(default_factory=Colophon)
    margins: tuple[float, float, float, float] = (20, 15, 20, 30)
    font_size: float = 14


def paper_size(text: str) -> tuple[float, float]:
    """Width and height in mm of a page size written "190mm 270mm", "19cm 27cm" or "B5".

    Raises:
        ValueError: with a Vietnamese message when ``text`` is none of these.
    """
    name = text.strip().upper()
    if name in NAMED_PAPERS:
        return NAMED_PAPERS[name]
    match = re.fullmatch(
        r"\s*(\d+(?:[.,]\d+)?)\s*(mm|cm)\s*[x×\s]\s*(\d+(?:[.,]\d+)?)\s*(mm|cm)\s*", text, re.IGNORECASE
    )
    if not match:
        raise ValueError(
            f"Khổ giấy '{text}' không đọc được: viết chiều rộng và chiều cao, ví dụ \"190mm 270mm\", "
            '"19cm 27cm", hoặc tên khổ B5, A5.'
        )
    width, width_unit, height, height_unit = match.groups()
    scale = {"mm": 1.0, "cm": 10.0}
    return (
        float(width.replace(",", ".")) * scale[width_unit.lower()],
        float(height.replace(",", ".")) * scale[height_unit.lower()],
    )


def settings_problems(settings: Settings) -> list[str]:
    """Everything wrong with ``settings`` for making print editions, in Vietnamese.

    Rules: the colophon is complete, the page size readable, the licence's last valid day
    not before its grant; documents' margins and body size within Decree 30/2020/NĐ-CP,
    Appendix I. The page size's limit depends on each issue's date and is judged per issue
    (:func:`make_editions`).

    Returns:
        One message per problem, each naming the mkdocs.yml key; [] when all is right.
    """
    problems = []
    missing = settings.colophon.missing()
    if missing:
        problems.append(
            "Thiếu thông tin cuối trang của bản tin (plugins → bantin → editions → bulletin → colophon): "
            + ", ".join(missing)
            + ". Bản tin in phải ghi giấy phép xuất bản (Luật Báo chí 2025, Điều 48; "
            "trước 01/07/2026: Luật Báo chí 2016, Điều 34) và các thông tin in ấn này; "
            "bổ sung vào mkdocs.yml, hoặc đặt editions: enabled: false nếu chưa in bản tin."
        )
    colophon = settings.colophon
    if (
        colophon.licence_valid_until
        and isinstance(colophon.licence_date, date)
        and colophon.licence_valid_until < colophon.licence_date
    ):
        problems.append(
            f"Ngày hết hạn giấy phép (editions → bulletin → colophon → licence_valid_until) "
            f"{colophon.valid_until_text} trước ngày cấp {colophon.licence_date_text}: ghi lại đúng hai ngày "
            "như trên giấy phép."
        )
    try:
        paper_size(settings.paper)
    except ValueError as exc:
        problems.append(f"editions → bulletin → paper: {exc}")
    for name, value in zip(("top", "right", "bottom", "left"), settings.margins):
        low, high = MARGIN_RANGES[name]
        if not low <= value <= high:
            problems.append(
                f"Lề {name} của văn bản (editions → documents → margins → {name}) là {value} mm, ngoài khoảng "
                f"{low}–{high} mm của Nghị định 30/2020/NĐ-CP, Phụ lục I."
            )
    if not FONT_SIZE_RANGE[0] <= settings.font_size <= FONT_SIZE_RANGE[1]:
        problems.append(
            f"Cỡ chữ văn bản (editions → documents → font_size) là {settings.font_size} pt, ngoài khoảng "
            "13–14 pt của Nghị định 30/2020/NĐ-CP, Phụ lục I."
        )
    return problems


@dataclass(frozen=True)
class SiteInfo:
    """What the editions need to know about the site being built.

    Attributes:
        site_url: the public address, ending in "/".
        organisation: the publishing body; bulletin_name: "Bình đẳng giới".
        media: public URL → absolute path of every non-page file of the site (pictures ...).
        theme_dirs: the theme folders, first wins (``custom_dir`` first).
        shown_root: the prefix of content paths in messages ("content").
    """

    site_url: str
    organisation: str
    bulletin_name: str
    media: dict[str, str]
    theme_dirs: tuple[Path, ...]
    shown_root: str = "content"


@dataclass(frozen=True)
class Edition:
    """The PDF of one entry.

    Attributes:
        source: the entry's source path; path: the PDF's path in the site ("ban-tin/so-1/so-1.pdf");
        pages: page count; data: the PDF bytes; cached: True if no rendering was needed.
    """

    source: str
    path: str
    pages: int
    data: bytes = field(repr=False)
    cached: bool = False

    @property
    def size(self) -> int:
        """The PDF's size in bytes (the feed enclosure's length)."""
        return len(self.data)

    @property
    def size_label(self) -> str:
        """The size for readers: "312 KB", "1,4 MB" (:func:`builder.content.downloads.size_label`)."""
        return size_label(self.size)


@dataclass
class Outcome:
    """Result of :func:`make_editions`.

    Attributes:
        editions: entry source → its edition.
        warnings: URLs left out of a PDF (not files of the site), as located problems.
        errors: characters drawn with a font other than Tinos, as located problems.
    """

    editions: dict[str, Edition] = field(default_factory=dict)
    warnings: list[ContentError] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)

    @property
    def rendered(self) -> int:
        """How many PDFs were rendered (the others came from the cache)."""
        return sum(1 for e in self.editions.values() if not e.cached)


def pdf_path(entry: Entry) -> str:
    """Where an entry's PDF goes in the site: beside its page, named after its slug."""
    return f"{entry.url}{entry.slug}.pdf"


def make_editions(
    library: Library,
    rendered: dict[str, str],
    site: SiteInfo,
    settings: Settings,
    cache_dir: Path,
    workers: int | None = None,
) -> Outcome:
    """Make the PDF of every published bulletin issue and official document.

    Args:
        library: the content; rendered: entry source → the HTML MkDocs rendered for it;
        site: the site being built; settings: checked settings (:func:`settings_problems`);
        cache_dir: the PDF cache (``.cache/editions``); workers: at most this many processes (default: the build's
            policy, :mod:`builder.concurrency`).

    Returns:
        The editions with the problems found (see :class:`Outcome`).

    Raises:
        FileNotFoundError: a print template or font file is missing from the theme
            (Vietnamese message).
    """
    printer = _Printer(site, settings)
    entries = library.published("issue") + library.published("document")
    jobs, parts = [], {}
    for entry in entries:
        if isinstance(entry, BulletinIssue):
            articles = library.issue_articles(entry)
            parts[entry.source] = [entry, *articles]
            jobs.append(printer.issue_job(entry, articles, rendered))
        elif isinstance(entry, OfficialDocument):
            parts[entry.source] = [entry]
            jobs.append(printer.document_job(entry, rendered))
    outcome, warnings, errors = Outcome(), ErrorList(), ErrorList()
    for entry, result in zip(entries, pdf.render_cached(jobs, cache_dir, workers)):
        outcome.editions[entry.source] = Edition(
            entry.source, pdf_path(entry), result.pages, result.data, result.cached
        )
        if isinstance(entry, BulletinIssue):
            _judge_limits(entry, printer.paper, settings.paper, result.pages, site.shown_root, warnings, errors)
        for url in result.refused:
            path, line, col = _locate(parts[entry.source], _url_clues(url), site.shown_root)
            warnings.add(
                path,
                line,
                f"Bản in PDF bỏ qua '{url}': bản in chỉ dùng được tệp của chính trang web.",
                "Đặt ảnh vào thư mục của bài và ghi tên tệp (ví dụ anh.jpg) thay cho đường dẫn này.",
                col,
            )
        for family, chars in result.foreign_fonts:
            shown = " ".join(f"'{c}' (U+{ord(c):04X})" for c in chars[:8] if not c.isspace()) or "một số ký tự"
            where = "" if family.endswith("(.notdef)") else f" (máy chỉ tìm thấy chúng trong phông '{family}')"
            path, line, col = _locate(parts[entry.source], list(chars), site.shown_root)
            errors.add(
                path,
                line,
                f"Bản in PDF chỉ dùng phông Tinos, nhưng {shown} không có trong phông này.",
                f"Bỏ hoặc thay các ký tự này (biểu tượng cảm xúc, ký tự đặc biệt) bằng chữ thường{where}.",
                col,
            )
    outcome.warnings, outcome.errors = warnings.errors, errors.errors
    return outcome


class _Printer:
    """Builds the print HTML and the PDF job of each entry."""

    def __init__(self, site: SiteInfo, settings: Settings):
        self.site, self.settings = site, settings
        self.fonts = _font_files(site.theme_dirs)
        self.env = Environment(
            loader=FileSystemLoader([str(d) for d in site.theme_dirs]),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(
            css_string=css_string, display_date=_display_date, vn_number=lambda n: format_decimal(n, locale="vi")
        )
        self.paper = paper_size(settings.paper)

    def issue_job(self, issue: BulletinIssue, articles: list, rendered: dict[str, str]) -> pdf.PdfJob:
        """The PDF job of ``issue`` with its published ``articles`` in order."""
        page_url = self._url(issue.url)
        items = []
        for number, article in enumerate(articles, start=1):
            anchor = f"bai-{number}"
            items.append(
                {
                    "entry": article,
                    "anchor": anchor,
                    "image": self._asset_url(article, article.image),
                    "html": Markup(_prepare(rendered.get(article.source, ""), self._url(article.url), anchor)),
                }
            )
        updated = max((e.updated or e.date) for e in [issue, *articles])
        regime = press_law.regime_on(issue.date.astimezone(dates.VIETNAM).date())
        html = self._render(
            "print/issue.html",
            issue=issue,
            articles=items,
            regime=regime,
            publisher=issue.publisher or self.site.organisation,
            editorial=Markup(_prepare(rendered.get(issue.source, ""), page_url, "loi-toa-soan")),
            cover=self._asset_url(issue, issue.cover),
            paper=self.paper,
            columns=self.settings.columns,
            colophon=self.settings.colophon,
            running_header=f"Bản tin {self.site.bulletin_name} · {issue.label}",
            created=issue.date.isoformat(),
            modified=updated.isoformat(),
        )
        return self._job(issue, html, page_url)

    def document_job(self, document: OfficialDocument, rendered: dict[str, str]) -> pdf.PdfJob:
        """The PDF job of an official document in the Decree 30 layout."""
        page_url = self._url(document.url)
        html = self._render(
            "print/document.html",
            document=document,
            body=Markup(_prepare(rendered.get(document.source, ""), page_url, "vb")),
            date_line=dates.official_date_line(document.place, document.date.astimezone(dates.VIETNAM).date()),
            margins=self.settings.margins,
            font_size=self.settings.font_size,
            created=document.date.isoformat(),
            modified=(document.updated or document.date).isoformat(),
        )
        return self._job(document, html, page_url)

    def _render(self, template: str, **context) -> str:
        try:
            page = self.env.get_template(template)
        except Exception as exc:  # TemplateNotFound and syntax errors: the theme is broken, not the content
            raise FileNotFoundError(f"Không đọc được mẫu bản in theme/{template} ({exc}).") from exc
        fonts = [{"url": url, "weight": weight, "style": style} for url, weight, style in self.fonts]
        return normalise(page.render(font_family=FONT_FAMILY, fonts=fonts, site=self.site, **context))

    def _job(self, entry: Entry, html: str, page_url: str) -> pdf.PdfJob:
        resources = {url: str(Path(unquote(urlsplit(url).path))) for url, _, _ in self.fonts}
        for url in _resource_urls(html, page_url):
            path = self.site.media.get(unquote(url))
            if path is not None:
                resources[url] = path
        return pdf.PdfJob(
            name=entry.source, html=html, base_url=page_url, resources=resources, font_families=(FONT_FAMILY,)
        )

    def _url(self, path: str) -> str:
        return urljoin(self.site.site_url, path)

    def _asset_url(self, entry: Entry, name: str) -> str:
        """The public URL of a file named in front matter (media keep their source path)."""
        if not name:
            return ""
        return self._url(front_matter_path(entry.source, name))


def _judge_limits(
    issue: BulletinIssue,
    paper: tuple[float, float],
    paper_text: str,
    pages: int,
    shown_root: str,
    warnings: ErrorList,
    errors: ErrorList,
) -> None:
    """Judge an issue's page size and page count by the law in force on its date: beyond
    19 × 27 cm or 64 pages, refused under the 2016 law; after it, a warning naming that
    source (no limit was confirmed in the 2025 law: docs/ban-tin-luat-bao-chi.md)."""
    day = issue.date.astimezone(dates.VIETNAM).date()
    in_force = press_law.regime_on(day).limits_in_force
    path, line = _shown(shown_root, issue.source), issue.key_lines.get("date", 1)
    (max_w, max_h), (w, h) = press_law.MAX_PAPER_MM, paper
    if min(w, h) > max_w or max(w, h) > max_h:
        if in_force:
            errors.add(
                path,
                line,
                f"Số bản tin ngày {day:%d/%m/%Y} in khổ '{paper_text}' (editions → bulletin → paper), "
                "lớn hơn 19 × 27 cm, khổ tối đa của bản tin theo Luật Báo chí 2016, Điều 34 (còn hiệu lực vào "
                "ngày phát hành).",
                'Đặt paper: "190mm 270mm" hoặc B5 trong mkdocs.yml.',
            )
        else:
            warnings.add(
                path,
                line,
                f"Số bản tin ngày {day:%d/%m/%Y} in khổ '{paper_text}' (editions → bulletin → "
                f"paper), lớn hơn 19 × 27 cm; {press_law.limit_source()}.",
                "Nếu giấy phép hoặc quy định mới có giới hạn khổ giấy, đặt paper cho phù hợp trong mkdocs.yml.",
            )
    if pages > press_law.MAX_PAGES:
        if in_force:
            errors.add(
                path,
                line,
                f"Bản in của số bản tin ngày {day:%d/%m/%Y} có {pages} trang, quá "
                f"{press_law.MAX_PAGES} trang, mức tối đa của bản tin theo Luật Báo chí 2016, Điều 34 (còn hiệu "
                "lực vào ngày phát hành).",
                "Bớt bài hoặc ảnh của số này, hoặc chia thành hai số.",
            )
        else:
            warnings.add(
                path,
                line,
                f"Bản in của số bản tin ngày {day:%d/%m/%Y} có {pages} trang, quá "
                f"{press_law.MAX_PAGES} trang; {press_law.limit_source()}.",
                "Nếu giấy phép hoặc quy định mới có giới hạn số trang, bớt bài hoặc chia thành hai số.",
            )


def css_string(value: str) -> Markup:
    """``value`` as a quoted CSS string, safe inside ``<style>`` (Jinja filter)."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " .,:;/-_·–()+%?=&" or ord(ch) > 127 else f"\\{ord(ch):x} " for ch in value
    )
    return Markup(f'"{escaped}"')


def _display_date(value: datetime) -> str:
    return dates.display_date(value, weekday=False)


def _font_files(theme_dirs: tuple[Path, ...]) -> list[tuple[str, int, str]]:
    """``(file URL, weight, style)`` of each committed font file, first theme folder first.

    Raises:
        FileNotFoundError: a file is missing (Vietnamese message): never fall back silently.
    """
    found = []
    for name, weight, style in FONT_FILES:
        path = next((d / FONT_DIR / name for d in theme_dirs if (d / FONT_DIR / name).is_file()), None)
        if path is None:
            raise FileNotFoundError(
                f"Thiếu tệp phông chữ theme/{FONT_DIR}/{name}: bản in PDF chỉ dùng phông "
                "Tinos của dự án. Lấy lại tệp từ kho git (git checkout -- theme/print/fonts)."
            )
        found.append((path.resolve().as_uri(), weight, style))
    return found


def _prepare(html: str, page_url: str, prefix: str) -> str:
    """Make a page's HTML fit into a print edition.

    Links and pictures become absolute against ``page_url``; ids and same-page links get
    ``prefix`` (two articles may both have a "ket-luan" heading); a picture alone in its
    paragraph becomes a figure with its title (or alt text) as caption, and a paragraph right
    under it saying the same words (Word's "Caption" paragraph) is dropped, so the caption is
    printed once (:mod:`builder.outputs.figures`; the site's bodies have them already).
    """
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")

    def rewrite(link: str) -> str:
        return f"#{prefix}-{link[1:]}" if link.startswith("#") else urljoin(page_url, link)

    root.rewrite_links(rewrite, resolve_base_href=False)
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("id"):
            element.set("id", f"{prefix}-{element.get('id')}")
    figures.wrap_lone_pictures(root)  # the same captions as on the site
    wrapped = lxml.html.tostring(root, encoding="unicode")
    return wrapped[len("<div>") : -len("</div>")]


def _resource_urls(html: str, base_url: str) -> list[str]:
    """URLs WeasyPrint may fetch for ``html``: every link except ``<a href>``, absolute."""
    document = lxml.html.document_fromstring(html)
    urls = []
    for element, attribute, link, _ in document.iterlinks():
        if element.tag == "a" and attribute == "href":
            continue
        urls.append(urljoin(base_url, link))
    return urls


def _url_clues(url: str) -> list[str]:
    """Strings that may show where a refused URL was written: itself, then its file name."""
    clues = [url]
    tail = posixpath.basename(urlsplit(url).path)
    if tail:
        clues.append(tail)
    return clues


def _locate(entries: list[Entry], needles: list[str], shown_root: str) -> tuple[str, int, int]:
    """``(shown path, line, column)`` of the first place one of ``needles`` is written in
    ``entries``' bodies, else the start of the first entry's file (column 0: unknown)."""
    for entry in entries:
        for needle in needles:
            index = entry.body.find(needle) if needle else -1
            if index >= 0:
                line = entry.body_line + entry.body.count("\n", 0, index)
                col = index - (entry.body.rfind("\n", 0, index) + 1) + 1
                return _shown(shown_root, entry.source), line, col
    return _shown(shown_root, entries[0].source), 1, 0


def _shown(root: str, source: str) -> str:
    return f"{root}/{source}" if root else source
