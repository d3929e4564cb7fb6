"""Assembling parsed files into entries, and the checks that span several files.

Per file: the slug and URL of each content type, values inherited (an issue article takes
its issue's date), defaults from the site configuration. Across files: two entries may never
share a URL, an issue's ``articles`` list must match its folder, and a document number is
unique per issuing body and year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
import posixpath
from pathlib import PurePosixPath

from builder.content import albums
from builder.content import licence as licences
from builder.content.calendar import Calendar, looks_like_key, short_date
from builder.content.dates import VIETNAM
from builder.content.document_types import layout_for, type_name
from builder.content.fields import FieldError, text
from builder.content.frontmatter import FrontMatter
from builder.content.library import Library
from builder.content.model import (
    Album,
    BulletinIssue,
    ColumnEntry,
    DownloadFile,
    Entry,
    Issuer,
    IssueArticle,
    NewsArticle,
    OfficialDocument,
    Page,
)
from builder.content.occasions import CALENDAR_FILE
from builder.content import limits
from builder.content.periods import Period, period_on
from builder.content.slugs import slugify
from builder.content.terms import unify
from builder.errors import ErrorList


@dataclass(frozen=True)
class Defaults:
    """Site-wide values that front matter may leave out (from the site configuration).

    Attributes:
        issuer: the usual issuing body of official documents, or None (dates before every period).
        place: the usual place of the date line ("Quảng Trị") (dates before every period).
        motto: whether documents show the national motto by default.
        bulletin_name: the bulletin's name, used in issue titles ("Bình đẳng giới").
        organisation: the publishing body a bulletin names when no period gives its publisher.
        periods: the names in force from each date on (:mod:`builder.content.periods`):
            a document or issue takes those of its own date.
        licence: the bulletin's licence (:mod:`builder.content.licence`), or None.
    """

    issuer: Issuer | None = None
    place: str = ""
    motto: bool = True
    bulletin_name: str = "Bình đẳng giới"
    organisation: str = ""
    periods: tuple[Period, ...] = ()
    licence: licences.Licence | None = None

    def issuer_on(self, day: date) -> Issuer | None:
        """The issuer in force on ``day``: its period's lines, else ``issuer``."""
        period = period_on(self.periods, day)
        return Issuer(period.parent, period.body) if period is not None and period.body else self.issuer

    def place_on(self, day: date) -> str:
        """The date line's place in force on ``day``: its period's, else ``place``."""
        period = period_on(self.periods, day)
        return period.place if period is not None and period.place else self.place

    def publisher_on(self, day: date) -> str:
        """The body a bulletin issue of ``day`` names (its cơ quan chủ quản): its period's
        ``publisher``, else ``organisation``."""
        period = period_on(self.periods, day)
        return period.publisher if period is not None and period.publisher else self.organisation


@dataclass(frozen=True)
class Parsed:
    """One file after :func:`builder.content.reader.parse`.

    Attributes:
        source: path relative to ``content/``; kind: its content type;
        values: typed front matter values (:func:`builder.content.schema.check`);
        front: the split of the file.
    """

    source: str
    kind: str
    values: dict
    front: FrontMatter = field(repr=False)


def assemble(
    parsed: list[tuple[str, Parsed]],
    defaults: Defaults,
    now: datetime | None,
    errors: ErrorList,
    calendar: Calendar = Calendar(),
) -> Library:
    """Turn parsed files into a library and run the checks across files.

    Args:
        parsed: ``(shown path, parsed file)`` pairs; issues must be present for their articles.
        defaults: site-wide values; now: the moment deciding what is published.
        errors: where problems go. A file with a problem here is left out.
        calendar: the occasions an issue's ``anniversaries`` may name by key.

    Returns:
        The library of every entry that could be built.
    """
    library, shown = Library(now=now, calendar=calendar), {}
    issues = {p.source: p for _, p in parsed if p.kind == "issue"}
    for path, item in sorted(parsed, key=lambda pair: pair[1].kind != "issue"):
        entry = _entry(item, path, defaults, library, issues, errors)
        if entry is not None:
            library.entries[entry.source], shown[entry.source] = entry, path
    _check_document_numbers(library, shown, errors)  # first: a repeated number also repeats the URL
    _check_url_lengths(library, shown, errors)
    _check_urls(library, shown, errors)
    _check_issue_lists(library, {p.source for _, p in parsed}, shown, errors)
    _check_issue_numbers(library, shown, errors)
    albums.check_references(library, shown, errors)
    library.respellings = unify(library)  # last: on the entries that are kept
    return library


