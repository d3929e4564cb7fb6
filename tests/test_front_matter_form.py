"""The files `bantin new` and `bantin import` write are already in the form a Git-based CMS
writes front matter back (builder.content.yaml_form, docs/front-matter.md): saving one in the
CMS changes no line that was not edited, apart from dropping `bantin new`'s comments.

The CMS's form was measured with the `yaml` JavaScript package 2.9.1, `stringify(data, null,
{indent: 2, indentSeq: true, lineWidth: 0, defaultStringType: "PLAIN"})`, the call and options
Sveltia CMS 0.221 makes by default; the expected lines below are its output."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from builder.content.frontmatter import split
from builder.content.model import Signer
from builder.content.scaffold import DocumentFields, column, document, issue, issue_article, news
from builder.content.text import normalise
from builder.content.yaml_form import mapping, scalar
from builder.errors import ErrorList
from conftest import ROOT, run_bantin
from test_import import NOW, real_config_site


@pytest.mark.parametrize(
    "value, written",
    [
        ("Hội thi: “Phụ nữ khéo tay”", '"Hội thi: “Phụ nữ khéo tay”"'),
        ("206/KH-BTV", "206/KH-BTV"),
        ("Quảng Trị", "Quảng Trị"),
        ("", '""'),
        ("2021-03-08", "2021-03-08"),
        ("08:30", "08:30"),
        ("true", '"true"'),
        ("123", '"123"'),
        ("- gạch đầu dòng", '"- gạch đầu dòng"'),
        ("x #y", '"x #y"'),
        ("@a", '"@a"'),
        ("[x]", '"[x]"'),
        ('có "ngoặc" kép', 'có "ngoặc" kép'),
        ("it's", "it's"),
        ("TT Hội LHPN tỉnh & các Ban;", "TT Hội LHPN tỉnh & các Ban;"),
        ("x" * 200 + " y", "x" * 200 + " y"),  # one line, however long
    ],
)
def test_values_are_written_as_the_cms_writes_them(value, written):
    assert scalar(value) == written


def test_lists_and_mappings_are_written_as_the_cms_writes_them():
    data = {
        "tags": ["Kế hoạch", "Đại hội"],
        "categories": [],
        "issuer": {"parent": "HỘI", "body": "BCH"},
        "motto": True,
        "number": 4,
        "articles": [{"file": "a.md"}],
    }
    assert mapping(data) == (
        "tags:\n  - Kế hoạch\n  - Đại hội\ncategories: []\nissuer:\n  parent: HỘI\n  body: BCH\n"
        "motto: true\nnumber: 4\narticles:\n  - file: a.md\n"
    )


def front_lines(path) -> tuple[list[str], dict]:
    """The front matter lines of ``path`` without comments, and its data as the builder reads it."""
    text = normalise(path.read_text(encoding="utf-8"))
    errors = ErrorList()
    data = split(text, str(path), errors).data
    assert not errors, errors.errors
    block = text.split("---\n")[1]
    lines = [re.sub(r"\s{2,}# .*$", "", line) for line in block.splitlines() if not line.lstrip().startswith("#")]
    return lines, data


def test_new_files_are_what_the_cms_writes_back(tmp_path):
    root = real_config_site(tmp_path, {"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nx\n"})
    for args in (
        ("news", "Hội thi: “Phụ nữ khéo tay” & 60 hội viên"),
        ("column", "Chuyện nhà: giữ lửa"),
        ("document", "Tuyên truyền: ngày 8/3", "--document-type", "Kế hoạch"),
        ("issue", "Số 8/3/2021"),
        ("issue-article", "Bài một: mở đầu", "--issue", "so-8-3-2021"),
    ):
        result = run_bantin(root, "new", *args, now=NOW)
        assert result.returncode == 0, result.stderr
    pages = sorted(p for p in (root / "content").rglob("*.md") if p.name != "gioi-thieu.md")
    assert len(pages) == 5
    for page in pages:
        lines, data = front_lines(page)
        assert "\n".join(lines) + "\n" == mapping(data), page


def test_imported_files_are_what_the_cms_writes_back(tmp_path):
    root = real_config_site(tmp_path)
    (root / "tin.txt").write_text(
        "Hội thi: “Phụ nữ khéo tay” ở xã Cam Thủy\n\nSáng 5/3: 60 hội viên dự thi #nấu ăn & cắm hoa.\n",
        encoding="utf-8",
    )
    result = run_bantin(root, "import", "tin.txt", now=NOW)
    assert result.returncode == 0, result.stderr
    (page,) = (root / "content" / "tin-tuc").glob("*.md")
    lines, data = front_lines(page)
    assert "\n".join(lines) + "\n" == mapping(data)
    assert lines[0] == 'title: "Hội thi: “Phụ nữ khéo tay” ở xã Cam Thủy"'


def test_the_documented_key_order_is_the_order_of_bantin_new_and_of_the_importer(tmp_path):
    """docs/front-matter.md §3 lists, for each type, the order the CMS's fields must follow."""
    table = (ROOT / "docs" / "front-matter.md").read_text(encoding="utf-8").split("## 3. Key order", 1)[1]
    documented = {m[1]: re.findall(r"`(\w+)`", m[2]) for m in re.finditer(r"^\| ([a-z_]+) \| (.+) \|$", table, re.M)}
    now = datetime(2026, 11, 29, 12, 0)
    made = {
        "news": news("T", now),
        "column": column("T", now),
        "issue": issue("S", 1, now),
        "issue_article": issue_article("T"),
        "document": document(
            DocumentFields("Kế hoạch", "01/KH-BTV", "x", "Quảng Trị", None, Signer("TM.", "CHỦ TỊCH", "Tên")), now
        ),
    }
    assert documented == {
        kind: re.findall(r"^(?:# )?(\w+):", text.split("---\n")[1], re.M) for kind, text in made.items()
    }
    # The importer's keys come in the same order (a document and a news article).
    root = real_config_site(tmp_path)
    (root / "kh.txt").write_bytes((ROOT / "tests" / "fixtures" / "import" / "ke-hoach-206-kh-btv.txt").read_bytes())
    (root / "tin.txt").write_text("Hội thi ở xã Cam Thủy\n\nSáng 5/3, 60 hội viên dự thi.\n", encoding="utf-8")
    for name in ("kh.txt", "tin.txt"):
        assert run_bantin(root, "import", name, now=NOW).returncode in (0, 1)
    for kind, folder in (("document", "van-ban"), ("news", "tin-tuc")):
        (page,) = (root / "content" / folder).glob("*.md")
        _, data = front_lines(page)
        keys = list(data)
        assert keys == [k for k in documented[kind] if k in keys], (kind, keys)
