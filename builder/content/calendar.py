"""The union's calendar: occasions, when they fall in a given year, and their titles.

An :class:`Occasion` is one line of the calendar data file (``content/_data/ngay-ky-niem.yml``,
read by :mod:`builder.content.occasions`); an :class:`Occurrence` is that occasion in one year,
with its solar dates, its anniversary number and its title. Rules (docs/domain.md §3):

- "Kỷ niệm N năm" always counts N = year − base year (``since``): 111 năm Ngày Quốc tế Phụ nữ
  in 2021 (base 1910); 1981 năm Khởi nghĩa Hai Bà Trưng in 2021 (base: the year 40).
- A round anniversary is flagged: N a multiple of 10 is a *năm tròn*, another multiple of 5 a
  *năm chẵn* (the state's wording for anniversaries it celebrates, as in Decree 145/2013/NĐ-CP
  [U: recalled, not checked against the decree's text here]).
- Lunar occasions are converted by :mod:`builder.content.lunar` (UTC+7, regular month in a
  year with a leap month); their N counts lunar years.
- Congress numbers ("lần thứ XV") are data, never computed (:mod:`builder.content.roman`).

Titles follow the union's own texts: "Kỷ niệm 111 năm Ngày Quốc tế Phụ nữ (8/3/1910 –
8/3/2021)" (the 206/KH-BTV seed), "(năm 40 – 2021)" for a base known only by its year.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, timedelta

from builder.content import lunar
from builder.content.roman import to_roman

KINDS = {
    "anniversary": "ngày kỷ niệm (đếm số năm)",
    "day": "ngày lễ hằng năm",
    "period": "đợt, tháng hành động",
    "congress": "đại hội",
}
"""Kinds of occasion, with their Vietnamese names (for messages)."""

KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""The form of an occasion key: an ASCII slug ("quoc-te-phu-nu")."""


def looks_like_key(text: str) -> bool:
    """True when ``text`` has the form of an occasion key (lower-case ASCII words joined by "-"),
    as opposed to free text with spaces or diacritics ("111 năm Ngày Quốc tế Phụ nữ")."""
    return bool(KEY.fullmatch(text))


def day_month(day: date) -> str:
    """ "8/3" for 8 March (no padding: the form of the union's texts, docs/domain.md §1.3)."""
    return f"{day.day}/{day.month}"


def short_date(day: date) -> str:
    """ "8/3/2021" for 8 March 2021."""
    return f"{day.day}/{day.month}/{day.year}"


@dataclass(frozen=True)
class Occasion:
    """One occasion of the calendar.

    Attributes:
        key: the ASCII slug editors write in an issue's ``anniversaries`` ("quoc-te-phu-nu").
        name: the Vietnamese name ("Ngày Quốc tế Phụ nữ").
        kind: a key of :data:`KINDS`.
        day, month: the (first) day; solar unless ``lunar``.
        lunar: True when ``day``/``month`` are a lunar date.
        end: ``(day, month)`` of a period's last day (solar), else None.
        since: the base year of an anniversary (N = year − since); for other kinds the first
            year the occasion is kept, or None.
        until: the last year the occasion is kept, or None.
        year: the year of a congress (held once).
        number: a congress's number (lần thứ), as the union numbers it.
        term: a congress's term (nhiệm kỳ), "2021 - 2026".
        together_with: the key of the occasion whose issue usually marks this one too ("" if
            none): provincial unions mark Hai Bà Trưng together with 8/3 (docs/domain.md §3).
    """

    key: str
    name: str
    kind: str
    day: int
    month: int
    lunar: bool = False
    end: tuple[int, int] | None = None
    since: int | None = None
    until: int | None = None
    year: int | None = None
    number: int | None = None
    term: str = ""
    together_with: str = ""

    def occurrences(self, year: int) -> list[Occurrence]:
        """The occurrences that start in solar ``year``, in date order (none when the occasion
        is not kept that year; a lunar date outside 1900–2100 is never computed)."""
        if self.kind == "congress":
            return [self._at(date(year, self.month, self.day), year)] if year == self.year else []
        if not self.lunar:
            return [self._at(date(year, self.month, self.day), year)] if self._kept(year) else []
        found = []
        # Lunar months 11 and 12 of the previous lunar year fall in January/February.
        for lunar_year in (year - 1, year):
            if self._kept(lunar_year) and lunar.YEARS[0] <= lunar_year <= lunar.YEARS[1]:
                day = lunar.observed(self.day, self.month, lunar_year)
                if day.year == year:
                    found.append(self._at(day, lunar_year))
        return found

    def _kept(self, year: int) -> bool:
        if self.since is not None and (year < self.since or (self.kind == "anniversary" and year == self.since)):
            return False
        return self.until is None or year <= self.until

    def _at(self, start: date, year: int) -> Occurrence:
        end = start
        if self.end is not None:
            end_day, end_month = self.end
            end = date(start.year + ((end_month, end_day) < (start.month, start.day)), end_month, end_day)
        number = year - self.since if self.kind == "anniversary" and self.since is not None else None
        return Occurrence(self, start, end, year, number)


