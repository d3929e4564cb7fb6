"""``bantin new TYPE "Tiêu đề"``: create the file of a new item, ready to write in.

The file goes in its type's folder under a name made from the title's slug, with every front
matter key of the type (:mod:`builder.content.scaffold`) and today's date in Vietnam. Before
anything is written, the text is read back by the content model itself (the same parse and
assemble the build runs) to get the URL it will have, and refused if that URL or document
number is taken. An existing file is never overwritten. A bulletin article is added to its
issue's ``articles`` list, the only change ever made to an existing file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from builder.build import UsageError
from builder.content import scaffold
from builder.content.assemble import assemble
from builder.content.document_types import LAYOUTS, layout_for
from builder.content.fields import FieldError, document_number
from builder.content.library import Library
from builder.content.model import BulletinIssue, OfficialDocument, Signer
from builder.content.reader import parse, read_tree
from builder.content.slugs import slugify
from builder.content.text import normalise
from builder.editor.project import Project
from builder.errors import ErrorList

TYPES = {
    "news": "news",
    "tin-tuc": "news",
    "issue": "issue",
    "so-ban-tin": "issue",
    "issue-article": "issue_article",
    "bai-ban-tin": "issue_article",
    "column": "column",
    "phu-nu-va-cuoc-song": "column",
    "document": "document",
    "van-ban": "document",
}
"""The TYPE argument (English names, or the Vietnamese folder names) → content type."""

PLACEHOLDER_SIGNER = Signer(("TM. BAN THƯỜNG VỤ",), "CHỦ TỊCH", "Họ và tên người ký")
MINUTES_SIGNERS = (Signer((), "CHỦ TỌA", "Họ và tên chủ tọa"), Signer((), "THƯ KÝ", "Họ và tên thư ký"))
"""The chair (``signer``, right) and the secretary (``secretary``, left) a new biên bản starts
with (Decree 30/2020/NĐ-CP, Appendix III, Mẫu 1.9): a meeting's minutes are not signed by the
register's last signer, and without ``secretary`` the file would be refused."""


class Refused(Exception):
    """The file cannot be created as asked (it exists, or its URL or number is taken)."""


@dataclass
class Created:
    """A file ``bantin new`` wrote: its printed ``path``, its future ``url`` and notes for the editor."""

    path: str
    url: str
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Request:
    """What the editor asked for: the TYPE, the title, and the options of ``bantin new``."""

    type: str
    title: str
    issue: str = ""
    slug: str = ""
    document_type: str = "Kế hoạch"
    number: str = ""


