"""The union's names over time: issuer lines, place and the bulletin's cơ quan chủ quản.

The 2025 reorganisation changed the names printed on new documents and bulletins (Quảng
Bình merged into Quảng Trị from 1 July 2025, no district level, the Women's Union working
within the Vietnam Fatherland Front) but not on what was issued before: a document or an
issue keeps the names in force on its own date. So the names are data, a list of periods in
mkdocs.yml (``plugins → bantin → periods``), each in force from its ``from`` date until the
next one starts; ``docs/ban-tin-luat-bao-chi.md`` says which values are confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    """The names in force from ``start`` until the next period starts.

    Attributes:
        start: first day (Vietnam) the names apply to.
        parent: the issuer's first line, the body above (*cơ quan chủ quản*), "" for none.
        body: the issuing body (*cơ quan ban hành*), e.g. "BAN THƯỜNG VỤ HỘI LHPN TỈNH".
        place: the place of the documents' date line ("Quảng Trị").
        publisher: the body a bulletin issue names under its title and in its colophon
            (the bulletin's *cơ quan chủ quản*); "" falls back to ``organisation``.
    """

    start: date
    parent: str = ""
    body: str = ""
    place: str = ""
    publisher: str = ""


def period_on(periods: tuple[Period, ...], day: date) -> Period | None:
    """The period in force on ``day``: the latest that starts on or before it, or None when
    ``day`` is before every period (then the site-wide ``issuer``/``place`` apply)."""
    current = None
    for period in sorted(periods, key=lambda p: p.start):
        if period.start <= day:
            current = period
    return current
