"""``bantin new``: a file for each content type, in the right folder, dated today in Vietnam,
that passes ``bantin check`` and builds at the URL the command printed; never an overwrite."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from builder.content import schema
from conftest import ROOT, build_ok, make_site, run_bantin
from editor_helpers import bantin

ISSUE_INDEX = (
    '---\r\nnumber: 4\r\nlabel: "Số 8/3/2021"\r\ndate: 2021-03-05\r\narticles:\r\n'
    "  - bai-mot.md   # bài mở đầu\r\n---\r\nLời tòa soạn.\r\n"
)
EXISTING = {
    "tin-tuc/cu.md": "---\ntitle: Tin cũ\ndate: 2021-01-01\n---\nx\n",
    "ban-tin/so-8-3-2021/index.md": ISSUE_INDEX.encode(),
    "ban-tin/so-8-3-2021/bai-mot.md": "---\ntitle: Bài một\n---\nx\n",
    "van-ban/ke-hoach-03.md": (
        '---\ndocument_type: Kế hoạch\ndocument_number: "03/KH-BTV"\ndate: 2021-01-05\n'
        "summary_line: Công tác năm 2021\nsigner: {authority: TM. BAN THƯỜNG VỤ, title: CHỦ TỊCH, "
        "name: Đỗ Thị Lý}\n---\nNội dung.\n"
    ),
}
NOW = "2021-03-07T20:00:00+00:00"  # 03:00 on 8 March in Vietnam, still 7 March in UTC and New York


def _front(path):
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1]), text


@pytest.mark.slow
def test_every_type_creates_a_file_that_checks_and_builds_at_the_printed_url(tmp_path, capsys):
    root = make_site(tmp_path, EXISTING)
    asked = [
        ("news", "Hội nghị “Phụ nữ với pháp luật” năm 2021", [], "tin-tuc/hoi-nghi-phu-nu-voi-phap-luat-nam-2021.md"),
        ("issue", "Số 20/10/2021", [], "ban-tin/so-20-10-2021/index.md"),
        (
            "issue-article",
            "Gương phụ nữ vượt khó",
            ["--issue", "so-8-3-2021"],
            "ban-tin/so-8-3-2021/guong-phu-nu-vuot-kho.md",
        ),
        ("column", "Bữa cơm gia đình", [], "phu-nu-va-cuoc-song/bua-com-gia-dinh.md"),
        (
            "document",
            "Tổ chức các hoạt động kỷ niệm 8/3",
            ["--document-type", "kế hoạch"],
            "van-ban/ke-hoach-04-kh-btv-2021.md",
        ),
    ]
    urls = {}
    for kind, title, options, source in asked:
        ran = bantin(root, "new", kind, title, *options, capsys=capsys, now=NOW)
        assert ran.code == 0, ran.err
        lines = ran.out.splitlines()
        assert lines[0] == f"Đã tạo content/{source}"
        assert lines[1].startswith("Địa chỉ khi đăng: https://example.org/bantin/")
        urls[source] = lines[1].removeprefix("Địa chỉ khi đăng: https://example.org/bantin/")

    ran = bantin(root, "check", capsys=capsys, now=NOW)
    assert ran.code == 0, ran.err
    assert sum("Bản nháp" in line for line in ran.out.splitlines()) == 5  # every new file starts as a draft

    for source in urls:  # publish them all and build: each appears where `new` said
        path = root / "content" / source
        path.write_text(path.read_text(encoding="utf-8").replace("draft: true", "draft: false"), encoding="utf-8")
    site = build_ok(root, now=NOW)
    for source, url in urls.items():
        assert (site / url / "index.html").is_file(), (source, url)
    assert (
        urls["tin-tuc/hoi-nghi-phu-nu-voi-phap-luat-nam-2021.md"] == "tin-tuc/hoi-nghi-phu-nu-voi-phap-luat-nam-2021/"
    )
    assert urls["ban-tin/so-8-3-2021/guong-phu-nu-vuot-kho.md"] == "ban-tin/so-8-3-2021/guong-phu-nu-vuot-kho/"
    assert urls["van-ban/ke-hoach-04-kh-btv-2021.md"] == "van-ban/ke-hoach-04-kh-btv-2021/"


def test_each_type_has_every_key_of_its_schema(tmp_path, capsys):
    root = make_site(tmp_path, EXISTING)
    made = {}
    for kind, options, name in (
        ("news", [], "news"),
        ("issue", [], "issue"),
        ("column", [], "column"),
        ("issue-article", ["--issue", "so-8-3-2021"], "issue_article"),
        ("document", [], "document"),
    ):
        ran = bantin(root, "new", kind, f"Bài {name}", *options, capsys=capsys, now=NOW)
        made[name] = root / ran.out.splitlines()[0].removeprefix("Đã tạo ")
    for name, path in made.items():
        data, text = _front(path)
        commented = set(re.findall(r"^# (\w+): \.\.\.", text, re.MULTILINE))
        assert set(data) | commented == set(schema.SCHEMAS[name]), name
        assert set(schema.REQUIRED[name]) <= set(data), name
        assert data["draft"] is True


@pytest.mark.slow
def test_dates_are_today_in_vietnam_whatever_the_machines_zone(tmp_path):
    root = make_site(tmp_path, {})
    (root / "content").mkdir()
    env_now = NOW
    for zone in ("America/New_York", "UTC", "Pacific/Kiritimati"):
        result = subprocess.run(
            [sys.executable, "-m", "builder.cli", "new", "column", f"Bài {zone}"],
            cwd=root,
            env={
                "PATH": "/usr/bin:/bin",
                "TZ": zone,
                "BANTIN_NOW": env_now,
                "PYTHONPATH": str(ROOT),
                "HOME": str(tmp_path),
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        data, _ = _front(root / result.stdout.splitlines()[0].removeprefix("Đã tạo "))
        assert (data["date"], data["month"], data["year"]) == ("2021-03-08 03:00", 3, 2021), zone


def test_issue_article_is_added_to_the_issue_list_and_nothing_else_changes(tmp_path, capsys):
    root = make_site(tmp_path, EXISTING)

    ran = bantin(root, "new", "issue-article", "Bài hai", "--issue", "ban-tin/so-8-3-2021/", capsys=capsys, now=NOW)

    assert ran.code == 0, ran.err
    assert "Đã thêm 'bai-hai.md' vào cuối danh sách 'articles' của content/ban-tin/so-8-3-2021/index.md" in ran.out
    index = (root / "content" / "ban-tin" / "so-8-3-2021" / "index.md").read_bytes()
    assert index == ISSUE_INDEX.replace("bài mở đầu\r\n", "bài mở đầu\r\n  - bai-hai.md\r\n").encode()


def test_never_overwrites(tmp_path, capsys):
    root = make_site(tmp_path, EXISTING)
    first = bantin(root, "new", "news", "Tập huấn cán bộ Hội", capsys=capsys, now=NOW)
    path = root / "content" / "tin-tuc" / "tap-huan-can-bo-hoi.md"
    path.write_text("Bài đang viết dở.", encoding="utf-8")

    again = bantin(root, "new", "news", "Tập huấn cán bộ Hội", capsys=capsys, now=NOW)

    assert first.code == 0 and again.code == 1
    assert again.err.strip() == (
        "bantin: Đã có tệp content/tin-tuc/tap-huan-can-bo-hoi.md: không ghi đè. "
        "Đặt tiêu đề khác, hoặc chọn tên khác bằng --slug ten-khac."
    )
    assert path.read_text(encoding="utf-8") == "Bài đang viết dở."
    assert bantin(root, "new", "issue", "Số 8/3/2021", capsys=capsys, now=NOW).code == 1


def test_refuses_a_url_or_number_already_taken(tmp_path, capsys):
    root = make_site(tmp_path, EXISTING)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))

    url = bantin(root, "new", "news", "Tin cũ!", capsys=capsys, now=NOW)  # tin-tuc/cu.md has /tin-tuc/tin-cu/
    number = bantin(root, "new", "document", "Việc khác", "--number", "3/KH-BTV", capsys=capsys, now=NOW)

    assert url.code == 1 and url.err.strip() == (
        "bantin: Đường dẫn /tin-tuc/tin-cu/ đã thuộc về content/tin-tuc/cu.md. "
        "Đặt tiêu đề khác, hoặc chọn đường dẫn khác bằng --slug ten-khac."
    )
    assert (
        number.code == 1 and "Số, ký hiệu 03/KH-BTV năm 2021 đã dùng cho content/van-ban/ke-hoach-03.md" in number.err
    )
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    assert bantin(root, "new", "news", "Tin cũ!", "--slug", "tin-cu-2", capsys=capsys, now=NOW).code == 0


def test_document_number_and_signer_are_suggested_from_the_register(tmp_path, capsys):
    root = make_site(tmp_path, EXISTING)

    ran = bantin(root, "new", "document", "Sơ kết quý I", "--document-type", "Báo cáo", capsys=capsys, now=NOW)

    data, _ = _front(root / ran.out.splitlines()[0].removeprefix("Đã tạo "))
    assert data["document_number"] == "04/BC-BTV"  # the body's 4th document of 2021
    assert data["signer"] == {"authority": "TM. BAN THƯỜNG VỤ", "title": "CHỦ TỊCH", "name": "Đỗ Thị Lý"}
    assert data["summary_line"] == "Sơ kết quý I" and str(data["date"]) == "2021-03-08"
    assert "Số, ký hiệu 04/BC-BTV và người ký (Đỗ Thị Lý) là gợi ý: kiểm tra lại với văn thư." in ran.out


@pytest.mark.parametrize(
    "kind, number",
    [("Thông báo kết luận", "04/TB-BTV"), ("Bản ghi nhớ", "04/BGN-BTV"), ("Giấy nghỉ phép", "04/GNP-BTV")],
)
def test_the_number_follows_the_decree_30_table_of_symbols(tmp_path, capsys, kind, number):
    # Decree 30 (2020), Appendix III, Part I: BGN, BTT, GNP (not Circular 01/2011's GN, TTh, NP);
    # a thông báo kết luận is numbered as a thông báo.
    root = make_site(tmp_path, EXISTING)

    ran = bantin(root, "new", "document", "Việc cần làm", "--document-type", kind, capsys=capsys, now=NOW)

    data, _ = _front(root / ran.out.splitlines()[0].removeprefix("Đã tạo "))
    assert data["document_type"] == kind and data["document_number"] == number


def test_usage_errors_exit_2_and_write_nothing(tmp_path, capsys):
    root = make_site(tmp_path, EXISTING)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    for args, text in (
        (["new", "tin", "X"], "lỗi cách dùng"),
        (["new", "news", "   "], "Tiêu đề đang để trống"),
        (["new", "news", "!!!"], "Thêm --slug ten-bai"),
        (["new", "issue-article", "Bài"], "thêm --issue TÊN-SỐ (có: so-8-3-2021)"),
        (["new", "issue-article", "Bài", "--issue", "so-9"], "Không có số bản tin 'so-9'"),
        (["new", "document", "X", "--document-type", "Công văn"], "thêm --number"),
        (["new", "document", "X", "--number", "12"], "--number: '12' không đúng mẫu"),
    ):
        ran = bantin(root, *args, capsys=capsys, now=NOW)
        assert ran.code == 2 and text in ran.err, (args, ran.err)
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


@pytest.mark.slow
def test_new_is_reachable_from_the_installed_command(tmp_path):
    root = make_site(tmp_path, {})
    (root / "content").mkdir()
    result = run_bantin(root, "new", "news", "Tin đầu tiên")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "Đã tạo content/tin-tuc/tin-dau-tien.md",
        "Địa chỉ khi đăng: https://example.org/bantin/tin-tuc/tin-dau-tien/",
    ]


def test_a_new_bien_ban_has_its_two_signers_and_checks(tmp_path, capsys):
    # Mẫu 1.9: a biên bản is signed by the secretary (left) and the chair (right); the file
    # `new` writes must pass `check` as it is (it was refused for the missing `secretary`).
    root = make_site(tmp_path, EXISTING)

    ran = bantin(
        root, "new", "document", "Hội nghị Ban Thường vụ tháng 3", "--document-type", "Biên bản", capsys=capsys, now=NOW
    )

    assert ran.code == 0, ran.err
    data, _ = _front(root / ran.out.splitlines()[0].removeprefix("Đã tạo "))
    assert data["secretary"] == {"title": "THƯ KÝ", "name": "Họ và tên thư ký"}
    assert data["signer"]["title"] == "CHỦ TỌA" and not data["signer"].get("authority")
    assert bantin(root, "check", capsys=capsys, now=NOW).code == 0


def test_a_type_typed_in_lower_case_is_written_as_the_guide_spells_it(tmp_path, capsys):
    # "Công văn" has no symbol of its own (it needs --number); it was written "công văn" as typed.
    root = make_site(tmp_path, EXISTING)

    ran = bantin(
        root,
        "new",
        "document",
        "tham gia tập huấn",
        "--document-type",
        "công  văn",
        "--number",
        "12/HPN-VP",
        capsys=capsys,
        now=NOW,
    )

    assert ran.code == 0, ran.err
    data, _ = _front(root / ran.out.splitlines()[0].removeprefix("Đã tạo "))
    assert data["document_type"] == "Công văn"
