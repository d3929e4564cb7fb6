"""The ``identity:`` and ``contact:`` settings of the bantin plugin (mkdocs.yml).

Each problem is a :class:`~builder.config_options.ValidationError` in Vietnamese that says how to
fix it; :mod:`builder.config_messages` puts it at its line of mkdocs.yml, as for every setting.
Paths are relative to mkdocs.yml (MkDocs' ``File`` option), so the emblem is a file of the
repository, outside ``content/`` (the editors' folder).
"""

from __future__ import annotations

import re
from pathlib import Path

from builder import config_options as c
from builder.config_options import Config, ValidationError

from builder.content import svg
from builder.outputs import emblem
from builder.outputs.emblem import MIN_ICON


class EmblemFile(c.File):
    """The emblem: an existing ``.svg`` (checked like every SVG of the site) or ``.png``."""

    def __init__(self):
        super().__init__(exists=True)

    def run_validation(self, value):
        path = Path(super().run_validation(value))
        suffix = path.suffix.lower()
        if suffix == ".svg":
            found = svg.problems(path.read_bytes())
            if found:
                raise ValidationError(
                    f"hình SVG '{value}' không dùng được: {found[0].message} (dòng {found[0].line} "
                    'của tệp). Cách sửa: lưu lại dạng SVG thuần (Inkscape: "Plain SVG") hoặc dùng PNG.'
                )
        elif suffix == ".png":
            _open_png(path, value)
        else:
            raise ValidationError(
                f"biểu trưng '{value}' phải là tệp .svg hoặc .png. Cách sửa: xuất hình ra SVG hoặc PNG."
            )
        return str(path)


class IconFile(c.File):
    """The favicon's source: an existing PNG of at least :data:`MIN_ICON` pixels a side."""

    def __init__(self):
        super().__init__(exists=True)

    def run_validation(self, value):
        path = Path(super().run_validation(value))
        if path.suffix.lower() != ".png":
            raise ValidationError(
                f"biểu tượng '{value}' phải là tệp .png. Cách sửa: xuất hình ra PNG, "
                f"vuông, ít nhất {MIN_ICON} × {MIN_ICON} điểm ảnh."
            )
        width, height = _open_png(path, value)
        if min(width, height) < MIN_ICON:
            raise ValidationError(
                f"biểu tượng '{value}' chỉ {width} × {height} điểm ảnh, nhỏ hơn {MIN_ICON} × {MIN_ICON}: "
                f"phóng to sẽ bị nhòe. Cách sửa: xuất lại hình vuông từ {MIN_ICON} × {MIN_ICON} trở lên."
            )
        return str(path)


def _open_png(path: Path, shown: str) -> tuple[int, int]:
    try:
        return emblem.png_size(path)
    except ValueError as exc:
        raise ValidationError(f"tệp '{shown}' {exc}. Cách sửa: xuất lại hình ra PNG.") from None


class IdentityConfig(Config):
    """The emblem and the icons (builder/outputs/emblem.py)."""

    emblem = c.Optional(EmblemFile())
    """The emblem shown in the header: ``.svg`` or ``.png``, relative to mkdocs.yml; default:
    the project's neutral emblem (builder/outputs/bieu-trung.svg)."""
    icon = c.Optional(IconFile())
    """The PNG the favicons and the ``apple-touch-icon`` are made from (square, at least
    180 × 180); default: the emblem when it is a PNG, else the default emblem's drawing."""


class Pattern(c.Type):
    """Text matching ``pattern``; ``hint`` says what is expected (after "phải là")."""

    def __init__(self, pattern: str, hint: str):
        super().__init__(str)
        self.pattern = re.compile(pattern)
        self.hint = hint

    def run_validation(self, value):
        value = super().run_validation(value).strip()
        if not self.pattern.fullmatch(value):
            raise ValidationError(
                f"'{value}' không đúng: phải là {self.hint} Cách sửa: sửa lại giá trị, "
                "hoặc xóa dòng này nếu Hội không có."
            )
        return value


PHONE = r"\+?[0-9][0-9 .()-]{7,18}[0-9]"
"""A telephone number as written in Vietnam ("0233 3852 246", "+84 233 3852 246")."""
EMAIL = r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}"
FANPAGE = r"https://(www\.|m\.)?(facebook|fb)\.com/\S+"
ZALO = r"https://(zalo\.me|oa\.zalo\.me)/\S+"


class ContactConfig(Config):
    """The organisation's contact block: the footer of every page and the "Liên hệ" page
    (theme/partials/footer.html, theme/bantin/contact.html). Every key may be left out; a
    line is shown only for the keys given."""

    address = c.Optional(c.Type(str))
    """The office's postal address."""
    phone = c.Optional(Pattern(PHONE, 'một số điện thoại, ví dụ "0233 3852 246".'))
    """The office's telephone, as it is written (a ``tel:`` link is made of its digits)."""
    email = c.Optional(Pattern(EMAIL, 'một địa chỉ thư điện tử, ví dụ "hoiphunu@quangtri.gov.vn".'))
    fanpage = c.Optional(Pattern(FANPAGE, "địa chỉ trang Facebook, bắt đầu bằng https://www.facebook.com/ ."))
    """The union's Facebook Page."""
    zalo = c.Optional(
        Pattern(
            ZALO,
            "địa chỉ Zalo Official Account hoặc nhóm Zalo, bắt đầu bằng https://zalo.me/ (hoặc https://oa.zalo.me/).",
        )
    )
    """The Zalo Official Account or the group's invitation link."""


def identity_of(options) -> emblem.Identity:
    """The :class:`~builder.outputs.emblem.Identity` of the plugin's ``options`` (defaults for
    the keys left out)."""
    chosen = options.identity
    return emblem.Identity(
        emblem=Path(chosen.emblem) if chosen.emblem else emblem.DEFAULT_EMBLEM,
        icon=Path(chosen.icon) if chosen.icon else None,
    )
