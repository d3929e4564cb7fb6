"""One concurrency policy (issue 19 §3, :mod:`builder.concurrency`): serial, fork or fork
server, decided from ``BANTIN_WORKERS`` and the threads running, for every pool of the build.

Which processes a build forks is observed from outside the code under test: the command (or
a snippet) runs in a new Python process whose :func:`os.register_at_fork` hook logs every
``os.fork`` of that process with the number of threads alive at that moment (:data:`FORK_LOG`).
Fork servers start by ``posix_spawn`` and fork their workers in their own process, so a pool
served by one logs nothing: a log line is exactly a fork of the build's own process.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from conftest import bantin_env, free_port, make_site, news, wait_for_text

TESTS = Path(__file__).resolve().parent

FORK_LOG = """
import os, sys, threading
log = open(sys.argv[1], "a")
def logged():
    log.write(f"{threading.active_count()}\\n")
    log.flush()
os.register_at_fork(after_in_parent=logged)
sys.argv = [sys.argv[0]] + sys.argv[2:]
"""
"""Prefix of every observed process: ``python -c FORK_LOG+code LOG [args]`` logs, per fork of
this process, the count of its threads then (one line)."""

COMMAND = "from builder.cli import main\nsys.exit(main(sys.argv[1:]))\n"


def forks(log: Path) -> list[int]:
    """Threads alive at each fork logged in ``log``, in order."""
    return [int(line) for line in log.read_text().split()] if log.exists() else []


def observed(code: str, log: Path, *args: str, env: dict[str, str] | None = None, cwd: Path = TESTS) -> str:
    """Run ``code`` (after :data:`FORK_LOG`) in a new Python process; fail on an error; its stdout."""
    result = subprocess.run(
        [sys.executable, "-c", FORK_LOG + code, str(log), *args],
        cwd=cwd,
        env=bantin_env(**(env or {})),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1600, 1000), (200, 60, 120)).save(out, "JPEG")
    return out.getvalue()


def site_of(root: Path, count: int) -> Path:
    """A site of ``count`` news articles (enough for page workers from 64) and a photo."""
    files: dict[str, str | bytes] = {
        f"tin-tuc/bai-{n:03}.md": news(f"Bài số {n}", f"2026-11-{1 + n % 28:02} 08:{n % 60:02}") for n in range(count)
    }
    files["tin-tuc/anh.jpg"] = jpeg()
    return make_site(root, files)


def pid_of(item: int) -> tuple[int, int]:
    """Work for the pools below: the item and the process that did it."""
    return item, os.getpid()


def fails_on_three(item: int) -> int:
    if item == 3:
        raise ValueError("Tệp tin-tuc/bai-3.md, dòng 2: thiếu ngày. Cách sửa: thêm 'date:'.")
    return item * 10


POOLS = """
import json, os, threading
from builder import concurrency
from builder.mkdocs_plugin import workers
import test_concurrency as t
stop = threading.Event()
if "thread" in sys.argv[1:]:
    threading.Thread(target=stop.wait, name="http").start()
try:
    with concurrency.deciding() as chosen:
        pids = [pid for _, pid in concurrency.map(t.pid_of, range(40))]
        values = [r if isinstance(r, int) else r.message for r in concurrency.map(t.fails_on_three, range(40))]
        page_workers = workers.forks(100)
finally:
    stop.set()
print(json.dumps({"method": chosen.method, "workers": chosen.workers, "here": os.getpid(),
                  "pids": sorted(set(pids)), "values": values[:5], "page_workers": page_workers}))
