"""Bulletins under the press law of their own date, and the union's names over time.

Real ``bantin build`` / ``check`` / ``calendar`` / ``new`` runs of small sites made here:
- an issue dated before 1 July 2026 keeps the 2016 colophon, one after it shows the 2025
  law's (publisher and the licence's validity), on the web page and in the PDF;
- issues and documents take the names (issuer lines, place, publisher) in force on their own
  date, and ``bantin new`` proposes today's;
- the licence's last valid day: a warning 30 days before, a refusal of a later issue;
- a page larger than 19 × 27 cm: refused for a 2016-regime issue, a warning naming the source
  for a later one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import SITE_HEADER, THEME, make_site, run_bantin
from pdfread import pages_text

OLD_PUBLISHER = "Hội LHPN tỉnh Quảng Trị"
NEW_PUBLISHER = "Hội LHPN tỉnh Quảng Trị thuộc Ủy ban MTTQ Việt Nam tỉnh"

CONFIG = (
    SITE_HEADER
    + """\
      organisation: Hội LHPN tỉnh
      periods:
        - from: 1989-07-01
          parent: HỘI LHPN VIỆT NAM
          body: BCH HỘI LHPN TỈNH QUẢNG TRỊ
          place: Quảng Trị
          publisher: {old}
        - from: 2025-07-01
          parent: ỦY BAN MTTQ VIỆT NAM TỈNH QUẢNG TRỊ
          body: BAN THƯỜNG VỤ HỘI LHPN TỈNH
          place: Đông Hà
          publisher: {new}
      editions:
        enabled: {enabled}
        bulletin:
          paper: {paper}
          colophon:
            licence_number: "05/GP-UBND"
            licence_date: 2025-07-01
            licence_authority: Ủy ban nhân dân tỉnh Quảng Trị
            licence_valid_until: {until}
            printer: Công ty In Quảng Trị
            print_run: 500
            periodicity: 3 tháng/kỳ
            responsible: Đỗ Thị Lý
