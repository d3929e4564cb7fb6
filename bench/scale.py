"""Scale and speed of ``bantin build`` and ``bantin serve`` on synthetic archives (issue 8).

Run by hand (a benchmark, never a test; it prints figures and writes no file outside its
folders but the ``--json`` report)::

    python bench/scale.py [N ...] [--keep DIR] [--json FILE] [--plain-nav site|auto|none] [--no-serve]

For each N (default 1,000 and 10,000 articles) it writes the corpus of :mod:`corpus`
(deterministic: seed 1) into a temporary folder (``DIR/nN`` with ``--keep``), then measures,
each build a ``python -m builder.cli build`` subprocess of the ``builder`` this Python imports,
with ``BANTIN_NOW`` fixed and ``BANTIN_CACHE_DIR`` pointing into that folder:

1. clean build: no ``site/``, empty cache. Wall and CPU seconds (user + system, the build's
   child processes included), peak memory, pages written (``index.html`` files, as
   ``bantin build`` counts them) and pages per second;
2. warm build after one edit: a sentence appended to the body of the newest news article
   (it is on the home page, the news listing and the feeds), the cache of step 1 kept;
3. warm build with nothing changed;
4. a clean build of the edited content (empty cache, no ``site/``): every file of ``site/``
   is compared by SHA-256 with the site of step 2, and differing paths are printed;
5. the reference: the same corpus built by plain MkDocs + Material (``python -m mkdocs build
   -q``) with ``mkdocs.yml`` minus the ``bantin`` plugin (so MkDocs' default ``search``
   plugin runs), minus ``custom_dir`` and the stylesheet that lives there; same
   ``docs_dir``, nav and front matter (``--plain-nav auto``: without the nav, so that MkDocs
   puts every page in every page's navigation). The ratio is plain MkDocs time / bantin time;
6. the preview: ``bantin serve`` on a free port (cache of step 1); once it serves, the
   newest news article gets a sentence appended and a new ``description``, and each URL
   that shows the article is polled every 100 ms until it shows the change: the article
   (new sentence), the news listing and the home page (new description), the news feed and
   the site feed (new sentence). Then SIGTERM.

Peak memory is the larger of the largest single process (``ru_maxrss`` from ``wait4``) and
the sum of the proportional set sizes (PSS) of the build's whole process tree, sampled
every 0.2 s: Pagefind and the PDF workers run beside the Python process.

Stage times: with ``BANTIN_TIMINGS=1`` (set here) the build prints ``bantin-timing: <stage>
<seconds>`` lines on stderr (:mod:`builder.timings`); they are shown per build, with the
build's own summary lines ending in "(<seconds> giây)" and its own total (in parentheses).

Targets (issue 8, for 10,000 articles on the 2-core machine): clean build < 100 s and
≥ 2× faster than plain MkDocs + Material; warm build after one edit < 30 s and the same
bytes as a clean build; warm build with nothing changed < 2 s; an edit shown by
``bantin serve`` < 3 s; peak memory < 1.5 GB; time and memory linear in N. They are
printed beside the figures of every N ("met" / "NOT met"); below 10,000 articles they
are only an indication.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402  (bench/ is not a package)

NOW = "2026-11-29T12:00:00"
"""BANTIN_NOW of every build: the corpus' dates all lie before it, so everything is published."""
TIMING = re.compile(r"^bantin-timing:\s+(.+?)\s+([0-9.]+)\s*$")
"""A stage line of the build's stderr (builder/timings.py); stage names may hold spaces."""
OWN_TOTAL = re.compile(r"^Đã dựng .* trong (\d+(?:[.,]\d+)?) giây\.")
SUMMARY_SECONDS = re.compile(r"^([^:]+):.*\((\d+(?:[.,]\d+)?) giây\)\.?\s*$")
GB = 1000**3
"""A gigabyte as the issue writes it: 10⁹ bytes, the stricter reading of "< 1.5 GB" (1.5 GiB
would allow 1.61 × 10⁹)."""

