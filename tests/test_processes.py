"""The processes a build starts: no traceback from any of them, none outliving the command,
no staging folder left by a killed build, and a Vietnamese line for a folder that cannot be
written (builder/children.py, builder/atomic.py, builder/cli.py)."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import bantin_env, make_site, news, run_bantin
from photo_fixture import phone_photo


def _photo_site(root: Path, photos: int = 6, broken: bool = False) -> Path:
    """News articles each showing a large photo (the build starts its photo process at once)."""
    files = {
        f"tin-tuc/a{i}.md": news(f"Bài số {i}").replace("Nội dung.", f"![Ảnh số {i}](p{i}.jpg)") for i in range(photos)
    }
    files.update({f"tin-tuc/p{i}.jpg": phone_photo(2400, 1600, seed=i) for i in range(photos)})
    if broken:
        files["tin-tuc/hong.md"] = "---\ntitle: Thiếu ngày\n---\n"
    return make_site(root, files)


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_content_error_with_photos_not_cached_prints_no_child_traceback(tmp_path):
    """The photo process started ahead was ended by SIGTERM and printed the command's
    KeyboardInterrupt traceback (every CI run starts with an empty cache)."""
    root = _photo_site(tmp_path / "site", broken=True)
    result = run_bantin(root, "build", env={"BANTIN_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 1, result.stderr
    assert "content/tin-tuc/hong.md:1" in result.stderr
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr, result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_children_die_with_a_killed_build_and_release_the_output(tmp_path):
    """SIGKILL of the command: its children (the photo process) end at once, and whoever reads
    the command's output sees it end (they held the pipe open for minutes)."""
    root = _photo_site(tmp_path / "site", photos=12)
    process = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "build"],
        cwd=root,
        env=bantin_env(BANTIN_CACHE_DIR=str(tmp_path / "cache")),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline, children = time.monotonic() + 60, set()
    while not children and time.monotonic() < deadline and process.poll() is None:
        children = _children(process.pid)
        time.sleep(0.05)
    assert children, "the build started no process of its own"
    time.sleep(0.3)  # the child is at work (past its first instructions)
    process.kill()
    try:
        process.communicate(timeout=5)  # EOF only once no process holds the pipes
    except subprocess.TimeoutExpired:
        pytest.fail(f"the command's output is still held open by {sorted(_children(1) & children)}")
    finally:
        process.kill()
    time.sleep(0.2)
    assert not [pid for pid in children if _alive(pid)]


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.8, 2.0])
def test_an_interrupted_build_says_one_vietnamese_line(tmp_path, delay):
    """SIGTERM at chosen moments: the command answers with its one Vietnamese line, and no
    process of it prints a traceback (child KeyboardInterrupt, BrokenPipeError)."""
    root = _photo_site(tmp_path / "site", photos=8)
    process = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "build"],
        cwd=root,
        env=bantin_env(BANTIN_CACHE_DIR=str(tmp_path / "cache")),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=120)
    assert "Traceback" not in err and "Error" not in err, err
    if process.returncode:
        assert process.returncode == 130
        assert err.strip() == "bantin: đã dừng giữa chừng; thư mục site/ giữ nguyên như trước.", err
    assert not list(root.glob(".site-*"))


def test_staging_folders_of_killed_builds_are_removed_but_not_a_running_builds(tmp_path):
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài A")})
    stale = root / ".site-abc123"
    (stale / "tin-tuc").mkdir(parents=True)
    (stale / "tin-tuc" / "index.html").write_text("cũ")
    running = root / ".site-running"
    running.mkdir()
    held = os.open(running, os.O_RDONLY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a build in progress holds its folder
        result = run_bantin(root, "build", env={"BANTIN_CACHE_DIR": str(tmp_path / "cache")})
        assert result.returncode == 0, result.stderr
        assert not stale.exists()
        assert running.is_dir()
    finally:
        os.close(held)
    assert (root / "site" / "index.html").is_file()


def test_leftovers_are_removed_by_the_next_build_when_nothing_changed(tmp_path):
    """A build killed outright after the last complete one left ``.site-*`` (and, killed between
    making its folder and naming it, ``.new.site-*``); the next build found nothing changed,
    answered "Không có gì thay đổi" and left both there for ever."""
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài A")})
    env = {"BANTIN_CACHE_DIR": str(tmp_path / "cache")}
    assert run_bantin(root, "build", env=env).returncode == 0
    for name in (".site-abc123", ".new.site-def456"):
        (root / name / "tin-tuc").mkdir(parents=True)
        os.utime(root / name, (time.time() - 3600, time.time() - 3600))  # killed an hour ago
    result = run_bantin(root, "build", env=env)
    assert result.returncode == 0 and "Không có gì thay đổi" in result.stdout, result.stdout + result.stderr
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == []


def test_an_unusable_cache_folder_is_named_in_vietnamese(tmp_path):
    """A read-only project folder (here: the cache's database cannot be opened) gave SQLite's
    "OperationalError: unable to open database file" and a traceback."""
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài A")})
    cache = tmp_path / "cache"
    (cache / "build.sqlite").mkdir(parents=True)  # root may write anywhere: make it unopenable
    result = run_bantin(root, "build", env={"BANTIN_CACHE_DIR": str(cache)})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "OperationalError" not in result.stderr, result.stderr
    assert str(cache) in result.stderr and "BANTIN_CACHE_DIR" in result.stderr
    assert not (root / "site").exists()


SWALLOWED = """
import gc, signal, time, weakref
from builder import cli
cli.handle_interrupts()
class Thing:
    pass
def collected(_):
    signal.raise_signal(signal.SIGTERM)  # the handler runs here, inside the callback
    sum(range(1000))
try:
    thing = Thing()
    ref = weakref.ref(thing, collected)
    del thing
    gc.collect()
    deadline = time.monotonic() + 5  # the build goes on for seconds after such a callback
    while time.monotonic() < deadline:
        pass
    print("went on")
except KeyboardInterrupt:
    print("stopped")
"""


def test_an_interrupt_landing_in_a_weakref_callback_still_stops_the_command():
    """A SIGTERM whose handler ran inside a weakref callback (an import's module lock, during a
    build) was printed as "Exception ignored in … Traceback" and lost: the build finished."""
    result = subprocess.run(
        [sys.executable, "-c", SWALLOWED],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout.strip() == "stopped", result.stdout + result.stderr
