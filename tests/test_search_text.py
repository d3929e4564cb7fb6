"""Folding for search (builder/content/search_text.py) and the documents Pagefind indexes."""

from __future__ import annotations

import html
import unicodedata
from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from builder.content.dates import VIETNAM
from builder.content.model import Issuer, NewsArticle, OfficialDocument, Signer
from builder.content.search_text import fold, index_spelling
from builder.outputs import search
from conftest import make_site, run_bantin

VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
WORDS = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " ,.", max_size=60)


def test_fold_removes_tone_and_vowel_marks_and_d_stroke():
    assert fold("Bình đẳng giới") == "binh dang gioi"
    assert fold("ĐẠI HỘI ĐẠI BIỂU") == "dai hoi dai bieu"
    assert fold("Phụ nữ Quảng Trị") == "phu nu quang tri"
    assert fold("Ðại hội") == "dai hoi"  # U+00D0, written for Đ by some converters
    assert fold("hoà") == fold("hòa") == "hoa"  # old and new tone placement


def test_fold_of_every_vietnamese_letter_is_ascii():
    folded = fold(VIETNAMESE + VIETNAMESE.upper())
    assert folded.isascii() and folded.isalpha()


@given(WORDS)
def test_fold_is_idempotent_and_ignores_normal_form(text):
    assert fold(fold(text)) == fold(text)
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


@given(WORDS)
def test_fold_keeps_every_word_in_its_place(text):
    """The browser maps a match in the folded copy back to the same word of the original."""
    text = unicodedata.normalize("NFC", text)
    assert [len(w) > 0 for w in fold(text).split(" ")] == [len(w) > 0 for w in text.split(" ")]


def test_index_spelling_marks_d_stroke_with_a_foldable_combining_stroke():
    assert index_spelling("Đại hội đẳng") == "D\u0335ại hội d\u0335ẳng"
    assert fold(index_spelling("Đại hội")) == "dai hoi"
    assert index_spelling(unicodedata.normalize("NFD", "Đại hội")) == index_spelling("Đại hội")
    # d has a mark of its own: neither "dại" nor "đại" has all the marks of the other.
    assert index_spelling("dại UBND") == "d\u0332ại UBND\u0332"


@given(WORDS)
def test_index_spelling_folds_like_the_text_and_can_be_read_back(text):
    spelled = index_spelling(text)
    assert fold(spelled) == fold(text)
    readable = spelled.replace("d\u0335", "đ").replace("D\u0335", "Đ").replace("\u0332", "")
    assert readable == unicodedata.normalize("NFC", text)


def test_spell_html_spells_text_and_keeps_tags():
    assert (
        search.spell_html('<h2 id="Đ">Đại hội</h2><p><a href="/Đ/">đẳng</a> &amp; giới</p>')
        == '<h2 id="Đ">D\u0335ại hội</h2><p><a href="/Đ/">d\u0335ẳng</a> &amp; giới</p>'
    )


MARKUP = st.lists(
    st.one_of(
        WORDS,
        st.sampled_from(
            [
                "<p>",
                "</p>",
                '<a href="/Đ/">',
                "&amp;",
                "&lt;",
                "&am",
                "p;",
                "\x00",
                "<3 ",
                " >",
                "Ð",
                "&#273;",
                "a\u0301",
            ]
        ),
    ),
    max_size=12,
)


@given(MARKUP)
def test_spell_html_and_the_hint_equal_spelling_each_piece_alone(parts):
    """document() spells all of a page's text in one pass: the same as spelling each piece between
    tags alone (entities, NUL characters and a stray "<" included)."""
    markup = "".join(parts)
    pieces = search._TAG.split(markup)
    expected = "".join(
        p if p.startswith("<") else html.escape(index_spelling(html.unescape(p)), quote=False) for p in pieces
    )
    assert search.spell_html(markup) == expected
    words = sorted(w for p in pieces if not p.startswith("<") for w in search._WORD.findall(fold(html.unescape(p))))
    assert (
        sorted(search.chunk_hint(markup).split()) == sorted(w for w in words for _ in range(search.HINT_REPEAT))
        or max(map(words.count, words)) * search.HINT_REPEAT > search.HINT_CAP
    )


def test_chunk_hint_lists_every_folded_word_per_occurrence():
    assert search.chunk_hint("<h1>Đại hội</h1><p>Đại biểu, <b>hội</b> viên.</p>") == " ".join(
        ["bieu"] * 4 + ["dai"] * 8 + ["hoi"] * 8 + ["vien"] * 4
    )


