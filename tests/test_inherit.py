"""``INHERIT: base.yml`` in mkdocs.yml: a second organisation's site reuses the province's
settings. ``bantin check`` (builder.settings, no MkDocs) and ``bantin build`` (MkDocs) follow
the chain the same way, and every message about a key points at the file that holds it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SITE_HEADER, THEME, build_ok, load_messages, make_site, news, run_bantin

from builder import build, settings

BASE = (
    SITE_HEADER.format(theme=THEME).removesuffix("  - bantin:\n")
    + """\
  bantin:
    place: Quảng Trị
    organisation: Hội LHPN tỉnh Quảng Trị
    issuer:
      parent: HỘI LHPN VIỆT NAM
      body: BCH HỘI LHPN TỈNH QUẢNG TRỊ
"""
)
"""The province's shared settings (``plugins:`` as a mapping, so a child can override one option)."""

CHILD = """\
INHERIT: base.yml
site_url: https://hailang.example.org/
plugins:
  bantin:
    organisation: Hội LHPN huyện Hải Lăng
"""
"""A district's mkdocs.yml: the province's settings, its own address and name."""


def _site(root: Path, base: str = BASE, child: str = CHILD) -> Path:
    make_site(root, {"tin-tuc/a.md": news("Bài A")}, config=child)
    (root / "base.yml").write_text(base, encoding="utf-8")
    return root


def _line(text: str, written: str) -> int:
    """1-based line of ``written`` in ``text``."""
    return text.splitlines().index(written) + 1


def test_the_settings_are_those_mkdocs_loads(tmp_path):
    root = _site(tmp_path / "site")
    found = settings.load(str(root / "mkdocs.yml"))
    config = build.load(str(root / "mkdocs.yml"))
    assert dict(found.options) == dict(build.plugin_of(config).config)
    assert found.site_url == config.site_url == "https://hailang.example.org/"
    assert found.docs_dir == Path(config.docs_dir) == root / "content"
    # the child's option over the parent's, the parent's others kept (mappings merged)
    assert found.options.organisation == "Hội LHPN huyện Hải Lăng" and found.options.place == "Quảng Trị"


def test_a_list_written_by_the_child_replaces_the_parents(tmp_path):
    """``plugins:`` as a list is replaced whole, as MkDocs' merge replaces lists: the parent's
    options are gone, not merged."""
    child = "INHERIT: base.yml\nplugins:\n  - bantin:\n      motto: false\n"
    root = _site(tmp_path / "site", child=child)
    found = settings.load(str(root / "mkdocs.yml"))
    config = build.load(str(root / "mkdocs.yml"))
    assert dict(found.options) == dict(build.plugin_of(config).config)
    assert found.docs_dir == Path(config.docs_dir) == root / "content"  # docs_dir from the parent
    assert found.options.place != "Quảng Trị" and found.options.motto is False


def test_a_grandparent_is_followed_relative_to_its_child(tmp_path):
    root = tmp_path / "site"
    _site(root, base="INHERIT: ../chung/tinh.yml\nsite_url: https://tinh.example.org/\n")
    (tmp_path / "chung").mkdir()
    (tmp_path / "chung" / "tinh.yml").write_text(BASE, encoding="utf-8")
    found = settings.load(str(root / "mkdocs.yml"))
    config = build.load(str(root / "mkdocs.yml"))
    assert dict(found.options) == dict(build.plugin_of(config).config)
    assert found.site_url == config.site_url == "https://hailang.example.org/"
    assert found.options.issuer.body == "BCH HỘI LHPN TỈNH QUẢNG TRỊ"


