"""The schema of each content type: which front matter keys it takes and which it needs.

:func:`check` applies the converters of :mod:`builder.content.fields` to a file's front
matter and reports every problem at the line of its key, with the key's Vietnamese name.
Unknown keys are reported too, with the closest known key as a suggestion, because a typo
("tittle") would otherwise be dropped silently.
"""

from __future__ import annotations

import difflib

from builder.content import fields as f
from builder.content.text import unwritable_characters, without_unwritable
from builder.errors import ErrorList

COMMON = {
    "title": f.nonempty_text,
    "date": f.when,
    "updated": f.when,
    "description": f.text,
    "categories": f.terms,
    "tags": f.terms,
    "authors": f.names,
    "image": f.text,
    "image_alt": f.text,
    "draft": f.flag,
    "slug": f.slug,
    "video": f.video,
}
ISSUE = {
    "number": f.positive_int,
    "label": f.nonempty_text,
    "special": f.flag,
    "cover": f.text,
    "cover_alt": f.text,
    "anniversaries": f.names,
    "articles": f.names,
}
DOCUMENT = {
    "document_type": f.nonempty_text,
    "document_number": f.document_number,
    "place": f.nonempty_text,
    "issuer": f.issuer,
    "motto": f.flag,
    "summary_line": f.nonempty_text,
    "signer": f.signer,
    "secretary": f.signer,
    "recipients": f.names,
    "addressees": f.names,
    "attachments": f.names,
}

SCHEMAS: dict[str, dict] = {
    # A page (a file outside the sections, such as gioi-thieu.md) is in no list, no feed and
    # on no home page: a date there means a news article saved in the wrong folder.
    "page": {key: conv for key, conv in COMMON.items() if key != "date"},
    "news": COMMON,
    "issue": {**COMMON, **ISSUE},
    "issue_article": {key: conv for key, conv in COMMON.items() if key != "date"},
    "column": {**COMMON, "month": f.month, "year": f.year},
    "document": {**COMMON, **DOCUMENT},
    "download": {**COMMON, "file": f.download_file},
    "album": {**COMMON, "photos": f.photos},
}
"""Keys each content type accepts, with their converters."""

REQUIRED: dict[str, tuple[str, ...]] = {
    "page": ("title",),
    "news": ("title", "date"),
    "issue": ("number", "label", "date"),
    "issue_article": ("title",),
    "column": ("title", "date", "month", "year"),
    "document": ("document_type", "document_number", "date", "summary_line", "signer"),
    "download": ("title", "date", "description", "file"),
    "album": ("title", "date", "photos"),
}
"""Keys each content type needs."""

MISPLACED = {
    ("issue_article", "date"): "Bài trong số bản tin lấy ngày của số bản tin (tệp index.md): xóa dòng này.",
    ("page", "date"): (
        "Nếu là tin bài, chuyển tệp vào thư mục content/tin-tuc/ (bài chuyên mục vào "
        "content/phu-nu-va-cuoc-song/, văn bản vào content/van-ban/); nếu là trang cố định "
        "(như Giới thiệu), xóa dòng date."
    ),
}
"""The hint for a key given where its content type does not take it, when the reason is known."""

# Keys MkDocs and Material read themselves; accepted on every page and passed through.
PASSTHROUGH = frozenset({"template", "hide", "search", "status", "subtitle", "icon", "id"})
PASSTHROUGH_CHECKS = {"template": f.template}
"""Passed-through keys whose value is checked all the same (it names a file)."""

LABELS = {
    "title": "tiêu đề",
    "date": "ngày",
    "updated": "ngày cập nhật",
    "description": "tóm tắt",
    "categories": "chuyên mục",
    "tags": "từ khóa",
    "authors": "tác giả",
    "image": "ảnh",
    "image_alt": "mô tả ảnh",
    "draft": "bản nháp",
    "slug": "đường dẫn",
    "number": "số thứ tự",
    "label": "tên số",
    "special": "số đặc biệt",
    "cover": "ảnh bìa",
    "cover_alt": "mô tả ảnh bìa",
    "anniversaries": "các ngày kỷ niệm",
    "articles": "danh sách bài",
    "month": "tháng",
    "year": "năm",
    "document_type": "loại văn bản",
    "document_number": "số, ký hiệu",
    "place": "địa danh",
    "issuer": "cơ quan ban hành",
    "motto": "quốc hiệu",
    "summary_line": "trích yếu",
    "signer": "người ký",
    "secretary": "thư ký",
    "recipients": "nơi nhận",
    "addressees": "kính gửi",
    "attachments": "tệp đính kèm",
    "template": "khuôn trang",
    "file": "tệp tải về",
    "video": "video",
    "photos": "các ảnh của album",
}
"""The Vietnamese name of every key, used in messages."""