def _common(item: Parsed, slug: str, url: str) -> dict:
    v = item.values
    keep = ("date", "updated", "description", "categories", "tags", "authors", "image", "image_alt", "video", "draft")
    return dict(
        {k: v[k] for k in keep if k in v},
        source=item.source,
        slug=slug,
        url=url,
        title=v.get("title", ""),
        body=item.front.body,
        body_line=item.front.body_line,
        key_lines=item.front.key_lines,
        item_lines=item.front.item_lines,
    )


def _title_slug(item: Parsed) -> str:
    stem = posixpath.splitext(posixpath.basename(item.source))[0]  # strings: pathlib costs 0.1 s per 10,000 files
    return item.values.get("slug") or slugify(item.values.get("title", "")) or slugify(stem) or "bai-viet"


def _entry(
    item: Parsed, path: str, defaults: Defaults, library: Library, issues: dict, errors: ErrorList
) -> Entry | None:
    v = item.values
    if item.kind == "news":
        slug = _title_slug(item)
        return NewsArticle(**_common(item, slug, f"tin-tuc/{slug}/"))
    if item.kind == "column":
        if "month" not in v or "year" not in v:
            return None
        slug = _title_slug(item)
        return ColumnEntry(**_common(item, slug, f"phu-nu-va-cuoc-song/{slug}/"), month=v["month"], year=v["year"])
    if item.kind == "issue":
        return _issue(item, path, defaults, library.calendar, errors)
    if item.kind == "issue_article":
        return _issue_article(item, path, library, issues, errors)
    if item.kind == "document":
        return _document(item, path, defaults, errors)
    if item.kind == "download":
        if "file" not in v:
            return None
        # From the .md file's name, not the title: retitling keeps the address (builder.content.downloads).
        stem = posixpath.splitext(posixpath.basename(item.source))[0]
        slug = v.get("slug") or slugify(stem) or "tai-lieu"
        return DownloadFile(**_common(item, slug, f"tai-lieu/{slug}/"), file=v["file"])
    if item.kind == "album":
        return _album(item)
    return _page(item, path, errors)


def _album(item: Parsed) -> Album | None:
    """An album's entry: its URL from its folder's name (as a bulletin issue's), its card and
    listing thumbnail the first photo unless ``image`` names another."""
    v = item.values
    if not {"title", "date", "photos"} <= v.keys():
        return None
    folder = PurePosixPath(item.source).parent.name
    slug = v.get("slug") or slugify(folder) or _title_slug(item)
    common = _common(item, slug, f"album/{slug}/")
    if not common.get("image"):
        first = v["photos"][0]
        common["image"], common["image_alt"] = first.file, first.alt
        common["key_lines"] = {**common["key_lines"], "image": item.front.key_lines.get("photos", 1)}
    return Album(**common, photos=v["photos"])


GENERATED_TOP = ("tin-tuc", "ban-tin", "phu-nu-va-cuoc-song", "van-ban", "album", "chu-de", "tu-khoa", "tai-lieu")
"""First URL segments owned by generated listings (builder.content.listings)."""


def _page(item: Parsed, path: str, errors: ErrorList) -> Page | None:
    parts = [slugify(p) or p for p in PurePosixPath(item.source).with_suffix("").parts]
    if parts[-1] == "index":
        parts.pop()
    if "slug" in item.values and parts:
        parts[-1] = item.values["slug"]
    if not parts or parts[0] in GENERATED_TOP:
        errors.add(
            path,
            item.front.key_lines.get("slug", 1),
            f"Trang này sẽ có đường dẫn /{'/'.join(parts)}/, trùng với trang danh sách do hệ thống tự tạo.",
            "Đổi tên tệp (hoặc dòng 'slug:'), ví dụ thêm '-gioi-thieu' vào cuối.",
        )
        return None
    return Page(**_common(item, parts[-1], "/".join(parts) + "/"))


