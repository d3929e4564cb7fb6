"""Files of ``content/`` that a browser would run as code: refused before anything is published.

The site publishes every file of ``content/`` (but ``_data/``) as it is, at an address of the
site's own origin, where a page's script can read and do anything a reader of the site can.
So :func:`check_tree`, called by :func:`builder.content.reader.read_tree` (hence by ``bantin
check``, ``bantin build`` and the preview), refuses, each at its file and line:

- an SVG picture that holds a script, a handler or an outside reference
  (:func:`builder.content.svg.problems`); a compressed ``.svgz``, which cannot be read cheaply;
- a web page or a script (:data:`ACTIVE_SUFFIXES`): content is written in Markdown, and a
  page or script of its own would run on the site's origin, outside the body cleaning
  (:mod:`builder.outputs.safe_html`).
"""

from __future__ import annotations

import os
from pathlib import Path

from builder.content import svg
from builder.errors import ErrorList, os_reason

ACTIVE_SUFFIXES = frozenset(
    {
        ".html",
        ".htm",
        ".xhtml",
        ".xht",
        ".xhtm",
        ".shtml",
        ".mhtml",
        ".js",
        ".mjs",
        ".xml",
        ".xsl",
        ".xslt",
        ".rss",
        ".atom",
        ".rdf",
        ".mml",
        ".xul",
    }
)
"""Suffixes a web server serves as a page or a script (lower case). The XML ones are served as
an XML type (GitHub Pages: ``application/xml``, ``application/xslt+xml``, ``…+xml``), which a
browser opens as a document: an element in the XHTML namespace, ``<script>`` included, runs
there as in a page. Content has no use for them (the site's own feeds and sitemap are made by
the build)."""


def check_tree(content_dir: Path, shown_root: str, errors: ErrorList, skip: str = "_data/") -> None:
    """Report every file under ``content_dir`` (except under ``skip``, which the site does not
    publish) that the module docstring refuses; ``shown_root`` prefixes the paths in messages
    ("content")."""
    # Linked folders are not entered: builder.content.tree refuses every one of them, and two
    # links to a parent folder side by side would make a walk that follows them branch without
    # end (2**40 folders before the system's limit on nested links).
    for top, _, names in os.walk(content_dir):
        folder = os.path.relpath(top, content_dir).replace(os.sep, "/")
        prefix = "" if folder == "." else folder + "/"
        if prefix.startswith(skip):
            continue
        for name in names:
            suffix = os.path.splitext(name)[1].lower()
            shown = f"{shown_root}/{prefix}{name}" if shown_root else prefix + name
            if suffix in ACTIVE_SUFFIXES and not (prefix == "" and name == "404.html"):  # reader reports that one
                errors.add(
                    shown,
                    1,
                    f"Tệp '{name}' là trang web hoặc mã chạy được ({suffix}): không đăng từ content/.",
                    "Viết nội dung thành bài Markdown (.md); tệp cần gửi kèm thì đổi sang PDF. "
                    "Xóa tệp này khỏi content/.",
                )
            elif suffix == ".svgz":
                errors.add(
                    shown,
                    1,
                    "Tệp SVG nén (.svgz) không được đăng: không kiểm tra được nội dung bên trong.",
                    "Lưu hình thành tệp .svg (không nén) hoặc PNG.",
                )
            elif suffix == ".svg":
                try:
                    data = Path(top, name).read_bytes()
                except OSError as exc:
                    errors.add(
                        shown, 1, f"Không đọc được tệp SVG ({os_reason(exc)}).", "Kiểm tra lại tệp hoặc xóa tệp này."
                    )
                    continue
                for problem in svg.problems(data):
                    errors.add(shown, problem.line, problem.message, svg.HINT)
