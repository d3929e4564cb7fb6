"""Benchmark: print editions (prints figures; not a test).

Run: python bench/editions.py   (from the project root; uses mkdocs.yml and content/)

1. Builds the site once into a temporary folder with an empty PDF cache (the real
   ``bantin build``), and keeps what the plugin knows (content, rendered HTML, files).
2. Renders, in this process and one at a time, the PDF of every bulletin issue and official
   document of ``content/``, a synthetic 16-page issue (the real issue's articles repeated),
   and a synthetic 2-page plan (the start of the real plan): seconds and pages each, and
   whether the targets on this machine are met (16-page issue < 3 s, 2-page plan < 0.5 s,
   judged on wall time). The 16-page issue is also timed with WeasyPrint's stock column
   layout (without the line memo of builder/outputs/pdf_columns.py) and in one column.
3. Renders four 16-page issues and the plan with an empty cache in a fresh process, on one
   core and on all cores (the process pool of builder/outputs/pdf.py).
4. Makes all editions of content/ with an empty cache, then with the cache full: an
   unchanged rebuild renders nothing (step 1 also times two full builds sharing a cache; the
   second one stops at once when builder/freshness.py finds nothing changed).
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("BANTIN_NOW", "2026-11-29T12:00")

from builder import build  # noqa: E402
from builder.mkdocs_plugin import printing  # noqa: E402
from builder.outputs import editions, pdf, pdf_columns  # noqa: E402


def timed(job: pdf.PdfJob, repeat: int = 3) -> tuple[str, int, float, float]:
    """Render ``job`` ``repeat`` times in this process: ``(figures, pages, wall s, cpu s)``.

    Wall and CPU seconds are medians; ``figures`` prints them as "wall s (cpu s)". CPU seconds
    are printed too because the machine may be shared: on an idle machine a single-process
    render's wall time is close to its CPU time, on a loaded one the wall time is not.
    """
    walls, cpus, pages = [], [], 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        pages = pdf.render(job).pages
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    return f"{wall:6.2f} s wall ({cpu:5.2f} s cpu)", pages, wall, cpu


def verdict(target: float, wall: float, cpu: float) -> str:
    """Whether a render met its target, judged on wall time, saying so when load blurs it."""
    load = os.getloadavg()[0]
    if wall < target:
        return f"target < {target} s: met"
    if cpu < target and load > (os.cpu_count() or 1):
        return (
            f"target < {target} s: NOT met in wall time at load {load:.1f} on {os.cpu_count()} cores "
            f"(cpu {cpu:.2f} s is under it: rerun on an idle machine)"
        )
    return f"target < {target} s: NOT met"


def site_build(config_file: Path, cache: Path):
    """A real build of the project's site; returns ``(seconds, plugin, config, BuildResult)``."""
    os.environ["BANTIN_CACHE_DIR"] = str(cache)
    config = build.load(str(config_file))
    started = time.perf_counter()
    result = build.build(config)
    return time.perf_counter() - started, build.plugin_of(config), config, result