TARGETS = {
    "clean_wall": ("clean build", "< 100 s", lambda v: v < 100),
    "ratio": ("plain MkDocs / bantin", "≥ 2×", lambda v: v >= 2),
    "warm_wall": ("warm build, one edit", "< 30 s", lambda v: v < 30),
    "identical": ("warm site = clean site", "0 files differ", lambda v: v == 0),
    "unchanged_wall": ("warm build, no change", "< 2 s", lambda v: v < 2),
    "serve_edit": ("serve: edit shown", "< 3 s", lambda v: v < 3),
    "peak_memory": ("peak memory", "< 1.5 GB", lambda v: v < 1.5 * GB),
}
LINEAR = 1.15
"""Largest growth exponent (time ∝ N^k, from CPU seconds) still called linear: start-up costs
pull k below 1 at small N, noise moves it a few hundredths."""


@dataclass
class Run:
    """One measured subprocess: seconds, bytes, exit code and where its output went."""

    wall: float
    cpu: float
    max_process: int
    tree_peak: int
    code: int
    stdout: str = ""
    stderr: str = ""
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def peak(self) -> int:
        return max(self.max_process, self.tree_peak)


SAMPLE_EVERY = 0.5
"""Seconds between memory samples. A sample reads /proc/<pid>/smaps_rollup of every process
of the build, which makes the kernel walk their page tables: 26 ms of CPU at 1.2 GB (measured
during a 10,000-article build). Every 0.2 s, the sampler took 26/200 = 13 % of a core from the
build it measured; every 0.5 s, 26/500 = 5 % (arithmetic, not measured again). The build's memory rises and falls over seconds (a Pagefind run
holds its 0.55 GB for ~4 s), so the peak is still seen."""