@dataclass(frozen=True)
class Occurrence:
    """An occasion in one year.

    Attributes:
        occasion: the occasion.
        start, end: its solar dates (equal except for periods).
        year: the year it is counted in (the lunar year for a lunar occasion).
        number: N of "kỷ niệm N năm" for an anniversary, else None.
    """

    occasion: Occasion
    start: date
    end: date
    year: int
    number: int | None = None

    @property
    def key(self) -> str:
        """The occasion's key."""
        return self.occasion.key

    @property
    def round(self) -> str:
        """ "tròn" when N is a multiple of 10, "chẵn" when another multiple of 5, else ""."""
        if not self.number or self.number % 5:
            return ""
        return "tròn" if self.number % 10 == 0 else "chẵn"

    @property
    def round_label(self) -> str:
        """ "năm tròn (80 năm)", "năm chẵn (1985 năm)" or ""."""
        return f"năm {self.round} ({self.number} năm)" if self.round else ""

    @property
    def title(self) -> str:
        """The title an issue, the home page and the print edition show.

        - anniversary: "Kỷ niệm 111 năm Ngày Quốc tế Phụ nữ (8/3/1910 – 8/3/2021)"; a lunar one
          "Kỷ niệm 1981 năm Khởi nghĩa Hai Bà Trưng (năm 40 – 2021)";
        - day: "Ngày Quốc tế Thiếu nhi (1/6/2021)"; lunar: "Ngày giỗ Hai Bà Trưng (mùng 6 tháng
          Hai âm lịch, 18/3/2021)";
        - period: "Tháng hành động vì bình đẳng giới ... năm 2021 (15/11 – 15/12/2021)";
        - congress: "Đại hội đại biểu Phụ nữ tỉnh Quảng Trị lần thứ I, nhiệm kỳ 2025 - 2030".
        """
        o = self.occasion
        if o.kind == "anniversary":
            if o.lunar:
                return f"Kỷ niệm {self.number} năm {o.name} (năm {o.since} – {self.year})"
            base = date(2000, self.start.month, self.start.day)  # 2000: a leap year, any day exists
            return f"Kỷ niệm {self.number} năm {o.name} ({day_month(base)}/{o.since} – {short_date(self.start)})"
        if o.kind == "period":
            return f"{o.name} năm {self.start.year} ({day_month(self.start)} – {short_date(self.end)})"
        if o.kind == "congress":
            term = f", nhiệm kỳ {o.term}" if o.term else ""
            return f"{o.name} lần thứ {to_roman(o.number)}{term}"
        if o.lunar:
            return f"{o.name} ({lunar.day_label(o.day, o.month)} âm lịch, {short_date(self.start)})"
        return f"{o.name} ({short_date(self.start)})"

    @property
    def date_label(self) -> str:
        """ "8/3/2021", or "15/11 – 15/12/2021" for a period."""
        if self.end == self.start:
            return short_date(self.start)
        first = day_month(self.start) if self.start.year == self.end.year else short_date(self.start)
        return f"{first} – {short_date(self.end)}"

    @property
    def lunar_label(self) -> str:
        """ "mùng 6 tháng Giêng năm Tân Sửu" for a lunar occasion, else ""."""
        if not self.occasion.lunar:
            return ""
        return f"{lunar.day_label(self.occasion.day, self.occasion.month)} năm {lunar.year_name(self.year)}"

    def when_label(self, today: date) -> str:
        """How far ``today`` is from the occurrence: "hôm nay", "còn 5 ngày", "đang diễn ra
        (đến 15/12/2026)" or "đã qua"."""
        if self.start <= today <= self.end and self.start != self.end:
            return f"đang diễn ra (đến {short_date(self.end)})"
        if today == self.start:
            return "hôm nay"
        return f"còn {(self.start - today).days} ngày" if today < self.start else "đã qua"


@dataclass(frozen=True)
class Calendar:
    """Every occasion of the union's calendar.

    Attributes:
        occasions: in the data file's order.
        path: the data file as shown in messages ("content/_data/ngay-ky-niem.yml"), "" if none.
    """

    occasions: tuple[Occasion, ...] = ()
    path: str = ""

    def get(self, key: str) -> Occasion | None:
        """The occasion of ``key``, or None."""
        return next((o for o in self.occasions if o.key == key), None)

    def closest_key(self, text: str) -> Occasion | None:
        """The occasion whose key is closest to a mistyped ``text`` (difflib), or None."""
        close = difflib.get_close_matches(text, [o.key for o in self.occasions], n=1, cutoff=0.6)
        return self.get(close[0]) if close else None

    def between(self, first: date, last: date) -> list[Occurrence]:
        """The occurrences that overlap ``first``–``last`` (both included), sorted by start date
        then key (a total order, so two runs agree)."""
        found = [
            o
            for year in range(first.year - 1, last.year + 1)
            for occasion in self.occasions
            for o in occasion.occurrences(year)
            if o.end >= first and o.start <= last
        ]
        return sorted(found, key=lambda o: (o.start, o.key))

    def upcoming(self, today: date, days: int) -> list[Occurrence]:
        """The occurrences from ``today`` to ``days`` days later, periods under way included."""
        return self.between(today, today + timedelta(days=days))

    def marked(self, key: str, day: date) -> Occurrence | None:
        """The occurrence of ``key`` an issue published on ``day`` marks: the one nearest to
        ``day`` (the later one on a tie), within a year of it; None when there is none.

        Nearest, not next: an issue comes out shortly before the day it greets, or after it to
        report on the celebration; the 8/3 issue also greets Hai Bà Trưng, whose mùng 6 tháng
        Giêng can fall five weeks before 8/3 (31/1/2028).
        """
        occasion = self.get(key)
        if occasion is None:
            return None
        found = [
            o
            for year in (day.year - 1, day.year, day.year + 1)
            for o in occasion.occurrences(year)
            if abs(_distance(o, day)) <= 366
        ]
        return min(found, key=lambda o: (abs(_distance(o, day)), -_distance(o, day)), default=None)


def _distance(occurrence: Occurrence, day: date) -> int:
    """Days from ``day`` to ``occurrence`` (negative when it is over, 0 while it lasts)."""
    if occurrence.start <= day <= occurrence.end:
        return 0
    return (occurrence.start - day).days if day < occurrence.start else (occurrence.end - day).days
