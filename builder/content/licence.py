"""The bulletin's publishing licence (*giấy phép xuất bản bản tin*) and its validity.

Under Luật Báo chí 2025 a bulletin licence is valid for the period written in it and at most
one year from the day it was granted (Art. 48(2)); for a provincial body the provincial
People's Committee grants it (Art. 48(4)). An issue dated after the licence's last valid day
may not be published under it, so it is refused; 30 days before that day the editors are
warned, so that there is time to apply for a new one. A draft issue (``draft: true``) is not
published and so not refused: the editors may prepare the next issue (``bantin new issue``)
while the new licence is applied for, and the rest of the site keeps being published; it is
refused when it is made ready (``draft: false``) and the licence has still not been renewed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from builder.content import press_law
from builder.errors import ErrorList

WARN_DAYS = 30
"""Days before the licence's last valid day from which ``bantin check`` and ``bantin
calendar`` warn."""


@dataclass(frozen=True)
class Licence:
    """The licence as mkdocs.yml records it (``editions → bulletin → colophon``).

    Attributes:
        number: "05/GP-UBND"; granted: the day it was granted (None: not given);
        authority: who granted it; valid_until: its last valid day (None: not given, nothing
        is checked); config_file: the configuration's file name ("mkdocs.yml");
        line: the line of ``licence_valid_until`` in it (0: unknown).
    """

    number: str = ""
    granted: date | None = None
    authority: str = ""
    valid_until: date | None = None
    config_file: str = "mkdocs.yml"
    line: int = 0

    @property
    def where(self) -> str:
        """ "mkdocs.yml, dòng 73" (or the file alone)."""
        return f"{self.config_file}, dòng {self.line}" if self.line else self.config_file


def check_issue(licence: Licence | None, day: date, path: str, line: int, errors: ErrorList) -> None:
    """Record a problem at ``path``:``line`` (the issue's ``date``) when an issue dated ``day``
    falls after the licence's last valid day."""
    if licence is None or licence.valid_until is None or day <= licence.valid_until:
        return
    errors.add(
        path,
        line,
        f"Số bản tin này phát hành ngày {day:%d/%m/%Y}, sau ngày giấy phép xuất bản bản tin số "
        f"{licence.number or '(chưa ghi số)'} hết hạn ({licence.valid_until:%d/%m/%Y}); không được phát hành "
        f"số mới khi giấy phép đã hết hạn ({press_law.regime_on(day).licence_rule}).",
        f"Xin cấp giấy phép mới rồi ghi số, ngày cấp và ngày hết hạn mới (licence_number, licence_date, "
        f"licence_valid_until) vào {licence.where}; hoặc sửa ngày phát hành (date) của số này.",
    )


def expiry_warning(licence: Licence | None, today: date) -> str | None:
    """The warning for ``today`` when the licence ends within :data:`WARN_DAYS` days or has
    ended, else None."""
    if licence is None or licence.valid_until is None or today + timedelta(days=WARN_DAYS) < licence.valid_until:
        return None
    left = (licence.valid_until - today).days
    state = (
        f"đã hết hạn ngày {licence.valid_until:%d/%m/%Y}"
        if left < 0
        else f"hết hạn ngày {licence.valid_until:%d/%m/%Y} (còn {left} ngày)"
    )
    return (
        f"Giấy phép xuất bản bản tin số {licence.number or '(chưa ghi số)'} {state}: số bản tin phát hành sau "
        f"ngày đó sẽ bị từ chối. Xin cấp giấy phép mới ({press_law.LAW_2025.licence_rule}: Ủy ban nhân dân "
        f"cấp tỉnh cấp, thời hạn không quá 1 năm) rồi ghi ngày hết hạn mới vào {licence.where} "
        "(licence_valid_until)."
    )
