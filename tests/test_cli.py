"""The ``bantin`` command as an editor runs it: exit codes, Vietnamese messages, no traceback,
and a site/ that is either the new complete build or the old one, never half of each."""

from __future__ import annotations

import pytest

from conftest import build_ok, make_site, news, run_bantin

GOOD = {
    "gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nTrang giới thiệu.\n",
    "tin-tuc/a.md": "---\ntitle: Bài A\ndate: 2021-03-08\n---\nNội dung.\n",
}


def test_build_prints_a_summary_and_exits_0(tmp_path):
    make_site(tmp_path, GOOD)
    result = run_bantin(tmp_path, "build")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Đã dựng ") and "nguồn tin RSS/Atom vào" in result.stdout
    assert not list(tmp_path.glob(".site-*"))


def test_check_writes_nothing(tmp_path):
    make_site(tmp_path, GOOD)
    result = run_bantin(tmp_path, "check")
    assert (result.returncode, result.stdout.strip()) == (0, "Nội dung hợp lệ: không có lỗi.")
    assert not (tmp_path / "site").exists()


def test_a_broken_article_keeps_the_previous_site(tmp_path):
    make_site(tmp_path, GOOD)
    site = build_ok(tmp_path)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    (tmp_path / "content" / "tin-tuc" / "b.md").write_text("---\ntitle: Bài B\n---\nThiếu ngày.\n", encoding="utf-8")
    result = run_bantin(tmp_path, "build")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/tin-tuc/b.md:1: lỗi: Thiếu 'date' (ngày). Cách sửa: Thêm vào phần thông tin đầu bài "
        "(giữa hai dòng '---') dòng: date: 2021-03-08",
        "Có 1 lỗi trong 1 tệp. Chưa xuất bản gì: thư mục site/ giữ nguyên.",
    ]
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert not list(tmp_path.glob(".site-*"))


def test_usage_errors_exit_2_in_vietnamese(tmp_path):
    result = run_bantin(tmp_path, "xuat-ban")
    assert result.returncode == 2 and "lỗi cách dùng" in result.stderr and "Traceback" not in result.stderr
    result = run_bantin(tmp_path, "build")  # no mkdocs.yml here
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "bantin: Không tìm thấy tệp cấu hình mkdocs.yml. Chạy lệnh trong thư mục gốc của dự án."
    )


