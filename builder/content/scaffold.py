"""The text of a new content file, for ``bantin new``: every front matter key of its type.

Required keys are filled (title, today's date in Vietnam, the next issue or document number,
the usual issuer and signer); optional keys are present and empty, or commented out where an
empty value would not be valid (``updated``, ``slug``), each with a Vietnamese comment saying
what it is for. A new file starts as a draft (``draft: true``), so committing it half-written
publishes nothing. Values are written as the CMS writes them back (:mod:`builder.content.yaml_form`):
its first save drops the comments, and changes no value that was not edited.

Document type abbreviations follow Decree 30/2020/NĐ-CP, Appendix III (docs/domain.md §1.2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from builder.content.model import Issuer, OfficialDocument, Signer
from builder.content.yaml_form import scalar

ABBREVIATIONS = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
}
"""Document type (tên loại) → its abbreviation in the số, ký hiệu (Decree 30, Appendix III,
Part I; the 2020 table, which replaced Circular 01/2011's GN, TTh and NP with BGN, BTT and GNP).
A công văn has no type name and so no abbreviation: its number must be given."""

NUMBERED_AS = {"Thông báo kết luận": "Thông báo"}
"""Types editors name that the decree's table numbers as another type: a thông báo kết luận is
a thông báo (symbol TB). Kept apart from :data:`ABBREVIATIONS` because the importer reads that
table backwards (symbol → type), where "TB" must mean "Thông báo"."""

DEFAULT_SYMBOL = "BTV"
"""The issuing body's symbol when no earlier document shows it (Ban Thường vụ, docs/domain.md §1.2)."""

Line = tuple[str, str | None, str]
"""One front matter line: key (indented for nested keys, "  -" for a list item), YAML value
("" opens a nested block; None comments the line out), comment."""

DRAFT: Line = ("draft", "true", "Bản nháp, chưa đăng. Viết xong thì đổi thành false để đăng.")


def common_lines(slug_note: str) -> list[Line]:
    """The keys every content type has, after its own ones."""
    return [
        ("description", '""', "Tóm tắt một, hai câu: hiện ở danh sách bài, RSS và khi chia sẻ."),
        ("categories", "[]", "Chuyên mục, ví dụ: [Hoạt động Hội]"),
        ("tags", "[]", "Từ khóa, ví dụ: [Bình đẳng giới, Vĩnh Linh]"),
        ("authors", "[]", "Tác giả, ví dụ: [Nguyễn Thị Hoa]"),
        ("image", '""', "Ảnh đại diện, đặt cạnh tệp này, ví dụ: anh-dai-dien.jpg"),
        ("image_alt", '""', "Mô tả ảnh cho người khiếm thị (bắt buộc khi có ảnh)."),
        DRAFT,
        ("updated", None, "Ngày cập nhật, khi sửa một bài đã đăng, ví dụ: 2021-03-09"),
        ("slug", None, slug_note),
        ("video", None, "Video của bài: {file: phong-su.mp4, poster: anh-bia.jpg} hoặc {youtube: https://youtu.be/…}"),
    ]


def stamp(now: datetime) -> str:
    """The ``date`` value for ``now`` (already in Vietnam time): "2021-03-08 08:30"."""
    return f"{now:%Y-%m-%d %H:%M}"


def render(lines: list[Line], body: str) -> str:
    """The file's text: the front matter with aligned comments, then ``body``."""
    cells = [(_cell(key, value), comment) for key, value, comment in lines]
    width = max(len(cell) for cell, _ in cells) + 2
    front = "\n".join(f"{cell.ljust(width)}# {comment}" if comment else cell for cell, comment in cells)
    return f"---\n{front}\n---\n\n{body}\n"


def _cell(key: str, value: str | None) -> str:
    if value is None:
        return f"# {key}: ..."
    if key.endswith("-"):
        return f"{key} {value}"
    return f"{key}: {value}" if value else f"{key}:"


def news(title: str, now: datetime, slug: str = "") -> str:
    """A news article (``tin-tuc/``)."""
    lines = [
        ("title", scalar(title), ""),
        ("date", stamp(now), "Ngày giờ đăng (giờ Việt Nam); ngày sau hôm nay là hẹn giờ đăng."),
    ]
    return render(
        lines + _with_slug(common_lines("Đường dẫn riêng; mặc định lấy theo tiêu đề."), slug),
        "Viết nội dung bài ở đây.",
    )


def column(title: str, now: datetime, slug: str = "") -> str:
    """An entry of the monthly column *Phụ nữ và cuộc sống*, for the current month."""
    lines = [
        ("title", scalar(title), ""),
        ("date", stamp(now), "Ngày giờ đăng (giờ Việt Nam)."),
        ("month", str(now.month), "Tháng của chuyên mục (1–12)."),
        ("year", str(now.year), "Năm của chuyên mục."),
    ]
    return render(
        lines + _with_slug(common_lines("Đường dẫn riêng; mặc định lấy theo tiêu đề."), slug),
        "Viết nội dung bài ở đây.",
    )


def issue(label: str, number: int, now: datetime) -> str:
    """An issue of the bulletin (its ``index.md``; the body is the editorial)."""
    lines = [
        ("title", None, "Tên đầy đủ; mặc định: Bản tin <tên bản tin>, <tên số>."),
        ("number", str(number), "Số thứ tự của số bản tin."),
        ("label", scalar(label), 'Tên số, ví dụ: "Số 8/3/2021".'),
        ("date", stamp(now), "Ngày phát hành; các bài trong số đăng cùng ngày này."),
        ("special", "false", "true nếu là số đặc biệt."),
        ("cover", '""', "Ảnh bìa, đặt trong thư mục này, ví dụ: bia.jpg"),
        ("cover_alt", '""', "Mô tả ảnh bìa (bắt buộc khi có ảnh bìa)."),
        (
            "anniversaries",
            "[]",
            "Ngày kỷ niệm số này chào mừng: tên khóa trong content/_data/ngay-ky-niem.yml, "
            "ví dụ: [quoc-te-phu-nu, hai-ba-trung]",
        ),
        ("articles", "[]", "Thứ tự các bài: tên tệp; 'bantin new issue-article' tự thêm vào."),
    ]
    return render(
        lines + common_lines("Đường dẫn riêng; mặc định: tên thư mục của số."), "Viết lời tòa soạn của số này ở đây."
    )


def issue_article(title: str, slug: str = "") -> str:
    """An article of a bulletin issue; it has no date of its own (the issue's applies)."""
    lines = [("title", scalar(title), "Bài đăng cùng ngày với số bản tin.")]
    return render(
        lines + _with_slug(common_lines("Đường dẫn riêng; mặc định lấy theo tiêu đề."), slug),
        "Viết nội dung bài ở đây.",
    )


@dataclass(frozen=True)
class DocumentFields:
    """The values a new official document starts with (see :class:`~builder.content.model.OfficialDocument`)."""

    document_type: str
    document_number: str
    summary_line: str
    place: str
    issuer: Issuer | None
    signer: Signer
    motto: bool = True
    secretary: Signer | None = None
    """The second signature of a type signed twice (a biên bản: the secretary, left); None
    for the other types, whose scaffold only mentions the key in a comment."""


def document(fields: DocumentFields, now: datetime, slug: str = "") -> str:
    """An official document; the number and signer are marked for the editor to confirm."""
    issuer = fields.issuer or Issuer("", "TÊN CƠ QUAN BAN HÀNH")
    signer = fields.signer
    lines = [
        ("title", None, "Mặc định: <loại> số <số, ký hiệu>: <trích yếu>."),
        ("document_type", scalar(fields.document_type), "Loại văn bản: Kế hoạch, Báo cáo, Thông báo ..."),
        ("document_number", scalar(fields.document_number), "Số, ký hiệu do văn thư cấp: KIỂM TRA LẠI."),
        ("date", stamp(now)[:10], "Ngày ban hành."),
        ("place", scalar(fields.place), "Địa danh ở dòng ngày tháng."),
        ("summary_line", scalar(fields.summary_line), "Trích yếu nội dung."),
        ("issuer", "", "Cơ quan ban hành."),
        ("  parent", scalar(issuer.parent), "Cơ quan chủ quản (có thể để trống)."),
        ("  body", scalar(issuer.body), "Cơ quan ban hành."),
        ("motto", "true" if fields.motto else "false", "Có quốc hiệu, tiêu ngữ."),
        ("signer", "", "Người ký: KIỂM TRA LẠI."),
        *_authority(
            signer.authority, "Hình thức ký: TM., KT., TL., TUQ., Q.; hai dòng thì TM. trước, KT. sau (có thể bỏ)."
        ),
        ("  title", scalar(signer.title), "Chức vụ (bỏ trống khi ký Q.)."),
        ("  name", scalar(signer.name), "Họ và tên."),
        ("addressees", None, "Kính gửi (công văn, tờ trình ...), ví dụ: [Hội LHPN các xã, phường]"),
        *_secretary(fields.secretary),
        ("recipients", "", "Nơi nhận, mỗi dòng một nơi."),
        ("  -", scalar("Như trên;"), ""),
        ("  -", scalar("Lưu: VT."), ""),
        ("attachments", "[]", "Tệp đính kèm đặt cạnh tệp này, ví dụ: [ban-ky.pdf]"),
    ]
    return render(
        lines + _with_slug(common_lines("Đường dẫn riêng; mặc định: loại, số, năm."), slug),
        "Viết nội dung văn bản ở đây, giữ nguyên cách đánh số: I., 1., 2.1., a), -, +.",
    )


def _secretary(secretary: Signer | None) -> list[Line]:
    """``secretary`` as a block to fill in (a biên bản must have it, or the file is refused),
    or the commented reminder every other type gets."""
    if secretary is None:
        return [("secretary", None, "Chỉ biên bản: thư ký ký bên trái, ví dụ: {title: THƯ KÝ, name: Trần Thị B}")]
    return [
        ("secretary", "", "Thư ký ký bên trái (biên bản): KIỂM TRA LẠI."),
        ("  title", scalar(secretary.title), "Chức danh, thường là THƯ KÝ."),
        ("  name", scalar(secretary.name), "Họ và tên thư ký."),
    ]


def _authority(lines: tuple[str, ...], comment: str) -> list[Line]:
    """``signer.authority`` as written in front matter: one form line as text, two as a block
    list indented under the key (the form :mod:`builder.content.yaml_form` and the CMS write)."""
    if len(lines) <= 1:
        return [("  authority", scalar(lines[0] if lines else ""), comment)]
    return [("  authority", "", comment), *(("    -", scalar(line), "") for line in lines)]


def next_issue_number(numbers: list[int]) -> int:
    """The running number after the highest of ``numbers`` (1 for the first issue)."""
    return max(numbers, default=0) + 1


def next_document_number(
    documents: list[OfficialDocument], issuer: Issuer | None, year: int, document_type: str
) -> str | None:
    """Suggest the next số, ký hiệu of ``issuer`` in ``year`` for a document of ``document_type``.

    The running number counts every document of the body in the year (Decree 30: numbering
    restarts each year); the body's symbol is taken from its latest document.

    Returns:
        "07/KH-BTV", or None when the type has no abbreviation (công văn, unknown types).
    """
    name = document_type.strip().capitalize()
    kind = ABBREVIATIONS.get(NUMBERED_AS.get(name, name))
    if kind is None:
        return None
    mine = sorted(
        (d for d in documents if issuer is None or d.issuer.body.casefold() == issuer.body.casefold()),
        key=lambda d: (d.date, d.source),
    )
    numbers = [int(d.document_number.split("/", 1)[0]) for d in mine if d.date.year == year]
    symbol = mine[-1].document_number.split("-", 1)[1] if mine else DEFAULT_SYMBOL
    return f"{max(numbers, default=0) + 1:02d}/{kind}-{symbol}"


def _with_slug(lines: list[Line], slug: str) -> list[Line]:
    return [
        ("slug", slug, comment) if key == "slug" and slug else (key, value, comment) for key, value, comment in lines
    ]


_FLOW = re.compile(r"^(articles[ \t]*:[ \t]*\[)(.*?)(\][ \t]*(#.*)?)$")
_ITEM = re.compile(r"^([ \t]*)-([ \t]|$)")


def add_article(text: str, name: str) -> str | None:
    """Add ``name`` at the end of the ``articles`` list in the text of an issue's ``index.md``.

    Everything else stays byte for byte (line ends, comments, quoting); an empty flow list
    (``articles: []``) becomes a block list. An issue without an
    ``articles`` key needs nothing: it shows its articles in file-name order.

    Returns:
        The new text; ``text`` itself when the issue has no ``articles`` key; None when the
        list is written in a form this function does not edit (the caller asks the editor).
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].lstrip("\ufeff").rstrip() != "---":
        return text
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
    if end is None:
        return None
    key = next((i for i in range(1, end) if re.match(r"articles[ \t]*:", lines[i])), None)
    if key is None:
        return text
    content = lines[key].rstrip("\r\n")
    eol = lines[key][len(content) :] or "\n"
    flow = _FLOW.match(content)
    if flow and not flow.group(2).strip():
        # "articles: []" as `bantin new` writes it becomes a block list, the form the CMS writes
        # (builder.content.yaml_form); the comment after it stays on the key's line.
        blanked = f"{flow.group(1)[:-1]} {flow.group(2)} {flow.group(3)[1:]}".rstrip()  # comment kept in its column
        lines[key] = f"{blanked}{eol}  - {scalar(name)}{eol}"
        return "".join(lines)
    if flow:
        lines[key] = f"{flow.group(1)}{flow.group(2).rstrip()}, {name}{flow.group(3)}{eol}"
        return "".join(lines)
    if content.split(":", 1)[1].split("#", 1)[0].strip():
        return None  # a single value ("articles: a.md") or something stranger
    last, indent = None, "  "
    for i in range(key + 1, end):
        stripped = lines[i].strip()
        if _ITEM.match(lines[i]):
            last, indent = i, _ITEM.match(lines[i]).group(1)
        elif stripped and not stripped.startswith("#") and not lines[i][:1].isspace():
            break  # the next key
    if last is None:
        return None
    item_eol = lines[last][len(lines[last].rstrip("\r\n")) :] or eol
    if not lines[last].endswith(("\n", "\r")):
        lines[last] += eol
    lines.insert(last + 1, f"{indent}- {name}{item_eol}")
    return "".join(lines)