def _news(**extra) -> NewsArticle:
    return NewsArticle(
        source="tin-tuc/a.md",
        title="Đại hội phụ nữ",
        slug="dai-hoi-phu-nu",
        url="tin-tuc/dai-hoi-phu-nu/",
        date=datetime(2021, 4, 12, 8, 30, tzinfo=VIETNAM),
        description="Tóm tắt <ngắn>.",
        **extra,
    )


def test_record_of_a_news_article():
    record = search.record_of(_news(tags=("Bình đẳng giới",)), "<p>Nội dung.</p>")
    assert (record.url, record.title, record.section, record.date) == (
        "tin-tuc/dai-hoi-phu-nu/",
        "Đại hội phụ nữ",
        "Tin tức",
        "12/4/2021",
    )
    assert record.html == "<p>Tóm tắt &lt;ngắn&gt;.</p>\n<p>Nội dung.</p>\n<p>Bình đẳng giới.</p>"


def test_record_of_a_document_is_found_by_number_and_summary_line():
    doc = OfficialDocument(
        source="van-ban/k.md",
        title="Kế hoạch số 206/KH-BTV",
        slug="k",
        url="van-ban/k/",
        date=datetime(2020, 8, 17, tzinfo=VIETNAM),
        document_type="Kế hoạch",
        document_number="206/KH-BTV",
        place="Quảng Trị",
        issuer=Issuer("", "BCH"),
        summary_line="Định hướng hoạt động năm 2021",
        signer=Signer((), "CHỦ TỊCH", "A"),
    )
    assert "<p>Kế hoạch số 206/KH-BTV: Định hướng hoạt động năm 2021</p>" in search.record_of(doc, "").html


def test_document_holds_the_spelled_text_metadata_and_the_hint():
    page = search.document(search.record_of(_news(), "<h2>Bình đẳng</h2>"))
    assert '<meta data-pagefind-meta="section[content]" content="Tin tức">' in page
    assert '<meta data-pagefind-meta="date[content]" content="12/4/2021">' in page
    assert '<meta data-pagefind-meta="hint[content]" content="binh binh binh binh dai ' in page
    body = page.split("<main data-pagefind-body>")[1]
    assert (
        body
        == "<h1>D\u0335ại hội phụ nữ</h1>\n<p>Tóm tắt &lt;ngắn&gt;.</p>\n<h2>Bình d\u0335ẳng</h2></main></body></html>"
    )


def test_the_search_page_and_index_names_are_reserved(tmp_path):
    root = make_site(
        tmp_path,
        {
            "tim-kiem.md": "---\ntitle: Tìm\n---\nx\n",
            "pagefind/ghi-chu.txt": "x",
            "tin-tuc/a.md": "---\ntitle: A\ndate: 2021-03-08\n---\nx\n",
        },
    )
    result = run_bantin(root, "check")
    assert result.returncode == 1
    assert "content/tim-kiem.md:1: lỗi: Tên tệp 'tim-kiem.md' dành riêng cho trang do hệ thống tự tạo." in result.stderr
    assert "content/pagefind:1: lỗi: 'pagefind' trong content/ trùng tên với tệp do hệ thống tự tạo." in result.stderr


def test_the_archive_is_cut_into_indexes_of_a_thousand_from_the_oldest():
    from datetime import timedelta

    from builder.content.model import NewsArticle
    from builder.outputs.search import ARCHIVE_SHARD, archive_shards

    start = datetime(2010, 1, 1, tzinfo=VIETNAM)
    newest_first = [
        NewsArticle(
            source=f"tin-tuc/{n}.md", title=f"Tin {n}", slug=str(n), url=f"tin-tuc/{n}/", date=start + timedelta(days=n)
        )
        for n in range(2 * ARCHIVE_SHARD + 5)
    ][::-1]
    shards = archive_shards(newest_first)
    assert [folder for folder, _ in shards] == ["pagefind-luu-tru/1", "pagefind-luu-tru/2", "pagefind-luu-tru/3"]
    assert [len(entries) for _, entries in shards] == [ARCHIVE_SHARD, ARCHIVE_SHARD, 5]
    assert shards[0][1][-1].title == "Tin 0" and shards[2][1][0].title == f"Tin {2 * ARCHIVE_SHARD + 4}"
    assert [e for _, entries in shards[::-1] for e in entries] == newest_first  # nothing lost, order kept
    assert archive_shards([]) == []
