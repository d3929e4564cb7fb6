"""The ``periods:`` option: the union's names from each date on (:mod:`builder.content.periods`).

Written in mkdocs.yml as a list, oldest first::

    periods:
      - from: 1989-07-01
        parent: HỘI LHPN VIỆT NAM
        body: BCH HỘI LHPN TỈNH QUẢNG TRỊ
        place: Quảng Trị
        publisher: Hội LHPN tỉnh Quảng Trị

Checked when mkdocs.yml is loaded: a wrong entry stops the build before anything is written,
with a Vietnamese message that :mod:`builder.config_messages` puts at the key's line.
"""

from __future__ import annotations

from datetime import date

from builder import config_options as c
from builder.config_options import ValidationError

from builder.content.periods import Period

KEYS = {
    "from": "ngày bắt đầu",
    "parent": "cơ quan chủ quản (dòng trên của tên cơ quan ban hành)",
    "body": "cơ quan ban hành",
    "place": "địa danh ở dòng ngày tháng",
    "publisher": "cơ quan chủ quản của bản tin",
}
"""The keys of one period and what each is, in Vietnamese."""
EXAMPLE = (
    "ví dụ:\n  periods:\n    - from: 2025-07-01\n      parent: ỦY BAN MTTQ VIỆT NAM TỈNH QUẢNG TRỊ\n"
    "      body: BAN THƯỜNG VỤ HỘI LHPN TỈNH\n      place: Quảng Trị\n      publisher: Hội LHPN tỉnh Quảng Trị"
)


class PeriodsOption(c.BaseConfigOption[list]):
    """A list of periods, each a mapping with a ``from`` date and text values."""

    def __init__(self):
        super().__init__()
        self.default = []

    def run_validation(self, value: object) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            raise ValidationError(f"phải là một danh sách, mỗi mục bắt đầu bằng '- from: NGÀY'; {EXAMPLE}")
        starts = []
        for number, item in enumerate(value, start=1):
            where = f"mục thứ {number}"
            if not isinstance(item, dict):
                raise ValidationError(
                    f"{where} phải là một nhóm khóa (from, parent, body, place, publisher); {EXAMPLE}"
                )
            unknown = [str(k) for k in item if k not in KEYS]
            if unknown:
                raise ValidationError(
                    f"{where} có khóa không dùng được: {', '.join(unknown)}. Chỉ dùng: "
                    + ", ".join(f"{k} ({v})" for k, v in KEYS.items())
                    + "."
                )
            start = item.get("from")
            if not isinstance(start, date):
                raise ValidationError(f"{where} thiếu 'from' (ngày bắt đầu) hoặc ngày viết sai: viết dạng 2025-07-01.")
            for key in ("parent", "body", "place", "publisher"):
                if item.get(key) is not None and not isinstance(item[key], str):
                    raise ValidationError(f"{where}: '{key}' ({KEYS[key]}) phải là chữ.")
            if not (item.get("body") or "").strip():
                raise ValidationError(
                    f"{where} thiếu 'body' ({KEYS['body']}), ví dụ body: BAN THƯỜNG VỤ HỘI LHPN TỈNH."
                )
            if starts and start <= starts[-1]:
                raise ValidationError(
                    f"{where} bắt đầu ngày {start:%d/%m/%Y}, không sau mục trước "
                    f"({starts[-1]:%d/%m/%Y}): xếp các mục theo ngày bắt đầu, cũ trước, mới sau."
                )
            starts.append(start)
        return value


def to_periods(value: list) -> tuple[Period, ...]:
    """The :class:`Period` of each validated entry, in the order written (oldest first)."""
    return tuple(
        Period(
            start=item["from"],
            parent=(item.get("parent") or "").strip(),
            body=item["body"].strip(),
            place=(item.get("place") or "").strip(),
            publisher=(item.get("publisher") or "").strip(),
        )
        for item in value
    )