class _MemorySampler(threading.Thread):
    """Samples the PSS of a process and all its descendants every :data:`SAMPLE_EVERY` s;
    keeps the largest sum."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_EVERY):
            self.peak = max(self.peak, sum(_pss(p) for p in _tree(self.pid)))


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent = int(stat[stat.rindex(")") + 2 :].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _pss(pid: int) -> int:
    """Proportional set size in bytes (shared pages split between their users), or 0."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def measure(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> Run:
    """Run ``command`` to its end; stdout and stderr go to ``log``.out / ``log``.err."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{log}.out", "wb") as out, open(f"{log}.err", "wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        sampler = _MemorySampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)  # this child's own rusage, its children included
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        sampler.done.set()
        sampler.join()
    stdout = Path(f"{log}.out").read_text(encoding="utf-8", errors="replace")
    stderr = Path(f"{log}.err").read_text(encoding="utf-8", errors="replace")
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        max_process=usage.ru_maxrss * 1024,
        tree_peak=sampler.peak,
        code=process.returncode,
        stdout=stdout,
        stderr=stderr,
        stages=stages(stdout, stderr),
    )


def stages(stdout: str, stderr: str) -> dict[str, float]:
    """Stage seconds a build reported: ``bantin-timing: <stage> <s>`` lines on stderr, and
    summary lines such as "Thẻ chia sẻ: 307 thẻ vẽ mới ... (31.1 giây)." on stdout."""
    found: dict[str, float] = {}
    for line in stderr.splitlines():
        match = TIMING.match(line.strip())
        if match:
            found[match.group(1)] = found.get(match.group(1), 0.0) + float(match.group(2))
    for line in stdout.splitlines():
        match = SUMMARY_SECONDS.match(line.strip())
        if match:
            found[f"({match.group(1).strip()})"] = float(match.group(2).replace(",", "."))
        total = OWN_TOTAL.match(line.strip())
        if total:  # the build's own clock: the wall time less Python's start-up and imports
            found["(bantin total)"] = float(total.group(1).replace(",", "."))
    return found


def build_env(cache: Path) -> dict[str, str]:
    return dict(
        os.environ,
        BANTIN_NOW=NOW,
        BANTIN_CACHE_DIR=str(cache),
        BANTIN_TIMINGS="1",
        NO_MKDOCS_2_WARNING="1",
        PYTHONUNBUFFERED="1",
    )


def bantin_build(root: Path, cache: Path, name: str) -> Run:
    print(f"  {name} ...", end=" ", flush=True)
    run = measure([sys.executable, "-m", "builder.cli", "build"], root, build_env(cache), root / "logs" / name)
    print(
        f"{run.wall:.1f} s" if run.code == 0 else f"FAILED (exit {run.code}, see {root / 'logs' / name}.err)",
        flush=True,
    )
    return run


def site_hashes(site: Path) -> dict[str, str]:
    """Relative path → SHA-256 of every file under ``site``."""
    hashes = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            hashes[path.relative_to(site).as_posix()] = digest.hexdigest()
    return hashes


def differing(one: dict[str, str], other: dict[str, str]) -> list[str]:
    """Paths present in only one tree or with different bytes, marked "-" (only in ``one``),
    "+" (only in ``other``) or "~" (both, different)."""
    return sorted(
        [f"- {p}" for p in one.keys() - other.keys()]
        + [f"+ {p}" for p in other.keys() - one.keys()]
        + [f"~ {p}" for p in one.keys() & other.keys() if one[p] != other[p]],
        key=lambda s: s[2:],
    )


def count_pages(site: Path) -> tuple[int, int, int]:
    """``(pages, files, bytes)``: pages are ``index.html`` files, as ``bantin build`` counts them."""
    pages = files = size = 0
    for path in site.rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
            pages += path.name == "index.html"
    return pages, files, size


def newest_news(content: Path) -> Path:
    """The news article with the latest ``date`` (first on the home page, listing and feeds)."""

    def date_of(path: Path) -> str:
        match = re.search(r"^date: (.+)$", path.read_text(encoding="utf-8"), re.M)
        return match.group(1) if match else ""

    return max(sorted((content / "tin-tuc").glob("*.md")), key=date_of)


def append_sentence(article: Path, sentence: str, description: str | None = None) -> None:
    """Append ``sentence`` to ``article``'s body as a paragraph; replace its description if given."""
    text = article.read_text(encoding="utf-8")
    if description is not None:
        text = re.sub(r"^description: .*$", f'description: "{description}"', text, count=1, flags=re.M)
    article.write_text(text.rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")


def plain_config(root: Path, nav: str = "site") -> Path:
    """``mkdocs-plain.yml``: the corpus' mkdocs.yml without the bantin plugin (MkDocs' default
    ``search`` plugin then runs), without ``custom_dir`` and the stylesheet kept there.

    ``nav="site"`` keeps the site's nav (six sections, articles ``not_in_nav``); ``"auto"``
    drops it, so that MkDocs lists every page in every page's navigation, as a plain MkDocs
    site of these files without a nav would (the issue's reference may have been built so)."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("plugins", None)
    if nav == "auto":
        for key in ("nav", "not_in_nav", "validation"):
            config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    config.pop("extra_css", None)
    config["site_dir"] = "site-plain"
    path = root / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def serve_edit(root: Path, cache: Path, timeout: float) -> dict:
    """Step 6 (see the module docstring): seconds until each URL shows the edit."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    article = newest_news(root / "content")
    slug = article.stem  # the corpus' news slugs are their file names
    log = root / "logs" / "serve"
    log.parent.mkdir(parents=True, exist_ok=True)
    print(f"  bantin serve on port {port} ...", end=" ", flush=True)
    with open(f"{log}.out", "wb") as out, open(f"{log}.err", "wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "builder.cli", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            env=build_env(cache),
            stdout=out,
            stderr=err,
        )
        sampler = _MemorySampler(process.pid)
        sampler.start()
        figures: dict = {}
        try:
            figures.update(_serve_measure(process, base, slug, article, started, timeout))
            return figures
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                code = process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
                code = process.wait()
            sampler.done.set()
            sampler.join()
            print(f"  serve stopped by SIGTERM (exit {code}); peak memory {sampler.peak / GB:.2f} GB", flush=True)
            figures.update(peak=sampler.peak, exit=code)


def _serve_measure(process, base: str, slug: str, article: Path, started: float, timeout: float) -> dict:
    page = f"{base}tin-tuc/{slug}/"
    while fetch(page) is None:
        if process.poll() is not None or time.perf_counter() - started > timeout:
            print("did not start (see logs/serve.err)", flush=True)
            return {"error": "serve did not start", "start": None}
        time.sleep(0.5)
    start = time.perf_counter() - started
    print(f"serving after {start:.1f} s", flush=True)
    token = f"bench{time.time_ns():x}"
    body = f"Câu thêm vào bài để đo thời gian xem trước, mã {token}."
    description = f"Tóm tắt mới để đo thời gian xem trước, mã {token}d."
    # Listings show the description, the article and the feeds its body.
    watched = {
        "article": (page, token + "."),
        "news listing": (f"{base}tin-tuc/", token + "d"),
        "news feed": (f"{base}tin-tuc/rss.xml", token + "."),
        "site feed": (f"{base}rss.xml", token + "."),
    }
    home = fetch(base) or ""
    if f"tin-tuc/{slug}/" in home:
        watched["home"] = (base, token + "d")
    edited = time.perf_counter()
    append_sentence(article, body, description)
    shown: dict[str, float | None] = {name: None for name in watched}
    while any(v is None for v in shown.values()) and time.perf_counter() - edited < timeout:
        for name, (url, expected) in watched.items():
            if shown[name] is None and expected in (fetch(url) or ""):
                shown[name] = time.perf_counter() - edited
        time.sleep(0.1)
    for name, seconds in shown.items():
        print(f"    {name:<13} {f'not shown within {timeout:.0f} s' if seconds is None else f'{seconds:.1f} s'}")
    times = list(shown.values())
    return {"start": start, "shown": shown, "edit": None if None in times else max(times)}


def measure_size(n: int, keep: Path | None, reference: str | None, serve: bool) -> dict:
    root = (keep / f"n{n}") if keep else Path(tempfile.mkdtemp(prefix=f"bantin-scale-{n}-"))
    shutil.rmtree(root, ignore_errors=True)
    try:
        return _measure_in(root, n, reference, serve)
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def _measure_in(root: Path, n: int, reference: str | None, serve: bool) -> dict:
    print(f"\nN = {n:,} articles in {root}", flush=True)
    started = time.perf_counter()
    generate(root, n, seed=1)
    print(f"  corpus written in {time.perf_counter() - started:.1f} s", flush=True)
    cache, result = root / ".bench-cache", {"n": n, "root": str(root)}
    clean = bantin_build(root, cache, "clean")
    result["clean"] = _figures(clean, root / "site")
    if clean.code:
        return result
    article = newest_news(root / "content")
    append_sentence(article, "Bài viết được bổ sung một câu để đo thời gian dựng lại.")
    result["edited"] = article.relative_to(root).as_posix()
    warm = bantin_build(root, cache, "warm-edit")
    result["warm"] = _figures(warm, root / "site")
    warm_site = site_hashes(root / "site")
    unchanged = bantin_build(root, cache, "warm-unchanged")
    result["unchanged"] = _figures(unchanged, root / "site")
    result["unchanged_differs"] = differing(warm_site, site_hashes(root / "site"))
    shutil.rmtree(root / "site", ignore_errors=True)
    again = bantin_build(root, root / ".bench-cache-clean", "clean-edited")
    result["clean_edited"] = _figures(again, root / "site")
    result["differs"] = differing(warm_site, site_hashes(root / "site")) if again.code == 0 else None
    if reference:
        print(f"  plain MkDocs + Material ({reference} nav) ...", end=" ", flush=True)
        plain = measure(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_config(root, reference))],
            root,
            build_env(cache),
            root / "logs" / "plain-mkdocs",
        )
        print(f"{plain.wall:.1f} s" if plain.code == 0 else f"FAILED (exit {plain.code})", flush=True)
        result["plain"] = _figures(plain, root / "site-plain") | {"nav": reference}
    if serve:
        result["serve"] = serve_edit(root, cache, timeout=max(120.0, 3 * clean.wall))
    return result