def _issue(item: Parsed, path: str, defaults: Defaults, calendar: Calendar, errors: ErrorList) -> BulletinIssue | None:
    v = item.values
    if not {"number", "label", "date"} <= v.keys():
        return None
    folder = PurePosixPath(item.source).parent.name
    slug = v.get("slug") or slugify(folder) or f"so-{v['number']}"
    common = _common(item, slug, f"ban-tin/{slug}/")
    common["title"] = v.get("title") or f"Bản tin {defaults.bulletin_name}, {v['label']}"
    extra = {k: v[k] for k in ("special", "cover", "cover_alt", "articles") if k in v}
    titles, occurrences = _anniversaries(item, path, calendar, errors)
    day = v["date"].astimezone(VIETNAM).date()
    if not v.get("draft", False):  # a draft is not published: it may wait for the new licence
        licences.check_issue(defaults.licence, day, path, _line_of(item, "date"), errors)
    return BulletinIssue(
        **common,
        number=v["number"],
        label=v["label"],
        anniversaries=titles,
        occurrences=occurrences,
        publisher=defaults.publisher_on(day),
        **extra,
    )


def _anniversaries(item: Parsed, path: str, calendar: Calendar, errors: ErrorList) -> tuple[tuple, tuple]:
    """Titles and occurrences of an issue's ``anniversaries``: a text in key form must be an
    occasion of the calendar (its title is computed for the issue's date); other text is kept."""
    written = item.values.get("anniversaries", ())
    day = item.values["date"].astimezone(VIETNAM).date()
    lines = _item_lines(item, "anniversaries")
    titles, occurrences = [], []
    for name in written:
        if not looks_like_key(name):
            titles.append(name)
            continue
        occurrence = calendar.marked(name, day)
        if occurrence is not None:
            titles.append(occurrence.title)
            occurrences.append(occurrence)
        elif calendar.get(name) is None:
            close = calendar.closest_key(name)
            hint = f"Có phải là '{close.key}' ({close.name})? " if close else ""
            errors.add(
                path,
                lines.get(name, _line_of(item, "anniversaries")),
                f"Không có ngày kỷ niệm '{name}' trong lịch {calendar.path or CALENDAR_FILE}.",
                hint + "Ghi tên khóa (key) có trong lịch, hoặc ghi cả câu có dấu, ví dụ: "
                '"Kỷ niệm 50 năm thành lập Hội phụ nữ xã".',
                1,
            )
        else:
            errors.add(
                path,
                lines.get(name, _line_of(item, "anniversaries")),
                f"Ngày kỷ niệm '{name}' không có dịp nào gần ngày phát hành {short_date(day)} của số này.",
                f"Kiểm tra ngày phát hành ('date') hoặc các năm ghi trong lịch {calendar.path or CALENDAR_FILE}.",
                1,
            )
    return tuple(titles), tuple(occurrences)


def _item_lines(item: Parsed, key: str) -> dict:
    """Line of each item of a front matter list, by its text as converted (first one wins)."""
    raw = item.front.data.get(key)
    lines = item.front.item_lines.get(key, ())
    if not isinstance(raw, list):
        return {}
    found: dict = {}
    for value, line in zip(raw, lines):
        try:
            found.setdefault(text(value), line)
        except FieldError:
            pass
    return found


def _line_of(item: Parsed, key: str) -> int:
    return item.front.key_lines.get(key, 1)


def _issue_article(item: Parsed, path: str, library: Library, issues: dict, errors: ErrorList) -> IssueArticle | None:
    issue_source = str(PurePosixPath(item.source).parent / "index.md")
    issue = library.entries.get(issue_source)
    if issue is None:
        if issue_source not in issues:
            errors.add(
                path,
                1,
                "Bài này nằm trong thư mục chưa có tệp index.md của số bản tin.",
                "Tạo index.md trong cùng thư mục (số, tên số, ngày phát hành) hoặc chuyển bài sang thư mục tin-tuc/.",
            )
        return None
    name = PurePosixPath(item.source).name
    position = issue.articles.index(name) + 1 if name in issue.articles else len(issue.articles) + 1
    slug = _title_slug(item)
    fields = _common(item, slug, f"{issue.url}{slug}/")
    fields.update(date=issue.date, draft=item.values.get("draft", False))
    return IssueArticle(**fields, issue=issue_source, position=position)


