"""The ``editions:`` block of the plugin's configuration (print editions and their PDFs).

Checked when mkdocs.yml is loaded, so a wrong value stops the build before anything is
written, with a Vietnamese message naming the key (``bantin`` exits with code 2). The rules
themselves (legal page size, Decree 30 margins, the colophon a bulletin must print) live in
:mod:`builder.outputs.editions`.
"""

from __future__ import annotations

from datetime import date

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from builder.outputs import editions


class ColophonConfig(Config):
    """What the foot of a bulletin's last page must say (Press Law 2016, Art. 34(1))."""

    licence_number = c.Type(str, default="")
    """Số giấy phép xuất bản bản tin, e.g. "12/GP-STTTT"."""
    licence_date = c.Optional(c.Type((str, date)))
    """Ngày cấp giấy phép (a YAML date, 2021-01-15)."""
    licence_authority = c.Type(str, default="")
    """Cơ quan cấp phép (optional), e.g. "Sở Thông tin và Truyền thông tỉnh Quảng Trị"."""
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
    """Page size: "190mm 270mm", "19cm 27cm", "B5" or "A5" (at most 19 × 27 cm)."""
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
            printer=colophon.printer.strip(),
            print_run=colophon.print_run,
            periodicity=colophon.periodicity.strip(),
            responsible=colophon.responsible.strip()),
        margins=(documents.margins.top, documents.margins.right, documents.margins.bottom, documents.margins.left),
        font_size=documents.font_size,
    )
