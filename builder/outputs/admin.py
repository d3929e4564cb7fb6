"""The web editor's folder of the site, ``site/admin/``: the page, Decap CMS's script (served
from the site, never from a CDN) and the configuration generated from the content model
(:mod:`builder.outputs.cms_config`).

Decap CMS comes from npm (``admin/package.json`` and its lock, installed by ``npm ci --prefix
admin``: ``make site``, ``.ci/run``, the deploy workflow). Where it is not installed the build
makes the rest of the site and says so in one line (:data:`NOT_INSTALLED`).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

from builder.atomic import write_atomic
from builder.outputs import cms_config, emblem

ADMIN = Path(__file__).resolve().parents[2] / "admin"
"""The project's ``admin/``: ``package.json``, ``node_modules/`` once installed, ``page/``
(``page/`` and Decap's version are in every cache key: :data:`builder.build_cache.PROJECT_INPUTS`,
:data:`builder.build_cache.DECAP`)."""
DIST = ADMIN / "node_modules" / "decap-cms" / "dist"
"""Decap's built files (one bundle ``decap-cms.js``, its lazily loaded chunks and WebAssembly)."""
PAGE = ADMIN / "page"
"""The project's own files of the editor: ``index.html``, ``bantin-admin.js`` (photos lose their
EXIF) and ``bantin-widgets.js`` (widgets Decap lacks: a signer's one- or two-line authority)."""
FOLDER = "admin"
"""Where the editor is on the site (``<site_url>admin/``)."""

NOT_INSTALLED = (
    "Chưa cài trình soạn thảo web (thiếu admin/node_modules): trang /admin/ không được dựng; "
    "cài Node.js và npm rồi chạy 'npm ci --prefix admin' (make site tự làm việc này khi có npm)."
)
"""The one line a build says when Decap is not installed."""


def installed() -> bool:
    """Whether Decap CMS is installed (``npm ci --prefix admin`` has run)."""
    return (DIST / "decap-cms.js").is_file()


def repository(repo_url: str | None, site_url: str | None) -> str:
    """The GitHub repository ("owner/name") the editor commits to: from mkdocs.yml's
    ``repo_url`` (``https://github.com/owner/name``), else from a GitHub Pages ``site_url``
    (``https://owner.github.io/name/``); "" when neither says."""
    match = re.match(r"https?://github\.com/([^/]+)/([^/#?]+?)(?:\.git)?/?$", repo_url or "")
    if match:
        return f"{match[1]}/{match[2]}"
    match = re.match(r"https?://([^./]+)\.github\.io/([^/]+)/?", site_url or "")
    return f"{match[1]}/{match[2]}" if match else ""


def write(site_dir: Path, site: cms_config.Site, site_name: str) -> bool:
    """Write ``site_dir/admin/``: index.html, bantin-admin.js, bantin-widgets.js, config.json and Decap's files.

    Returns:
        False (nothing written) when Decap is not installed (:func:`installed`).
    """
    if not installed():
        return False
    folder = site_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    page = (PAGE / "index.html").read_text(encoding="utf-8").replace("{{site_name}}", html.escape(site_name))
    page = page.replace("{{favicon}}", emblem.FAVICON)
    write_atomic(folder / "index.html", page.encode())
    for script in ("bantin-admin.js", "bantin-widgets.js"):
        write_atomic(folder / script, (PAGE / script).read_bytes())
    # JSON, not YAML: no quoting rule of ours can go wrong, and Decap reads it with its YAML
    # parser (JSON is YAML). Not .yml: the site publishes no YAML file (the calendar's data stays out).
    write_atomic(folder / "config.json", json.dumps(cms_config.config(site), ensure_ascii=False, indent=1).encode())
    for built in DIST.iterdir():
        # Only what the browser loads: the bundle, its chunks, WebAssembly (no source maps, no
        # cms.js: the same bundle under its old name).
        if built.name.endswith((".decap-cms.js", ".wasm")) or built.name == "decap-cms.js":
            target = folder / built.name
            if not target.exists() or target.stat().st_size != built.stat().st_size:
                shutil.copyfile(built, target)
    return True
