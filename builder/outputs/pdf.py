"""PDFs with WeasyPrint: restricted fetching, checked fonts, a content-hash cache, parallel work.

This and its layout patch :mod:`builder.outputs.pdf_columns` are the only modules of the
project that import WeasyPrint (imported inside the functions
that need it: importing it costs about a second, and a build without print editions never
pays it).

- **Restricted fetching.** WeasyPrint's default fetcher opens any ``file://`` path and any
  remote URL. :class:`_SiteFetcher` serves only the URLs a :class:`PdfJob` lists (files of the
  site being built, and the committed print fonts) and ``data:`` URLs; every other URL
  (``file:///etc/passwd``, ``https://...``) is refused, left out of the PDF and returned in
  :attr:`PdfResult.refused` so that the build reports it.
- **Fonts.** A PDF may only use the font families a job names (:attr:`PdfJob.font_families`,
  all backed by committed files through ``@font-face``). A glyph drawn with any other font
  (a system font chosen by fontconfig because a character is missing, or because a font file
  failed to load) is returned in :attr:`PdfResult.foreign_fonts`; callers treat it as an error.
  WeasyPrint embeds and subsets every font it uses (``full_fonts=False``).
- **Determinism.** The PDF's dates come from ``<meta name="dcterms.created|modified">`` in the
  HTML (set from the content by the caller), never from the clock; WeasyPrint writes no file
  identifier by default. Two renders of the same job give the same bytes.
- **Cache.** :func:`render_cached` keys each job by the SHA-256 of everything that can change
  its PDF (HTML, base URL, the bytes of every file it may fetch, WeasyPrint's version) and
  keeps ``<key>.pdf`` plus ``<key>.json`` (pages, refused URLs, foreign fonts) in a cache
  folder (``.cache/editions/``, ignored by git). An unchanged job costs a hash, no rendering;
  entries the build did not use are deleted after 30 days.
- **Columns.** Multi-column layout is sped up by :mod:`builder.outputs.pdf_columns` (same PDF,
  fewer line breaks computed).
- **Parallelism.** Jobs that miss the cache render in worker processes as the build's one
  policy says (:mod:`builder.concurrency`: ``$BANTIN_WORKERS``, fork or fork server), longest
  job first; a single job renders in this process, which avoids the start-up cost.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mimetypes
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote
from builder import concurrency
from builder.build_cache import library_versions
from builder.atomic import write_atomic

CACHE_VERSION = "1"
"""Bumped when this module changes what a PDF contains for the same job."""


@dataclass(frozen=True)
class PdfJob:
    """One PDF to make.

    Attributes:
        name: what the PDF is, for messages and cache file names (an entry's source path).
        html: the complete HTML document (NFC); its ``<meta name="dcterms.created">`` and
            ``dcterms.modified`` (ISO 8601) become the PDF's dates.
        base_url: the URL relative links of ``html`` resolve against.
        resources: URL → absolute file path: the only files WeasyPrint may read. URLs are
            compared after percent-decoding.
        font_families: the CSS families backed by the job's ``@font-face`` files; glyphs in
            any other family are reported in :attr:`PdfResult.foreign_fonts`.
    """

    name: str
    html: str
    base_url: str
    resources: dict[str, str] = field(default_factory=dict)
    font_families: tuple[str, ...] = ()


@dataclass(frozen=True)
class PdfResult:
    """A made (or cached) PDF.

    Attributes:
        name: the job's name; data: the PDF bytes; pages: its page count.
        refused: URLs the HTML asked for that were not served, in request order.
        foreign_fonts: ``(family, characters)`` of each font not allowed by the job, and
            ``("<family> (.notdef)", characters)`` for characters drawn as an empty box.
        cached: True when the PDF came from the cache without rendering.
    """

    name: str
    data: bytes
    pages: int
    refused: tuple[str, ...] = ()
    foreign_fonts: tuple[tuple[str, str], ...] = ()
    cached: bool = False


def render(job: PdfJob) -> PdfResult:
    """Render one job with WeasyPrint in this process.

    Returns:
        The PDF and what was refused or drawn with a foreign font (see :class:`PdfResult`).

    Raises:
        OSError: a resource listed in the job cannot be read.
    """
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from builder.outputs import pdf_columns

    _quiet_weasyprint()
    pdf_columns.enable()  # two-column bulletins: each line broken once, not once per balancing pass
    concurrency.note_native_threads()  # Pango's GLib may start threads: no fork from here on
    fetcher = _site_fetcher(job.resources)
    document = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher).render(font_config=FontConfiguration())
    data = document.write_pdf()
    allowed = {family.casefold() for family in job.font_families}
    foreign = {}
    for font in document.fonts.values():
        family = font.family.decode() if isinstance(font.family, bytes) else str(font.family)
        if family.casefold() not in allowed:
            foreign.setdefault(family, set()).update("".join(font.to_unicode.values()))
        elif 0 in font.to_unicode:  # glyph 0 is .notdef: a character no font on this machine has
            foreign.setdefault(f"{family} (.notdef)", set()).update(font.to_unicode[0])
    return PdfResult(
        job.name,
        data,
        len(document.pages),
        tuple(fetcher.refused),
        tuple((family, "".join(sorted(chars))) for family, chars in sorted(foreign.items())),
    )


def render_cached(jobs: list[PdfJob], cache_dir: Path, workers: int | None = None) -> list[PdfResult]:
    """Return the PDF of every job, from ``cache_dir`` when its inputs are unchanged.

    Args:
        jobs: the PDFs to make; cache_dir: the cache folder (created if missing);
        workers: at most this many processes for the jobs that miss (default: the build's
            policy, :mod:`builder.concurrency`, which honours ``$BANTIN_WORKERS``; 1 = no pool).

    Returns:
        One result per job, in the order of ``jobs``.

    Raises:
        OSError: a resource or the cache folder cannot be read or written.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    keys = [job_key(job) for job in jobs]
    results: dict[int, PdfResult] = {}
    missing = []
    for index, (job, key) in enumerate(zip(jobs, keys)):
        hit = _load(cache_dir, key, job.name)
        if hit is not None:
            results[index] = hit
        else:
            missing.append(index)
    for index, result in zip(missing, _render_many([jobs[i] for i in missing], workers)):
        _store(cache_dir, keys[index], result)
        results[index] = result
    _prune(cache_dir, set(keys))
    return [results[i] for i in range(len(jobs))]


STALE_AFTER = 30 * 24 * 3600
"""Seconds after which a cached PDF that the current build did not use is deleted."""


def _prune(cache_dir: Path, used: set[str]) -> None:
    # Every edit of an issue leaves its old PDF behind; keep a month of them (a preview, another
    # branch or a test site may still want them), then let them go.
    limit = time.time() - STALE_AFTER
    for path in cache_dir.iterdir():
        if path.suffix in (".pdf", ".json") and path.stem not in used:
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                pass  # another build removed it first


def job_key(job: PdfJob) -> str:
    """The hex SHA-256 of everything that decides the job's PDF.

    Raises:
        OSError: a resource file cannot be read.
    """
    digest = hashlib.sha256()
    for part in (
        CACHE_VERSION,
        library_versions("weasyprint", "fonttools"),
        job.html,
        job.base_url,
        *job.font_families,
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    for url in sorted(job.resources):
        digest.update(f"{url}\0{_file_digest(job.resources[url])}\0".encode())
    return digest.hexdigest()


def _file_digest(path: str) -> str:
    # Files are hashed once per process: fonts and images are shared by many jobs.
    stat = os.stat(path)
    signature = (path, stat.st_size, stat.st_mtime_ns)
    if signature not in _DIGESTS:
        _DIGESTS[signature] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return _DIGESTS[signature]


_DIGESTS: dict[tuple, str] = {}


def _render_many(jobs: list[PdfJob], workers: int | None) -> list[PdfResult]:
    """Render ``jobs`` (in their order) in worker processes as the build's one policy says
    (:mod:`builder.concurrency`: ``$BANTIN_WORKERS``, fork or fork server), at most ``workers``.

    Raises:
        OSError: as :func:`render`, from whichever process rendered the job.
    """
    if concurrency.parallel(len(jobs), workers=workers):
        import weasyprint  # noqa: F401  (imported once here, inherited by forked workers)
    # Longest first (HTML length as the measure), so that one big issue does not start last.
    order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i].html))
    done = {}
    for index, result in zip(
        order, concurrency.map(render, [jobs[i] for i in order], workers=workers, preload=["weasyprint"], chunksize=1)
    ):
        if isinstance(result, concurrency.Failed):
            result.raise_again()
        done[index] = result
    return [done[i] for i in range(len(jobs))]


