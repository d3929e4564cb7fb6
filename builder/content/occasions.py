"""Reading the calendar data file (``content/_data/ngay-ky-niem.yml``) into a
:class:`~builder.content.calendar.Calendar`.

The file is edited by union staff, so it is checked like front matter: every problem is
reported with the file, the line of the field and a Vietnamese hint, all at once
(:class:`~builder.errors.ErrorList`). Its shape::

    occasions:
      - key: quoc-te-phu-nu          # the name issues use in 'anniversaries:'
        name: Ngày Quốc tế Phụ nữ
        kind: anniversary            # anniversary | day | period | congress
        date: 8/3                    # solar day/month (a congress: day/month/year)
        since: 1910                  # base year: N = year − since
      - key: hai-ba-trung
        name: Khởi nghĩa Hai Bà Trưng
        kind: anniversary
        lunar: 6/1                   # lunar day/month instead of date
        since: 40
        together_with: quoc-te-phu-nu

Other fields: ``end`` (a period's last day/month), ``until`` (last year kept), ``number`` and
``term`` (a congress's lần thứ, in Roman or Arabic numerals, and nhiệm kỳ).
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path

import yaml

from builder.content import fields as f
from builder.content import tree
from builder.content.calendar import KEY, KINDS, Calendar, Occasion
from builder.content.frontmatter import Loader, yaml_problem
from builder.content.roman import from_roman
from builder.content.text import normalise
from builder.errors import ErrorList

CALENDAR_FILE = "_data/ngay-ky-niem.yml"
"""Where the calendar lives, relative to ``content/``. MkDocs would copy it into site/ like any
other file of the docs folder: the plugin leaves ``_data/`` out of the site."""

DATA_DIR = "_data/"
"""The folder of ``content/`` that holds data files, never published."""

LABELS = {
    "key": "tên khóa",
    "name": "tên ngày kỷ niệm",
    "kind": "loại",
    "date": "ngày dương lịch",
    "lunar": "ngày âm lịch",
    "end": "ngày kết thúc",
    "since": "năm gốc",
    "until": "năm cuối cùng",
    "number": "đại hội lần thứ",
    "term": "nhiệm kỳ",
    "together_with": "đi cùng ngày kỷ niệm",
}
"""Fields of an occasion and their Vietnamese names, for messages."""

# Which fields each kind needs (one of date/lunar is checked apart) and which it may have.
_NEEDS = {"anniversary": ("since",), "day": (), "period": ("date", "end"), "congress": ("date", "number")}
_MAY = {
    "anniversary": {"date", "lunar", "since", "until", "together_with"},
    "day": {"date", "lunar", "since", "until", "together_with"},
    "period": {"date", "end", "since", "until", "together_with"},
    "congress": {"date", "number", "term", "together_with"},
}
_COMMON = {"key", "name", "kind"}

EXAMPLE = "- key: quoc-te-phu-nu\n    name: Ngày Quốc tế Phụ nữ\n    kind: anniversary\n    date: 8/3\n    since: 1910"


def read_calendar(content_dir: Path, shown_root: str, errors: ErrorList) -> Calendar:
    """Read ``content_dir/_data/ngay-ky-niem.yml``; an empty calendar when the file is absent
    or is a link leaving ``content_dir``.

    Args:
        content_dir: the docs folder; shown_root: its path as shown in messages ("content").
        errors: where problems go.
    """
    path = content_dir / CALENDAR_FILE
    shown = f"{shown_root}/{CALENDAR_FILE}" if shown_root else CALENDAR_FILE
    if not path.is_file() or (path.is_symlink() and not tree.inside(content_dir, path)):
        # A link leaving content/ is reported by builder.content.tree and never read: its
        # values would be quoted in messages, and build logs are public.
        return Calendar(path=shown)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        errors.add(shown, 1, "Tệp không phải mã UTF-8.", "Mở tệp và lưu lại với bảng mã UTF-8.")
        return Calendar(path=shown)
    return parse_calendar(text, shown, errors)


def parse_calendar(text: str, shown: str, errors: ErrorList) -> Calendar:
    """Parse the calendar's text (pure).

    Args:
        text: the file's text; shown: its path in messages; errors: where problems go.

    Returns:
        The calendar of every occasion without a problem (the others are left out).
    """
    root = _root(normalise(text).expandtabs(2), shown, errors)
    if root is None:
        return Calendar(path=shown)
    loader, items = root
    occasions: list[tuple[Occasion, int, dict]] = []
    for item in items:
        found = _occasion(loader, item, shown, errors)
        if found is not None:
            occasions.append(found)
    keys: dict[str, int] = {}
    kept = []
    for occasion, _line, lines in occasions:
        if occasion.key in keys:
            errors.add(
                shown,
                lines["key"],
                f"Tên khóa '{occasion.key}' đã dùng ở dòng {keys[occasion.key]}.",
                "Mỗi ngày kỷ niệm cần một tên khóa riêng.",
                1,
            )
            continue
        keys[occasion.key] = lines["key"]
        kept.append((occasion, lines))
    for occasion, lines in kept:
        partner = occasion.together_with
        if partner and (partner not in keys or partner == occasion.key):
            errors.add(
                shown,
                lines["together_with"],
                f"'together_with: {partner}' không phải tên khóa của một ngày kỷ niệm khác trong tệp.",
                _did_you_mean(partner, list(keys)) or "Ghi tên khóa (key) của một ngày kỷ niệm khác trong tệp này.",
                1,
            )
    return Calendar(tuple(o for o, _ in kept), shown)


def _root(text: str, shown: str, errors: ErrorList):
    loader = Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        errors.add(
            shown,
            mark.line + 1 if mark else 1,
            f"Tệp viết sai cú pháp YAML ({yaml_problem(exc)}).",
            "Mỗi dòng có dạng 'khóa: giá trị'; mỗi ngày kỷ niệm bắt đầu bằng '- key:'.",
            mark.column + 1 if mark else 0,
        )
        return None
    if node is None:
        return None
    pairs = {k.value: v for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}
    items = pairs.get("occasions")
    if not isinstance(items, yaml.SequenceNode) or set(pairs) != {"occasions"}:
        errors.add(
            shown,
            (node.start_mark.line + 1),
            "Tệp lịch phải bắt đầu bằng dòng 'occasions:' rồi đến danh sách các ngày kỷ niệm.",
            "Xem mẫu ở đầu tệp, ví dụ:\noccasions:\n  " + EXAMPLE,
        )
        return None
    return loader, items.value


def _occasion(loader: yaml.SafeLoader, node: yaml.Node, shown: str, errors: ErrorList):
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        errors.add(
            shown,
            line,
            "Mỗi ngày kỷ niệm là một nhóm dòng 'khóa: giá trị' bắt đầu bằng '- key:'.",
            "Ví dụ:\n  " + EXAMPLE,
            node.start_mark.column + 1,
        )
        return None
    raw, lines, ok = {}, {}, True
    for key_node, value_node in node.value:
        name, at = str(key_node.value), key_node.start_mark.line + 1
        if name in lines:
            errors.add(
                shown,
                at,
                f"Khóa '{name}' được viết hai lần (dòng {lines[name]} và dòng {at}).",
                "Xóa một trong hai dòng.",
                1,
            )
            ok = False
            continue
        lines[name] = at
        if name not in LABELS:
            errors.add(
                shown,
                at,
                f"Khóa '{name}' không dùng được ở đây.",
                _did_you_mean(name, list(LABELS), labels=True) or "Các khóa dùng được: " + ", ".join(LABELS) + ".",
                1,
            )
            ok = False
            continue
        try:
            raw[name] = _CONVERT[name](loader.construct_object(value_node, deep=True))
        except f.FieldError as exc:
            errors.add(shown, at, f"Giá trị của '{name}' ({LABELS[name]}) {exc.message}", exc.hint, 1)
            ok = False
        except (yaml.YAMLError, ValueError, TypeError):
            errors.add(
                shown,
                at,
                f"Giá trị của '{name}' ({LABELS[name]}) không đọc được.",
                "Viết giá trị như chữ bình thường.",
                1,
            )
            ok = False
    ok = _check_kind(raw, lines, line, shown, errors) and ok
    if not ok:
        return None
    day, month, year = raw.get("date") or raw.get("lunar")
    occasion = Occasion(
        key=raw["key"],
        name=raw["name"],
        kind=raw["kind"],
        day=day,
        month=month,
        lunar="lunar" in raw,
        end=raw.get("end")[:2] if "end" in raw else None,
        since=raw.get("since"),
        until=raw.get("until"),
        year=year,
        number=raw.get("number"),
        term=raw.get("term", ""),
        together_with=raw.get("together_with", ""),
    )
    return occasion, line, lines


def _check_kind(raw: dict, lines: dict, line: int, shown: str, errors: ErrorList) -> bool:
    """The fields a kind needs and allows; returns False when something is wrong."""
    before = len(errors.errors)
    name = raw.get("key", f"ở dòng {line}")
    for field in ("key", "name", "kind"):
        if field not in lines:
            errors.add(shown, line, f"Ngày kỷ niệm '{name}' thiếu '{field}' ({LABELS[field]}).", "Ví dụ:\n  " + EXAMPLE)
    kind = raw.get("kind")
    if kind is None:
        return False
    for field in _NEEDS[kind]:
        if field not in lines:
            errors.add(
                shown,
                line,
                f"Ngày kỷ niệm '{name}' loại '{kind}' ({KINDS[kind]}) thiếu '{field}' ({LABELS[field]}).",
                _NEED_HINTS[field],
            )
    if "date" not in lines and "lunar" not in lines and kind in ("anniversary", "day"):
        errors.add(
            shown,
            line,
            f"Ngày kỷ niệm '{name}' thiếu ngày: 'date' (dương lịch) hoặc 'lunar' (âm lịch).",
            "Thêm dòng 'date: 8/3' (ngày/tháng dương lịch) hoặc 'lunar: 6/1' (ngày/tháng âm lịch).",
        )
    if "date" in lines and "lunar" in lines:
        errors.add(
            shown, lines["lunar"], f"Ngày kỷ niệm '{name}' có cả 'date' và 'lunar'.", "Giữ một trong hai dòng.", 1
        )
    for field in sorted(set(lines) - _COMMON - _MAY[kind], key=lambda k: lines[k]):
        if field in LABELS:
            errors.add(
                shown,
                lines[field],
                f"Khóa '{field}' ({LABELS[field]}) không dùng cho loại '{kind}' ({KINDS[kind]}).",
                "Xóa dòng này, hoặc sửa 'kind' cho đúng loại.",
                1,
            )
    if raw.get("since") is not None and raw.get("until") is not None and raw["until"] < raw["since"]:
        errors.add(
            shown,
            lines["until"],
            f"Năm cuối cùng ({raw['until']}) ở trước năm gốc ({raw['since']}).",
            "Sửa lại 'since' hoặc 'until'.",
            1,
        )
    when = raw.get("date")
    if when is not None and (when[2] is None) != (kind != "congress"):
        errors.add(
            shown,
            lines["date"],
            "Đại hội ghi đủ ngày/tháng/năm; các loại khác chỉ ghi ngày/tháng (lặp lại hằng năm).",
            "Ví dụ: date: 6/12/2025 cho đại hội, date: 8/3 cho ngày kỷ niệm.",
            1,
        )
    return len(errors.errors) == before


_NEED_HINTS = {
    "since": "Thêm dòng năm gốc, ví dụ: since: 1910 (số năm kỷ niệm = năm nay − năm gốc).",
    "date": "Thêm dòng ngày, ví dụ: date: 15/11.",
    "end": "Thêm dòng ngày kết thúc, ví dụ: end: 15/12.",
    "number": "Thêm dòng số thứ tự đại hội do Hội quy định, ví dụ: number: XV.",
}

_DAY_MONTH = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?")


def _solar(value) -> tuple[int, int, int | None]:
    """ "8/3" → (8, 3, None); "6/12/2025" or 2025-12-06 → (6, 12, 2025)."""
    text = f.text(value)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    match = _DAY_MONTH.fullmatch(text)
    if iso:
        day, month, year = int(iso[3]), int(iso[2]), int(iso[1])
    elif match:
        day, month, year = int(match[1]), int(match[2]), int(match[3]) if match[3] else None
    else:
        raise f.FieldError(f"'{text}' không phải là ngày/tháng.", "Viết ngày/tháng, ví dụ: 8/3 (đại hội: 6/12/2025).")
    try:
        date(year or 2000, month, day)  # 2000: a leap year, so 29/2 passes here
    except ValueError:
        raise f.FieldError(
            f"'{text}' không phải là ngày có thật.",
            "Kiểm tra lại ngày và tháng (ngày trước, tháng sau: 8/3 là ngày 8 tháng 3).",
        ) from None
    if year is None and (day, month) == (29, 2):
        raise f.FieldError("'29/2' không có trong mọi năm.", "Chọn ngày 28/2 hoặc 1/3 (ngày kỷ niệm lặp lại hằng năm).")
    return day, month, year


def _lunar(value) -> tuple[int, int, None]:
    """ "6/1" → (6, 1, None): lunar day 1–30, month 1–12."""
    text = f.text(value)
    match = _DAY_MONTH.fullmatch(text)
    if not match or match[3] or not (1 <= int(match[1]) <= 30 and 1 <= int(match[2]) <= 12):
        raise f.FieldError(
            f"'{text}' không phải là ngày/tháng âm lịch.",
            "Viết ngày/tháng âm lịch, ví dụ: 6/1 (mùng 6 tháng Giêng); ngày từ 1 đến 30, tháng từ 1 đến 12.",
        )
    return int(match[1]), int(match[2]), None


def _end(value) -> tuple[int, int, None]:
    day, month, year = _solar(value)
    if year is not None:
        raise f.FieldError(f"'{f.text(value)}' chỉ cần ngày/tháng.", "Ví dụ: end: 15/12.")
    return day, month, None


def _key(value) -> str:
    text = f.nonempty_text(value)
    if not KEY.fullmatch(text):
        raise f.FieldError(
            f"'{text}' phải viết chữ thường không dấu, nối bằng dấu gạch ngang.", "Ví dụ: key: quoc-te-phu-nu"
        )
    return text


def _kind(value) -> str:
    text = f.nonempty_text(value)
    if text not in KINDS:
        raise f.FieldError(
            f"'{text}' không phải là loại ngày kỷ niệm.",
            "Chọn một trong: " + "; ".join(f"{k} ({v})" for k, v in KINDS.items()) + ".",
        )
    return text


def _year(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 2100:
        raise f.FieldError(f"'{value}' không phải là năm.", "Viết năm bằng chữ số, ví dụ: 1910 (năm 40 viết: 40).")
    return value


def _number(value) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    try:
        return from_roman(str(value))
    except ValueError:
        raise f.FieldError(
            f"'{value}' không phải là số La Mã hoặc số nguyên dương.",
            "Ghi số thứ tự đại hội như Hội đã công bố, ví dụ: number: XV (hoặc number: 15).",
        ) from None


def _term(value) -> str:
    text = f.text(value)
    match = re.fullmatch(r"(\d{4})\s*[-–—]\s*(\d{4})", text)
    if not match or int(match[2]) <= int(match[1]):
        raise f.FieldError(f"'{text}' không phải là nhiệm kỳ.", "Viết năm đầu - năm cuối, ví dụ: term: 2021 - 2026.")
    return f"{match[1]} - {match[2]}"  # the seed's form: "nhiệm kỳ 2021 - 2026"


_CONVERT = {
    "key": _key,
    "name": f.nonempty_text,
    "kind": _kind,
    "date": _solar,
    "lunar": _lunar,
    "end": _end,
    "since": _year,
    "until": _year,
    "number": _number,
    "term": _term,
    "together_with": _key,
}


def _did_you_mean(text: str, choices: list[str], labels: bool = False) -> str:
    close = difflib.get_close_matches(str(text), choices, n=1)
    if not close:
        return ""
    return f"Có phải là '{close[0]}' ({LABELS[close[0]]})?" if labels else f"Có phải là '{close[0]}'?"