@pytest.mark.slow
def test_check_and_build_follow_inherit(tmp_path):
    root = _site(tmp_path / "site")
    broken = root / "content" / "tin-tuc" / "hong.md"
    broken.write_text("---\ndate: 2026-11-20 08:00\n---\nKhông có tiêu đề.\n", encoding="utf-8")
    checked = run_bantin(root, "check")  # the content folder the parent names is read
    assert checked.returncode == 1 and "content/tin-tuc/hong.md:1:" in checked.stderr, checked.stdout + checked.stderr
    broken.unlink()
    checked = run_bantin(root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    home = (build_ok(root) / "index.html").read_text(encoding="utf-8")
    assert "Hội LHPN huyện Hải Lăng" in home and "Hội LHPN tỉnh Quảng Trị" not in home
    assert "https://hailang.example.org/" in home


@pytest.mark.slow
def test_a_change_of_the_parent_is_built(tmp_path):
    """The build is skipped when nothing changed (builder.freshness): the parent is an input too."""
    root = _site(tmp_path / "site", child="INHERIT: base.yml\n")
    build_ok(root)
    (root / "base.yml").write_text(BASE.replace("tỉnh Quảng Trị", "tỉnh Quảng Trị mới"), encoding="utf-8")
    home = (build_ok(root) / "index.html").read_text(encoding="utf-8")
    assert "Hội LHPN tỉnh Quảng Trị mới" in home


@pytest.mark.parametrize(
    "written, line",
    [
        ("    page_size: nhiều\n", "    page_size: nhiều"),  # a type
        ("    page_size:\n", "    page_size:"),  # an empty option (MkDocs takes the default)
        ("    organisaton: Hội\n", "    organisaton: Hội"),  # an unknown key (MkDocs only warns)
        ("    place: Huế\n", "    place: Huế"),  # a key written twice
        ('    motto: "a\\fb"\n', '    motto: "a\\fb"'),  # a character no page can hold
        ("    now: 2026-13-01\n", "    now: 2026-13-01"),  # a date that does not exist
        ("    place: [Huế\n", "    place: [Huế"),  # not YAML
    ],
)
def test_a_wrong_option_of_the_parent_is_told_at_its_line(tmp_path, written, line):
    base = BASE + written
    root = _site(tmp_path / "site", base=base)
    ours, theirs = load_messages(root)
    assert ours == theirs
    assert f"base.yml:{_line(base, line)}:" in ours, ours
    assert "mkdocs.yml:" not in ours and "Traceback" not in ours


def test_a_theme_key_of_the_parent_is_told_at_its_line(tmp_path):
    base = BASE.replace("  font: false\n", "  font: false\n  featurs: []\n")
    root = _site(tmp_path / "site", base=base)
    with pytest.raises(build.UsageError) as caught:
        build.load(str(root / "mkdocs.yml"))
    assert f"base.yml:{_line(base, '  featurs: []')}: theme → featurs" in str(caught.value)


@pytest.mark.slow
def test_check_and_build_stop_on_a_wrong_option_of_the_parent(tmp_path):
    base = BASE + "    page_size: nhiều\n"
    root = _site(tmp_path / "site", base=base)
    where = f"base.yml:{_line(base, '    page_size: nhiều')}: plugins → bantin → page_size: phải là một số nguyên"
    for command in ("check", "build"):
        result = run_bantin(root, command)
        assert result.returncode == 2, result.stdout + result.stderr
        assert where in result.stdout + result.stderr
    assert not (root / "site").exists()


@pytest.mark.parametrize(
    "child, base, said",
    [
        (
            "INHERIT: khong-co.yml\n",
            None,
            r"mkdocs\.yml:1: INHERIT: không có tệp 'khong-co\.yml' \(tìm ở .*khong-co\.yml\)\. Cách sửa: ",
        ),
        (
            CHILD,
            "INHERIT: mkdocs.yml\n" + BASE,
            r"base\.yml:1: INHERIT: 'mkdocs\.yml' dẫn ngược về .* \(mkdocs\.yml → base\.yml → mkdocs\.yml\).* Cách sửa: ",
        ),
        ("INHERIT: mkdocs.yml\n", None, r"mkdocs\.yml:1: INHERIT: 'mkdocs\.yml' dẫn ngược về .* Cách sửa: "),
        ("INHERIT: 5\n", None, r"mkdocs\.yml:1: INHERIT: phải là đường dẫn .* không phải một số nguyên \(5\)"),
        ("INHERIT:\n", None, r"mkdocs\.yml:1: INHERIT: phải là đường dẫn .* không được để trống\. Cách sửa: "),
        (CHILD, "- site_name: Tỉnh\n", r"mkdocs\.yml:1: INHERIT: tệp 'base\.yml' không phải tệp cấu hình.* Cách sửa: "),
    ],
)
def test_an_inherit_that_cannot_be_followed(tmp_path, child, base, said):
    root = _site(tmp_path / "site", base=base or BASE, child=child + "site_name: Huyện\n")
    ours, theirs = load_messages(root)
    assert ours == theirs
    assert re.search(said, ours), ours
    assert "Traceback" not in ours and "Inherited" not in ours


@pytest.mark.slow
def test_check_and_build_stop_on_a_cycle(tmp_path):
    root = _site(tmp_path / "site", base="INHERIT: mkdocs.yml\n" + BASE)
    for command in ("check", "build"):
        result = run_bantin(root, command)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "base.yml:1: INHERIT: 'mkdocs.yml' dẫn ngược về" in result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.slow
def test_a_nav_entry_of_the_parent_is_told_at_its_line(tmp_path):
    base = BASE + "nav:\n  - Trang chủ: index.md\n  - Giới thiệu: gioi-thieuu.md\n"
    root = _site(tmp_path / "site", base=base)
    line = _line(base, "  - Giới thiệu: gioi-thieuu.md")
    for command in ("check", "build"):  # check says "base.yml:18: lỗi: ...", build "base.yml:18: ..."
        result = run_bantin(root, command)
        assert result.returncode == 2, result.stdout + result.stderr
        said = re.search(rf"base\.yml:{line}: .*nav → Giới thiệu: không có trang 'gioi-thieuu\.md'", result.stderr)
        assert said, result.stdout + result.stderr


@pytest.mark.slow
def test_the_licence_notice_names_the_parents_line(tmp_path):
    base = BASE + (
        "    editions:\n      enabled: false\n      bulletin:\n        colophon:\n"
        '          licence_number: "05/GP-UBND"\n          licence_date: 2025-07-01\n'
        "          licence_valid_until: 2026-10-31\n"
    )
    root = _site(tmp_path / "site", base=base)
    checked = run_bantin(root, "check", now="2026-10-01T09:00:00")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    line = _line(base, "          licence_valid_until: 2026-10-31")
    assert checked.stdout.startswith(f"base.yml:{line}: Giấy phép: "), checked.stdout