def main() -> None:
    build.quiet_mkdocs()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "content", work / "content")
        text = (
            (ROOT / "mkdocs.yml")
            .read_text(encoding="utf-8")
            .replace("custom_dir: theme", f"custom_dir: {ROOT / 'theme'}")
        )
        (work / "mkdocs.yml").write_text(text, encoding="utf-8")
        os.chdir(work)

        cold, plugin, config, _ = site_build(work / "mkdocs.yml", work / "cache")
        made = plugin.editions
        print(
            f"full build, empty cache: {cold:.2f} s, PDFs rendered {sum(not e.cached for e in made.values())} "
            f"of {len(made)}"
        )
        warm, again, _, result = site_build(work / "mkdocs.yml", work / "cache")
        if result.unchanged:  # builder/freshness.py: nothing changed, the build stopped before any work
            print(f"unchanged rebuild: {warm:.2f} s, skipped as a whole (no page, no PDF work)")
        else:
            print(
                f"unchanged rebuild: {warm:.2f} s, PDFs rendered "
                f"{sum(not e.cached for e in again.editions.values())} of {len(again.editions)}"
            )

        library, rendered = plugin.site.library, plugin.rendered
        site = editions.SiteInfo(
            site_url=printing.site_url(config),
            organisation=plugin.config.organisation,
            bulletin_name=plugin.config.bulletin_name,
            media=printing._media(plugin.files, printing.site_url(config)),
            theme_dirs=tuple(Path(d) for d in config.theme.dirs),
        )
        printer = editions._Printer(site, plugin.print_settings)

        started = time.perf_counter()
        pdf.render(printer.document_job(library.published("document")[0], rendered))
        print(f"first render in a process (WeasyPrint import, font set-up): {time.perf_counter() - started:.2f} s")

        print("\nPDFs of content/ (median of 3 renders, one process):")
        for issue in library.published("issue"):
            seconds, pages, _, _ = timed(printer.issue_job(issue, library.issue_articles(issue), rendered))
            print(f"  issue    {issue.label:<28} {pages:3d} pages  {seconds}")
        for document in library.published("document"):
            seconds, pages, _, _ = timed(printer.document_job(document, rendered))
            print(f"  document {document.document_number:<28} {pages:3d} pages  {seconds}")

        print("\nSynthetic editions:")
        issue = library.published("issue")[0]
        articles = library.issue_articles(issue)
        per_page = len(articles) / max(1, pdf.render(printer.issue_job(issue, articles, rendered)).pages - 1)
        count, pages = max(1, round(15 * per_page)), 0
        for _ in range(8):  # adjust the article count until the issue has exactly 16 pages
            copies = [
                dataclasses.replace(a, source=f"bench/{n}.md", title=f"{a.title} ({n + 1})")
                for n, a in enumerate(articles[n % len(articles)] for n in range(count))
            ]
            html = {c.source: rendered[articles[n % len(articles)].source] for n, c in enumerate(copies)}
            job = printer.issue_job(issue, copies, {**rendered, **html})
            pages = pdf.render(job).pages
            if pages == 16:
                break
            count += 1 if pages < 16 else -1
        seconds, pages, wall, cpu = timed(job)
        print(
            f"  issue of {count} articles, 2 columns  {pages:3d} pages  {seconds}   "
            f"{verdict(3, wall, cpu) if pages == 16 else 'NOT 16 pages: the target does not apply'}"
        )
        with pdf_columns.stock_layout():  # what the line memo of builder/outputs/pdf_columns.py saves
            seconds, pages, _, _ = timed(job)
        print(f"  the same, stock WeasyPrint columns {pages:3d} pages  {seconds}")
        single = editions._Printer(site, dataclasses.replace(plugin.print_settings, columns=1))
        seconds, pages, _, _ = timed(single.issue_job(issue, copies, {**rendered, **html}))
        print(f"  the same, columns: 1              {pages:3d} pages  {seconds}")
        sixteen = job

        document = library.published("document")[0]
        blocks = rendered[document.source].split("</p>")
        keep = len(blocks)
        while keep > 1:
            short = {**rendered, document.source: "</p>".join(blocks[:keep]) + "</p>"}
            job = printer.document_job(document, short)
            if pdf.render(job).pages <= 2:
                break
            keep -= 3
        seconds, pages, wall, cpu = timed(job, repeat=5)
        print(
            f"  plan {document.document_number} cut to {keep} blocks   {pages:3d} pages  {seconds}   "
            f"{verdict(0.5, wall, cpu)}"
        )

        print("\nParallel rendering, empty cache, each run in a fresh process (cold start):")
        jobs = [
            dataclasses.replace(sixteen, name=f"issue-{n}", html=sixteen.html.replace("Số 8/3/2021", f"Số {n}/2021"))
            for n in range(1, 5)
        ]
        jobs.append(printer.document_job(document, rendered))
        batch = work / "jobs.pickle"
        batch.write_bytes(pickle.dumps(jobs))
        for workers in (1, os.cpu_count()):
            started, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(
                [sys.executable, __file__, "--render", str(batch), str(workers), str(work / f"c{workers}")], check=True
            )
            wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            # cpu / wall above 1 means the work really ran on several cores at once.
            print(
                f"  4 issues of 16 pages + the plan, {workers} process(es): {wall:.2f} s wall, "
                f"{cpu:.2f} s cpu (cpu/wall {cpu / wall:.2f})"
            )

        print("\nAll editions of content/ (make_editions, this process):")
        started = time.perf_counter()
        outcome = editions.make_editions(library, rendered, site, plugin.print_settings, work / "cache-all", 1)
        print(f"  empty cache: {time.perf_counter() - started:.2f} s, rendered {outcome.rendered}")
        started = time.perf_counter()
        outcome = editions.make_editions(library, rendered, site, plugin.print_settings, work / "cache-all")
        print(
            f"  full cache (unchanged): {time.perf_counter() - started:.3f} s, rendered {outcome.rendered} "
            f"of {len(outcome.editions)}"
        )
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


def render_batch(batch: str, workers: str, cache: str) -> None:
    """Child mode: render pickled jobs with an empty cache (``--render FILE WORKERS CACHE``)."""
    pdf.render_cached(pickle.loads(Path(batch).read_bytes()), Path(cache), int(workers))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--render"]:
        render_batch(*sys.argv[2:5])
    else:
        main()
