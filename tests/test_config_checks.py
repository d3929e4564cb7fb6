"""What MkDocs accepts in mkdocs.yml without a word but the editor did not mean is refused at its
line, in Vietnamese, by build and check alike (exit code 2, as every configuration error):
a key under theme: the theme does not read, a key written twice, an empty plugin option."""

from __future__ import annotations

from conftest import MKDOCS_YML, THEME, make_site, news, run_bantin

BASE = MKDOCS_YML.format(theme=THEME)


def _refused(tmp_path, config: str, *said: str) -> None:
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài A")}, config=config)
    for command in ("build", "check"):
        result = run_bantin(root, command, env={"BANTIN_CACHE_DIR": str(tmp_path / "cache")})
        output = result.stdout + result.stderr
        assert result.returncode == 2, (command, output)
        for text in said:
            assert text in output, (command, text, output)
        assert "Traceback" not in output
    assert not (root / "site").exists()


def test_an_unknown_key_under_theme(tmp_path):
    config = BASE.replace("  font: false\n", "  font: false\n  featurs:\n    - navigation.tabs\n")
    line = config.splitlines().index("  featurs:") + 1
    _refused(tmp_path, config, f"mkdocs.yml:{line}: theme → featurs:", "'features'")


def test_keys_the_theme_reads_are_accepted(tmp_path):
    """Material reads palette and logo without declaring them in its mkdocs_theme.yml."""
    config = BASE.replace(
        "  font: false\n", "  font: false\n  features:\n    - navigation.tabs\n  palette:\n    primary: pink\n"
    )
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài A")}, config=config)
    result = run_bantin(root, "check", env={"BANTIN_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_key_written_twice(tmp_path):
    config = BASE.replace("site_name: Trang thử nghiệm\n", "site_name: Trang thử nghiệm\nsite_name: Trang hai\n")
    _refused(tmp_path, config, "mkdocs.yml:2: khóa 'site_name' được viết hai lần (lần đầu ở dòng 1)")


def test_an_empty_plugin_option(tmp_path):
    config = BASE + "      page_size:\n"
    line = len(config.splitlines())
    _refused(tmp_path, config, f"mkdocs.yml:{line}: plugins → bantin → page_size: đang để trống", "mặc định là 10")


def test_a_theme_without_the_projects_templates(tmp_path):
    """``theme: material`` on one line (custom_dir lost): check called it valid and the build
    ended in "lỗi không mong đợi (TemplateNotFound: 'bantin/article.html' …)"."""
    config = BASE.replace(
        f"theme:\n  name: material\n  custom_dir: {THEME}\n  language: vi\n  font: false\n", "theme: material\n"
    )
    line = config.splitlines().index("theme: material") + 1
    _refused(tmp_path, config, f"mkdocs.yml:{line}: theme:", "custom_dir: theme")


def test_a_language_the_theme_does_not_have(tmp_path):
    """``language: xx``: the build ended in "lỗi không mong đợi (TemplateNotFound:
    'partials/languages/xx.html' …)" while check called it valid."""
    config = BASE.replace("  language: vi\n", "  language: xx\n")
    line = config.splitlines().index("  language: xx") + 1
    _refused(tmp_path, config, f"mkdocs.yml:{line}: theme → language: giao diện không có ngôn ngữ 'xx'", "'vi'")


def test_a_palette_that_is_not_a_list_of_settings(tmp_path):
    """``palette: 5``: the build ended in "lỗi không mong đợi (TypeError: 'int' object is not
    iterable)" while check called it valid."""
    config = BASE.replace("  font: false\n", "  font: false\n  palette: 5\n")
    line = config.splitlines().index("  palette: 5") + 1
    _refused(tmp_path, config, f"mkdocs.yml:{line}: theme → palette:")


def test_a_markdown_extension_that_is_not_installed(tmp_path):
    """The message named the Python exception in English ("ModuleNotFoundError: No module named
    'khongco'"); it says in Vietnamese that no extension has that name."""
    config = BASE + "markdown_extensions:\n  - khongco\n"
    line = config.splitlines().index("  - khongco") + 1
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài A")}, config=config)
    for command in ("build", "check"):
        result = run_bantin(root, command, env={"BANTIN_CACHE_DIR": str(tmp_path / "cache")})
        output = result.stdout + result.stderr
        assert result.returncode == 2, output
        assert f"mkdocs.yml:{line}: markdown_extensions: không có phần mở rộng Markdown tên 'khongco'" in output
        assert "Error" not in output and "No module" not in output, output


def test_characters_no_page_or_feed_can_hold_written_as_escapes(tmp_path):
    """``"\\f"``, ``"\\ud800"``, ``"\\uFFFF"`` in double quotes in mkdocs.yml: check called the
    configuration valid and the build ended in "lỗi không mong đợi (ValueError: All strings must
    be XML compatible / UnicodeEncodeError …)". Refused at the value's line."""
    config = (
        BASE.replace("site_name: Trang thử nghiệm", 'site_name: "Trang\\f thử\\uffff"') + 'copyright: "Hội\\ud800"\n'
    )
    line = len(config.splitlines())
    _refused(
        tmp_path,
        config,
        "mkdocs.yml:1: site_name: có ký tự vô hình U+000C, U+FFFF",
        f"mkdocs.yml:{line}: copyright: có ký tự vô hình U+D800",
    )