EXAMPLES = {
    "title": 'title: "Tiêu đề bài viết"',
    "date": "date: 2021-03-08",
    "number": "number: 1",
    "label": 'label: "Số 8/3/2021"',
    "month": "month: 3",
    "year": "year: 2021",
    "document_type": "document_type: Kế hoạch",
    "document_number": 'document_number: "206/KH-BTV"',
    "summary_line": "summary_line: Định hướng hoạt động năm 2021",
    "file": "file: mau-dang-ky-hoi-vien.docx",
    "description": 'description: "Một câu nói tệp dùng để làm gì."',
    "signer": "signer: {authority: TM. BAN THƯỜNG VỤ, title: CHỦ TỊCH, name: Nguyễn Thị A}",
    "secretary": "secretary: {title: THƯ KÝ, name: Trần Thị B}",
    "photos": f.PHOTO_EXAMPLE,
}


def check(
    kind: str,
    data: dict,
    key_lines: dict,
    path: str,
    errors: ErrorList,
    required: bool = True,
    item_lines: dict | None = None,
) -> dict:
    """Convert and check the front matter of one file of type ``kind``.

    Args:
        kind: a key of :data:`SCHEMAS`.
        data: the raw front matter; key_lines: 1-based line of each key.
        path: the file, for messages; errors: where problems go.
        required: whether to report missing required keys (not when the YAML was unreadable).
        item_lines: line of each item of list-valued keys, to point at the item at fault.

    Returns:
        The typed values of the keys that were given and valid (passthrough keys excluded).
    """
    schema, values = SCHEMAS[kind], {}
    for key, raw in data.items():
        line = key_lines.get(key, 1)
        hidden = _escaped_controls(raw)
        if hidden:  # written as YAML escapes ("\b", "\f"): the raw text has none, so check --fix cannot see them
            errors.add(
                path,
                line,
                f"Giá trị của '{key}' có ký tự điều khiển vô hình {hidden} (viết dạng \\b, \\f ... trong ngoặc kép).",
                "Xóa các chữ \\b, \\f, \\v, \\x.. đó khỏi giá trị: trang web, RSS và bản in không dùng được chúng.",
                1,
            )
            raw = without_unwritable(raw)  # reported: what follows (changes, the preview) reads it cleaned
        if key in PASSTHROUGH:
            if key in PASSTHROUGH_CHECKS:  # MkDocs reads it as it is: a bad value must stop here
                try:
                    PASSTHROUGH_CHECKS[key](raw)
                except f.FieldError as exc:
                    errors.add(path, line, f"Giá trị của '{key}' ({LABELS[key]}) {exc.message}", exc.hint, 1)
            continue
        if key not in schema:
            hint = MISPLACED.get((kind, key)) or _suggest(key, schema)
            if (kind, key) == ("page", "date"):
                errors.add(
                    path,
                    line,
                    "Tệp có ngày đăng (date) nhưng nằm ngoài các thư mục tin bài, nên là một trang "
                    "cố định: không có trong danh sách tin, trang chủ và RSS.",
                    hint,
                    1,
                )
            else:
                errors.add(path, line, f"Khóa '{key}' không dùng được ở đây.", hint, 1)
            continue
        try:
            values[key] = schema[key](raw)
        except f.FieldError as exc:
            items = (item_lines or {}).get(key, ())
            if exc.item is not None and exc.item < len(items):
                line = items[exc.item]
            errors.add(path, line, f"Giá trị của '{key}' ({LABELS[key]}) {exc.message}", exc.hint, 1)
    for picture, alt in (("image", "image_alt"), ("cover", "cover_alt")):
        if values.get(picture) and not values.get(alt):
            errors.add(
                path,
                key_lines.get(picture, 1),
                f"Ảnh '{values[picture]}' chưa có mô tả ({alt}).",
                f"Thêm dòng '{alt}: ...' mô tả ngắn nội dung ảnh cho người khiếm thị.",
                1,
            )
    for key in REQUIRED[kind] if required else ():
        if key not in data:
            example = EXAMPLES.get(key, f"{key}: ...")
            errors.add(
                path,
                1,
                f"Thiếu '{key}' ({LABELS[key]}).",
                f"Thêm vào phần thông tin đầu bài (giữa hai dòng '---') dòng: {example}",
            )
    return values


def _suggest(key: str, schema: dict) -> str:
    close = difflib.get_close_matches(str(key), list(schema), n=1)
    if close:
        return f"Có phải là '{close[0]}' ({LABELS[close[0]]})?"
    return "Các khóa dùng được: " + ", ".join(schema) + "."


def _escaped_controls(raw) -> str:
    """The control characters (``U+0008, U+000C``) and other characters no output can hold
    (``U+D800``, ``U+FFFE``: :func:`builder.content.text.unwritable_characters`) in the text of
    a front matter value, list items and sub-keys included; "" for none. Tab and line feed are text."""
    texts = (
        [raw]
        if isinstance(raw, str)
        else list(raw)
        if isinstance(raw, list)
        else list(raw.values())
        if isinstance(raw, dict)
        else []
    )
    found = []
    for text in texts:
        if isinstance(text, str):
            found += unwritable_characters(text)
    return ", ".join(dict.fromkeys(found))
