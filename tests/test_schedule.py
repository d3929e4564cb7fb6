"""Drafts and scheduled publishing: "today" is decided in Asia/Ho_Chi_Minh whatever the build
machine's zone, a scheduled item appears once the (injected) clock passes its date, unpublished
items stay out of the search index, and the deploy workflow checks every pull request and
rebuilds daily."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime

import pytest
import yaml

from conftest import MKDOCS_YML, ROOT, THEME, make_site, run_cache

FILES = {
    "tin-tuc/som.md": "---\ntitle: Tin ngày 8 tháng 3\ndate: 2021-03-08\n---\nx\n",
    "tin-tuc/muon.md": "---\ntitle: Tin lúc một giờ sáng\ndate: 2021-03-08 01:00\n---\nx\n",
    "tin-tuc/nhap.md": "---\ntitle: Tin bản nháp\ndate: 2021-03-01\ndraft: true\n---\nx\n",
    "tin-tuc/cu.md": "---\ntitle: Tin cũ đã đăng\ndate: 2021-03-01\n---\nx\n",
}


def _build_in_zone(root, now: str | None, zone: str) -> subprocess.CompletedProcess:
    """The real build in a subprocess whose machine time zone is ``zone``."""
    env = {
        "PATH": os.environ["PATH"],
        "TZ": zone,
        "PYTHONPATH": str(ROOT),
        "NO_MKDOCS_2_WARNING": "1",
        "BANTIN_CACHE_DIR": str(run_cache()),
        "HOME": os.environ.get("HOME", "/tmp"),
    }
    if now is not None:
        env["BANTIN_NOW"] = now
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", "build"], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow
def test_scheduled_item_appears_when_the_vietnam_clock_passes_its_date(tmp_path):
    config = MKDOCS_YML.format(theme=THEME) + "  - search\n"
    root = make_site(tmp_path, FILES, config=config)
    # 17:30 UTC on 7 March = 00:30 on 8 March in Vietnam, but still 12:30 on 7 March in New York:
    # a date-only item of 8 March is out, the one at 01:00 is not yet.
    result = _build_in_zone(root, "2021-03-07T17:30:00+00:00", "America/New_York")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert (site / "tin-tuc" / "tin-ngay-8-thang-3" / "index.html").is_file()
    assert not (site / "tin-tuc" / "tin-luc-mot-gio-sang").exists()
    assert not (site / "tin-tuc" / "tin-ban-nhap").exists()
    titles = _search_titles(site)
    assert "Tin ngày 8 tháng 3" in titles and "Tin cũ đã đăng" in titles
    assert "Tin lúc một giờ sáng" not in titles and "Tin bản nháp" not in titles
    listing = (site / "tin-tuc" / "index.html").read_text(encoding="utf-8")
    assert "Tin ngày 8 tháng 3" in listing and "Tin lúc một giờ sáng" not in listing

    # One hour later the clock has passed 01:00 in Vietnam: the next (daily) build publishes it.
    result = _build_in_zone(root, "2021-03-07T18:30:00+00:00", "Pacific/Kiritimati")
    assert result.returncode == 0, result.stderr
    assert (site / "tin-tuc" / "tin-luc-mot-gio-sang" / "index.html").is_file()
    assert "Tin lúc một giờ sáng" in _search_titles(site)
    assert "tin-luc-mot-gio-sang" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "Tin lúc một giờ sáng" in (site / "rss.xml").read_text(encoding="utf-8")
    assert "Tin bản nháp" not in _search_titles(site)


def _search_titles(site) -> set[str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {doc["title"] for doc in index["docs"]}


def test_the_real_clock_is_read_in_vietnam_time_whatever_the_machine_zone():
    code = "from builder.content.dates import now_in_vietnam; print(now_in_vietnam().isoformat())"
    for zone in ("America/New_York", "UTC", "Pacific/Kiritimati"):
        before = time.time()
        result = subprocess.run(
            [sys.executable, "-c", code],
            env={"TZ": zone, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        moment = datetime.fromisoformat(result.stdout.strip())
        assert moment.utcoffset().total_seconds() == 7 * 3600, zone
        assert before - 1 <= moment.timestamp() <= time.time() + 1


def test_without_bantin_now_the_check_uses_the_real_clock(tmp_path, capsys):
    from editor_helpers import bantin

    make_site(
        tmp_path,
        {
            "tin-tuc/qua.md": "---\ntitle: Đã qua\ndate: 2000-01-01\n---\nx\n",
            "tin-tuc/toi.md": "---\ntitle: Còn lâu\ndate: 2999-01-01\n---\nx\n",
        },
    )
    ran = bantin(tmp_path, "check", capsys=capsys, now=None)
    assert ran.code == 0
    assert [line.split(":")[0] for line in ran.out.splitlines() if "Hẹn giờ đăng" in line] == ["content/tin-tuc/toi.md"]


def test_workflow_checks_every_pull_request_and_rebuilds_daily():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert "pull_request" in triggers and "push" in triggers
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]  # every day
    for job in ("preview", "build"):  # pull requests, and every build that deploys
        assert any("bantin check --format github" in step.get("run", "") for step in workflow["jobs"][job]["steps"])
    build = workflow["jobs"]["build"]
    assert "schedule" not in build.get("if", "") or "!= 'schedule'" not in build["if"]  # the daily run deploys
    assert "make site" in " ".join(step.get("run", "") for step in build["steps"])
