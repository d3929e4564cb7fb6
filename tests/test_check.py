"""``bantin check``: one fixture per problem with the exact lines printed, the GitHub Actions
annotation format, ``--fix`` (idempotent, byte-preserving on clean files) and the list of
scheduled items and drafts.

Each folder of ``tests/fixtures/check/`` is a site with one kind of mistake and the exact
lines ``bantin check`` must print on stderr (``expected.txt``); the content model's own
mistakes (``tests/fixtures/invalid/``) must be reported by ``check`` exactly as by ``build``.
"""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from builder.content.repair import repair, text_problems
from conftest import FIXTURES, MKDOCS_YML, THEME, build_ok, make_site
from editor_helpers import bantin

CASES = FIXTURES / "check"
INVALID = FIXTURES / "invalid"
CLEAN = "Nội dung hợp lệ: không có lỗi."


def tiny_png() -> bytes:
    """A real 1 × 1 PNG: ``check`` reports a picture that cannot be read (the build leaves it out)."""
    out = io.BytesIO()
    Image.new("RGB", (1, 1)).save(out, "PNG")
    return out.getvalue()


def _site(cases: Path, case: str, root: Path) -> Path:
    shutil.copytree(cases / case / "content", root / "content")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(theme=THEME), encoding="utf-8")
    return root


def _expected(cases: Path, case: str) -> str:
    return (cases / case / "expected.txt").read_text(encoding="utf-8").rstrip()


def _cases(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if (p / "expected.txt").is_file())


def test_there_is_a_fixture_for_every_problem_check_adds():
    assert set(_cases(CASES)) >= {
        "broken_link",
        "missing_anchor",
        "missing_image",
        "image_without_alt",
        "absolute_link",
        "broken_site_url",
        "link_to_draft",
        "nfd_text",
        "control_character",
    }


@pytest.mark.parametrize("case", _cases(CASES))
def test_each_problem_is_reported_at_its_line_and_column(case, tmp_path, capsys):
    root = _site(CASES, case, tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}

    ran = bantin(root, "check", capsys=capsys)

    assert ran.code == 1
    assert ran.err.rstrip() == _expected(CASES, case)
    assert all(re.match(r"content/\S+:\d+:\d+: lỗi: ", line) for line in ran.err.splitlines()[:-1])
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before  # check writes nothing
    assert not (root / "site").exists()


@pytest.mark.parametrize("case", _cases(CASES))
def test_github_format_annotates_the_same_lines(case, tmp_path, capsys):
    root = _site(CASES, case, tmp_path)

    ran = bantin(root, "check", "--format", "github", capsys=capsys)

    assert ran.code == 1 and ran.err == ""
    expected = []
    for line in _expected(CASES, case).splitlines()[:-1]:
        path, number, col, message = re.match(r"(.+?):(\d+):(\d+): lỗi: (.*)$", line).groups()
        expected.append(f"::error file={path},line={number},col={col},title=bantin check::{message}")
    annotations = [line for line in ran.out.splitlines() if line.startswith("::error ")]
    assert annotations == expected
    assert ran.out.splitlines()[-1] == _expected(CASES, case).splitlines()[-1]


@pytest.mark.parametrize("case", _cases(INVALID))
def test_check_reports_the_content_model_problems_exactly_as_build(case, tmp_path, capsys):
    root = _site(INVALID, case, tmp_path)

    ran = bantin(root, "check", capsys=capsys)

    assert ran.code == 1
    assert ran.err.rstrip() == _expected(INVALID, case)


def test_github_annotation_escapes_what_the_runner_would_misread(tmp_path, capsys):
    # A comma and a colon in the file name, a percent sign in the message.
    make_site(tmp_path, {"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\n[100%](khong-co,x:y.md)\n"})

    ran = bantin(tmp_path, "check", "--format", "github", capsys=capsys)

    assert ran.out.splitlines()[0] == (
        "::error file=content/gioi-thieu.md,line=4,col=8,title=bantin check::Liên kết 'khong-co,x:y.md' hỏng: "
        "không có tệp 'khong-co,x:y.md' trong thư mục content/. Cách sửa: Kiểm tra lại tên tệp (kể cả chữ hoa, "
        "chữ thường). Liên kết tới bài khác viết theo tên tệp, ví dụ [tên bài](../tin-tuc/ten-bai.md)."
    )
    make_site(tmp_path, {"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\n![](100%.png)\n"})
    (tmp_path / "content" / "100%.png").write_bytes(tiny_png())
    ran = bantin(tmp_path, "check", "--format", "github", capsys=capsys)
    assert ran.out.splitlines()[0].startswith(
        "::error file=content/gioi-thieu.md,line=4,col=5,title=bantin check::Ảnh '100%25.png' trong bài chưa có mô tả"
    )