def _load(cache_dir: Path, key: str, name: str) -> PdfResult | None:
    pdf, meta = cache_dir / f"{key}.pdf", cache_dir / f"{key}.json"
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        data = pdf.read_bytes()
    except (OSError, ValueError):
        return None
    if len(data) != info.get("size"):
        return None
    return PdfResult(
        name,
        data,
        info["pages"],
        tuple(info["refused"]),
        tuple(tuple(pair) for pair in info["foreign_fonts"]),
        cached=True,
    )


def _store(cache_dir: Path, key: str, result: PdfResult) -> None:
    info = {
        "name": result.name,
        "size": len(result.data),
        "pages": result.pages,
        "refused": list(result.refused),
        "foreign_fonts": [list(pair) for pair in result.foreign_fonts],
    }
    # The PDF first: a .json without its .pdf is a miss; a .pdf without .json is too.
    write_atomic(cache_dir / f"{key}.pdf", result.data)
    write_atomic(cache_dir / f"{key}.json", json.dumps(info, ensure_ascii=False, indent=1).encode())


def _site_fetcher(resources: dict[str, str]):
    """A WeasyPrint fetcher that serves ``resources`` and ``data:`` URLs and refuses the rest."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = {unquote(url): path for url, path in resources.items()}

    class _SiteFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=("data",))
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = allowed.get(unquote(url.split("#")[0]))
            if path is None:
                if url not in self.refused:
                    self.refused.append(url)
                raise ValueError(f"not a file of the site being built: {url}")
            kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, Path(path).read_bytes(), {"Content-Type": kind})

    return _SiteFetcher()


def _quiet_weasyprint() -> None:
    # Refused URLs and missing glyphs are reported by the build in Vietnamese, once; WeasyPrint's
    # own English warnings for them would only repeat them.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
