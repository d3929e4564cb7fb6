"""Dates in Vietnam: the time zone, the official date line and display dates.

- Content dates without an offset mean Asia/Ho_Chi_Minh (+07:00); "today" is decided in
  that zone, not in the build machine's.
- The official line "Quảng Trị, ngày 05 tháng 01 năm 2021" pads days 1–9 and months 1–2 with
  a zero (Decree 30/2020/NĐ-CP, Appendix I; the padding stops 1 → 11 forgeries). Babel
  cannot express that rule, hence :func:`official_date`.
- Display dates use Babel's ``vi`` locale for weekday names ("Thứ Hai", "Chủ Nhật").
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def to_vietnam_time(value: date | datetime) -> datetime:
    """Return ``value`` as an aware datetime; a date or naive value means Vietnam time.

    Args:
        value: a ``date`` (midnight is assumed) or a ``datetime``.

    Returns:
        An aware datetime; an aware input keeps its own offset.
    """
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    return value if value.tzinfo else value.replace(tzinfo=VIETNAM)


def now_in_vietnam() -> datetime:
    """Return the current time in Asia/Ho_Chi_Minh (the only clock the builder reads)."""
    return datetime.now(VIETNAM)


def official_date(day: date) -> str:
    """Return "ngày 05 tháng 01 năm 2021" for 2021-01-05 (Decree 30 padding rule)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def official_date_line(place: str, day: date) -> str:
    """Return the place and date line: "Quảng Trị, ngày 17 tháng 8 năm 2020"."""
    return f"{place}, {official_date(day)}"


def display_date(day: date, weekday: bool = True) -> str:
    """Return the article-head date "Thứ Hai, 08/3/2021" (or "08/3/2021" without weekday).

    The day is written with two digits and the month without padding, as on the union's
    current site; Babel supplies the weekday names of the ``vi`` locale.
    """
    day = to_vietnam_time(day).astimezone(VIETNAM).date() if isinstance(day, datetime) else day
    return _formatted(day, weekday)


@lru_cache(maxsize=4096)
def _formatted(day: date, weekday: bool) -> str:
    # Babel takes ~50 µs a date; a build shows each entry's date on its page, its card and
    # every listing that holds it (30,000 calls at 10,000 articles, for ~3,000 distinct days).
    return format_date(day, "EEEE, dd/M/yyyy" if weekday else "dd/M/yyyy", locale="vi")
