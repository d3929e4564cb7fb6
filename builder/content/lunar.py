"""The Vietnamese lunar calendar (âm lịch): solar dates of lunar dates, leap months, names.

Conversions come from ``lunar-vn`` (MIT; Hồ Ngọc Đức's algorithm) at UTC+7, the meridian the
Vietnamese calendar is computed for. Chinese-calendar libraries work at UTC+8 and sometimes
differ by a month: Tết 1985 is 21/1/1985 in Vietnam and 20/2/1985 in China (docs/domain.md §3,
docs/pitfalls.md §7.1). The library supports solar years 1900–2100.

Two things the library leaves to its caller are handled here:

- Leap months (tháng nhuận): a lunar year has 12 or 13 months; the 13th repeats one month
  number. A yearly occasion on "6/2" is kept in the regular month, not the leap one that follows
  it (2023 has a leap second month: 6/2 is 25/2/2023, the leap 6/2 is 27/3/2023). ``lunar-vn``
  does not always refuse a leap flag for a month that is not leap that year, so every result is
  checked by converting it back.
- Day 30: a lunar month has 29 or 30 days. An occasion on day 30 falls on the month's last day
  in a 29-day month (the usual practice for giỗ [U]); ``lunar-vn`` would silently return the
  first day of the next month.
"""

from __future__ import annotations

from datetime import date

import lunar_vn
from lunar_vn import can_chi

TIME_ZONE = 7.0
"""Hours east of UTC of the Vietnamese calendar (UTC+7)."""

YEARS = lunar_vn.SUPPORTED_YEAR_RANGE
"""First and last solar year the conversions support (1900, 2100)."""

MONTH_NAMES = ("Giêng", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười Một", "Chạp")
"""Names of the lunar months 1–12 ("tháng Giêng" is the first, "tháng Chạp" the twelfth)."""


def to_solar(day: int, month: int, year: int, leap: bool = False) -> date | None:
    """The solar date of lunar ``day``/``month`` of lunar ``year``.

    Args:
        day: 1–30; month: 1–12; year: the lunar year (the one that starts at that year's Tết).
        leap: True for the leap month (tháng nhuận) of that number.

    Returns:
        The date, or None when that lunar date does not exist (``leap`` for a month that is not
        leap in ``year``, or day 30 of a 29-day month).

    Raises:
        ValueError: ``day``/``month`` out of range, or ``year`` outside 1900–2100.
    """
    if not (1 <= day <= 30 and 1 <= month <= 12):
        raise ValueError(f"no lunar date {day}/{month}")
    if not YEARS[0] <= year <= YEARS[1]:
        raise ValueError(f"lunar year {year} is outside {YEARS[0]}–{YEARS[1]}")
    try:
        result = lunar_vn.convert_lunar_to_solar(day, month, year, int(leap), TIME_ZONE)
        back = lunar_vn.convert_solar_to_lunar(result.day, result.month, result.year, TIME_ZONE)
    except ValueError:  # a leap flag the library knows to be wrong, or a result past 2100
        return None
    return result if (back.day, back.month, back.year, back.leap) == (day, month, year, leap) else None


def observed(day: int, month: int, year: int) -> date:
    """The solar date a yearly occasion on lunar ``day``/``month`` is kept in lunar ``year``:
    in the regular (not leap) month, and on the month's last day when it has no day ``day``.

    Raises:
        ValueError: as :func:`to_solar`.
    """
    for candidate in (day, 29) if day == 30 else (day,):
        result = to_solar(candidate, month, year)
        if result is not None:
            return result
    raise ValueError(f"lunar month {month}/{year} has no day {day}")  # every month has day 29


def from_solar(day: date) -> tuple[int, int, int, bool]:
    """The lunar ``(day, month, year, leap)`` of a solar date.

    Raises:
        ValueError: ``day`` outside 1900–2100.
    """
    result = lunar_vn.convert_solar_to_lunar(day.day, day.month, day.year, TIME_ZONE)
    return result.day, result.month, result.year, result.leap


def leap_month(year: int) -> int | None:
    """The number of the month that is repeated in lunar ``year`` (2023 → 2), or None."""
    for month in range(1, 13):
        if to_solar(1, month, year, leap=True) is not None:
            return month
    return None


def year_name(year: int) -> str:
    """The sexagenary (can chi) name of lunar ``year``: 2021 → "Tân Sửu"."""
    return can_chi.get_year_can_chi(year)


def day_label(day: int, month: int, leap: bool = False) -> str:
    """How a lunar date is said: "mùng 6 tháng Giêng", "ngày 15 tháng Tám", "mùng 6 tháng Hai
    nhuận" (days 1–10 are "mùng")."""
    prefix = "mùng" if day <= 10 else "ngày"
    return f"{prefix} {day} tháng {MONTH_NAMES[month - 1]}{' nhuận' if leap else ''}"
