"""``bantin crosspost`` against a real HTTP server on 127.0.0.1 that plays the Graph API.

The fake Page (:class:`FakePage`) answers ``POST /v24.0/{page}/feed`` and
``GET /v24.0/{page}/feed`` with the Graph API's shapes: ``{"id": "<page>_<post>"}`` on
success, ``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`` on
failure, and it checks the access token like Facebook does. Each test scripts what the Page
answers to each POST, runs the real command in a subprocess, and checks what the Page
received, what the state file says and what the editor read. The token must never appear
in any output or file.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, UTC
from pathlib import Path
from urllib.parse import urlencode

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from conftest import MKDOCS_YML, THEME, bantin_env, build_ok, copy_fixture, make_site, run_bantin

PAGE_ID = "104857600123"
TOKEN = "EAAtest-page-token-7Qx9vZ"  # distinctive: searched for in every output and file
STATE = "crosspost/facebook.json"
FEED = f"/v24.0/{PAGE_ID}/feed"

CONFIG = (
    MKDOCS_YML
    + """\
      sharing:
        facebook:
          api_url: {api}
          since: 2026-01-01
          retries: 2
          retry_wait: 0
          rate_limit_wait: 0
          timeout: 10
          confirm_window: 0
          confirm_every: 0
"""
)

NEWS = """---
title: "{title}"
date: {date}
description: "{summary}"
tags: [Bình đẳng giới, Vĩnh Linh]
{extra}---
Nội dung.
"""

POSTED = ["tin-tuc/bai-1.md", "tin-tuc/bai-2.md", "tin-tuc/bai-3.md", "ban-tin/so-1/index.md", "tin-tuc/bai-4.md"]
"""The five items to post, oldest first."""


def content() -> dict[str, str]:
    """Five postable items, and four that must never be posted."""
    files = {
        f"tin-tuc/bai-{n}.md": NEWS.format(
            title=f"Tin số {n} về phụ nữ Quảng Trị",
            date=f"2026-0{n}-10 08:00",
            summary=f"Tóm tắt của tin số {n}.",
            extra="",
        )
        for n in (1, 2, 3)
    }
    files["tin-tuc/bai-4.md"] = NEWS.format(title="Tin số 4", date="2026-05-01", summary="Tóm tắt 4.", extra="")
    files["ban-tin/so-1/index.md"] = (
        '---\nnumber: 1\nlabel: "Số 1/2026"\ndate: 2026-04-01\n'
        'description: "Số đầu năm."\narticles: [bai-a.md]\n---\nLời tòa soạn.\n'
    )
    files["ban-tin/so-1/bai-a.md"] = "---\ntitle: Bài trong số\n---\nBài của bản tin (đăng qua số bản tin).\n"
    files["tin-tuc/nhap.md"] = NEWS.format(title="Bản nháp", date="2026-03-01", summary="x", extra="draft: true\n")
    files["tin-tuc/hen-gio.md"] = NEWS.format(title="Hẹn giờ", date="2026-12-30", summary="x", extra="")
    files["tin-tuc/cu.md"] = NEWS.format(title="Tin cũ", date="2025-06-01", summary="x", extra="")
    return files


class FakePage:
    """The Graph API of one Facebook Page, on a pytest-httpserver (threaded: a slow POST does
    not hold up the client's GETs, as on Facebook).

    ``script`` lists, per POST, what to do: "ok"; "500" (error, nothing created);
    "500-created" (created, then an error); "613" (rate limited); "kill" (the client dies
    before anything is created); "kill-created" (created, then the client dies);
    "slow-created" (answers after ``slow`` seconds, creating the post only then: longer than
    the client's timeout, Facebook's late create); "slow" (a successful create that takes
    ``slow`` seconds); "garbage-created" (created, then a 200 whose body is not JSON).
    The feed is read newest first, at most 100 posts a page, with ``paging.next`` as Facebook
    gives it (an absolute URL carrying the query and an ``after`` cursor).
    """

    def __init__(self, server):
        self.server = server
        self.posts: list[dict] = []  # created posts, oldest first
        self.requests: list[tuple[str, dict]] = []  # (method, parameters) of every call
        self.script: list[str] = []
        self.slow = 3.0
        self.client: subprocess.Popen | None = None
        self.lock = threading.Lock()
        server.expect_request(FEED, method="POST").respond_with_handler(self.publish)
        server.expect_request(FEED, method="GET").respond_with_handler(self.feed)

    def add(self, message: str, link: str, created: datetime | None = None) -> str:
        """Create a post (``created``: its time, UTC; now by default); return its id."""
        post_id = f"{PAGE_ID}_{9000 + len(self.posts)}"
        when = (created or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%S+0000")
        self.posts.append({"id": post_id, "message": message, "link": link, "created_time": when})
        return post_id

    def publish(self, request: Request) -> Response:
        with self.lock:
            form = request.form.to_dict()
            self.requests.append(("POST", form))
            if form.get("access_token") != TOKEN:
                return _error(400, 190, "Invalid OAuth access token - Cannot parse access token", 0)
            if not form.get("message") or not form.get("link"):
                return _error(400, 100, "(#100) Missing message or link", 0)
            action = self.script.pop(0) if self.script else "ok"
        if action.startswith("slow"):
            time.sleep(self.slow)  # outside the lock: the client may read the feed meanwhile
        with self.lock:
            if action in ("ok", "500-created", "kill-created", "slow-created", "slow", "garbage-created"):
                post_id = self.add(form["message"], form["link"])
            if action.startswith("kill"):
                os.kill(self.client.pid, signal.SIGKILL)
                return _error(500, 2, "Service temporarily unavailable", 0, transient=True)
            if action.startswith("500"):
                return _error(500, 2, "Service temporarily unavailable", 0, transient=True)
            if action == "613":
                return _error(400, 613, "Calls to this api have exceeded the rate limit.", 0)
            if action == "garbage-created":
                return Response("<html><body>OK</body></html>", 200, content_type="text/html")
            return Response(json.dumps({"id": post_id}), 200, content_type="application/json")

    def feed(self, request: Request) -> Response:
        with self.lock:
            args = request.args.to_dict()
            self.requests.append(("GET", args))
            if args.get("access_token") != TOKEN:
                return _error(400, 190, "Invalid OAuth access token - Cannot parse access token", 0)
            newest = [
                {"id": p["id"], "message": p["message"], "created_time": p["created_time"]}
                for p in reversed(self.posts)
            ]
            limit, after = min(int(args.get("limit", 25)), 100), int(args.get("after", 0))
            paging = {}
            if after + limit < len(newest):
                paging["next"] = request.base_url + "?" + urlencode({**args, "after": after + limit})
            return Response(
                json.dumps({"data": newest[after : after + limit], "paging": paging}),
                200,
                content_type="application/json",
            )

    def posts_sent(self) -> int:
        return sum(1 for method, _ in self.requests if method == "POST")

    def reads(self) -> int:
        return sum(1 for method, _ in self.requests if method == "GET")


def _error(status: int, code: int, message: str, subcode: int, transient: bool = False) -> Response:
    error = {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AbCdEf123"}
    if subcode:
        error["error_subcode"] = subcode
    if transient:
        error["is_transient"] = True
    return Response(json.dumps({"error": error}), status, content_type="application/json")


@pytest.fixture
def httpserver():
    """A threaded server per test (the plugin's shared one answers one request at a time)."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def page(httpserver):
    return FakePage(httpserver)


@pytest.fixture
def site(tmp_path, httpserver):
    config = CONFIG.format(theme=THEME, api=httpserver.url_for("/"))
    return make_site(tmp_path / "site", content(), config)


def crosspost(root: Path, *args: str, token: str = TOKEN) -> subprocess.CompletedProcess:
    env = {"FACEBOOK_PAGE_ID": PAGE_ID, "FACEBOOK_PAGE_TOKEN": token} if token else {}
    result = run_bantin(root, "crosspost", *args, env=env)
    assert_no_token(root, result.stdout + result.stderr)
    return result


def _crosspost_process(site: Path, page) -> subprocess.Popen:
    """``bantin crosspost`` of ``site`` started as a process, which the fake Page (``page``)
    knows as ``page.client`` (it kills it when its script says so)."""
    page.client = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "crosspost"],
        cwd=site,
        env=bantin_env(FACEBOOK_PAGE_ID=PAGE_ID, FACEBOOK_PAGE_TOKEN=TOKEN),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return page.client


def assert_no_token(root: Path, output: str) -> None:
    assert TOKEN not in output
    for path in root.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


def state(root: Path) -> dict:
    path = root / STATE
    return json.loads(path.read_text(encoding="utf-8"))["facebook"] if path.exists() else {}


def sources(root: Path) -> list[str]:
    return sorted(record["source"] for record in state(root).values())


def test_first_run_posts_every_new_item_once_in_order(site, page):
    result = crosspost(site)
    assert result.returncode == 0, result.stderr
    assert [p["link"] for p in page.posts] == [
        f"https://example.org/bantin/{u}"
        for u in (
            "tin-tuc/tin-so-1-ve-phu-nu-quang-tri/",
            "tin-tuc/tin-so-2-ve-phu-nu-quang-tri/",
            "tin-tuc/tin-so-3-ve-phu-nu-quang-tri/",
            "ban-tin/so-1/",
            "tin-tuc/tin-so-4/",
        )
    ]
    records = state(site)
    assert sorted(r["source"] for r in records.values()) == sorted(POSTED)
    for guid, record in records.items():
        assert guid.startswith("tag:example.org,2020:")
        assert record["page_id"] == PAGE_ID and record["post_id"].startswith(f"{PAGE_ID}_")
        assert record["posted_at"].endswith("+07:00")
        assert record["post_id"] == next(p["id"] for p in page.posts if p["link"] == record["url"])
    assert "Đã đăng (5/5): Tin số 4" in result.stdout
    # Read first (nothing posted yet), then five posts and nothing else.
    assert [m for m, _ in page.requests] == ["GET"] + ["POST"] * 5


def test_message_is_title_summary_link_and_hashtags(site, page):
    assert crosspost(site).returncode == 0
    assert page.posts[0]["message"] == (
        "Tin số 1 về phụ nữ Quảng Trị\n\nTóm tắt của tin số 1.\n\n"
        "Xem chi tiết: https://example.org/bantin/tin-tuc/tin-so-1-ve-phu-nu-quang-tri/\n\n"
        "#BìnhĐẳngGiới #VĩnhLinh"
    )
    issue = next(p for p in page.posts if "ban-tin" in p["link"])
    assert issue["message"].startswith("Bản tin Bình đẳng giới, Số 1/2026\n\nSố đầu năm.\n\nĐọc bản tin: ")


def test_rerun_posts_nothing(site, page):
    assert crosspost(site).returncode == 0
    before = (site / STATE).read_bytes()
    result = crosspost(site)
    assert result.returncode == 0
    assert "Không có bài mới" in result.stdout
    assert page.posts_sent() == 5 and len(page.posts) == 5
    assert (site / STATE).read_bytes() == before


def test_crash_after_the_second_of_five_then_rerun_posts_three(site, page):
    page.script = ["ok", "ok", "kill"]
    out, err = _crosspost_process(site, page).communicate(timeout=120)
    assert page.client.returncode == -signal.SIGKILL
    assert_no_token(site, out + err)
    assert sources(site) == sorted(POSTED[:2])
    assert not list((site / "crosspost").glob(".*.tmp"))  # no half-written state left behind
    assert (site / "crosspost/.facebook.json.lock").exists()  # left by the killed run: must not block
    result = crosspost(site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Đã đăng (") == 3
    assert sources(site) == sorted(POSTED)
    links = [p["link"] for p in page.posts]
    assert len(links) == 5 and len(set(links)) == 5


def test_crash_after_facebook_created_the_post_does_not_post_it_twice(site, page):
    page.script = ["ok", "ok", "kill-created"]
    _crosspost_process(site, page).communicate(timeout=120)
    assert sources(site) == sorted(POSTED[:2])  # the third was created, but never confirmed
    result = crosspost(site)
    assert result.returncode == 0, result.stderr
    assert "Đã có trên Trang, chỉ ghi nhận lại: Tin số 3" in result.stdout
    assert result.stdout.count("Đã đăng (") == 2
    links = [p["link"] for p in page.posts]
    assert len(links) == 5 and len(set(links)) == 5
    third = next(r for r in state(site).values() if r["source"] == POSTED[2])
    assert third["post_id"] == page.posts[2]["id"]


def test_expired_token_stops_with_the_fix_and_marks_nothing(site, page):
    result = crosspost(site, token="EAAexpired-" + TOKEN[::-1])
    assert result.returncode == 2
    assert "mã lỗi 190" in result.stderr and "FACEBOOK_PAGE_TOKEN" in result.stderr
    assert "Cách sửa" in result.stderr and "Traceback" not in result.stderr
    assert page.posts == [] and not (site / STATE).exists()


def test_token_echoed_by_facebook_is_hidden(site, page, httpserver):
    # Facebook's messages may quote what they reject; the command must still not print it.
    httpserver.clear()
    httpserver.expect_request(FEED).respond_with_json(
        {"error": {"message": f"Malformed access token {TOKEN}", "type": "OAuthException", "code": 190}}, status=400
    )
    result = crosspost(site)
    assert result.returncode == 2 and "[mã truy cập]" in result.stderr


def test_rate_limit_backs_off_then_stops_cleanly(site, page):
    page.script = ["ok", "613", "613"]
    result = crosspost(site)
    assert result.returncode == 3
    assert "giới hạn" in result.stderr and "4 bài chưa đăng" in result.stderr and "Traceback" not in result.stderr
    assert "chờ 0 giây rồi thử lại" in result.stdout  # backed off once before giving up
    assert sources(site) == [POSTED[0]] and page.posts_sent() == 3
    again = crosspost(site)
    assert again.returncode == 0 and sources(site) == sorted(POSTED)
    assert len({p["link"] for p in page.posts}) == len(page.posts) == 5


def test_server_error_is_retried_and_checked_first(site, page):
    page.script = ["500", "ok", "500-created"]
    result = crosspost(site)
    assert result.returncode == 0, result.stderr
    assert "Thử lại sau" in result.stdout
    assert sources(site) == sorted(POSTED)
    links = [p["link"] for p in page.posts]
    assert len(links) == 5 and len(set(links)) == 5  # the post created despite the 500 was found
    # POST 500 → GET (not there) → POST ok; POST 500-created → GET finds it: no further POST for it.
    assert page.posts_sent() == 6


def test_server_errors_retry_a_bounded_number_of_times(site, page):
    page.script = ["500"] * 10
    result = crosspost(site)
    assert result.returncode == 3
    assert "sau 3 lần thử" in result.stderr
    assert page.posts_sent() == 3 and not (site / STATE).exists()


def test_dry_run_prints_exactly_the_messages_and_sends_nothing(site, page):
    preview = crosspost(site, "--dry-run", token="")
    assert preview.returncode == 0, preview.stderr
    assert page.requests == []
    assert not (site / STATE).exists()
    blocks = preview.stdout.split("\n===== ")[1:]
    assert [b.split(" =====\n", 1)[0].split(" · ")[1] for b in blocks] == POSTED
    printed = [b.split(" =====\n", 1)[1].rstrip("\n") for b in blocks]
    assert crosspost(site).returncode == 0
    assert printed == [p["message"] for p in page.posts]


def test_zalo_texts_are_printed_and_in_the_build_output(site, page):
    result = crosspost(site, "--zalo", token="")
    assert result.returncode == 0 and page.requests == []
    first = result.stdout.split("\n===== ")[1].split(" =====\n", 1)[1].rstrip("\n")
    assert first == (
        "Tin số 1 về phụ nữ Quảng Trị\nTóm tắt của tin số 1.\n"
        "Xem chi tiết: https://example.org/bantin/tin-tuc/tin-so-1-ve-phu-nu-quang-tri/"
    )
    built = build_ok(site)
    assert (built / "tin-tuc/tin-so-1-ve-phu-nu-quang-tri/zalo.txt").read_text(encoding="utf-8") == first + "\n"
    assert (built / "ban-tin/so-1/zalo.txt").is_file()
    assert not (built / "tin-tuc/ban-nhap/zalo.txt").exists()  # drafts have none
    assert not list((built / "ban-tin/so-1").glob("*/zalo.txt"))  # the issue's articles neither


def test_missing_secrets_and_start_date_are_explained(site, page, tmp_path):
    result = crosspost(site, token="")
    assert result.returncode == 2 and "FACEBOOK_PAGE_ID, FACEBOOK_PAGE_TOKEN" in result.stderr
    config = (site / "mkdocs.yml").read_text(encoding="utf-8").replace("          since: 2026-01-01\n", "")
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = crosspost(site, "--dry-run")
    assert result.returncode == 2 and "since: 2026-12-01" in result.stderr
    assert page.requests == []
    # An explicit --since previews without the setting; the start date bounds what is posted.
    result = crosspost(site, "--dry-run", "--since", "2026-04-01")
    assert [line.split(" · ")[1].rstrip(" =") for line in result.stdout.splitlines() if line.startswith("=====")] == [
        "ban-tin/so-1/index.md",
        "tin-tuc/bai-4.md",
    ]


def test_real_content_dry_run_prints_the_posts(tmp_path):
    """The union's site (frozen fixture, its own mkdocs.yml): a preview of every item since 2021."""
    copy_fixture("union", tmp_path)
    result = run_bantin(tmp_path, "crosspost", "--dry-run", "--since", "2020-01-01")
    assert result.returncode == 0, result.stderr
    assert "Chạy thử: sẽ đăng 12 bài" in result.stdout
    assert "#BìnhĐẳngGiới" in result.stdout and "Xem toàn văn: https://" in result.stdout


def test_facebook_unreachable_stops_before_posting(tmp_path):
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = make_site(tmp_path / "site", content(), CONFIG.format(theme=THEME, api=f"http://127.0.0.1:{port}/"))
    result = crosspost(root)
    assert result.returncode == 3
    assert "Không đọc được các bài gần đây" in result.stderr and "NewConnectionError" in result.stderr
    assert not (root / STATE).exists()


def set_options(root: Path, **values) -> None:
    """Change (or add) options of the ``sharing: facebook:`` block of the site's mkdocs.yml."""
    path = root / "mkdocs.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    for key, value in values.items():
        line = f"          {key}: {value}"
        at = next((n for n, text in enumerate(lines) if text.startswith(f"          {key}:")), None)
        if at is None:
            lines.insert(lines.index("        facebook:") + 1, line)
        else:
            lines[at] = line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def assert_vietnamese_stop(result: subprocess.CompletedProcess) -> None:
    """No traceback, no generic message, no English exception name alone."""
    for bad in ("Traceback", "lỗi không mong đợi", "Error:", "Exception", "mã lỗi 0"):
        assert bad not in result.stderr + result.stdout, (bad, result.stderr)


# --- Issue 16 item 7: four ways to double-post ---------------------------------------------------


def test_post_created_after_the_timeout_is_found_before_any_retry(site, page):
    # Facebook answers (and creates) after 3 s; the client gives up after 1 s. The post appears
    # on the Page only then: a search at once finds nothing, a retry then would post twice.
    set_options(site, timeout=1, confirm_window=10, confirm_every=0.5)
    page.script, page.slow = ["slow-created", "slow-created"], 3
    result = crosspost(site)
    assert result.returncode == 0, result.stderr
    links = [p["link"] for p in page.posts]
    assert len(links) == 5 and len(set(links)) == 5
    assert page.posts_sent() == 5
    assert "tạo bài chậm" in result.stdout
    assert sources(site) == sorted(POSTED)
    first = next(r for r in state(site).values() if r["source"] == POSTED[0])
    assert first["post_id"] == page.posts[0]["id"]


def test_unknown_outcome_is_retried_only_after_the_window(site, page):
    # Nothing was created: after the window (searching meanwhile) the post is sent again, once.
    set_options(site, timeout=1, confirm_window=2, confirm_every=0.5)
    page.script = ["500", "ok"]
    started = time.monotonic()
    result = crosspost(site)
    assert result.returncode == 0, result.stderr
    assert page.posts_sent() == 6 and len(page.posts) == 5
    assert page.reads() >= 4  # the first read, then searches during the 2 s window
    assert time.monotonic() - started >= 2


def test_a_second_run_at_once_stops_and_nothing_is_posted_twice(site, page):
    page.script, page.slow = ["slow"] * 5, 1
    first = _crosspost_process(site, page)
    deadline = time.monotonic() + 60
    while page.reads() == 0 and time.monotonic() < deadline:  # the first run has taken the lock
        time.sleep(0.05)
    second = crosspost(site)
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert second.returncode == 3
    assert "Một lần chạy bantin crosspost khác đang đăng bài (tiến trình " in second.stderr
    assert "crosspost/.facebook.json.lock" in second.stderr and "Cách sửa" in second.stderr
    assert_vietnamese_stop(second)
    links = [p["link"] for p in page.posts]
    assert len(links) == 5 and len(set(links)) == 5
    assert sources(site) == sorted(POSTED)


def test_renamed_and_retitled_article_is_not_posted_again(site, page):
    assert crosspost(site).returncode == 0
    before = next(r for r in state(site).values() if r["source"] == "tin-tuc/bai-2.md")
    old = site / "content/tin-tuc/bai-2.md"
    text = old.read_text(encoding="utf-8").replace("Tin số 2 về phụ nữ Quảng Trị", "Tiêu đề mới hoàn toàn")
    (site / "content/tin-tuc/da-doi-ten.md").write_text(
        text.replace("Tóm tắt của tin số 2.", "Tóm tắt sửa lại."), encoding="utf-8"
    )
    old.unlink()
    # The rule's limit: a different article on the date of a deleted one is new, and posted.
    (site / "content/tin-tuc/bai-3.md").unlink()
    (site / "content/tin-tuc/bai-moi.md").write_text(
        NEWS.format(title="Một tin khác", date="2026-03-10 08:00", summary="Tóm tắt khác.", extra="").replace(
            "Nội dung.", "Nội dung khác hẳn."
        ),
        encoding="utf-8",
    )
    preview = crosspost(site, "--dry-run", token="")
    assert "sẽ đăng 1 bài" in preview.stdout and "tin-tuc/bai-moi.md" in preview.stdout
    assert "nay là tin-tuc/da-doi-ten.md" in preview.stdout
    result = crosspost(site)
    assert result.returncode == 0, result.stderr
    assert "khi còn ở tin-tuc/bai-2.md, nay là tin-tuc/da-doi-ten.md: không đăng lại" in result.stdout
    assert "Đã đăng (1/1): Một tin khác" in result.stdout
    assert page.posts_sent() == 6
    records = [r for r in state(site).values() if r["post_id"] == before["post_id"]]
    assert len(records) == 1 and records[0]["source"] == "tin-tuc/da-doi-ten.md"
    assert records[0]["url"].endswith("/tin-tuc/tieu-de-moi-hoan-toan/")
    assert records[0]["earlier"] == [{"source": "tin-tuc/bai-2.md", "url": before["url"]}]
    assert crosspost(site).stdout.strip() == "Không có bài mới cần đăng lên Trang Facebook."


def test_records_written_before_fingerprints_get_them_then_follow_a_rename(site, page):
    assert crosspost(site).returncode == 0
    path = site / STATE
    data = json.loads(path.read_text(encoding="utf-8"))
    for record in data["facebook"].values():  # the shape written before this version
        for field in ("kind", "date", "body", "summary"):
            del record[field]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    result = crosspost(site)
    assert result.returncode == 0 and page.posts_sent() == 5
    assert all(r["kind"] and r["date"] and r["body"] for r in state(site).values())
    (site / "content/tin-tuc/bai-1.md").rename(site / "content/tin-tuc/doi-cho.md")
    again = crosspost(site)
    assert again.returncode == 0 and page.posts_sent() == 5 and "không đăng lại" in again.stdout


def test_lost_record_is_found_behind_more_than_100_newer_posts(site, page):
    # The third item was posted but its record lost; 150 posts came after it, 300 long before.
    for n in range(300):
        page.add(f"Bài cũ {n}", f"https://example.org/cu/{n}/", datetime(2025, 1, 1, tzinfo=UTC))
    url = "https://example.org/bantin/tin-tuc/tin-so-3-ve-phu-nu-quang-tri/"
    third = page.add(f"Tin số 3 về phụ nữ Quảng Trị\n\nTóm tắt của tin số 3.\n\nXem chi tiết: {url}", url)
    for n in range(150):
        page.add(f"Tin khác {n}", f"https://example.org/khac/{n}/")
    result = crosspost(site)
    assert result.returncode == 0, result.stderr
    assert "Đã có trên Trang, chỉ ghi nhận lại: Tin số 3" in result.stdout
    assert (
        "Xong: đã đăng 4 bài, ghi nhận lại 1 bài đã có trên Trang; ghi nhận trong crosspost/facebook.json"
        in result.stdout
    )
    assert page.posts_sent() == 4
    assert next(r for r in state(site).values() if r["source"] == POSTED[2])["post_id"] == third
    assert page.reads() == 2  # 151 posts since the oldest item's date: two pages, not the old 300


def test_too_many_posts_to_search_stops_before_posting(site, page):
    set_options(site, search_pages=1)
    for n in range(150):
        page.add(f"Tin khác {n}", f"https://example.org/khac/{n}/")
    result = crosspost(site)
    assert result.returncode == 3
    assert "tăng search_pages" in result.stderr and "chưa đăng gì" in result.stderr
    assert page.posts_sent() == 0
    assert_vietnamese_stop(result)


# --- Issue 17 item 9: every fault ends in a precise Vietnamese message ---------------------------


@pytest.mark.parametrize(
    "text, said",
    [
        ('{"g":"oops"}', 'thiếu mục "facebook"'),
        ('{"version": 1, "facebook": {"g": "oops"}}', 'mục "g" trong "facebook" không phải bản ghi'),
        ('{"version": 1, "facebook": {"x": {"source": "tin-tuc/bai-1.md", "post_id": 5}}}', 'mục "x"'),
        ('{"version": 1, "facebook": {"y": {"source": "tin-tuc/bai-1.md", "earlier": "tin-tuc/cu.md"}}}', 'mục "y"'),
        ('{"version": 1, "facebook": {', f"{STATE}:1:"),
        ("[]", 'thiếu mục "facebook"'),
        # 100,000 nested brackets: json's RecursionError was reported as an article nested too deep
        ("[" * 100_000, "lồng nhau quá sâu"),
    ],
)
def test_broken_state_file_is_named_with_the_fix(site, page, text, said):
    (site / "crosspost").mkdir()
    (site / STATE).write_text(text, encoding="utf-8")
    for args in ((), ("--dry-run",)):
        result = crosspost(site, *args)
        assert result.returncode == 2, result.stderr
        assert STATE in result.stderr and said in result.stderr
        assert "Cách sửa" in result.stderr and "git checkout" in result.stderr
        assert_vietnamese_stop(result)
    assert page.requests == []
    assert (site / STATE).read_text(encoding="utf-8") == text


def test_state_file_that_cannot_be_written_stops_before_posting(site, page):
    (site / "crosspost").write_text("một tệp thường chắn chỗ thư mục\n", encoding="utf-8")
    result = crosspost(site)
    assert result.returncode == 2
    assert "“crosspost” là một tệp thường, không phải thư mục" in result.stderr
    assert "Cách sửa: xóa hoặc đổi tên tệp “crosspost”" in result.stderr
    assert_vietnamese_stop(result)
    assert page.requests == []
    (site / "crosspost").unlink()
    (site / STATE).mkdir(parents=True)
    result = crosspost(site)
    assert result.returncode == 2 and f"“{STATE}” là một thư mục" in result.stderr
    assert_vietnamese_stop(result)
    assert page.requests == []


def test_dry_run_into_a_pipe_closed_early_ends_quietly(tmp_path):
    files = {
        f"tin-tuc/tin-{n}.md": NEWS.format(title=f"Tin {n}", date="2026-06-01", summary="Dài. " * 60, extra="")
        for n in range(400)
    }  # about 200 KB of preview: more than a pipe holds
    root = make_site(tmp_path / "site", files, CONFIG.format(theme=THEME, api="http://127.0.0.1:9/"))
    reader = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "crosspost", "--dry-run"],
        cwd=root,
        env=bantin_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout.readline().startswith("Chạy thử: sẽ đăng 400 bài")
    reader.stdout.close()  # as `| head -1` does
    err = reader.stderr.read()
    assert reader.wait(timeout=120) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err and "lỗi không mong đợi" not in err
    assert "nơi nhận đầu ra đã đóng trước khi in hết" in err and "> xem-truoc.txt" in err


def test_200_without_a_post_id_is_searched_for_not_reported_as_refused(site, page):
    page.script = ["ok", "garbage-created"]
    result = crosspost(site)
    assert result.returncode == 0, result.stderr
    links = [p["link"] for p in page.posts]
    assert len(links) == 5 and len(set(links)) == 5 and page.posts_sent() == 5
    assert sources(site) == sorted(POSTED)
    assert "không nhận bài" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    "status, body, said",
    [
        (502, "<html>Bảo trì</html>", "HTTP 502, nội dung trả lời không phải của Graph API («<html>Bảo trì</html>»)"),
        (200, '{"data": "x"}', "HTTP 200, trả lời không có danh sách bài “data”"),
        (
            200,
            '{"data": [{"id": "1_2", "message": "m", "created_time": "2026-11-29T05:00:00+0000"}], '
            '"paging": {"next": "https://elsewhere.example/feed?after=1"}}',
            "HTTP 200, địa chỉ trang sau (paging.next) không thuộc 127.0.0.1:",
        ),
    ],
)
def test_page_read_answered_with_garbage_is_described(site, httpserver, status, body, said):
    httpserver.expect_request(FEED, method="GET").respond_with_data(body, status=status, content_type="text/html")
    result = crosspost(site)
    assert result.returncode == 3
    assert said in result.stderr and "Đã dừng, chưa đăng gì" in result.stderr
    assert_vietnamese_stop(result)
    assert all(request.method == "GET" for request, _ in httpserver.log)


def test_a_lock_file_committed_as_a_link_is_not_followed(site, page, tmp_path):
    # A hostile change can commit crosspost/.facebook.json.lock as a link to a file of the
    # machine (.git/config on CI): taking the lock through it emptied that file.
    precious = tmp_path / "git-config"
    precious.write_text('[remote "origin"]\n', encoding="utf-8")
    (site / "crosspost").mkdir(exist_ok=True)
    os.symlink(precious, site / "crosspost/.facebook.json.lock")
    result = crosspost(site)
    assert precious.read_text(encoding="utf-8") == '[remote "origin"]\n'
    assert result.returncode == 2 and page.requests == []
    assert "“crosspost/.facebook.json.lock” là một liên kết (symlink)" in result.stderr
    assert "Cách sửa: xóa liên kết “crosspost/.facebook.json.lock”" in result.stderr
    assert_vietnamese_stop(result)
