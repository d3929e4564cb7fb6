"""Inputs beyond what the tools can take are refused at their file and line, by `bantin check`
and `bantin build` alike, in Vietnamese (builder/content/limits.py, the template check of
builder/content/fields.py): each of these stopped the build with a generic error or a
traceback, or ran for minutes, while `check` called the content valid."""

from __future__ import annotations

import time

import pytest

from conftest import make_site, news, run_bantin


def _site(tmp_path, name: str, text: str):
    return make_site(tmp_path / "site", {"tin-tuc/tot.md": news("Bài tốt"), f"tin-tuc/{name}": text})


def _refused(root, tmp_path, where: str, *words: str) -> None:
    env = {"BANTIN_CACHE_DIR": str(tmp_path / "cache")}
    for command in ("check", "build"):
        started = time.monotonic()
        result = run_bantin(root, command, env=env)
        output = result.stdout + result.stderr
        assert result.returncode == 1, (command, output)
        assert where in output, (command, output)
        for word in words:
            assert word in output, (command, word, output)
        assert "Traceback" not in output and "không mong đợi" not in output and "Error" not in output, output
        assert time.monotonic() - started < 60
    assert not (root / "site").exists()


def test_a_title_too_long_for_a_file_name(tmp_path):
    root = _site(tmp_path, "dai.md", news("Chữ " * 500))
    _refused(root, tmp_path, "content/tin-tuc/dai.md:2:", "tối đa 200", "slug: chu-chu-chu")


def test_a_slug_too_long_for_a_file_name(tmp_path):
    root = _site(tmp_path, "dai.md", news("Bài").replace("description", "slug: " + "a" * 300 + "\ndescription"))
    _refused(root, tmp_path, "content/tin-tuc/dai.md:4:", "dòng slug", "tối đa 200")


@pytest.mark.parametrize("marker", ["*", "_"])
def test_thousands_of_emphasis_markers(tmp_path, marker):
    body = marker * 5000 + "chữ" + marker * 5000
    root = _site(tmp_path, "nhan.md", news("Bài nhấn").replace("Nội dung.", body))
    _refused(root, tmp_path, "content/tin-tuc/nhan.md:6:1:", f"5000 dấu '{marker}'")


def test_a_list_nested_thousands_deep(tmp_path):
    """3 MB of nested list items: Markdown's time grows with the cube of the depth."""
    body = "\n".join("  " * level + "- mục" for level in range(1700))
    root = _site(tmp_path, "long.md", news("Bài lồng").replace("Nội dung.", body))
    _refused(root, tmp_path, "content/tin-tuc/long.md:47:1:", "thụt vào quá sâu")


def test_a_file_too_big(tmp_path):
    body = "Một đoạn văn dài được dán lặp lại nhiều lần.\n\n" * 120_000
    root = _site(tmp_path, "lon.md", news("Bài lớn").replace("Nội dung.", body))
    _refused(root, tmp_path, "content/tin-tuc/lon.md:1:", "Tệp quá lớn", "tối đa 5 MB")


def test_a_template_outside_the_theme(tmp_path):
    root = _site(tmp_path, "khuon.md", news("Bài khuôn").replace("description", "template: ../../x\ndescription"))
    _refused(root, tmp_path, "content/tin-tuc/khuon.md:4:1:", "'../../x'", "main.html")


def test_limits_leave_ordinary_content_alone(tmp_path):
    """A fill-in line of underscores, a horizontal rule, three nested levels: still valid."""
    body = "Họ và tên: " + "_" * 60 + "\n\n" + "*" * 300 + "\n\n- một\n    - hai\n        - ba\n\n> > trích\n"
    root = _site(tmp_path, "thuong.md", news("Bài thường").replace("Nội dung.", body))
    result = run_bantin(root, "check", env={"BANTIN_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stdout + result.stderr


def test_control_characters_written_as_escapes(tmp_path):
    """``"\\b"`` and ``"\\f"`` in double quotes are control characters once YAML reads them:
    the raw text has none (check --fix cannot see them); refused at the key's line."""
    root = _site(tmp_path, "ky-tu.md", news("Bài ký tự").replace('"Tóm tắt."', r'"Tóm\b tắt\f."'))
    _refused(root, tmp_path, "content/tin-tuc/ky-tu.md:4:1:", "U+0008, U+000C")


def test_characters_no_file_can_hold_written_as_escapes(tmp_path):
    """``"\\ud800"`` (half of a UTF-16 pair) and ``"\\uFFFE"`` read by YAML are characters that
    UTF-8, XML and the feeds cannot hold: the build stopped with "lỗi không mong đợi
    (UnicodeEncodeError …)" while check called the entry valid. Refused at the key's line."""
    root = _site(tmp_path, "nua.md", news("Bài nửa ký tự").replace('"Tóm tắt."', r'"Tóm\ud800 tắt\uFFFE."'))
    _refused(root, tmp_path, "content/tin-tuc/nua.md:4:1:", "U+D800", "U+FFFE")
