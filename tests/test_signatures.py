"""``bantin check`` on the signature forms (TM., KT., TL., TUQ., Q.) and on Party-style numbers:
a wrong form or a "Số 12-KH/ĐU" is refused at its line, in Vietnamese, saying how to fix it;
the right forms pass. Real ``bantin check`` of small sites written in tmp_path."""

from __future__ import annotations

import re

import pytest

from conftest import make_site
from editor_helpers import bantin

DOCUMENT = """---
document_type: Kế hoạch
document_number: "{number}"
date: 2026-10-07
summary_line: Tổ chức Ngày hội phụ nữ khởi nghiệp
signer:
{signer}
---
Nội dung.
"""


def site(tmp_path, signer: str, number: str = "40/KH-BTV"):
    return make_site(tmp_path, {"van-ban/ke-hoach-40.md": DOCUMENT.format(number=number, signer=signer)})


@pytest.mark.parametrize(
    "signer",
    [
        "  authority: TM. BAN THƯỜNG VỤ\n  title: CHỦ TỊCH\n  name: Nguyễn Thị Hoa",
        "  authority: [TM. BAN THƯỜNG VỤ, KT. CHỦ TỊCH]\n  title: PHÓ CHỦ TỊCH\n  name: Nguyễn Thị Hoa",
        "  authority: TL. CHỦ TỊCH\n  title: CHÁNH VĂN PHÒNG\n  name: Nguyễn Thị Hoa",
        "  authority: TUQ. CHỦ TỊCH\n  title: TRƯỞNG BAN TUYÊN GIÁO\n  name: Nguyễn Thị Hoa",
        "  authority: Q. CHỦ TỊCH\n  name: Nguyễn Thị Hoa",
        "  title: CHỦ TỊCH\n  name: Nguyễn Thị Hoa",
    ],
)
def test_every_form_of_decree_30_passes(tmp_path, capsys, signer):
    ran = bantin(site(tmp_path, signer), "check", capsys=capsys)

    assert ran.code == 0, ran.err


@pytest.mark.parametrize(
    ("signer", "line", "said"),
    [
        (
            "  title: PHÓ CHỦ TỊCH\n  authority: TT. CHỦ TỊCH\n  name: Nguyễn Thị Hoa",
            8,
            "'TT. CHỦ TỊCH' bắt đầu bằng 'TT.', không phải một hình thức ký của Nghị định 30/2020/NĐ-CP.",
        ),
        (
            "  authority: BAN THƯỜNG VỤ\n  title: CHỦ TỊCH\n  name: Nguyễn Thị Hoa",
            7,
            "'BAN THƯỜNG VỤ' không bắt đầu bằng một hình thức ký",
        ),
        (
            "  authority: [KT. CHỦ TỊCH, TM. BAN THƯỜNG VỤ]\n  title: PHÓ CHỦ TỊCH\n  name: Nguyễn Thị Hoa",
            7,
            "không đúng thứ tự",
        ),
        (
            "  authority: TM. BAN THƯỜNG VỤ\n  title: KT. CHỦ TỊCH\n  name: Nguyễn Thị Hoa",
            8,
            "chức vụ (title) 'KT. CHỦ TỊCH' bắt đầu bằng hình thức ký 'KT.'",
        ),
        ("  authority: KT. CHỦ TỊCH\n  name: Nguyễn Thị Hoa", 6, "chỉ khi ký 'Q.'"),
        # Decree 30, Appendix I: "Q. CHỦ TỊCH" is the acting head's title; a second title under it
        # was printed ("Q. CHỦ TỊCH / PHÓ CHỦ TỊCH").
        (
            "  authority: Q. CHỦ TỊCH\n  title: PHÓ CHỦ TỊCH\n  name: Nguyễn Thị Hoa",
            8,
            "ký 'Q. CHỦ TỊCH' (quyền) nên dòng đó đã là chức vụ; không ghi thêm chức vụ (title) 'PHÓ CHỦ TỊCH'.",
        ),
    ],
)
def test_a_wrong_form_is_refused_at_its_line_with_the_list_of_forms(tmp_path, capsys, signer, line, said):
    root = site(tmp_path, signer)

    ran = bantin(root, "check", capsys=capsys)

    assert ran.code == 1
    first = ran.err.splitlines()[0]
    assert re.match(rf"content/van-ban/ke-hoach-40\.md:{line}:\d+: lỗi: Giá trị của 'signer' \(người ký\) ", first), (
        first
    )
    assert said in first
    assert "Traceback" not in ran.err + ran.out
    if "hình thức ký của" in said:
        assert (
            "TM. (thay mặt tập thể), KT. (ký thay người đứng đầu), TL. (thừa lệnh), TUQ. (thừa ủy quyền), Q. ("
            in ran.err
        )


@pytest.mark.parametrize("number", ["Số 12-KH/ĐU", "12-KH/ĐU", "127 - QĐ/TW"])
def test_a_party_number_is_refused_with_what_to_do(tmp_path, capsys, number):
    root = site(tmp_path, "  title: CHỦ TỊCH\n  name: Nguyễn Thị Hoa", number=number)

    ran = bantin(root, "check", capsys=capsys)

    assert ran.code == 1
    first = ran.err.splitlines()[0]
    assert first.startswith("content/van-ban/ke-hoach-40.md:3:")
    assert "kiểu văn bản của Đảng (Hướng dẫn 36-HD/VPTW" in first
    assert "chuyển tệp sang thư mục tin-tuc/" in ran.err and "Nghị định 30" in ran.err


def test_new_proposes_the_last_two_line_signer_and_the_file_passes_check(tmp_path, capsys):
    """``bantin new document`` copies the body's last signer; two form lines are written as a list."""
    root = site(
        tmp_path, "  authority: [TM. BAN THƯỜNG VỤ, KT. CHỦ TỊCH]\n  title: PHÓ CHỦ TỊCH\n  name: Nguyễn Thị Hoa"
    )

    ran = bantin(
        root,
        "new",
        "document",
        "Sơ kết quý IV",
        "--document-type",
        "Báo cáo",
        capsys=capsys,
        now="2026-11-20T08:00:00+07:00",
    )

    assert ran.code == 0, ran.err
    made = root / ran.out.splitlines()[0].removeprefix("Đã tạo ")
    assert "  authority:" in made.read_text(encoding="utf-8")
    assert "    - TM. BAN THƯỜNG VỤ\n    - KT. CHỦ TỊCH\n" in made.read_text(encoding="utf-8")
    assert bantin(root, "check", capsys=capsys).code == 0
