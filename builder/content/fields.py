"""Converters from raw front matter values to typed values, one per kind of field.

Each converter takes the value PyYAML produced and returns the typed value, or raises
:class:`FieldError` with a Vietnamese message and hint. They know nothing about files: the
schema (:mod:`builder.content.schema`) adds the file and line.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from builder.content import party_numbers, signatures
from builder.content.dates import to_vietnam_time
from builder.content import video as videos
from builder.content.downloads import ALLOWED_SUFFIXES
from builder.content.model import Issuer, Photo, Signer, Video
from builder.content.slugs import slugify
from builder.content.text import normalise


class FieldError(Exception):
    """A front matter value that cannot be used: ``message`` and ``hint`` in Vietnamese;
    ``item``: the 0-based index of the list item at fault, or None."""

    def __init__(self, message: str, hint: str = "", item: int | None = None):
        super().__init__(message)
        self.message, self.hint, self.item = message, hint, item


def text(value) -> str:
    """A single line or paragraph of text, whitespace runs collapsed; numbers are accepted as text."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise FieldError("phải là một đoạn chữ.", "Viết giá trị sau dấu ':' trên cùng dòng, ví dụ: title: \"Tiêu đề\".")
    # One line of text: Word's line breaks and doubled spaces become single spaces.
    return " ".join(normalise(str(value)).split())


def nonempty_text(value) -> str:
    """Like :func:`text` but "" is refused."""
    result = text(value)
    if not result:
        raise FieldError("đang để trống.", "Điền nội dung sau dấu ':'.")
    return result


def when(value) -> datetime:
    """A date or date and time (ISO 8601: 2021-03-08 or 2021-03-08 08:30[:00][+07:00]).

    Returns an aware datetime; no offset means Asia/Ho_Chi_Minh.
    """
    if isinstance(value, (date, datetime)):
        return to_vietnam_time(value)
    if isinstance(value, str):
        try:
            return to_vietnam_time(datetime.fromisoformat(value.strip()))
        except ValueError:
            if re.match(r"^\d{4}-\d{2}-\d{2}", value.strip()):
                raise FieldError(
                    f"'{value}' không có trên lịch (ngày hoặc tháng không tồn tại).",
                    "Kiểm tra lại ngày và tháng, ví dụ tháng 2 chỉ có 28 hoặc 29 ngày.",
                ) from None
    raise FieldError(
        f"'{value}' không phải là ngày hợp lệ.",
        "Viết theo dạng năm-tháng-ngày, ví dụ: 2021-03-08 hoặc 2021-03-08 08:30.",
    )


def flag(value) -> bool:
    """A yes/no value: true/false (YAML also reads yes/no)."""
    if not isinstance(value, bool):
        quoted = isinstance(value, str) and value.strip().lower() in ("true", "false", "yes", "no")
        raise FieldError(
            f"'{value}' không phải là true hoặc false.",
            "Bỏ dấu ngoặc kép: viết true hoặc false." if quoted else "Viết true (có) hoặc false (không).",
        )
    return value


def names(value) -> tuple[str, ...]:
    """A list of names; a single text is a list of one. Empty items are dropped.

    Raises FieldError for an item YAML read as "key: value" (an unquoted ':' inside it).
    """
    if value is None:
        return ()
    if isinstance(value, str) and "," in value:
        raise FieldError(
            f"'{value}' có dấu phẩy nhưng không phải là danh sách.",
            f"Viết danh sách trong ngoặc vuông: [{value}]; mục nào có dấu phẩy thì đặt trong ngoặc kép.",
        )
    items = value if isinstance(value, list) else [value]
    for index, item in enumerate(items):
        if isinstance(item, dict):
            written = ", ".join(f"{k}: {v}" for k, v in item.items())
            raise FieldError(
                f"có mục '{written}' chứa dấu ':' nên không đọc được thành chữ.",
                f'Đặt mục đó trong ngoặc kép, ví dụ: - "{written}"',
                item=index,
            )
    return tuple(dict.fromkeys(t for t in (text(item) for item in items) if t))


