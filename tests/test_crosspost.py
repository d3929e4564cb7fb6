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
from pathlib import Path

import pytest
from werkzeug import Request, Response

from conftest import MKDOCS_YML, THEME, bantin_env, build_ok, copy_fixture, make_site, run_bantin

PAGE_ID = "104857600123"
TOKEN = "EAAtest-page-token-7Qx9vZ"  # distinctive: searched for in every output and file
STATE = "crosspost/facebook.json"
FEED = f"/v24.0/{PAGE_ID}/feed"

CONFIG = MKDOCS_YML + """\
      sharing:
        facebook:
          api_url: {api}
          since: 2026-01-01
          retries: 2
          retry_wait: 0
          rate_limit_wait: 0
          timeout: 10
"""

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
    files = {f"tin-tuc/bai-{n}.md": NEWS.format(title=f"Tin số {n} về phụ nữ Quảng Trị", date=f"2026-0{n}-10 08:00",
                                                 summary=f"Tóm tắt của tin số {n}.", extra="")
             for n in (1, 2, 3)}
    files["tin-tuc/bai-4.md"] = NEWS.format(title="Tin số 4", date="2026-05-01", summary="Tóm tắt 4.", extra="")
    files["ban-tin/so-1/index.md"] = ("---\nnumber: 1\nlabel: \"Số 1/2026\"\ndate: 2026-04-01\n"
                                      "description: \"Số đầu năm.\"\narticles: [bai-a.md]\n---\nLời tòa soạn.\n")
    files["ban-tin/so-1/bai-a.md"] = "---\ntitle: Bài trong số\n---\nBài của bản tin (đăng qua số bản tin).\n"
    files["tin-tuc/nhap.md"] = NEWS.format(title="Bản nháp", date="2026-03-01", summary="x", extra="draft: true\n")
    files["tin-tuc/hen-gio.md"] = NEWS.format(title="Hẹn giờ", date="2026-12-30", summary="x", extra="")
    files["tin-tuc/cu.md"] = NEWS.format(title="Tin cũ", date="2025-06-01", summary="x", extra="")
    return files


class FakePage:
    """The Graph API of one Facebook Page, on a pytest-httpserver.

    ``script`` lists, per POST, what to do: "ok"; "500" (error, nothing created);
    "500-created" (created, then an error); "613" (rate limited); "kill" (the client dies
    before anything is created); "kill-created" (created, then the client dies).
    """

    def __init__(self, server):
        self.server = server
        self.posts: list[dict] = []  # created posts, oldest first
        self.requests: list[tuple[str, dict]] = []  # (method, parameters) of every call
        self.script: list[str] = []
        self.client: subprocess.Popen | None = None
        self.lock = threading.Lock()
        server.expect_request(FEED, method="POST").respond_with_handler(self.publish)
        server.expect_request(FEED, method="GET").respond_with_handler(self.feed)

    def publish(self, request: Request) -> Response:
        with self.lock:
            form = request.form.to_dict()
            self.requests.append(("POST", form))
            if form.get("access_token") != TOKEN:
                return _error(400, 190, "Invalid OAuth access token - Cannot parse access token", 0)
            if not form.get("message") or not form.get("link"):
                return _error(400, 100, "(#100) Missing message or link", 0)
            action = self.script.pop(0) if self.script else "ok"
            if action in ("ok", "500-created", "kill-created"):
                post_id = f"{PAGE_ID}_{9000 + len(self.posts)}"
                self.posts.append({"id": post_id, "message": form["message"], "link": form["link"]})
            if action.startswith("kill"):
                os.kill(self.client.pid, signal.SIGKILL)
                return _error(500, 2, "Service temporarily unavailable", 0, transient=True)
            if action.startswith("500"):
                return _error(500, 2, "Service temporarily unavailable", 0, transient=True)
            if action == "613":
                return _error(400, 613, "Calls to this api have exceeded the rate limit.", 0)
            return Response(json.dumps({"id": post_id}), 200, content_type="application/json")

    def feed(self, request: Request) -> Response:
        with self.lock:
            args = request.args.to_dict()
            self.requests.append(("GET", args))
            if args.get("access_token") != TOKEN:
                return _error(400, 190, "Invalid OAuth access token - Cannot parse access token", 0)
            newest = [{"id": p["id"], "message": p["message"], "created_time": "2026-11-29T05:00:00+0000"}
                      for p in reversed(self.posts)][: int(args.get("limit", 25))]
            return Response(json.dumps({"data": newest, "paging": {}}), 200, content_type="application/json")

    def posts_sent(self) -> int:
        return sum(1 for method, _ in self.requests if method == "POST")


def _error(status: int, code: int, message: str, subcode: int, transient: bool = False) -> Response:
    error = {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AbCdEf123"}
    if subcode:
        error["error_subcode"] = subcode
    if transient:
        error["is_transient"] = True
    return Response(json.dumps({"error": error}), status, content_type="application/json")


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
    assert [p["link"] for p in page.posts] == [f"https://example.org/bantin/{u}" for u in (
        "tin-tuc/tin-so-1-ve-phu-nu-quang-tri/", "tin-tuc/tin-so-2-ve-phu-nu-quang-tri/",
        "tin-tuc/tin-so-3-ve-phu-nu-quang-tri/", "ban-tin/so-1/", "tin-tuc/tin-so-4/")]
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
        "#BìnhĐẳngGiới #VĩnhLinh")
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
    page.client = subprocess.Popen([sys.executable, "-m", "builder.cli", "crosspost"], cwd=site,
                                   env=bantin_env(FACEBOOK_PAGE_ID=PAGE_ID, FACEBOOK_PAGE_TOKEN=TOKEN),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = page.client.communicate(timeout=120)
    assert page.client.returncode == -signal.SIGKILL
    assert_no_token(site, out + err)
    assert sources(site) == sorted(POSTED[:2])
    assert not list((site / "crosspost").glob(".*.tmp"))  # no half-written state left behind
    result = crosspost(site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Đã đăng (") == 3
    assert sources(site) == sorted(POSTED)
    links = [p["link"] for p in page.posts]
    assert len(links) == 5 and len(set(links)) == 5


def test_crash_after_facebook_created_the_post_does_not_post_it_twice(site, page):
    page.script = ["ok", "ok", "kill-created"]
    page.client = subprocess.Popen([sys.executable, "-m", "builder.cli", "crosspost"], cwd=site,
                                   env=bantin_env(FACEBOOK_PAGE_ID=PAGE_ID, FACEBOOK_PAGE_TOKEN=TOKEN),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    page.client.communicate(timeout=120)
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
        {"error": {"message": f"Malformed access token {TOKEN}", "type": "OAuthException", "code": 190}}, status=400)
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
    assert first == ("Tin số 1 về phụ nữ Quảng Trị\nTóm tắt của tin số 1.\n"
                     "Xem chi tiết: https://example.org/bantin/tin-tuc/tin-so-1-ve-phu-nu-quang-tri/")
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
    assert [line.split(" · ")[1].rstrip(" =") for line in result.stdout.splitlines() if line.startswith("=====")] \
        == ["ban-tin/so-1/index.md", "tin-tuc/bai-4.md"]


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