def test_configuration_errors_exit_2(tmp_path):
    make_site(tmp_path, GOOD, config="site_name: x\ndocs_dir: content\nplugins:\n  - bantin:\n      page_size: nhiều\n")
    result = run_bantin(tmp_path, "build")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("bantin: Cấu hình mkdocs.yml không hợp lệ")
    make_site(tmp_path, GOOD)
    result = run_bantin(tmp_path, "build", now="hôm nay")
    assert result.returncode == 2 and "không phải là thời điểm ISO 8601" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_configuration_errors_name_their_line_in_vietnamese(tmp_path):
    make_site(tmp_path, GOOD)
    good = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    lines = good.splitlines()

    def said(config: str) -> str:
        (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
        result = run_bantin(tmp_path, "build")
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert not (tmp_path / "site").exists()
        return result.stderr

    plugin = next(n for n, line in enumerate(lines, 1) if line.strip() == "- bantin:")
    words = good.replace("  - bantin:\n", "  - bantin:\n      page_size: nhiều\n", 1)
    message = said(words)
    assert f"mkdocs.yml:{plugin + 1}: plugins → bantin → page_size: phải là một số nguyên" in message
    assert f"Dòng {plugin + 1}: «page_size: nhiều»" in message and "Expected type" not in message
    assert "dấu nháy" not in message  # no quotes to remove: that fix is for page_size: "10" only
    message = said(good.replace("  - bantin:\n", "  - bantin:\n      page_size: 0\n", 1))
    assert (
        f"mkdocs.yml:{plugin + 1}: plugins → bantin → page_size: phải là một số nguyên từ 1 trở lên, không phải 0"
        in message
    )
    message = said(good.replace("  - bantin:\n", "  - bantin:\n      organisaton: Hội\n", 1))
    assert message.startswith("bantin: Cấu hình mkdocs.yml có khóa không dùng được:")
    assert f"mkdocs.yml:{plugin + 1}: plugins → bantin → organisaton: không có khóa 'organisaton'" in message
    message = said(good.replace("  - bantin:", "  - bantinn:", 1))
    assert f"mkdocs.yml:{plugin}: plugins: không có plugin 'bantinn'" in message
    message = said(good.replace("  - bantin:\n", '  - bantin:\n      page_size: "10"\n', 1))
    assert "phải là một số nguyên (ví dụ 10), không phải chữ. Cách sửa: viết giá trị không có dấu nháy." in message
    toc = good.replace("plugins:\n", "markdown_extensions:\n  - toc:\n      permalnk: true\nplugins:\n", 1)
    option = toc.splitlines().index("      permalnk: true") + 1
    message = said(toc)
    assert (
        f"mkdocs.yml:{option}: markdown_extensions: phần mở rộng Markdown 'toc' không có tùy chọn 'permalnk'" in message
    )
    assert "Traceback" not in message and 'File "' not in message
    message = said(good.replace("  - bantin:\n", "  - bantin:\n      now: 2026-13-01\n", 1))
    assert f"mkdocs.yml:{plugin + 1}: ngày 2026-13-01 không có thật" in message
    message = said(good.replace("docs_dir: content", "docs_dir: [content", 1))
    docs = next(n for n, line in enumerate(lines, 1) if line.startswith("docs_dir:"))
    assert f"mkdocs.yml:{docs}: tệp không đúng cú pháp YAML" in message


def test_a_nav_entry_naming_no_page_is_reported_at_its_line(tmp_path):
    make_site(tmp_path, GOOD)
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    config += "nav:\n  - Trang chủ: index.md\n  - Giới thiệu: gioi-thieuu.md\n"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    line = config.splitlines().index("  - Giới thiệu: gioi-thieuu.md") + 1
    said = f"mkdocs.yml:{line}: nav → Giới thiệu: không có trang 'gioi-thieuu.md' trong thư mục content."
    build = run_bantin(tmp_path, "build")  # MkDocs alone makes a tab leading nowhere, warning in English
    assert build.returncode == 2 and said in build.stderr and "Traceback" not in build.stderr, build.stderr
    assert not (tmp_path / "site").exists()
    check = run_bantin(tmp_path, "check")
    assert check.returncode == 2, check.stdout + check.stderr  # a configuration error, as for build
    assert said.replace(": nav", ": lỗi: nav") in check.stdout + check.stderr  # as check prints content errors


@pytest.mark.slow
def test_a_link_to_a_missing_file_is_warned_once_in_vietnamese_at_its_line(tmp_path):
    page = "---\ntitle: Bài thiếu ảnh\ndate: 2021-03-05\n---\nĐoạn mở đầu.\n\n![Ảnh hội nghị](khong-co.jpg)\n"
    make_site(tmp_path, dict(GOOD, **{"tin-tuc/thieu-anh.md": page}))
    result = run_bantin(tmp_path, "build", env={"BANTIN_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    said = (
        "content/tin-tuc/thieu-anh.md:7: cảnh báo: không tìm thấy tệp 'khong-co.jpg' (ảnh hoặc liên kết, "
        "tức content/tin-tuc/khong-co.jpg)."
    )
    # Once: the worker that converted the page first stays quiet (MkDocs converts it again).
    assert result.stderr.count(said) == 1 and "Doc file" not in result.stderr, result.stderr
    (tmp_path / "content/tin-tuc/khac.md").write_text(news("Tin khác"), encoding="utf-8")
    again = run_bantin(tmp_path, "build", env={"BANTIN_CACHE_DIR": str(tmp_path / "cache")})
    assert again.stderr.count(said) == 1, again.stderr  # a warned page is never stored: warned again


@pytest.mark.slow
def test_serve_previews_drafts_marked_as_such(tmp_path):
    """`bantin serve` builds drafts too (never `bantin build`), with a visible "Bản nháp" mark."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from conftest import NOW, run_cache

    files = dict(GOOD, **{"tin-tuc/nhap.md": "---\ntitle: Bài nháp\ndate: 2021-03-09\ndraft: true\n---\nChưa đăng.\n"})
    make_site(tmp_path, files)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, BANTIN_NOW=NOW, BANTIN_CACHE_DIR=str(run_cache()))
    server = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        html, deadline = "", time.monotonic() + 60
        while time.monotonic() < deadline and not html:
            try:
                html = urllib.request.urlopen(f"http://127.0.0.1:{port}/tin-tuc/bai-nhap/", timeout=5).read().decode()
            except OSError:
                time.sleep(0.5)
        assert "Bài nháp" in html and 'class="bt-badge bt-badge--status" role="status">Bản nháp<' in html
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert not (tmp_path / "site" / "tin-tuc" / "bai-nhap").exists()


def test_missing_site_url_and_unknown_keys_stop_the_build(tmp_path):
    make_site(tmp_path, GOOD)
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config.replace("site_url:", "site_urll:"), encoding="utf-8")
    result = run_bantin(tmp_path, "build")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("bantin: Cấu hình mkdocs.yml có khóa không dùng được:")
    assert "site_urll" in result.stderr
    (tmp_path / "mkdocs.yml").write_text(
        config.replace("site_url: https://example.org/bantin/\n", ""), encoding="utf-8"
    )
    result = run_bantin(tmp_path, "build")
    assert result.returncode == 2 and result.stderr.startswith("bantin: mkdocs.yml chưa có 'site_url'")
    (tmp_path / "mkdocs.yml").write_text(config.replace("place:", "organisaton: x\n      place:"), encoding="utf-8")
    result = run_bantin(tmp_path, "build")
    assert result.returncode == 2 and "organisaton" in result.stderr
    assert not (tmp_path / "site").exists()


def test_argparse_speaks_vietnamese(tmp_path):
    result = run_bantin(tmp_path, "--help")
    assert result.returncode == 0 and result.stdout.startswith("cách dùng: bantin")
    assert "in hướng dẫn này rồi thoát" in result.stdout and "show this help" not in result.stdout
    result = run_bantin(tmp_path)
    assert result.returncode == 2 and "bantin: lỗi cách dùng: thiếu lệnh; các lệnh: build" in result.stderr


@pytest.mark.slow
def test_killing_a_build_leaves_the_old_site_and_no_staging_folder(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from conftest import NOW, run_cache

    files = dict(
        GOOD,
        **{f"tin-tuc/bai-{i}.md": f"---\ntitle: Bài {i}\ndate: 2021-03-08\n---\nNội dung {i}.\n" for i in range(60)},
    )
    make_site(tmp_path, files)
    site = build_ok(tmp_path)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    (tmp_path / "content" / "tin-tuc" / "moi.md").write_text(
        "---\ntitle: Bài mới\ndate: 2021-03-09\n---\nx\n", encoding="utf-8"
    )
    env = dict(os.environ, BANTIN_NOW=NOW, BANTIN_CACHE_DIR=str(run_cache()))
    for delay in (0.5, 1.5, 3.0):
        build = subprocess.Popen(
            [sys.executable, "-m", "builder.cli", "build"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(delay)
        build.send_signal(signal.SIGTERM)
        _, err = build.communicate(timeout=120)
        assert "Traceback" not in err
        assert not list(tmp_path.glob(".site-*")), delay
        after = sorted(p.relative_to(site) for p in site.rglob("*"))
        if build.returncode == 0:  # finished before the signal: the new site, complete
            assert (site / "tin-tuc" / "bai-moi" / "index.html").is_file()
            break
        # 130 with the message is the usual end; -SIGTERM means killed before Python had installed
        # the handler, -SIGINT that the interrupt reached interpreter shutdown: either way, what this
        # test is about must hold: the old site untouched and no staging folder.
        assert build.returncode in (130, -signal.SIGTERM, -signal.SIGINT), (build.returncode, err)
        assert after == before