def test_links_in_every_form_the_site_accepts_resolve(tmp_path, capsys):
    """No false alarms: file links, URL links (relative, absolute under the site's path, full),
    anchors from headings, attr_list ids and raw HTML, listing pages, feeds, external links."""
    body = "\n".join(
        [
            "## Kết quả đại hội",
            "",
            "## Mục riêng {#muc-rieng}",
            "",
            '<a id="neo-html"></a>',
            "",
            "[a](dai-hoi.md) [b](dai-hoi.md#ket-qua) [c](#ket-qua-dai-hoi) [d](#muc-rieng) [e](#neo-html)",
            "[f](../dai-hoi-phu-nu-xa/) [g](/bantin/tin-tuc/dai-hoi-phu-nu-xa/#ket-qua)",
            "[h](https://example.org/bantin/tin-tuc/dai-hoi-phu-nu-xa/index.html) [i](../index.md)",
            "[j](../../chu-de/hoat-dong-hoi/) [k](../../rss.xml) [l](https://example.com/x) [m](mailto:a@b.vn)",
            '[n](../../van-ban/) [o](../../) ![Ảnh](anh.png) <img src="anh.png" alt="Ảnh"> [p][ref]',
            "",
            "[ref]: dai-hoi.md",
            "",
        ]
    )
    make_site(
        tmp_path,
        {
            "tin-tuc/hoi-nghi.md": f"---\ntitle: Hội nghị\ndate: 2021-03-08\ncategories: [Hoạt động Hội]\n---\n{body}",
            "tin-tuc/dai-hoi.md": "---\ntitle: Đại hội phụ nữ xã\ndate: 2021-03-01\n---\n## Kết quả\n\nx\n",
            "tin-tuc/anh.png": tiny_png(),  # a real picture: check reports unreadable ones
        },
    )

    ran = bantin(tmp_path, "check", capsys=capsys)

    assert ran.err == "" and (ran.code, ran.out.strip()) == (0, CLEAN)


def test_second_link_to_the_same_address_is_reported_at_its_own_place(tmp_path, capsys):
    make_site(tmp_path, {"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\n[a](x.md)\n\nChữ [b](x.md) và [c](#x-md)\n"})

    ran = bantin(tmp_path, "check", capsys=capsys)

    places = [line.split(": lỗi")[0] for line in ran.err.splitlines()[:-1]]
    assert places == ["content/gioi-thieu.md:4:5", "content/gioi-thieu.md:6:9", "content/gioi-thieu.md:6:22"]


def test_scheduled_items_and_drafts_are_listed_and_are_not_problems(tmp_path, capsys):
    make_site(
        tmp_path,
        {
            "tin-tuc/da-dang.md": "---\ntitle: Đã đăng\ndate: 2021-03-01\n---\nx\n",
            "tin-tuc/hen-gio.md": "---\ntitle: Chào mừng 8/3\ndate: 2021-03-08 07:30\n---\nx\n",
            "tin-tuc/nhap.md": "---\ntitle: Còn viết\ndate: 2021-03-01\ndraft: true\n---\nx\n",
        },
    )

    ran = bantin(tmp_path, "check", capsys=capsys, now="2021-03-08T07:29:00+07:00")

    assert ran.code == 0 and ran.err == ""
    assert ran.out.splitlines() == [
        "content/tin-tuc/hen-gio.md:3: Hẹn giờ đăng: “Chào mừng 8/3” sẽ lên trang web từ 07:30 ngày 08/3/2021 (giờ Việt Nam).",
        "content/tin-tuc/nhap.md:4: Bản nháp: “Còn viết” chưa đăng (draft: true); đổi thành draft: false khi muốn đăng.",
        CLEAN,
    ]
    ran = bantin(tmp_path, "check", "--format", "github", capsys=capsys, now="2021-03-08T07:29:00+07:00")
    assert ran.out.splitlines()[0] == (
        "::notice file=content/tin-tuc/hen-gio.md,line=3,title=Hẹn giờ đăng::"
        "“Chào mừng 8/3” sẽ lên trang web từ 07:30 ngày 08/3/2021 (giờ Việt Nam)."
    )
    # The clock passes the date: the item is published, no longer listed.
    ran = bantin(tmp_path, "check", capsys=capsys, now="2021-03-08T07:30:00+07:00")
    assert [line for line in ran.out.splitlines() if "Hẹn giờ" in line] == []