def _document(item: Parsed, path: str, defaults: Defaults, errors: ErrorList) -> OfficialDocument | None:
    v = item.values
    day = v["date"].astimezone(VIETNAM).date() if "date" in v else None
    # A document keeps the names in force on its own date (the 2025 reorganisation changed them).
    issuer = v.get("issuer") or (defaults.issuer_on(day) if day else defaults.issuer)
    place = v.get("place") or (defaults.place_on(day) if day else defaults.place)
    if issuer is None:
        errors.add(
            path,
            1,
            "Thiếu 'issuer' (cơ quan ban hành), và cấu hình trang chưa có cơ quan ban hành mặc định.",
            "Thêm dòng: issuer: {parent: HỘI LHPN VIỆT NAM, body: BAN THƯỜNG VỤ HỘI LHPN TỈNH}",
        )
    if not place:
        errors.add(path, 1, "Thiếu 'place' (địa danh ở dòng ngày tháng).", "Thêm dòng, ví dụ: place: Quảng Trị")
    if (
        issuer is None
        or not place
        or not {"document_type", "document_number", "date", "summary_line", "signer"} <= v.keys()
    ):
        return None
    number, kind = v["document_number"], type_name(v["document_type"])  # one spelling per type
    slug = v.get("slug") or slugify(f"{kind} {number} {v['date'].year}")
    fields = _common(item, slug, f"van-ban/{slug}/")
    prefix = layout_for(kind).subject_prefix  # a letter's title reads "Công văn số 45/HPN-TG: V/v ..."
    summary = v["summary_line"]
    if prefix and summary.casefold().startswith(prefix.casefold() + " "):
        summary = summary[len(prefix) :].strip()  # typed "V/v ..." by hand: the page prints "V/v" itself
    fields["title"] = v.get("title") or f"{kind} số {number}: {prefix + ' ' if prefix else ''}{summary}"
    extra = {k: v[k] for k in ("motto", "recipients", "addressees", "attachments", "secretary") if k in v}
    extra.setdefault("motto", defaults.motto)
    if not _secretary_fits(item, path, kind, errors):
        return None
    return OfficialDocument(
        **fields,
        document_type=kind,
        document_number=number,
        place=place,
        issuer=issuer,
        summary_line=summary,
        signer=v["signer"],
        **extra,
    )


def _secretary_fits(item: Parsed, path: str, kind: str, errors: ErrorList) -> bool:
    """Whether ``secretary`` is given exactly when the type is signed twice (a biên bản,
    Decree 30, Appendix III, Mẫu 1.9: the secretary left, the chair right); reports otherwise."""
    lines, wanted, given = item.front.key_lines, layout_for(kind).secretary, "secretary" in item.values
    if wanted and not given:
        errors.add(
            path,
            lines.get("document_type", 1),
            f"{kind} có hai chữ ký (Nghị định 30/2020/NĐ-CP, Mẫu 1.9): thư ký bên trái, chủ tọa bên "
            "phải, nhưng thiếu 'secretary' (thư ký).",
            "Thêm dòng: secretary: {title: THƯ KÝ, name: <họ tên thư ký>}; người ký 'signer' là chủ tọa "
            "(title: CHỦ TỌA hoặc CHỦ TRÌ).",
        )
    elif given and not wanted:
        errors.add(
            path,
            lines.get("secretary", 1),
            f"Chỉ biên bản có chữ ký thư ký; {kind} chỉ có một người ký ('signer').",
            "Xóa dòng 'secretary', hoặc sửa 'document_type' thành Biên bản nếu đây là biên bản.",
        )
    return wanted == given


def _line(entry: Entry, key: str) -> int:
    return entry.key_lines.get(key, 1)


