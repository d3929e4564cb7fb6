"""The ``editions:`` block of the plugin's configuration (print editions and their PDFs).

Checked when mkdocs.yml is loaded, so a wrong value stops the build before anything is
written, with a Vietnamese message naming the key (``bantin`` exits with code 2). The rules
themselves (Decree 30 margins, the colophon a bulletin must print) live in
:mod:`builder.outputs.editions`; the page size and page count are judged per issue, by the
press law in force on its date (:mod:`builder.content.press_law`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from builder import config_options as c
from builder.config_options import Config, ValidationError

from builder.config_messages import key_place
from builder.content.licence import Licence
from builder.outputs import editions


class ColophonConfig(Config):
    """What the foot of a bulletin's last page says: the licence and the printing data
    (Luật Báo chí 2016, Điều 34 for issues before 1 July 2026; the licence of Luật Báo chí
    2025, Điều 48 after: docs/ban-tin-luat-bao-chi.md)."""

    licence_number = c.Type(str, default="")
    """Số giấy phép xuất bản bản tin, e.g. "12/GP-STTTT"."""
    licence_date = c.Optional(c.Type((str, date)))
    """Ngày cấp giấy phép (a YAML date, 2021-01-15)."""
    licence_authority = c.Type(str, default="")
    """Cơ quan cấp phép (optional), e.g. "Ủy ban nhân dân tỉnh Quảng Trị" (Luật Báo chí 2025,
    Điều 48 khoản 4: the provincial People's Committee licenses a provincial body's bulletin)."""
    licence_valid_until = c.Optional(c.Type(date))
    """The licence's last valid day (a YAML date). An issue dated after it is refused; ``bantin
    check`` and ``bantin calendar`` warn 30 days before (Luật Báo chí 2025, Điều 48 khoản 2:
    at most one year from the grant)."""
    printer = c.Type(str, default="")
    """Nơi in."""
    print_run = c.Optional(c.Type(int))
    """Số lượng in (copies per issue)."""
    periodicity = c.Type(str, default="")
    """Kỳ hạn xuất bản, e.g. "3 tháng/kỳ"."""
    responsible = c.Type(str, default="")
    """Người chịu trách nhiệm xuất bản (name and title)."""


class BulletinPrintConfig(Config):
    """Layout of a bulletin issue's print edition."""

    paper = c.Type(str, default=editions.DEFAULT_PAPER)
    """Page size: "190mm 270mm", "19cm 27cm", "B5" or "A5". Beyond 19 × 27 cm an issue dated
    before 1 July 2026 is refused (Luật Báo chí 2016, Điều 34), a later one only warned about."""
    columns = c.Choice((1, 2), default=2)
    """Columns of the article text (headings always span the page)."""
    colophon = c.SubConfig(ColophonConfig)


class MarginsConfig(Config):
    """Page margins of official documents, in millimetres (Decree 30 ranges)."""

    top = c.Type((int, float), default=20)
    bottom = c.Type((int, float), default=20)
    left = c.Type((int, float), default=30)
    right = c.Type((int, float), default=15)


class DocumentPrintConfig(Config):
    """Layout of official documents' PDFs (Decree 30/2020/NĐ-CP, Appendix I)."""

    margins = c.SubConfig(MarginsConfig)
    font_size = c.Type((int, float), default=14)
    """Body text size in points (13–14)."""


class EditionsConfig(Config):
    """Print editions: a PDF of every published bulletin issue and official document."""

    enabled = c.Type(bool, default=False)
    """Make the PDFs (and require the colophon)."""
    bulletin = c.SubConfig(BulletinPrintConfig)
    documents = c.SubConfig(DocumentPrintConfig)


class EditionsOption(c.SubConfig[EditionsConfig]):
    """The ``editions`` option: validated as a whole, in Vietnamese."""

    def run_validation(self, value: object) -> EditionsConfig:
        config = super().run_validation(value)
        if config.enabled:
            problems = editions.settings_problems(to_settings(config))
            if problems:
                raise ValidationError(" ".join(problems))
        return config


def to_settings(config: EditionsConfig) -> editions.Settings:
    """The plain :class:`builder.outputs.editions.Settings` of a validated ``editions`` block."""
    bulletin, documents = config.bulletin, config.documents
    colophon = bulletin.colophon
    licence_date = colophon.licence_date
    return editions.Settings(
        enabled=config.enabled,
        paper=bulletin.paper,
        columns=bulletin.columns,
        colophon=editions.Colophon(
            licence_number=colophon.licence_number.strip(),
            licence_date=licence_date if isinstance(licence_date, date) else (licence_date or "").strip(),
            licence_authority=colophon.licence_authority.strip(),
            licence_valid_until=colophon.licence_valid_until,
            printer=colophon.printer.strip(),
            print_run=colophon.print_run,
            periodicity=colophon.periodicity.strip(),
            responsible=colophon.responsible.strip(),
        ),
        margins=(documents.margins.top, documents.margins.right, documents.margins.bottom, documents.margins.left),
        font_size=documents.font_size,
    )


def to_licence(config: EditionsConfig, config_file: str | None) -> Licence | None:
    """The bulletin's licence of a validated ``editions`` block, with the file and line of its
    ``licence_valid_until`` (``config_file`` or the file it inherits it from); None when no
    licence number is given."""
    colophon = config.bulletin.colophon
    if not colophon.licence_number.strip() and colophon.licence_valid_until is None:
        return None
    granted = colophon.licence_date if isinstance(colophon.licence_date, date) else None
    keys = ["plugins", "bantin", "editions", "bulletin", "colophon", "licence_valid_until"]
    holder, line = key_place(Path(config_file), keys) if config_file else (Path("mkdocs.yml"), 0)
    return Licence(
        number=colophon.licence_number.strip(),
        granted=granted,
        authority=colophon.licence_authority.strip(),
        valid_until=colophon.licence_valid_until,
        config_file=holder.name,
        line=line,
    )
