"""SVG pictures in ``content/``: published only when they cannot run code or fetch anything.

An SVG file is a document, not a picture: opened from the site (its address, or a link to it)
a browser runs its ``<script>`` and its ``on…=`` handlers with the site's origin, and loads what
it references from other hosts. The site publishes every file of ``content/`` as it is, so each
``.svg`` is read (with expat, the standard library's XML parser, which gives lines; called by
:mod:`builder.content.published_files`) and refused, with its file and line, when it holds:

- ``<script>``, ``<foreignObject>`` (HTML inside the picture), ``<iframe>``, ``<embed>``,
  ``<object>``, XML Events ``<handler>``/``<listener>``;
- an event attribute (``onload``, ``onclick`` … any ``on…``);
- a reference to anything outside the file: ``href``/``xlink:href`` other than ``#id`` or an
  embedded PNG/JPEG/GIF/WebP picture (``data:image/…``), ``url(…)`` other than ``url(#id)``,
  CSS ``@import``, an ``<?xml-stylesheet?>`` instruction;
- an animation (``<set>``, ``<animate>``) that changes a link or a handler;
- an entity declaration in its DOCTYPE (entity expansion can hide any of the above and can
  make a tiny file huge); a file that is not well-formed XML is refused too.

Rules from the SVG 2 specification (scripting, linking) and OWASP's XSS prevention notes.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from xml.parsers import expat

ACTIVE_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"})
"""Elements (lower-case local names) that run code or embed another document."""

ANIMATIONS = frozenset({"set", "animate", "animatemotion", "animatetransform"})
"""Elements that may change another attribute while the picture shows."""

PICTURE_DATA = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.IGNORECASE)
"""An embedded raster picture (``href="data:image/png;base64,…"``): kept."""

_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)

HINT = (
    "Lưu lại hình bằng chương trình vẽ dưới dạng SVG thuần (Inkscape: Lưu thành 'Plain SVG'; Illustrator: "
    "bỏ chọn mã JavaScript, nhúng ảnh vào tệp), hoặc xuất hình ra PNG rồi dùng tệp PNG."
)


class Problem(NamedTuple):
    """A reason to refuse an SVG file: ``message`` (Vietnamese) and the 1-based ``line``."""

    message: str
    line: int


def problems(data: bytes) -> list[Problem]:
    """Each reason to refuse the SVG document ``data`` (module docstring); [] when it may be
    published."""
    found: list[Problem] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    styles: list[tuple[int, list[str]]] = []

    def add(problem: Problem) -> None:
        found.append(problem)

    def here() -> int:
        return parser.CurrentLineNumber

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        lowered = local.lower()
        if lowered in ACTIVE_ELEMENTS:
            add(Problem(f"Hình SVG có thẻ <{local}> (chạy mã hoặc nhúng trang khác khi mở hình).", here()))
        if lowered == "style":
            styles.append((parser.CurrentLineNumber, []))
        for key, value in attrs.items():
            attribute = key.rsplit(" ", 1)[-1]
            if attribute.lower().startswith("on"):
                add(Problem(f"Hình SVG có thuộc tính {attribute} (mã chạy khi mở hoặc bấm vào hình).", here()))
            elif attribute == "href" and not _local_reference(value):
                add(
                    Problem(
                        f"Hình SVG tham chiếu '{_short(value)}' ngoài tệp (chỉ được dùng #tên trong chính tệp "
                        "hoặc ảnh nhúng).",
                        here(),
                    )
                )
            elif (
                lowered in ANIMATIONS
                and attribute == "attributeName"
                and (value.rsplit(":", 1)[-1] == "href" or value.lower().startswith("on"))
            ):
                add(
                    Problem(
                        f"Hình SVG có hiệu ứng <{local}> thay đổi {value} (có thể biến thành liên kết chạy mã).", here()
                    )
                )
            else:
                _check_css(value, here(), add)

    def end(name: str) -> None:
        if name.rsplit(" ", 1)[-1].lower() == "style" and styles:
            line, parts = styles.pop()
            _check_css("".join(parts), line, add)

    def text(data: str) -> None:
        if styles:
            styles[-1][1].append(data)

    def entity(name, *_args) -> None:
        add(Problem(f"Hình SVG khai báo thực thể <!ENTITY {name}> (có thể giấu mã hoặc làm tệp phình to).", here()))
        raise _Stop  # before any expansion

    def instruction(target: str, _data: str) -> None:
        if target.lower() == "xml-stylesheet":
            add(Problem("Hình SVG nạp bảng kiểu (xml-stylesheet) từ tệp khác.", here()))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.EntityDeclHandler = entity
    parser.ProcessingInstructionHandler = instruction
    parser.ExternalEntityRefHandler = lambda *_args: (add(Problem("Hình SVG nạp thực thể từ tệp khác.", here())), 1)[1]
    try:
        parser.Parse(data, True)
    except _Stop:
        pass
    except expat.ExpatError as exc:
        found.append(Problem(f"Tệp SVG hỏng, không đọc được như XML ({expat.ErrorString(exc.code)}).", exc.lineno or 1))
    return found


class _Stop(Exception):
    """Ends the reading of a file already refused."""


def _local_reference(value: str) -> bool:
    value = value.strip()
    return value.startswith("#") or bool(PICTURE_DATA.match(value))


def _check_css(value: str, line: int, add) -> None:
    if "@import" in value.lower():
        add(Problem("Hình SVG có @import (nạp bảng kiểu từ nơi khác).", line))
    for target in _URL.findall(value):
        if not target.startswith("#") and not PICTURE_DATA.match(target):
            add(Problem(f"Hình SVG tham chiếu url({_short(target)}) ngoài tệp.", line))


def _short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 60 else value[:57] + "..."