def _check_url_lengths(library: Library, shown: dict, errors: ErrorList) -> None:
    """A URL part longer than :data:`~builder.content.limits.MAX_SLUG` cannot be a file name
    (the page's folder, its card): reported at ``slug`` if given, else at what it comes from."""
    for source, entry in list(library.entries.items()):
        longest = max(entry.url.strip("/").split("/"), key=len)
        if len(longest) <= limits.MAX_SLUG:
            continue
        given = "slug" in entry.key_lines
        origin = "slug" if given else next((k for k in ("title", "label", "summary_line") if k in entry.key_lines), "")
        shorter = "-".join(longest.split("-")[:8])[: limits.MAX_SLUG // 2]  # the first words
        errors.add(
            shown[source],
            _line(entry, origin) if origin else 1,
            f"Đường dẫn của bài dài {len(longest)} ký tự (tối đa {limits.MAX_SLUG}): "
            f"{'dòng slug' if given else 'tiêu đề'} quá dài, không ghi được thành tên tệp.",
            f"Viết đường dẫn ngắn hơn: slug: {shorter}"
            if given
            else f"Rút gọn tiêu đề, hoặc thêm dòng đường dẫn ngắn: slug: {shorter}",
            1,
        )
        del library.entries[source]


_URL_HINTS = {
    "download": "Đổi tên một trong hai tệp .md (địa chỉ trang của tài liệu lấy theo tên tệp .md, không theo "
    "thư mục con hay tiêu đề), hoặc thêm dòng 'slug: ...' với một đường dẫn khác.",
    "album": "Đổi tên thư mục của một trong hai album, hoặc sửa dòng 'slug: ...' cho khác nhau.",
    "issue": "Đổi tên thư mục của một trong hai số bản tin, hoặc sửa dòng 'slug: ...' cho khác nhau.",
}
"""What a URL is made from, for the kinds whose URL is not made from the title (assemble's
``_entry``): the hint of a clash names what the editor can change."""


def _check_urls(library: Library, shown: dict, errors: ErrorList) -> None:
    owners: dict[str, Entry] = {}
    for entry in sorted(library.entries.values(), key=lambda e: e.source):
        first = owners.setdefault(entry.url, entry)
        if first is not entry:
            errors.add(
                shown[entry.source],
                _line(entry, "slug"),
                f"Đường dẫn /{entry.url} trùng với bài '{shown[first.source]}'.",
                _URL_HINTS.get(
                    entry.kind, "Đổi tiêu đề một trong hai bài, hoặc thêm dòng 'slug: ...' với một đường dẫn khác."
                ),
            )
    for source in [s for s, e in library.entries.items() if owners[e.url] is not e]:
        del library.entries[source]


def _check_issue_lists(library: Library, sources: set[str], shown: dict, errors: ErrorList) -> None:
    """An issue's ``articles`` must name exactly the Markdown files of its folder (``sources``:
    every file read, including ones with problems of their own, reported apart)."""
    in_folder: dict[str, set[str]] = {}  # grouped once: per issue it would be O(issues × files)
    for source in sources:
        folder, name = posixpath.split(source)
        in_folder.setdefault(folder or ".", set()).add(name)
    for issue in [e for e in library.entries.values() if isinstance(e, BulletinIssue)]:
        folder = posixpath.dirname(issue.source) or "."
        present = in_folder.get(folder, set()) - {"index.md"}
        lines = dict(zip(issue.articles, issue.item_lines.get("articles", ())))
        for name in issue.articles:
            if name not in present:
                errors.add(
                    shown[issue.source],
                    lines.get(name, _line(issue, "articles")),
                    f"Danh sách bài 'articles' có '{name}' nhưng thư mục {folder}/ không có bài này.",
                    "Sửa tên tệp trong danh sách cho đúng, hoặc xóa dòng đó.",
                )
        for name in sorted(present - set(issue.articles)) if issue.articles else ():
            errors.add(
                shown[issue.source],
                _line(issue, "articles"),
                f"Bài '{name}' có trong thư mục nhưng chưa có trong danh sách 'articles'.",
                f"Thêm dòng '  - {name}' vào danh sách 'articles' ở vị trí muốn đăng.",
            )


def _check_issue_numbers(library: Library, shown: dict, errors: ErrorList) -> None:
    """Issue numbers run: two issues may not carry the same ``number``."""
    seen: dict[int, BulletinIssue] = {}
    for issue in sorted((e for e in library.entries.values() if isinstance(e, BulletinIssue)), key=lambda e: e.source):
        first = seen.setdefault(issue.number, issue)
        if first is not issue:
            errors.add(
                shown[issue.source],
                _line(issue, "number"),
                f"Số thứ tự {issue.number} đã dùng cho số bản tin '{shown[first.source]}'.",
                "Mỗi số bản tin có một số thứ tự riêng, tăng dần: sửa dòng 'number:'.",
                1,
            )


def _check_document_numbers(library: Library, shown: dict, errors: ErrorList) -> None:
    seen: dict[tuple, OfficialDocument] = {}
    for doc in sorted((e for e in library.entries.values() if isinstance(e, OfficialDocument)), key=lambda e: e.source):
        key = (doc.issuer.body.casefold(), doc.date.year, doc.document_number)
        first = seen.setdefault(key, doc)
        if first is not doc:
            errors.add(
                shown[doc.source],
                _line(doc, "document_number"),
                f"Số, ký hiệu {doc.document_number} năm {doc.date.year} đã dùng cho văn bản '{shown[first.source]}'.",
                "Mỗi cơ quan đánh số văn bản liên tục trong một năm: kiểm tra lại số văn bản.",
            )
            del library.entries[doc.source]