def _figures(run: Run, site: Path) -> dict:
    figures = asdict(run)
    del figures["stdout"], figures["stderr"]
    figures["peak"] = run.peak
    if run.code == 0 and site.is_dir():
        figures["pages"], figures["files"], figures["bytes"] = count_pages(site)
        figures["pages_per_second"] = figures["pages"] / run.wall
    else:
        figures["error"] = (run.stderr or run.stdout)[-2000:]
    return figures


def figures_of(result: dict) -> dict[str, float | None]:
    """The figures the targets are checked on, None where not measured."""

    def wall(step: str) -> float | None:
        figures = result.get(step)
        return figures["wall"] if figures and figures.get("code") == 0 else None

    clean, plain = wall("clean"), wall("plain")
    peaks = [result[s]["peak"] for s in ("clean", "warm", "unchanged", "clean_edited") if s in result]
    return {
        "clean_wall": clean,
        "ratio": plain / clean if clean and plain else None,
        "warm_wall": wall("warm"),
        "identical": len(result["differs"]) if result.get("differs") is not None else None,
        "unchanged_wall": wall("unchanged"),
        "serve_edit": (result.get("serve") or {}).get("edit"),
        "peak_memory": max(peaks) if peaks else None,
    }


def _shown(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    if key == "peak_memory":
        return f"{value / GB:.2f} GB"
    if key == "ratio":
        return f"{value:.2f}×"
    if key == "identical":
        return f"{int(value)} differ"
    return f"{value:.1f} s"


def report(results: list[dict]) -> dict:
    """Print the table of figures and targets; returns the verdicts by N."""
    verdicts = {}
    sizes = [r["n"] for r in results]
    print("\n" + "=" * 78)
    print("Figures (targets of issue 8 are for 10,000 articles; at smaller N an indication)")
    print(f"{'figure':<26}" + "".join(f"{f'N={n:,}':>16}" for n in sizes) + f"  {'target':<16}")
    rows = {r["n"]: figures_of(r) for r in results}
    for key, (label, target, ok) in TARGETS.items():
        cells = ""
        for n in sizes:
            value = rows[n][key]
            mark = "" if value is None else (" met" if ok(value) else " NOT met")
            cells += f"{_shown(key, value) + mark:>16}"
            verdicts.setdefault(n, {})[key] = None if value is None else ok(value)
        print(f"{label:<26}{cells}  {target:<16}")
    for label, step, key, unit in (
        ("clean: CPU", "clean", "cpu", "s"),
        ("clean: pages", "clean", "pages", ""),
        ("clean: pages/s", "clean", "pages_per_second", "/s"),
        ("clean: largest process", "clean", "max_process", "GB"),
        ("warm edit: peak memory", "warm", "peak", "GB"),
        ("clean again (edited)", "clean_edited", "wall", "s"),
        ("plain MkDocs: wall", "plain", "wall", "s"),
        ("plain MkDocs: CPU", "plain", "cpu", "s"),
        ("plain MkDocs: peak", "plain", "peak", "GB"),
        ("plain MkDocs: pages", "plain", "pages", ""),
        ("serve: first build", "serve", "start", "s"),
        ("serve: peak memory", "serve", "peak", "GB"),
    ):
        cells = ""
        for result in results:
            value = (result.get(step) or {}).get(key)
            text = (
                "—"
                if value is None
                else (
                    f"{value / GB:.2f} GB"
                    if unit == "GB"
                    else f"{value:.1f} s"
                    if unit == "s"
                    else f"{value:.1f}"
                    if unit == "/s"
                    else f"{value:,.0f}"
                )
            )
            cells += f"{text:>16}"
        print(f"{label:<26}{cells}")
    _report_stages(results)
    _report_differences(results)
    _report_scaling(results)
    return verdicts


def _report_stages(results: list[dict]) -> None:
    """A table of stage seconds per N: clean, warm after one edit, warm with nothing changed."""
    steps = (("clean", "clean"), ("warm", "warm edit"), ("unchanged", "no change"))
    for result in results:
        found = {step: (result.get(step) or {}).get("stages") or {} for step, _ in steps}
        names = list(dict.fromkeys(name for step, _ in steps for name in found[step]))
        if not found["clean"]:
            print(
                f"stages, N={result['n']:,}: the build reports none "
                "(no 'bantin-timing: <stage> <seconds>' lines on stderr); total only"
            )
            continue
        print(f"\nstages, N={result['n']:,} (seconds){'':<7}" + "".join(f"{label:>12}" for _, label in steps))
        for name in names:
            print(
                f"  {name:<30}"
                + "".join(f"{found[step][name]:>12.1f}" if name in found[step] else f"{'—':>12}" for step, _ in steps)
            )


def _report_differences(results: list[dict]) -> None:
    for result in results:
        for key, label in (
            ("differs", "warm (one edit) vs clean build of the edited content"),
            ("unchanged_differs", "warm (no change) vs warm (one edit)"),
        ):
            paths = result.get(key)
            if paths:
                print(
                    f"N={result['n']:,}: {label}: {len(paths)} files differ"
                    + "".join(f"\n    {p}" for p in paths[:20])
                    + ("\n    ..." if len(paths) > 20 else "")
                )


def scaling(results: list[dict]) -> dict | None:
    """Growth exponents k (figure ∝ N^k) of the clean build's CPU seconds and peak memory
    between the smallest and the largest N, or None with fewer than two sizes built."""
    ok = [r for r in results if (r.get("clean") or {}).get("code") == 0]
    if len(ok) < 2:
        return None
    ratio = math.log(ok[-1]["n"] / ok[0]["n"])
    return {"from": ok[0]["n"], "to": ok[-1]["n"], "limit": LINEAR} | {
        key: math.log(ok[-1]["clean"][figure] / ok[0]["clean"][figure]) / ratio
        for key, figure in (("cpu_exponent", "cpu"), ("memory_exponent", "peak"))
    }


def _report_scaling(results: list[dict]) -> None:
    growth = scaling(results)
    if growth:
        print(
            f"growth N={growth['from']:,} → {growth['to']:,}: CPU ∝ N^{growth['cpu_exponent']:.2f}"
            f" ({'met' if growth['cpu_exponent'] <= LINEAR else 'NOT met'}: linear means ≤ {LINEAR}),"
            f" peak memory ∝ N^{growth['memory_exponent']:.2f}"
            f" ({'met' if growth['memory_exponent'] <= LINEAR else 'NOT met'})"
        )


def machine() -> dict:
    import builder

    return {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "builder": str(Path(builder.__file__).parent),
        "load_average": os.getloadavg(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000], help="articles (default 1000 10000)")
    parser.add_argument("--keep", type=Path, help="write each corpus and site into DIR/nN and keep them")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument(
        "--plain-nav",
        choices=("site", "auto", "none"),
        default="site",
        help="plain MkDocs reference with the site's nav (default), with MkDocs' automatic nav "
        "of all pages, or none (skip it)",
    )
    parser.add_argument("--no-serve", action="store_true", help="skip the bantin serve measurement")
    args = parser.parse_args()
    about = machine()
    print(
        f"builder: {about['builder']}; {about['cpus']} CPUs; load average {about['load_average'][0]:.1f} "
        "(other work on the machine slows wall times: compare CPU seconds too)"
    )
    results = [
        measure_size(
            n,
            args.keep.resolve() if args.keep else None,
            None if args.plain_nav == "none" else args.plain_nav,
            not args.no_serve,
        )
        for n in sorted(args.sizes)
    ]
    verdicts = report(results)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": about,
                    "targets": {k: v[1] for k, v in TARGETS.items()},
                    "results": results,
                    "figures": {r["n"]: figures_of(r) for r in results},
                    "verdicts": verdicts,
                    "scaling": scaling(results),
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
        print(f"figures written to {args.json}")
    return 1 if any((r.get("clean") or {}).get("code") for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