def test_usage_errors_exit_2(tmp_path, capsys):
    make_site(tmp_path, {"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nx\n"})
    ran = bantin(tmp_path, "check", "--format", "xml", capsys=capsys)
    assert ran.code == 2 and "lỗi cách dùng" in ran.err
    ran = bantin(tmp_path, "check", capsys=capsys, now="sáng mai")
    assert ran.code == 2 and "không phải là thời điểm ISO 8601" in ran.err and "Traceback" not in ran.err


# --- --fix ------------------------------------------------------------------------------------

NFD = unicodedata.normalize("NFD", "Bình đẳng giới")


def test_fix_repairs_only_what_is_reported_and_keeps_line_ends_and_bom(tmp_path, capsys):
    broken = (
        '\ufeff---\r\ntitle: "' + NFD + '"\r\ndate: 2021-03-08\r\n---\r\n\r\n'
        "Chép từ Word\x0bxuống dòng\x00.\r\nDòng\ttab giữ nguyên, “ngoặc kép” cũng vậy.\r\n"
    ).encode("utf-8")
    make_site(tmp_path, {"tin-tuc/a.md": broken})

    ran = bantin(tmp_path, "check", "--fix", capsys=capsys)

    assert ran.code == 0, ran.err
    assert ran.out.splitlines()[0] == (
        "Đã sửa content/tin-tuc/a.md: 5 chỗ (chữ Unicode dựng sẵn, bỏ ký tự vô hình); phần còn lại giữ nguyên."
    )
    assert (tmp_path / "content" / "tin-tuc" / "a.md").read_bytes() == (
        '\ufeff---\r\ntitle: "Bình đẳng giới"\r\ndate: 2021-03-08\r\n---\r\n\r\n'
        "Chép từ Word xuống dòng.\r\nDòng\ttab giữ nguyên, “ngoặc kép” cũng vậy.\r\n"
    ).encode("utf-8")
    ran = bantin(tmp_path, "check", capsys=capsys)
    assert (ran.code, ran.out.strip()) == (0, CLEAN)


def test_noncharacters_in_a_body_are_reported_fixed_and_never_stop_the_build(tmp_path, capsys):
    """U+FFFE and U+FFFF are valid UTF-8 but not XML characters: pasted in a body they stopped the
    build with "lỗi không mong đợi (ValueError: All strings must be XML compatible …)" while
    check called the file valid. The build drops them like the other invisible characters, check
    reports each at its line and column, --fix removes them."""
    import feedparser

    make_site(tmp_path, {"tin-tuc/a.md": "---\ntitle: Tin một\ndate: 2026-11-20\n---\nChép\ufffe từ\uffff web.\n"})

    ran = bantin(tmp_path, "check", capsys=capsys)
    assert ran.code == 1
    assert "content/tin-tuc/a.md:5:5: lỗi: Có ký tự điều khiển vô hình U+FFFE" in ran.err, ran.err
    assert "content/tin-tuc/a.md:5:9: lỗi: Có ký tự điều khiển vô hình U+FFFF" in ran.err, ran.err
    site = build_ok(tmp_path)
    feed = feedparser.parse((site / "rss.xml").read_bytes())
    assert not feed.bozo and "Chép từ web." in feed.entries[0].summary + feed.entries[0].get("content", [{}])[0].get(
        "value", ""
    )
    bantin(tmp_path, "check", "--fix", capsys=capsys)
    assert "\ufffe" not in (tmp_path / "content" / "tin-tuc" / "a.md").read_text(encoding="utf-8")
    assert bantin(tmp_path, "check", capsys=capsys).code == 0