def terms(value) -> tuple[str, ...]:
    """Categories or tags: :func:`names`, each with at least one letter or digit.

    A term's page is at its slug (``tu-khoa/binh-dang/``); a name without a letter or digit
    ("!!!", "...") has an empty slug and would link to ``tu-khoa//``, a page that does not
    exist. Raises FieldError at the item at fault.
    """
    items = names(value)
    for index, item in enumerate(items):
        if not slugify(item):
            raise FieldError(
                f"có mục '{item}' không có chữ cái hay chữ số nào, nên không làm được trang riêng.",
                "Xóa mục đó, hoặc viết bằng chữ, ví dụ: - Bình đẳng giới",
                item=_raw_index(value, item, index),
            )
    return items


def _raw_index(value, item: str, fallback: int) -> int:
    """The index in the list as written of the first raw item that reads as ``item`` (names()
    drops empty and repeated items, so the indexes may differ)."""
    raw = value if isinstance(value, list) else [value]
    return next(
        (i for i, v in enumerate(raw) if not isinstance(v, dict) and v is not None and text(v) == item), fallback
    )


def positive_int(value) -> int:
    """A whole number ≥ 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise FieldError(f"'{value}' không phải là số nguyên dương.", "Viết một số, ví dụ: 12.")
    return value


def month(value) -> int:
    """A month number, 1–12."""
    if positive_int(value) > 12:
        raise FieldError(f"'{value}' không phải là tháng.", "Viết số tháng từ 1 đến 12.")
    return value


def year(value) -> int:
    """A four-digit year."""
    if positive_int(value) < 1900 or value > 2200:
        raise FieldError(f"'{value}' không phải là năm hợp lệ.", "Viết năm đủ bốn chữ số, ví dụ: 2021.")
    return value


def slug(value) -> str:
    """An explicit URL slug; it is reduced to the ASCII slug form."""
    result = slugify(text(value))
    if not result:
        raise FieldError(
            f"'{value}' không tạo được đường dẫn.", "Dùng chữ cái không dấu và dấu gạch ngang, ví dụ: dai-hoi-phu-nu."
        )
    return result


# Decree 30/2020/NĐ-CP, Appendix I (docs/domain.md §1.2): <n>/<TYPE>-<ISSUER>, no spaces.
DOCUMENT_NUMBER = re.compile(r"^(\d{1,4})/([A-ZĐ][A-Za-zĐđ]*)-([A-ZĐ][A-ZĐ0-9-]*)$")


def document_number(value) -> str:
    """The số, ký hiệu of an official document, normalised.

    "206/KH - BTV" (Word's spacing) becomes "206/KH-BTV"; a leading "Số:" is dropped; numbers
    below 10 get a leading zero ("5/KH-BTV" → "05/KH-BTV"), as Decree 30 requires.
    Anything else that does not match the decree's pattern is refused; a Party-style number
    ("Số 12-KH/ĐU") with its own message (:mod:`builder.content.party_numbers`).
    """
    raw = text(value)
    compact = re.sub(r"\s*([/-])\s*", r"\1", re.sub(r"^Số\s*:?\s*", "", raw))
    match = DOCUMENT_NUMBER.match(compact)
    if not match and party_numbers.is_party_number(raw):
        raise FieldError(
            f"'{raw}' là số, ký hiệu kiểu văn bản của Đảng (Hướng dẫn 36-HD/VPTW: số-LOẠI/CƠQUAN, "
            "không có dấu ':'); Hội LHPN ban hành văn bản theo Nghị định 30/2020/NĐ-CP nên trang văn "
            "bản chỉ trình bày theo mẫu đó.",
            party_numbers.hint(raw),
        )
    if not match:
        raise FieldError(
            f"'{raw}' không đúng mẫu của Nghị định 30/2020/NĐ-CP.", "Viết theo dạng số/LOẠI-CƠQUAN, ví dụ: 206/KH-BTV."
        )
    number, kind, body = match.groups()
    return f"{int(number):02d}/{kind}-{body}"


def issuer(value) -> Issuer:
    """The issuing body: a mapping with ``body`` (required) and ``parent`` (optional)."""
    if not isinstance(value, dict) or not value.get("body"):
        raise FieldError(
            "phải có dòng 'body:' (tên cơ quan ban hành) và có thể có 'parent:' (cơ quan chủ quản).",
            "Ví dụ: issuer: {parent: HỘI LHPN VIỆT NAM, body: BAN THƯỜNG VỤ HỘI LHPN TỈNH}",
        )
    return Issuer(parent=text(value.get("parent") or ""), body=text(value["body"]))


def signer(value) -> Signer:
    """The signature block: a mapping with ``name`` (required), ``title`` (required unless the
    last form is "Q.", whose line is the title; then not allowed) and ``authority``: one form line or a list of
    two ("TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"), checked by
    :func:`builder.content.signatures.check_authority` (Decree 30/2020/NĐ-CP, Appendix I).

    Raises FieldError; for a wrong form line its ``item`` is the position of ``authority``
    among the mapping's keys (the schema turns it into the line of that key).
    """
    example = "Ví dụ: signer: {authority: TM. BAN THƯỜNG VỤ, title: CHỦ TỊCH, name: Nguyễn Thị A}"
    if not isinstance(value, dict) or not value.get("name"):
        raise FieldError(
            "phải có 'title:' (chức vụ) và 'name:' (họ tên), có thể có 'authority:' "
            f"(hình thức ký: {signatures.forms_list()}).",
            example,
        )
    raw = value.get("authority")
    written = tuple(t for t in (text(a) for a in (raw if isinstance(raw, list) else [raw] if raw else [])) if t)
    keys = list(value)
    try:
        checked = signatures.check_authority(written)
    except signatures.FormError as exc:
        raise FieldError(f"ở 'authority': {exc.message}", exc.hint, item=keys.index("authority")) from None
    title = text(value.get("title") or "")
    if signatures.form_of(title) and signatures.form_of(title) != "Q.":
        raise FieldError(
            f"có chức vụ (title) '{title}' bắt đầu bằng hình thức ký '{signatures.form_of(title)}'.",
            f"Chuyển dòng đó sang 'authority:' và ghi ở 'title:' chức vụ của người ký. {example}",
            item=keys.index("title"),
        )
    if title and not checked.needs_title:
        # Decree 30, Appendix I: an acting head signs "Q. CHỦ TỊCH" and that line is her title;
        # a title under it ("PHÓ CHỦ TỊCH") would print two titles that contradict each other.
        raise FieldError(
            f"ký '{checked.authority[-1]}' (quyền) nên dòng đó đã là chức vụ; không ghi thêm "
            f"chức vụ (title) '{title}'.",
            f"Xóa dòng 'title:'. Nếu người ký là cấp phó ký thay thì viết authority: KT. CHỦ TỊCH, title: {title}.",
            item=keys.index("title"),
        )
    if not title and checked.needs_title:
        raise FieldError(
            "phải có 'title:' (chức vụ của người ký) và 'name:' (họ tên); chỉ khi ký 'Q.' "
            "(quyền, ví dụ authority: Q. CHỦ TỊCH) mới bỏ 'title:'.",
            example,
        )
    return Signer(authority=checked.authority, title=title, name=text(value["name"]))


def video(value) -> Video:
    """An entry's video: :func:`builder.content.video.parse` (its problems as FieldError)."""
    try:
        return videos.parse(value)
    except videos.VideoError as exc:
        raise FieldError(exc.message, exc.hint) from None


PHOTO_EXAMPLE = (
    'photos:\n  - file: anh-1.jpg\n    alt: "Hội viên nhận vốn vay tại hội trường xã"\n'
    '    caption: "Trao vốn vay cho hội viên xã Cam Thủy"'
)


def photos(value) -> tuple[Photo, ...]:
    """The photos of an album: a list of mappings with ``file`` and ``alt`` (required) and
    ``caption``. ``alt`` is required for the reason ``image_alt`` is: a reader who cannot
    see the photo hears it read (WCAG 2.2, 1.1.1 Non-text Content). A file named twice is
    refused (its two copies would share one anchor, ``#anh-<n>``, and one card).

    Raises FieldError at the item at fault.
    """
    if not isinstance(value, list) or not value:
        raise FieldError(
            "phải là danh sách các ảnh, mỗi ảnh có 'file:' (tên tệp) và 'alt:' (mô tả ảnh).",
            "Viết như sau (mỗi ảnh một mục bắt đầu bằng '- '):\n" + PHOTO_EXAMPLE,
        )
    result, seen = [], set()
    for index, item in enumerate(value):
        if isinstance(item, str):
            raise FieldError(
                f"có mục '{item}' chỉ có tên tệp, thiếu mô tả ảnh.",
                f'Viết mục đó thành: - {{file: {item}, alt: "mô tả ngắn nội dung ảnh", caption: "chú thích"}}',
                item=index,
            )
        if not isinstance(item, dict) or not item.get("file"):
            raise FieldError(
                "có mục không có 'file:' (tên tệp ảnh).", "Mỗi ảnh viết như sau:\n" + PHOTO_EXAMPLE, item=index
            )
        unknown = sorted(set(map(str, item)) - {"file", "alt", "caption"})
        if unknown:
            raise FieldError(
                f"có mục với khóa '{unknown[0]}' không dùng được (chỉ có file, alt, caption).",
                "Sửa hoặc xóa khóa đó.",
                item=index,
            )
        name = text(item["file"])
        if not item.get("alt") or not text(item["alt"]):
            raise FieldError(
                f"có ảnh '{name}' chưa có mô tả (alt).",
                "Thêm dòng 'alt: ...' mô tả ngắn nội dung ảnh cho người khiếm thị.",
                item=index,
            )
        if name in seen:
            raise FieldError(f"có ảnh '{name}' ghi hai lần.", "Xóa một trong hai mục.", item=index)
        seen.add(name)
        result.append(Photo(file=name, alt=text(item["alt"]), caption=text(item.get("caption") or "")))
    return tuple(result)


PAGE_TEMPLATES = ("main.html",)
"""The theme's templates a page may name in ``template:`` (the others need what only the
builder gives them: an entry, a listing). Anything else stopped the build with Jinja's
``TemplateNotFound`` (``template: ../../x``) or rendered a page without its content."""


def template(value) -> str:
    """A template of the theme for the page: one of :data:`PAGE_TEMPLATES`."""
    name = text(value)
    if name not in PAGE_TEMPLATES:
        raise FieldError(
            f"'{name}' không phải là khuôn trang của giao diện (dùng được: {', '.join(PAGE_TEMPLATES)}).",
            "Xóa dòng 'template:' (mỗi loại bài đã có khuôn trang riêng), hoặc hỏi nhóm kỹ thuật.",
        )
    return name


def download_file(value) -> str:
    """The ``file`` of a library entry: a file name (or path relative to the ``.md``) whose suffix
    is one of :data:`builder.content.downloads.ALLOWED_SUFFIXES`. Whether it exists is checked
    with the other files named in front matter (:func:`builder.content.reader.read_tree`)."""
    name = nonempty_text(value)
    suffix = name.rsplit(".", 1)[1].lower() if "." in name.rsplit("/", 1)[-1] else ""
    if f".{suffix}" not in ALLOWED_SUFFIXES:
        allowed = ", ".join(ALLOWED_SUFFIXES)
        raise FieldError(
            f"'{name}' không phải loại tệp thư viện tài liệu nhận ({allowed}).",
            "Lưu biểu mẫu thành tệp Word (.docx), Excel (.xlsx) hoặc PDF (.pdf) rồi ghi tên tệp đó; "
            "ảnh thì dùng trong bài tin, tệp nén (.zip) thì giải nén từng tệp.",
        )
    return name
