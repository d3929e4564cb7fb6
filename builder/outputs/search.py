"""The site's search index: Pagefind, fed each page's text and a folded copy of it.

Pagefind (PyPI ``pagefind[bin]``, run offline) splits the index into small chunks, so the
first query of a reader on a weak mobile network downloads a few hundred kilobytes at most
instead of the whole index (Material's lunr index is 2.2 MB gzipped at 2,000 articles,
PITFALLS.md). It folds tone marks itself but not đ, so "dai hoi" would miss "Đại hội".

Each published entry is therefore indexed as a small HTML document of its own, built here
and never published: the title, the lead, the rendered body, and after them the same HTML
with every text node folded (:func:`builder.content.search_text.fold`) and every weight
halved. Matches in the original rank above matches that only the folded copy provides
(Pagefind weights are quadratic: half the weight is a quarter of the score), and Pagefind's
own ``diacriticSimilarity`` ranks "hội" above "hồi" for a query typed "hội". The folded
copy has the same words in the same places as the original, so the browser maps a match at
word ``n + i`` (``n`` words in the original) back to word ``i`` for the excerpt
(theme/assets/javascripts/search.js).

This is the only module of the project that runs Pagefind.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from builder.content import dates
from builder.content.model import BulletinIssue, Entry, OfficialDocument
from builder.content.search_text import fold

BUNDLE = "pagefind"
"""The folder of the site that holds the index and Pagefind's search script."""

FOLDED_SCALE = 0.5
"""Weight of a word of the folded copy relative to the same word of the original."""

HEADING_WEIGHTS = {1: 7.0, 2: 6.0, 3: 5.0, 4: 4.0, 5: 3.0, 6: 2.0}
"""Pagefind's default weight of each heading level (other text: 1.0), halved in the copy."""

# Pagefind's bundle also carries three ready-made UIs; the site has its own Vietnamese one.
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
_TAG = re.compile(r"(<[^>]*>)")
_HEADING = re.compile(r"<h([1-6])(?=[\s>])")


class SearchIndexError(Exception):
    """Pagefind could not build the index (message in Vietnamese)."""


@dataclass(frozen=True)
class SearchRecord:
    """One page as the search sees it.

    Attributes:
        url: the page's URL relative to the site root ("tin-tuc/a/").
        title: shown as the result's link.
        section: the site section shown under it ("Tin tức"; "" for plain pages).
        date: the display date ("12/4/2021"; "" for undated pages).
        html: the searchable text as HTML: lead, document header lines, rendered body.
    """

    url: str
    title: str
    section: str
    date: str
    html: str


def record_of(entry: Entry, body_html: str) -> SearchRecord:
    """The search record of a published ``entry`` whose rendered Markdown is ``body_html``."""
    parts = []
    if entry.description:
        parts.append(f"<p>{html.escape(entry.description)}</p>")
    if isinstance(entry, OfficialDocument):
        line = f"{entry.document_type} số {entry.document_number}: {entry.summary_line}"
        parts.append(f"<p>{html.escape(line)}</p>")
    if isinstance(entry, BulletinIssue):
        parts.append(f"<p>{html.escape('; '.join((entry.label, *entry.anniversaries)))}</p>")
    parts.append(body_html)
    terms = (*entry.categories, *entry.tags)
    if terms:
        parts.append(f"<p>{html.escape(', '.join(terms))}.</p>")
    when = dates.display_date(entry.date, weekday=False) if entry.date else ""
    return SearchRecord(url=entry.url, title=entry.title, section=entry.section, date=when, html="\n".join(parts))


def document(record: SearchRecord) -> str:
    """The HTML Pagefind indexes for ``record``: metadata, the original, the folded copy.

    The title is the first word run of the original (an ``h1``), so a title match weighs
    like a heading; metadata sits in ``<meta>`` elements, which Pagefind returns with each
    result but does not index as text.
    """
    original = f"<h1>{html.escape(record.title)}</h1>\n{record.html}"
    meta = "".join(f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">'
                   for key, value in (("title", record.title), ("section", record.section), ("date", record.date))
                   if value)
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8">{meta}</head>'
            f"<body><main data-pagefind-body>{original}"
            f'<div data-pagefind-weight="{FOLDED_SCALE}">{fold_html(original)}</div></main></body></html>')


def fold_html(markup: str) -> str:
    """Fold the text of ``markup`` and halve its headings' weights; tags stay as they are.

    Keeping every tag keeps Pagefind's word splitting (it adds a full stop after headings
    and paragraphs), so the copy has exactly the words of the original, in its places.
    """
    out = []
    for piece in _TAG.split(markup):
        if piece.startswith("<"):
            out.append(_HEADING.sub(lambda m: f'{m.group(0)} data-pagefind-weight="{_halved(m)}"', piece))
        else:
            out.append(html.escape(fold(html.unescape(piece)), quote=False))
    return "".join(out)


def _halved(match: re.Match) -> float:
    return HEADING_WEIGHTS[int(match.group(1))] * FOLDED_SCALE


def write_index(site_dir: Path, records: list[SearchRecord]) -> int:
    """Index ``records`` with Pagefind into ``site_dir/pagefind/`` (replacing it).

    The documents are written to a temporary folder, one ``<url>/index.html`` each, and
    Pagefind's command indexes that folder in one run. (Its Python API answers one request
    per 0.1 s poll: two minutes for 1,000 pages.)

    Returns:
        The number of pages indexed.

    Raises:
        SearchIndexError: Pagefind is missing or failed.
    """
    out = (Path(site_dir) / BUNDLE).resolve()
    shutil.rmtree(out, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="bantin-search-") as tmp:
        for record in records:
            page = Path(tmp, *record.url.split("/"), "index.html")
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(document(record), encoding="utf-8")
        # One index for the whole site in Vietnamese, whatever a page's text looks like.
        command = [sys.executable, "-m", "pagefind", "--site", tmp, "--output-path", str(out),
                   "--force-language", "vi", "--silent"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
        except OSError as exc:
            done = subprocess.CompletedProcess(command, -1, "", str(exc))
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["không rõ lý do"]
        raise SearchIndexError(f"Không tạo được chỉ mục tìm kiếm (Pagefind): {detail[0]} "
                               "Chạy `make site` để cài lại các gói cần thiết.")
    for name in _UNUSED:
        (out / name).unlink(missing_ok=True)
    return len(records)
