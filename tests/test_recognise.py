"""The recogniser of imported documents (builder.content.recognise), without files or MkDocs:
the header lines of Decree 30 documents in their variants, and properties that hold for any text."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.content import schema
from builder.content.cleanup import join_broken_paragraphs
from builder.content.frontmatter import split
from builder.content.recognise import is_letterhead, page_text, recognise
from builder.errors import ErrorList

TODAY = date(2026, 11, 29)


def test_a_text_export_with_the_header_side_by_side():
    """Text exports put the two header columns on one line, separated by tabs or spaces."""
    text = (
        "HỘI LHPN VIỆT NAM\t\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "HỘI LHPN TỈNH QUẢNG TRỊ          Độc lập – Tự do – Hạnh phúc\n"
        "Số: 127 /BC-HPN      Quảng Trị, ngày 30 tháng 6 năm 2021\n\n"
        "BÁO CÁO\nSơ kết công tác Hội 6 tháng đầu năm 2021\n-----\n\n"
        "I. KẾT QUẢ\n\n1. Công tác tuyên truyền.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
        "**T/M BAN THƯỜNG VỤ**\n**PHÓ CHỦ TỊCH**\n\n*(đã ký)*\n\n**Lê Thị B**\n"
    )
    found = recognise(text, TODAY)
    assert found.kind == "document" and found.missing == () and found.notes == ()
    assert found.front == {
        "document_type": "Báo cáo",
        "document_number": "127/BC-HPN",
        "date": date(2021, 6, 30),
        "place": "Quảng Trị",
        "summary_line": "Sơ kết công tác Hội 6 tháng đầu năm 2021",
        "issuer": {"parent": "HỘI LHPN VIỆT NAM", "body": "HỘI LHPN TỈNH QUẢNG TRỊ"},
        "motto": True,
        "signer": {"authority": "T/M BAN THƯỜNG VỤ", "title": "PHÓ CHỦ TỊCH", "name": "Lê Thị B"},
        "recipients": ["Như trên;", "Lưu: VT."],
    }
    assert found.body == "I. KẾT QUẢ\n\n1. Công tác tuyên truyền."


def test_a_letter_has_its_subject_as_summary():
    found = recognise(
        "Số: 45/HPN-VP\nV/v tham gia Hội thi tìm hiểu pháp luật\n\nQuảng Trị, ngày 3 tháng 3 năm 2021\n\n"
        "Kính gửi: Hội LHPN các huyện.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nĐỗ Thị Lý\n",
        TODAY,
    )
    assert (found.front["document_type"], found.front["summary_line"]) == (
        "Công văn",
        "tham gia Hội thi tìm hiểu pháp luật",
    )
    assert found.front["signer"] == {"title": "CHỦ TỊCH", "name": "Đỗ Thị Lý"}
    # "Kính gửi:" is front matter (printed before the body from the data), not body text.
    assert found.front["addressees"] == ["Hội LHPN các huyện."]
    assert "Kính gửi" not in found.body


def test_what_is_missing_is_said_and_left_as_comments():
    found = recognise("Số: 7/KH-BTV\n\nKẾ HOẠCH\n\nNội dung kế hoạch rất dài " + "x " * 200 + "\n", TODAY)
    assert found.missing == ("date", "summary_line", "signer")
    assert "Không thấy dòng địa danh, ngày tháng (ví dụ “Quảng Trị, ngày 17 tháng 8 năm 2020”)." in found.notes
    text = page_text(found)
    assert "# date: ...    # chưa nhận ra ngày: điền vào rồi xóa dấu # ở đầu dòng\n" in text
    errors = ErrorList()
    front = split(text, "x.md", errors)
    schema.check("document", front.data, front.key_lines, "x.md", errors)
    assert [e.message for e in errors.errors] == [
        "Thiếu 'date' (ngày).",
        "Thiếu 'summary_line' (trích yếu).",
        "Thiếu 'signer' (người ký).",
    ]


def test_an_impossible_date_and_a_number_off_the_pattern_are_reported():
    found = recognise(
        "Số: KH/BTV\n\nQuảng Trị, ngày 30 tháng 2 năm 2021\n\nKẾ HOẠCH\n\nVề việc X\n\nNội dung.\n", TODAY
    )
    assert (
        "Ngày tháng “Quảng Trị, ngày 30 tháng 2 năm 2021” không có thật: điền ngày ban hành (date) đúng." in found.notes
    )
    assert "Số, ký hiệu “KH/BTV” không đúng mẫu Nghị định 30 (số/LOẠI-CƠQUAN): kiểm tra lại." in found.notes


def test_letterhead_tables_are_told_from_data_tables():
    assert is_letterhead(
        "HỘI LHPN VIỆT NAM\nBCH HỘI LHPN TỈNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    )
    assert is_letterhead("Nơi nhận:\n- Như trên;\nTM. BAN THƯỜNG VỤ\nCHỦ TỊCH")
    assert not is_letterhead("Huyện\nSố hội viên\nVĩnh Linh\n1.200\nSố liệu: 2021")


def test_broken_paragraphs_are_joined_only_inside_parentheses():
    text, repairs = join_broken_paragraphs("Ngày (8/3/1910\n\n– 8/3/2021) nhé.\n\nĐoạn (mở\n\n1. Mục mới).")
    assert text == "Ngày (8/3/1910 – 8/3/2021) nhé.\n\nĐoạn (mở\n\n1. Mục mới)."
    assert [r.line for r in repairs] == [3]


_LINES = st.sampled_from(
    [
        "Số: 12/KH-BTV",
        "Số:",
        "Quảng Trị, ngày 5 tháng 1 năm 2021",
        "KẾ HOẠCH",
        "BÁO CÁO",
        "Nơi nhận:",
        "- Lưu: VT.",
        "TM. BAN THƯỜNG VỤ",
        "CHỦ TỊCH",
        "Đỗ Thị Lý",
        "",
        "---",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "1. Mục",
        "(mở",
        "đóng)",
        "# Tiêu đề",
        "**đậm**",
    ]
)
_TEXT = st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=30).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_any_text_gives_a_page_the_reader_can_read(text):
    """Whatever the document, recognition does not fail and its page has readable front matter."""
    from builder.content.text import normalise

    page = page_text(recognise(normalise(text), TODAY))
    errors = ErrorList()
    front = split(page, "x.md", errors)
    assert not errors.errors, (page, errors.errors)
    assert front.body.strip() == page.split("\n---\n", 1)[1].strip()