def create(project: Project, request: Request) -> Created:
    """Create the file for ``request`` in ``project``.

    Raises:
        UsageError: the request itself is wrong (no title, unknown issue, bad number).
        Refused: the file exists, or its URL or document number is already used.
    """
    kind = TYPES[request.type]
    title = " ".join(normalise(request.title).split())
    if not title:
        raise UsageError('Tiêu đề đang để trống. Ví dụ: bantin new news "Hội nghị tổng kết năm 2021"')
    slug = _slug(request.slug or title, bool(request.slug))
    library, _ = read_tree(project.content_dir, project.defaults, project.now)
    source, text, notes = _plan(project, library, kind, title, slug, request)
    path = project.content_dir / source
    shown = project.shown(source)
    if path.exists():
        raise Refused(f"Đã có tệp {shown}: không ghi đè. Đặt tiêu đề khác, hoặc chọn tên khác bằng --slug ten-khac.")
    url = _future_url(project, library, source, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    if kind == "issue_article":
        notes.append(_add_to_issue(project, path.parent / "index.md", path.name))
    notes.append(
        "Bài đang là bản nháp (draft: true): viết xong, đổi thành draft: false để đăng, rồi chạy 'bantin check'."
    )
    return Created(path=shown, url=project.site_url + url if project.site_url else "/" + url, notes=notes)


def _slug(text: str, explicit: bool) -> str:
    slug = slugify(text)
    if not slug:
        what = "--slug" if explicit else "Tiêu đề"
        raise UsageError(f"{what} không có chữ cái hay chữ số nào để làm tên tệp. Thêm --slug ten-bai.")
    return slug


def _plan(
    project: Project, library: Library, kind: str, title: str, slug: str, request: Request
) -> tuple[str, str, list[str]]:
    """``(source relative to content/, text, notes)`` of the new file."""
    now = project.now
    if kind == "news":
        return f"tin-tuc/{slug}.md", scaffold.news(title, now, request.slug and slug), []
    if kind == "column":
        return f"phu-nu-va-cuoc-song/{slug}.md", scaffold.column(title, now, request.slug and slug), []
    if kind == "issue":
        numbers = [e.number for e in library.entries.values() if isinstance(e, BulletinIssue)]
        number = scaffold.next_issue_number(numbers)
        return (
            f"ban-tin/{slug}/index.md",
            scaffold.issue(title, number, now),
            [f'Số thứ tự {number}; các bài của số: bantin new issue-article "Tiêu đề" --issue {slug}'],
        )
    if kind == "issue_article":
        folder = _issue_folder(project, request.issue)
        return f"ban-tin/{folder}/{slug}.md", scaffold.issue_article(title, request.slug and slug), []
    return _document(project, library, title, request)


def _issue_folder(project: Project, asked: str) -> str:
    folders = sorted(p.parent.name for p in (project.content_dir / "ban-tin").glob("*/index.md"))
    name = PurePosixPath(asked.strip().rstrip("/")).name if asked.strip() else ""
    if name in folders:
        return name
    known = ", ".join(folders) if folders else 'chưa có số nào: tạo bằng bantin new issue "Số ..."'
    if not name:
        raise UsageError(f"Bài bản tin cần tên thư mục của số bản tin: thêm --issue TÊN-SỐ (có: {known}).")
    raise UsageError(f"Không có số bản tin '{asked}' trong content/ban-tin/ (có: {known}).")


def _document(project: Project, library: Library, title: str, request: Request) -> tuple[str, str, list[str]]:
    kind = request.document_type.strip()
    # The type as the guide spells it ("công văn" → "Công văn"): the register lists a type per
    # spelling (/van-ban/loai/...), so one type written two ways would show twice.
    known = {name.casefold(): name for name in (*scaffold.ABBREVIATIONS, *LAYOUTS)}
    kind = known.get(" ".join(kind.split()).casefold(), kind)
    documents = [e for e in library.entries.values() if isinstance(e, OfficialDocument)]
    today = project.now.date()  # project.now is in Vietnam time
    issuer = project.defaults.issuer_on(today)  # the names in force today (builder/content/periods.py)
    if request.number:
        try:
            number = document_number(request.number)
        except FieldError as exc:
            raise UsageError(f"--number: {exc.message} {exc.hint}") from None
    else:
        number = scaffold.next_document_number(documents, issuer, project.now.year, kind)
        if number is None:
            raise UsageError(
                f"Chưa biết viết tắt của loại văn bản '{kind}': thêm --number \"số/KÝ-HIỆU\", "
                'ví dụ --number "12/BTV-VP".'
            )
    mine = sorted((d for d in documents if issuer is None or d.issuer == issuer), key=lambda d: (d.date, d.source))
    signer = mine[-1].signer if mine and mine[-1].signer else PLACEHOLDER_SIGNER
    secretary = None
    if layout_for(kind).secretary:  # signed twice (a biên bản): chair right, secretary left
        signer, secretary = MINUTES_SIGNERS
    fields = scaffold.DocumentFields(
        document_type=kind,
        document_number=number,
        summary_line=title,
        place=project.defaults.place_on(today) or "Quảng Trị",
        issuer=issuer,
        signer=signer,
        motto=project.defaults.motto,
        secretary=secretary,
    )
    slug = request.slug and slugify(request.slug)
    file_slug = slug or slugify(f"{kind} {number} {project.now.year}")
    notes = [f"Số, ký hiệu {number} và người ký ({signer.name}) là gợi ý: kiểm tra lại với văn thư."]
    return f"van-ban/{file_slug}.md", scaffold.document(fields, project.now, slug), notes


def _future_url(project: Project, library: Library, source: str, text: str) -> str:
    """The URL the model gives the new file, read exactly as the build will read it.

    Raises:
        Refused: another item already has that URL, or (documents) that number.
        UsageError: the generated text does not pass the model's checks (a bug to report).
    """
    errors, parsed = ErrorList(), []
    shown = project.shown(source)
    issue = str(PurePosixPath(source).parent / "index.md")
    if source.startswith("ban-tin/") and issue != source:
        issue_text = (project.content_dir / issue).read_bytes().decode("utf-8-sig")
        parsed.append((project.shown(issue), parse(issue_text, issue, project.shown(issue), ErrorList())))
    new = parse(text, source, shown, errors)
    parsed.append((shown, new))
    own = assemble([p for p in parsed if p[1] is not None], project.defaults, project.now, errors)
    mine = [e for e in errors.errors if e.path == shown]
    if mine:
        raise UsageError(f"Tệp mới không hợp lệ ({'; '.join(e.format() for e in mine)}). Báo cho nhóm kỹ thuật.")
    if source not in own.entries:  # its issue could not be read
        raise Refused(f"Số bản tin {project.shown(issue)} đang có lỗi: chạy 'bantin check' và sửa trước.")
    entry = own.entries[source]
    for other in library.entries.values():  # the same rules as assemble's checks across files
        if (
            isinstance(entry, OfficialDocument)
            and isinstance(other, OfficialDocument)
            and (other.issuer.body.casefold(), other.date.year, other.document_number)
            == (entry.issuer.body.casefold(), entry.date.year, entry.document_number)
        ):
            raise Refused(
                f"Số, ký hiệu {entry.document_number} năm {entry.date.year} đã dùng cho "
                f"{project.shown(other.source)}. Chọn số khác bằng --number."
            )
    for other in library.entries.values():
        if other.url == entry.url:
            raise Refused(
                f"Đường dẫn /{entry.url} đã thuộc về {project.shown(other.source)}. "
                "Đặt tiêu đề khác, hoặc chọn đường dẫn khác bằng --slug ten-khac."
            )
    return entry.url


def _add_to_issue(project: Project, index: Path, name: str) -> str:
    raw = index.read_bytes()
    text = raw.decode("utf-8")
    updated = scaffold.add_article(text, name)
    shown = project.shown(normalise(index.relative_to(project.content_dir).as_posix()))
    if updated is None:
        return f"Thêm dòng '  - {name}' vào danh sách 'articles' của {shown} ở vị trí muốn đăng."
    if updated == text:
        return f"Số bản tin {shown} không có danh sách 'articles': các bài hiện theo thứ tự tên tệp."
    tmp = index.with_name(f".{index.name}.bantin-new")
    tmp.write_bytes(updated.encode("utf-8"))
    os.replace(tmp, index)
    return f"Đã thêm '{name}' vào cuối danh sách 'articles' của {shown} (đổi thứ tự ở đó nếu cần)."