def test_fix_is_idempotent_and_never_touches_clean_files(tmp_path, capsys):
    files = {
        "tin-tuc/lf.md": "---\ntitle: Tin một\ndate: 2021-03-08\n---\nNội dung.\n",
        "tin-tuc/crlf-bom.md": "\ufeff---\r\ntitle: Tin hai\r\ndate: 2021-03-08\r\n---\r\nNội dung.\r\n".encode(),
        "tin-tuc/no-final-newline.md": "---\ntitle: Tin ba\ndate: 2021-03-08\n---\nNội dung.",
        "tin-tuc/nfd.md": f"---\ntitle: Tin bốn\ndate: 2021-03-08\n---\n{NFD}\n",
    }
    make_site(tmp_path, files)
    paths = sorted((tmp_path / "content").rglob("*.md"))
    bantin(tmp_path, "check", "--fix", capsys=capsys)
    after_first = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}

    ran = bantin(tmp_path, "check", "--fix", capsys=capsys)

    assert ran.code == 0 and "Đã sửa" not in ran.out
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths} == after_first
    for name, data in files.items():
        if name != "tin-tuc/nfd.md":
            assert (tmp_path / "content" / name).read_bytes() == (data if isinstance(data, bytes) else data.encode())
    assert (tmp_path / "content" / "tin-tuc" / "nfd.md").read_text(encoding="utf-8").endswith("Bình đẳng giới\n")


def test_fix_leaves_files_that_are_not_utf8_alone(tmp_path, capsys):
    legacy = "---\ntitle: Hội nghị\n---\n".encode().replace("ộ".encode(), b"\xe9")
    make_site(tmp_path, {"tin-tuc/cu.md": legacy})

    ran = bantin(tmp_path, "check", "--fix", capsys=capsys)

    assert ran.code == 1 and "không phải mã UTF-8" in ran.err
    assert (tmp_path / "content" / "tin-tuc" / "cu.md").read_bytes() == legacy


@pytest.mark.slow
def test_fixed_files_build(tmp_path, capsys):
    make_site(tmp_path, {"tin-tuc/a.md": f"---\ntitle: {NFD}\ndate: 2021-03-08\n---\nA\x0bB\n"})
    bantin(tmp_path, "check", "--fix", capsys=capsys)
    site = build_ok(tmp_path)
    assert "A B" in (site / "tin-tuc" / "binh-dang-gioi" / "index.html").read_text(encoding="utf-8")


LINE_END = st.sampled_from(["\n", "\r\n", "\r"])
TEXT = st.lists(st.tuples(st.text(st.characters(codec="utf-8", exclude_characters="\r\n")), LINE_END), max_size=6)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.booleans())
def test_repair_is_idempotent_and_changes_only_reported_lines(lines, bom):
    text = ("\ufeff" if bom else "") + "".join(line + end for line, end in lines)

    fixed = repair(text)

    assert repair(fixed) == fixed
    assert (fixed == text) == (not text_problems(text))
    assert text_problems(fixed) == []
    assert fixed.startswith("\ufeff") == bom
    reported = {p.line for p in text_problems(text)}
    body, fixed_body = text[int(bom) :], fixed[int(bom) :]
    for number, (old, new) in enumerate(zip(re.split(r"\r\n|\r|\n", body), re.split(r"\r\n|\r|\n", fixed_body)), 1):
        assert old == new or number in reported
    assert re.findall(r"\r\n|\r|\n", body) == re.findall(r"\r\n|\r|\n", fixed_body)


def test_check_of_an_article_with_many_links_takes_seconds(tmp_path, capsys):
    """Each link's line was counted from the top of the file: an article within the size limit
    with 100,000 links took 102 s to check (the build 28 s). Now a binary search."""
    import time

    body = "".join(f"- mục {i} [xem](b.md)\n" for i in range(90_000))
    make_site(
        tmp_path,
        {
            "tin-tuc/a.md": f"---\ntitle: Tin một\ndate: 2026-11-20\n---\n{body}",
            "tin-tuc/b.md": "---\ntitle: Tin hai\ndate: 2026-11-20\n---\nx\n",
        },
    )
    started = time.monotonic()
    ran = bantin(tmp_path, "check", capsys=capsys)
    assert ran.code == 0, ran.err
    assert time.monotonic() - started < 30  # 9 s here; 41 s before