"""


def run_pools(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[dict, list[int]]:
    import json

    log = tmp_path / "forks.log"
    return json.loads(observed(POOLS, log, *args, env=env)), forks(log)


def test_bantin_workers_1_runs_every_item_in_this_process(tmp_path):
    result, forked = run_pools(tmp_path, env={"BANTIN_WORKERS": "1"})
    assert (result["method"], result["workers"]) == ("serial", 1)
    assert result["pids"] == [result["here"]] and forked == [] and not result["page_workers"]
    # An item that fails comes back as a value, with its message, in its place.
    assert result["values"] == [0, 10, 20, "Tệp tin-tuc/bai-3.md, dòng 2: thiếu ngày. Cách sửa: thêm 'date:'.", 40]


def test_without_other_threads_workers_are_forked(tmp_path):
    result, forked = run_pools(tmp_path, env={"BANTIN_WORKERS": "2"})
    assert (result["method"], result["workers"]) == ("fork", 2)
    assert result["pids"] and result["here"] not in result["pids"]  # (one worker may do every item)
    assert forked == [1] * 4 and result["page_workers"]  # two workers a pool, forked beside no other thread
    assert result["values"][3].startswith("Tệp tin-tuc/bai-3.md, dòng 2")  # carried back from a worker


def test_with_another_thread_workers_come_from_a_fork_server(tmp_path):
    # As under `bantin serve`: its rebuilds run beside the HTTP server's and the watcher's threads.
    result, forked = run_pools(tmp_path, "thread", env={"BANTIN_WORKERS": "2"})
    assert result["method"] == "forkserver"
    assert result["here"] not in result["pids"] and forked == []  # workers, none forked from here
    assert not result["page_workers"]  # the page workers need a fork: MkDocs does their work
    assert result["values"][3].startswith("Tệp tin-tuc/bai-3.md, dòng 2")


PDFS = """
from pathlib import Path
from builder.outputs import pdf
jobs = [pdf.PdfJob(f"so-{n}.md", f"<html><body><h1>Bản tin số {n}</h1></body></html>", "file:///", {}, ())
        for n in range(3)]
results = pdf.render_cached(jobs, Path(sys.argv[1]))
print([r.pages for r in results])
"""


@pytest.mark.parametrize("workers, expected", [("1", []), ("2", [1, 1])])
def test_pdfs_honour_bantin_workers(tmp_path, workers, expected):
    log = tmp_path / "forks.log"
    assert observed(PDFS, log, str(tmp_path / "cache"), env={"BANTIN_WORKERS": workers}).strip() == "[1, 1, 1]"
    assert forks(log) == expected


def test_bantin_workers_1_builds_without_a_child_process(tmp_path):
    # The whole real build: photos ahead, Markdown and page workers, cards; no fork at all.
    root = site_of(tmp_path / "site", 70)
    log = tmp_path / "forks.log"
    observed(COMMAND, log, "build", cwd=root, env={"BANTIN_WORKERS": "1", "BANTIN_CACHE_DIR": str(tmp_path / "c")})
    assert (root / "site/tin-tuc/bai-so-69/index.html").is_file()
    assert forks(log) == []
    # The same build with two workers does fork (the log sees forks): only beside no thread.
    (root / "content/tin-tuc/bai-000.md").write_text(news("Bài số 0 sửa"), encoding="utf-8")
    observed(COMMAND, log, "build", cwd=root, env={"BANTIN_WORKERS": "2", "BANTIN_CACHE_DIR": str(tmp_path / "c2")})
    assert forks(log) and set(forks(log)) == {1}


@pytest.mark.slow
def test_a_full_rebuild_under_bantin_serve_forks_nothing_beside_its_threads(tmp_path):
    root = site_of(tmp_path / "site", 100)
    log = tmp_path / "forks.log"
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", FORK_LOG + COMMAND, str(log), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=bantin_env(BANTIN_WORKERS="2", BANTIN_CACHE_DIR=str(tmp_path / "c")),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = f"http://127.0.0.1:{port}/tin-tuc/bai-so-50/"
        assert wait_for_text(page, "Bài số 50", 180)
        first = forks(log)
        # A new article: the preview builds everything again, in the server's thread.
        (root / "content/tin-tuc/bai-moi.md").write_text(news("Bài mới thêm"), encoding="utf-8")
        edited = root / "content/tin-tuc/bai-050.md"
        edited.write_text(edited.read_text(encoding="utf-8").replace("Nội dung.", "Nội dung đã sửa."), encoding="utf-8")
        assert wait_for_text(page, "Nội dung đã sửa.", 180)
        assert wait_for_text(f"http://127.0.0.1:{port}/tin-tuc/bai-moi-them/", "Bài mới thêm", 30)
    finally:
        server.terminate()
        output = server.communicate(timeout=60)[0]
    assert "Traceback" not in output and output.count("Đã dựng bản xem trước") >= 2, output
    assert first and set(first) == {1}  # the first build, before the server starts: forked workers
    assert set(forks(log)) == {1}, output  # the rebuild beside the server's threads: none forked
