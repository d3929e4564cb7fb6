"""Nothing outside content/ reaches the site, and file names the site cannot use are refused.

Through the real ``bantin check`` and ``bantin build`` of small sites in tmp_path: symbolic
links leaving ``content/`` (a file, a folder, a photo), front matter paths that are absolute,
lead out with ``..`` or are addresses, and names MkDocs would publish as downloads
(``BAI.MD``, ``bai.md.txt``). See builder/content/tree.py and
builder/content/images.py:front_matter_path.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import feedparser
import pytest

from conftest import bantin_env, build_ok, make_site, news, run_bantin
from photo_fixture import phone_photo

SECRET = "bí-mật-của-máy-dựng-trang"

DOCUMENT = """---
document_type: Kế hoạch
document_number: "12/KH-BTV"
date: 2021-05-12
summary_line: Tổ chức hội thi
signer:
  title: CHỦ TỊCH
  name: Đỗ Thị Lý
recipients: [Lưu VT]
attachments:
  - ban-ky.pdf
  - {attachment}
---
Nội dung kế hoạch.
"""


def _with_image(title: str, image: str) -> str:
    return news(title).replace(
        'description: "Tóm tắt."\n', f'description: "Tóm tắt."\nimage: {image}\nimage_alt: "Ảnh"\n'
    )


@pytest.fixture
def outside(tmp_path) -> Path:
    """Files beside the project, which no build may read: a text, a folder and a phone photo."""
    folder = tmp_path / "ngoai"
    (folder / "thu-muc").mkdir(parents=True)
    (folder / "mat-khau.txt").write_text(SECRET, encoding="utf-8")
    (folder / "thu-muc" / "so-lieu.txt").write_text(SECRET, encoding="utf-8")
    (folder / "anh.jpg").write_bytes(phone_photo(640, 480))
    return folder


def test_links_leaving_content_are_refused_by_check_and_build(tmp_path, outside):
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": _with_image("Bài có ảnh", "anh-lien-ket.jpg")})
    links = root / "content" / "tin-tuc"
    os.symlink(outside / "mat-khau.txt", links / "passwd.txt")
    os.symlink("../../../ngoai/thu-muc", links / "tai-lieu")  # a folder, relative
    os.symlink(outside / "anh.jpg", links / "anh-lien-ket.jpg")  # a photo with its GPS, named at line 5
    os.symlink("../../../ngoai/mat-khau.txt", links / "cau-hinh.txt")  # relative, as '../../.git/config'
    os.symlink("khong-co.txt", links / "hong.txt")  # leads nowhere

    check = run_bantin(root, "check")
    cache = tmp_path / "cache"  # its own, to see what the pictures processed ahead are
    build = run_bantin(root, "build", env={"BANTIN_CACHE_DIR": str(cache)})

    assert check.returncode == 1 and "hợp lệ" not in check.stdout, check.stdout + check.stderr
    for result in (check, build):
        out = result.stdout + result.stderr
        assert "content/tin-tuc/passwd.txt:1: lỗi: 'tin-tuc/passwd.txt' là liên kết (symlink) trỏ ra ngoài" in out
        assert "content/tin-tuc/tai-lieu:1: lỗi:" in out
        assert "content/tin-tuc/anh-lien-ket.jpg:1: lỗi:" in out
        assert "content/tin-tuc/cau-hinh.txt:1: lỗi: 'tin-tuc/cau-hinh.txt' là liên kết (symlink) trỏ ra ngoài" in out
        assert "content/tin-tuc/hong.txt:1: lỗi: 'tin-tuc/hong.txt' là liên kết (symlink) trỏ tới 'khong-co.txt'" in out
        assert "content/tin-tuc/a.md:5:1: lỗi: Không tìm thấy tệp 'anh-lien-ket.jpg' (image)." in out
        assert "Traceback" not in out and SECRET not in out
    assert build.returncode == 1
    assert not (root / "site").exists()
    assert not list((cache / "images").rglob("*.*")), "the linked photo was processed ahead"


def test_check_fix_leaves_a_link_to_a_photo_outside_content_a_link(tmp_path, outside):
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài")})
    link = root / "content" / "tin-tuc" / "anh.jpg"
    os.symlink(outside / "anh.jpg", link)
    before = (outside / "anh.jpg").read_bytes()
    result = run_bantin(root, "check", "--fix")
    # It replaced the link with a copy of the outside photo, then called the content valid.
    assert link.is_symlink() and (outside / "anh.jpg").read_bytes() == before
    assert result.returncode == 1 and "hợp lệ" not in result.stdout
    assert "content/tin-tuc/anh.jpg:1: lỗi: 'tin-tuc/anh.jpg' là liên kết (symlink) trỏ ra ngoài" in result.stderr
    assert "GPS" not in result.stdout + result.stderr  # the outside photo is not read either


def test_a_data_file_linked_outside_content_is_not_read(tmp_path, outside):
    # Its values were quoted in check's messages: a file of the build machine in a public log.
    (outside / "lich.yml").write_text(
        f"occasions:\n- key: quoc-te\n  name: Ngày\n  kind: {SECRET}\n  date: 8/3\n  since: 1910\n", encoding="utf-8"
    )
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài")})
    (root / "content" / "_data").mkdir()
    os.symlink(outside / "lich.yml", root / "content" / "_data" / "ngay-ky-niem.yml")
    for command in ("check", "build"):
        result = run_bantin(root, command)
        out = result.stdout + result.stderr
        assert result.returncode == 1 and SECRET not in out, out
        assert (
            "content/_data/ngay-ky-niem.yml:1: lỗi: '_data/ngay-ky-niem.yml' là liên kết (symlink) trỏ ra ngoài" in out
        )


def test_link_to_a_file_inside_content_is_published(tmp_path):
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài"), "tai-lieu/goc.txt": "Danh sách hội viên"})
    os.symlink("../tai-lieu/goc.txt", root / "content" / "tin-tuc" / "ban-sao.txt")
    site = build_ok(root)
    assert (site / "tin-tuc" / "ban-sao.txt").read_text(encoding="utf-8") == "Danh sách hội viên"


def test_a_link_to_a_folder_inside_content_is_refused(tmp_path):
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài")})
    os.symlink("..", root / "content" / "tin-tuc" / "vong-lap")  # would make MkDocs' walk endless
    result = run_bantin(root, "build")
    assert result.returncode == 1
    assert "content/tin-tuc/vong-lap:1: lỗi: 'tin-tuc/vong-lap' là liên kết (symlink) tới thư mục '..'" in result.stderr


def test_links_to_parent_folders_side_by_side_are_refused_quickly(tmp_path):
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài")})
    loops = root / "content" / "tin-tuc" / "vong"
    loops.mkdir()
    for name in ("l1", "l2", "l3"):  # a walk following them branches three ways at each of 40 levels
        os.symlink("..", loops / name)
    for command in ("check", "build"):
        # The walk that followed the links ran for hours (killed here after 60 s).
        result = subprocess.run(
            [sys.executable, "-m", "builder.cli", command],
            cwd=root,
            env=bantin_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 1
        assert (
            "content/tin-tuc/vong/l3:1: lỗi: 'tin-tuc/vong/l3' là liên kết (symlink) tới thư mục '..'" in result.stderr
        )


@pytest.mark.parametrize(
    "written, said",
    [
        ("{outside}/anh.jpg", "là đường dẫn tuyệt đối trên máy"),
        ("../../../ngoai/anh.jpg", "dẫn ra ngoài thư mục content/"),
        ("https://example.com/anh.jpg", "là địa chỉ trên mạng"),
    ],
)
def test_front_matter_paths_outside_content_are_errors_at_their_line(tmp_path, outside, written, said):
    written = written.format(outside=outside)
    root = make_site(
        tmp_path / "site",
        {
            "tin-tuc/a.md": _with_image("Bài", written),
            "van-ban/ke-hoach.md": DOCUMENT.format(attachment=written),
            "van-ban/ban-ky.pdf": b"%PDF-1.4\n",
        },
    )
    for command in ("check", "build"):
        result = run_bantin(root, command)
        out = result.stdout + result.stderr
        assert result.returncode == 1, out
        assert f"content/tin-tuc/a.md:5:1: lỗi: '{written}' {said}" in out
        assert f"content/van-ban/ke-hoach.md:12:1: lỗi: '{written}' {said}" in out
        assert "Cách sửa: " in out and "Traceback" not in out
    assert not (root / "site").exists()


def test_front_matter_path_through_a_folder_inside_content_is_allowed(tmp_path):
    root = make_site(
        tmp_path / "site",
        {"tin-tuc/a.md": _with_image("Bài", "../chung/anh.jpg"), "chung/anh.jpg": phone_photo(640, 480)},
    )
    site = build_ok(root)
    assert "chung/anh" in (site / "tin-tuc" / "bai" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name, fix",
    [("tin-tuc/BAI.MD", "'BAI.md'"), ("tin-tuc/bai.md.txt", "'bai.md'"), ("tin-tuc/bai.markdown", "'bai.md'")],
)
def test_names_published_as_downloads_are_refused(tmp_path, name, fix):
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài"), name: news("Bài bị đăng thành tệp tải về")})
    for command in ("check", "build"):
        result = run_bantin(root, command)
        assert result.returncode == 1, result.stdout + result.stderr
        out = result.stdout + result.stderr
        assert f"content/{name}:1: lỗi: Tệp '{name.split('/')[1]}'" in out
        assert f"Cách sửa: Đổi tên tệp thành {fix}" in out
    assert not (root / "site").exists()


def test_a_link_to_a_page_saved_with_a_decomposed_name_leads_to_it(tmp_path):
    # macOS saves "Phụ nữ khởi nghiệp.md" decomposed (NFD); the page linking it, read as NFC,
    # names it composed: one rule for every file reference (pictures had it already).
    linking = news("Tổng hợp").replace(
        "Nội dung.", "Xem [bài khởi nghiệp](<Phụ nữ khởi nghiệp.md>) và [bản scan](<Tờ trình.pdf>)."
    )
    root = make_site(
        tmp_path / "site",
        {
            "tin-tuc/tong-hop.md": linking,
            unicodedata.normalize("NFD", "tin-tuc/Phụ nữ khởi nghiệp.md"): news(
                "Phụ nữ khởi nghiệp", "2026-11-19 08:00"
            ),
            unicodedata.normalize("NFD", "tin-tuc/Tờ trình.pdf"): b"%PDF-1.4\n",
        },
    )
    check = run_bantin(root, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    result = run_bantin(root, "build")
    out = result.stdout + result.stderr
    assert result.returncode == 0 and "not found" not in out and "Cảnh báo" not in out, out
    page = (root / "site" / "tin-tuc" / "tong-hop" / "index.html").read_text(encoding="utf-8")
    assert 'href="../phu-nu-khoi-nghiep/"' in page and ".md" not in page.split("bài khởi nghiệp")[0][-80:]
    assert 'href="../T%E1%BB%9D%20tr%C3%ACnh.pdf"' in page
    assert (root / "site" / "tin-tuc" / "Tờ trình.pdf").is_file()
    feed = feedparser.parse((root / "site" / "rss.xml").read_bytes())
    item = next(e for e in feed.entries if e.title == "Tổng hợp")
    body = " ".join(part.value for part in item.content)
    assert 'href="https://example.org/bantin/tin-tuc/phu-nu-khoi-nghiep/"' in body, body
    assert "khởi nghiệp.md" not in body


def test_front_matter_files_saved_with_decomposed_names_are_found(tmp_path):
    """A photo of an album, a library file and a document's attachment that macOS saved
    decomposed (NFD), named composed in front matter as editors type them: check finds them,
    the build publishes them under the composed name and the listings show their sizes."""
    nfd = lambda name: unicodedata.normalize("NFD", name)  # noqa: E731
    album = (
        '---\ntitle: "Hội chợ"\ndate: 2021-11-08\ndescription: "Gian hàng."\nphotos:\n'
        '  - file: Gian hàng ảnh.jpg\n    alt: "Gian hàng của hội viên"\n---\n'
    )
    form = '---\ntitle: "Mẫu báo cáo"\ndate: 2021-03-05\ndescription: "Báo cáo quý."\nfile: Mẫu báo cáo quý.docx\n---\n'
    root = make_site(
        tmp_path / "site",
        {
            "album/hoi-cho/index.md": album,
            nfd("album/hoi-cho/Gian hàng ảnh.jpg"): phone_photo(640, 480),
            "tai-lieu/mau.md": form,
            nfd("tai-lieu/Mẫu báo cáo quý.docx"): b"PK\x03\x04" + b"d" * 12_000,
            "van-ban/ke-hoach.md": DOCUMENT.format(attachment="Phụ lục số 1.xlsx"),
            "van-ban/ban-ky.pdf": b"%PDF-1.4\n",
            nfd("van-ban/Phụ lục số 1.xlsx"): b"PK\x03\x04" + b"x" * 38_000,
        },
    )
    check = run_bantin(root, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    site = build_ok(root)
    assert (site / "album" / "hoi-cho" / "Gian hàng ảnh.jpg").is_file()
    assert (site / "tai-lieu" / "Mẫu báo cáo quý.docx").is_file() and (site / "van-ban" / "Phụ lục số 1.xlsx").is_file()
    assert "(Word, 12 KB)" in (site / "tai-lieu" / "index.html").read_text(encoding="utf-8")
    assert "(Excel, 38 KB)" in (site / "van-ban" / "index.html").read_text(encoding="utf-8")


def test_a_bulletin_picture_outside_content_is_missing(tmp_path, outside):
    # The print edition's own check (images.missing_pictures) joined the name on and found the
    # file of the build machine; the site never publishes it, so the issue would print a hole.
    root = make_site(
        tmp_path / "site",
        {
            "ban-tin/so-1/index.md": (
                '---\nnumber: 1\nlabel: "Số 1/2026"\ndate: 2026-04-01\n'
                'description: "Số đầu năm."\narticles: [bai-a.md]\n---\nLời tòa soạn.\n'
            ),
            "ban-tin/so-1/bai-a.md": "---\ntitle: Bài trong số\n---\n![Ảnh ngoài](../../../../ngoai/anh.jpg)\n",
        },
    )
    result = run_bantin(root, "build")
    assert result.returncode == 1
    assert "content/ban-tin/so-1/bai-a.md:4:14: lỗi: Không tìm thấy ảnh '../../../../ngoai/anh.jpg'." in result.stderr
