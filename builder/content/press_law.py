"""Which press law governs a bulletin issue, by the issue's own date.

A bulletin (*bản tin*) is printed under the law in force on its publication date, and an
issue keeps those rules for good: the archive is never re-judged by a later law.

- Up to 30 June 2026: **Luật Báo chí 2016** (Law 103/2016/QH13). Its Art. 34 cl. 1 is what
  the project built page 1, the colophon and the 19 × 27 cm / 64-page limits on (its
  Vietnamese wording is quoted in ``docs/ban-tin-luat-bao-chi.md``).
- From 1 July 2026: **Luật Báo chí 2025** (Law 126/2025/QH15, Art. 50(1) and 50(4): in force
  1 July 2026, the 2016 law ceases to have effect that day). Art. 48 governs bulletins: a
  licence valid for at most one year (cl. 2), granted for provincial bodies by the provincial
  People's Committee (cl. 4); what a bulletin must print and any size or page limits are left
  to the Minister of Culture, Sports and Tourism (cl. 6), whose rules were not found.

The findings, what is confirmed and what is not, are in ``docs/ban-tin-luat-bao-chi.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

LAW_2025_IN_FORCE = date(2026, 7, 1)
"""The day Luật Báo chí 2025 took effect and the 2016 law ceased (Law 126/2025/QH15, Art. 50)."""

MAX_PAPER_MM = (190.0, 270.0)
"""19 × 27 cm: a bulletin's largest page under the 2016 regime (Luật Báo chí 2016, Art. 34 cl. 1)."""
MAX_PAGES = 64
"""A bulletin's most pages under the 2016 regime (Luật Báo chí 2016, Art. 34 cl. 1)."""


@dataclass(frozen=True)
class Regime:
    """The rules a bulletin issue is printed under.

    Attributes:
        licence_rule: the article behind the licence and its validity.
        limits_in_force: True when the 19 × 27 cm and 64-page limits are confirmed in force
            for the issue (a page beyond them is refused); False when they could not be
            confirmed (a page beyond them is only a warning naming the old source).
        shows_validity: the colophon prints the licence's last valid day (the 2025 law
            limits a licence to one year, Art. 48(2)).
    """

    licence_rule: str
    limits_in_force: bool
    shows_validity: bool


LAW_2016 = Regime(licence_rule="Luật Báo chí 2016, Điều 34", limits_in_force=True, shows_validity=False)
LAW_2025 = Regime(
    licence_rule="Luật Báo chí 2025, Điều 48 khoản 2 và khoản 4", limits_in_force=False, shows_validity=True
)


def regime_on(day: date) -> Regime:
    """The regime of an issue published on ``day`` (a date in Vietnam)."""
    return LAW_2025 if day >= LAW_2025_IN_FORCE else LAW_2016


def limit_source() -> str:
    """Where the 19 × 27 cm / 64-page limits come from, for warnings about later issues."""
    return (
        f"giới hạn này là của Luật Báo chí 2016, Điều 34, hết hiệu lực từ "
        f"{LAW_2025_IN_FORCE:%d/%m/%Y}; chưa xác nhận được nó còn hiệu lực theo Luật Báo chí 2025 "
        "hay quy định của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch (Điều 48 khoản 6)"
    )