"""
)


def config(enabled: bool = True, paper: str = "190mm 270mm", until: str = "2027-06-30") -> str:
    return CONFIG.format(
        theme=THEME, old=OLD_PUBLISHER, new=NEW_PUBLISHER, enabled=str(enabled).lower(), paper=paper, until=until
    )


def issue(number: int, day: str) -> dict[str, str]:
    folder = f"ban-tin/so-{number}"
    return {
        f"{folder}/index.md": f'---\nnumber: {number}\nlabel: "Số {number}"\ndate: {day}\n'
        f"articles:\n  - bai.md\n---\n\nLời tòa soạn số {number}.\n",
        f"{folder}/bai.md": f'---\ntitle: "Bài của số {number}"\n---\n\nNội dung bài.\n',
    }


def document(number: int, day: str) -> dict[str, str]:
    return {
        f"van-ban/tb-{number}.md": f'---\ndocument_type: Thông báo\ndocument_number: "{number:02d}/TB-BTV"\n'
        f"date: {day}\nsummary_line: Lịch sinh hoạt số {number}\n"
        "signer:\n  authority: TM. BAN THƯỜNG VỤ\n  title: CHỦ TỊCH\n"
        "  name: Đỗ Thị Lý\n---\n\nNội dung thông báo.\n"
    }


BEFORE_2016_END = issue(1, "2025-03-04")  # old names, Luật Báo chí 2016
AFTER_2025_LAW = issue(2, "2026-09-04")  # new names, Luật Báo chí 2025


def text(path: Path) -> str:
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))


def pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(pages_text(path)))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Both issues and two documents, either side of the reorganisation, built with PDFs."""
    root = make_site(
        tmp_path_factory.mktemp("press-law"),
        {**BEFORE_2016_END, **AFTER_2025_LAW, **document(1, "2025-06-20"), **document(2, "2025-08-15")},
        config(),
    )
    result = run_bantin(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site", result


def test_an_issue_before_1_july_2026_keeps_the_2016_masthead_and_colophon(built):
    site, _ = built
    page = text(site / "ban-tin/so-1/index.html")
    assert f'<p class="bt-issue__org">{OLD_PUBLISHER}</p>' in page
    printed = pdf_text(site / "ban-tin/so-1/so-1.pdf")
    first = re.sub(r"\s+", " ", pages_text(site / "ban-tin/so-1/so-1.pdf")[0])
    assert first.startswith("BẢN TIN Bình đẳng giới") and f"{OLD_PUBLISHER.upper()} Số 1" in first  # CSS capitals
    assert "Giấy phép xuất bản số 05/GP-UBND ngày 01/07/2025 của Ủy ban nhân dân tỉnh Quảng Trị." in printed
    assert "Cơ quan chủ quản" not in printed and "có giá trị đến" not in printed
    assert NEW_PUBLISHER not in printed


def test_an_issue_from_1_july_2026_shows_the_publisher_and_the_licence_validity(built):
    site, _ = built
    page = text(site / "ban-tin/so-2/index.html")
    assert f'<p class="bt-issue__org">{NEW_PUBLISHER}</p>' in page
    first = re.sub(r"\s+", " ", pages_text(site / "ban-tin/so-2/so-2.pdf")[0])
    assert first.startswith("BẢN TIN Bình đẳng giới") and f"{NEW_PUBLISHER.upper()} Số 2" in first
    printed = pdf_text(site / "ban-tin/so-2/so-2.pdf")
    assert f"Cơ quan chủ quản: {NEW_PUBLISHER}" in printed
    assert (
        "Giấy phép xuất bản số 05/GP-UBND ngày 01/07/2025 của Ủy ban nhân dân tỉnh Quảng Trị, "
        "có giá trị đến ngày 30/06/2027."
    ) in printed


def test_documents_keep_the_names_in_force_on_their_own_date(built):
    site, _ = built
    old = text(site / "van-ban/thong-bao-01-tb-btv-2025/index.html")
    new = text(site / "van-ban/thong-bao-02-tb-btv-2025/index.html")
    assert '<div class="bt-doc__parent">HỘI LHPN VIỆT NAM</div>' in old
    assert '<div class="bt-doc__body">BCH HỘI LHPN TỈNH QUẢNG TRỊ</div>' in old
    assert "Quảng Trị, ngày 20 tháng 6 năm 2025" in old
    assert '<div class="bt-doc__parent">ỦY BAN MTTQ VIỆT NAM TỈNH QUẢNG TRỊ</div>' in new
    assert '<div class="bt-doc__body">BAN THƯỜNG VỤ HỘI LHPN TỈNH</div>' in new
    assert "Đông Hà, ngày 15 tháng 8 năm 2025" in new
    old_pdf = pdf_text(site / "van-ban/thong-bao-01-tb-btv-2025/thong-bao-01-tb-btv-2025.pdf")
    new_pdf = pdf_text(site / "van-ban/thong-bao-02-tb-btv-2025/thong-bao-02-tb-btv-2025.pdf")
    assert "BCH HỘI LHPN TỈNH QUẢNG TRỊ" in old_pdf and "MTTQ" not in old_pdf
    assert "ỦY BAN MTTQ VIỆT NAM TỈNH QUẢNG TRỊ" in new_pdf and "BAN THƯỜNG VỤ HỘI LHPN TỈNH" in new_pdf
    assert "Đông Hà, ngày 15 tháng 8 năm 2025" in new_pdf


def _line(root: Path, key: str) -> int:
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.strip().startswith(key))


def test_check_and_calendar_warn_30_days_before_the_licence_ends(tmp_path):
    root = make_site(tmp_path, AFTER_2025_LAW, config(enabled=False, until="2026-10-31"))
    line = _line(root, "licence_valid_until")
    expected = (
        f"mkdocs.yml:{line}: Giấy phép: Giấy phép xuất bản bản tin số 05/GP-UBND hết hạn ngày 31/10/2026 (còn 30 ngày)"
    )
    checked = run_bantin(root, "check", now="2026-10-01T09:00:00")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith(expected), checked.stdout
    assert f"ghi ngày hết hạn mới vào mkdocs.yml, dòng {line} (licence_valid_until)" in checked.stdout
    calendar = run_bantin(root, "calendar", "--days", "3", now="2026-10-01T09:00:00")
    assert calendar.returncode == 0, calendar.stderr
    assert (
        f"mkdocs.yml:{line}: cảnh báo: Giấy phép xuất bản bản tin số 05/GP-UBND hết hạn ngày 31/10/2026"
        in calendar.stdout
    )

    for quiet in (
        run_bantin(root, "check", now="2026-09-30T09:00:00"),
        run_bantin(root, "calendar", "--days", "3", now="2026-09-30T09:00:00"),
    ):
        assert quiet.returncode == 0, quiet.stderr
        assert "Giấy phép" not in quiet.stdout  # 31 days ahead: not yet


