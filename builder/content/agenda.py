"""The editors' agenda: the occasions of a period with their dates, titles and which bulletin
issue should mark them (``bantin calendar``).

Pure: a library and two dates in, Vietnamese lines out. Every issue counts, drafts and
scheduled ones included, because the agenda is for planning issues not yet published.
"""

from __future__ import annotations

from datetime import date, timedelta

from builder.content.calendar import Occurrence, short_date
from builder.content.dates import VIETNAM, display_date
from builder.content.library import Library
from builder.content.model import BulletinIssue

LEAD_DAYS = 30
"""An issue published at most this many days before an occasion can mark it."""


def report(library: Library, first: date, last: date) -> list[str]:
    """The agenda from ``first`` to ``last`` (both included), one block per occurrence.

    Returns:
        Lines to print: a heading, then for each occurrence its date line (weekday, solar date,
        lunar date, round-anniversary flag), its title and a suggestion; then a summary line.
    """
    calendar = library.calendar
    heading = f"Các dịp kỷ niệm từ {short_date(first)} đến {short_date(last)} (theo lịch {calendar.path}):"
    if not calendar.occasions:
        return [f"Chưa có lịch kỷ niệm: tạo tệp {calendar.path} (xem README.md, mục Lịch kỷ niệm)."]
    found = calendar.between(first, last)
    if not found:
        return [heading, "", "Không có dịp kỷ niệm nào trong khoảng này."]
    lines = [heading]
    for occurrence in found:
        lines += ["", when_line(occurrence), f"  {occurrence.title}", f"  Gợi ý: {suggestion(occurrence, library)}"]
    rounds = sum(1 for o in found if o.round)
    lines += ["", f"Tổng cộng {len(found)} dịp, trong đó {rounds} dịp kỷ niệm năm tròn hoặc năm chẵn."]
    return lines


def when_line(occurrence: Occurrence) -> str:
    """ "Thứ Hai, 08/3/2027", with the lunar date, the end of a period and the round flag."""
    text = display_date(occurrence.start)
    if occurrence.end != occurrence.start:
        text += f" – {display_date(occurrence.end)}"
    if occurrence.lunar_label:
        text += f" · âm lịch: {occurrence.lunar_label}"
    if occurrence.round:
        text += f" · NĂM {occurrence.round.upper()} ({occurrence.number} năm)"
    return text


def suggestion(occurrence: Occurrence, library: Library) -> str:
    """Which issue should mark ``occurrence``, in Vietnamese.

    In order: an issue that already names it; the issue of the occasion it is usually marked
    with (``together_with``: Hai Bà Trưng goes with 8/3); the latest issue published at most
    :data:`LEAD_DAYS` days before it; otherwise a new issue, a special one for a round
    anniversary or a congress.
    """
    marking = library.issues_marking(occurrence, published_only=False)
    if marking:
        return "đã có trong " + "; ".join(_issue(i, library) for i in marking) + "."
    calendar = library.calendar
    partner = (
        calendar.marked(occurrence.occasion.together_with, occurrence.start)
        if occurrence.occasion.together_with
        else None
    )
    if partner is not None:
        issues = library.issues_marking(partner, published_only=False)
        if issues:
            return f"nhắc trong {_issue(issues[-1], library)}, số chào mừng {partner.occasion.name}."
        return f"nhắc cùng số bản tin chào mừng {partner.occasion.name} ({partner.date_label})."
    before = [
        i for i in _issues(library) if occurrence.start - timedelta(days=LEAD_DAYS) <= _day(i) <= occurrence.start
    ]
    if before:
        return f"có thể nhắc trong {_issue(before[-1], library)}, số gần nhất trước ngày kỷ niệm."
    deadline = short_date(occurrence.start)
    if occurrence.round:
        return f"năm {occurrence.round}: nên có số bản tin đặc biệt chào mừng, phát hành trước {deadline}."
    if occurrence.occasion.kind == "congress":
        return f"nên có số bản tin đặc biệt chào mừng đại hội, phát hành trước {deadline}."
    return f"nên có số bản tin chào mừng (hoặc nhắc trong số gần nhất), phát hành trước {deadline}."


def _issues(library: Library) -> list[BulletinIssue]:
    found = [e for e in library.entries.values() if isinstance(e, BulletinIssue)]
    return sorted(found, key=lambda i: (i.date, i.source))


def _day(issue: BulletinIssue) -> date:
    return issue.date.astimezone(VIETNAM).date()


def _issue(issue: BulletinIssue, library: Library) -> str:
    state = ", bản nháp" if issue.draft else ("" if library.is_published(issue) else ", hẹn giờ đăng")
    return f"{issue.label} (phát hành {short_date(_day(issue))}{state})"