def test_an_issue_dated_after_the_licence_ends_is_refused_at_its_date_line(tmp_path):
    root = make_site(tmp_path, AFTER_2025_LAW, config(enabled=False, until="2026-08-31"))
    line = _line(root, "licence_valid_until")
    expected = (
        "content/ban-tin/so-2/index.md:4: lỗi: Số bản tin này phát hành ngày 04/09/2026, sau ngày giấy phép "
        "xuất bản bản tin số 05/GP-UBND hết hạn (31/08/2026); không được phát hành số mới khi giấy phép đã hết "
        "hạn (Luật Báo chí 2025, Điều 48 khoản 2 và khoản 4). Cách sửa: Xin cấp giấy phép mới rồi ghi số, ngày "
        "cấp và ngày hết hạn mới (licence_number, licence_date, licence_valid_until) vào mkdocs.yml, "
        f"dòng {line}; hoặc sửa ngày phát hành (date) của số này."
    )
    checked = run_bantin(root, "check")
    assert checked.returncode == 1
    assert expected in checked.stderr, checked.stderr
    assert "đã hết hạn ngày 31/08/2026" in checked.stdout  # and the notice says so
    calendar = run_bantin(root, "calendar", "--days", "3")
    assert calendar.returncode != 0 and expected in calendar.stderr and "Traceback" not in calendar.stderr
    built = run_bantin(root, "build")
    assert built.returncode != 0 and expected in built.stderr
    assert not (root / "site").exists()


def test_a_draft_issue_after_the_licence_ends_waits_without_stopping_the_site(tmp_path):
    """The next issue is prepared while the new licence is applied for: ``bantin new issue``
    writes it (it answered "Tệp mới không hợp lệ ... Báo cho nhóm kỹ thuật") and, a draft, it
    does not stop the build of everything else; made ready, it is refused as above."""
    root = make_site(tmp_path, issue(2, "2026-08-20"), config(enabled=False, until="2026-08-31"))

    created = run_bantin(root, "new", "issue", "Số tháng 9", now="2026-09-04T09:00:00")

    assert created.returncode == 0, created.stderr
    index = root / "content" / "ban-tin" / "so-thang-9" / "index.md"
    assert "draft: true" in index.read_text(encoding="utf-8")
    assert run_bantin(root, "build", now="2026-09-04T09:00:00").returncode == 0
    index.write_text(re.sub(r"(?m)^draft: true", "draft: false", index.read_text(encoding="utf-8")), encoding="utf-8")
    refused = run_bantin(root, "check", now="2026-09-04T09:00:00")
    assert refused.returncode == 1 and "sau ngày giấy phép xuất bản bản tin số 05/GP-UBND hết hạn" in refused.stderr


def test_a_page_beyond_19_by_27_is_refused_under_the_2016_law(tmp_path):
    root = make_site(tmp_path, BEFORE_2016_END, config(paper="210mm 297mm"))
    result = run_bantin(root, "build")
    assert result.returncode != 0
    assert (
        "content/ban-tin/so-1/index.md:4: lỗi: Số bản tin ngày 04/03/2025 in khổ '210mm 297mm' (editions → "
        "bulletin → paper), lớn hơn 19 × 27 cm, khổ tối đa của bản tin theo Luật Báo chí 2016, Điều 34 (còn hiệu lực "
        'vào ngày phát hành). Cách sửa: Đặt paper: "190mm 270mm" hoặc B5 trong mkdocs.yml.'
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


def test_a_page_beyond_19_by_27_is_only_a_warning_naming_its_source_after_the_2025_law(tmp_path):
    root = make_site(tmp_path, AFTER_2025_LAW, config(paper="210mm 297mm"))
    result = run_bantin(root, "build")
    assert result.returncode == 0, result.stderr
    said = result.stdout + result.stderr
    assert (
        "content/ban-tin/so-2/index.md:4: cảnh báo: Số bản tin ngày 04/09/2026 in khổ '210mm 297mm' "
        "(editions → bulletin → paper), lớn hơn 19 × 27 cm; giới hạn này là của Luật Báo chí 2016, Điều 34, hết "
        "hiệu lực từ 01/07/2026; chưa xác nhận được"
    ) in said
    assert (root / "site/ban-tin/so-2/so-2.pdf").is_file()


@pytest.mark.parametrize(
    ("now", "parent", "body", "place"),
    [
        ("2025-05-02T09:00:00", "HỘI LHPN VIỆT NAM", "BCH HỘI LHPN TỈNH QUẢNG TRỊ", "Quảng Trị"),
        ("2026-11-29T09:00:00", "ỦY BAN MTTQ VIỆT NAM TỈNH QUẢNG TRỊ", "BAN THƯỜNG VỤ HỘI LHPN TỈNH", "Đông Hà"),
    ],
)
def test_new_proposes_the_issuer_and_place_in_force_today(tmp_path, now, parent, body, place):
    root = make_site(tmp_path, {}, config(enabled=False))
    (root / "content").mkdir(exist_ok=True)
    result = run_bantin(
        root, "new", "document", "Tổ chức hội nghị", "--document-type", "Thông báo", "--number", "03/TB-BTV", now=now
    )
    assert result.returncode == 0, result.stderr
    written = next((root / "content/van-ban").glob("*.md")).read_text(encoding="utf-8")
    front = yaml.safe_load(written.split("---")[1])
    assert (front["place"], front["issuer"]) == (place, {"parent": parent, "body": body})


@pytest.mark.parametrize(
    ("periods", "said"),
    [
        (
            "      periods:\n        - from: 2025-07-01\n          body: B\n        - from: 2020-01-01\n          body: A\n",
            "plugins → bantin → periods: mục thứ 2 bắt đầu ngày 01/01/2020, không sau mục trước (01/07/2025)",
        ),
        (
            "      periods:\n        - from: 2025-07-01\n          parent: P\n",
            "plugins → bantin → periods: mục thứ 1 thiếu 'body' (cơ quan ban hành)",
        ),
        (
            "      periods:\n        - from: hôm qua\n          body: B\n",
            "plugins → bantin → periods: mục thứ 1 thiếu 'from' (ngày bắt đầu) hoặc ngày viết sai",
        ),
    ],
)
def test_a_wrong_period_stops_the_build_at_its_line_in_vietnamese(tmp_path, periods, said):
    yml = CONFIG.split("      periods:")[0].format(theme=THEME) + periods
    root = make_site(tmp_path, AFTER_2025_LAW, yml)
    result = run_bantin(root, "build")
    assert result.returncode == 2
    line = _line(root, "periods:")
    assert f"mkdocs.yml:{line}: {said}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


def long_issue(number: int, day: str) -> dict[str, str]:
    """An issue whose one article fills more than 64 printed pages."""
    files = issue(number, day)
    paragraph = (
        "Hội viên phụ nữ các xã ra quân làm sạch đường làng, trồng hoa hai bên đường, "
        "giúp nhau phát triển kinh tế gia đình và nuôi dạy con tốt. "
    ) * 12
    files[f"ban-tin/so-{number}/bai.md"] += "\n".join(
        f"\n## Mục {n}\n\n{paragraph}" for n in range(1, 195)
    )  # about 70 pages
    return files


@pytest.mark.parametrize(("day", "refused"), [("2025-03-04", True), ("2026-09-04", False)])
def test_more_than_64_pages_is_refused_under_the_2016_law_and_a_warning_after(tmp_path, day, refused):
    root = make_site(tmp_path, long_issue(3, day), config())
    result = run_bantin(root, "build")
    said = result.stdout + result.stderr
    shown = f"{day[8:10]}/{day[5:7]}/{day[:4]}"
    if refused:
        assert result.returncode != 0
        assert re.search(
            rf"content/ban-tin/so-3/index\.md:4: lỗi: Bản in của số bản tin ngày {shown} có (\d+) trang, "
            r"quá 64 trang, mức tối đa của bản tin theo Luật Báo chí 2016, Điều 34",
            said,
        ), said[-2000:]
        assert not (root / "site").exists()
    else:
        assert result.returncode == 0, said[-2000:]
        match = re.search(
            rf"content/ban-tin/so-3/index\.md:4: cảnh báo: Bản in của số bản tin ngày {shown} có (\d+) "
            r"trang, quá 64 trang; giới hạn này là của Luật Báo chí 2016, Điều 34",
            said,
        )
        assert match and int(match.group(1)) > 64, said[-2000:]
        assert len(pages_text(root / "site/ban-tin/so-3/so-3.pdf")) == int(match.group(1))
