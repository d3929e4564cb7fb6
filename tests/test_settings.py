"""The bantin settings are read without MkDocs (builder.settings), with the messages MkDocs'
loading gives, and ``bantin check`` reads and checks the content before MkDocs is imported."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import MKDOCS_YML, THEME, bantin_env, load_messages, make_site, news

from builder import settings

BASE = MKDOCS_YML.format(theme=THEME)
REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "options",
    [
        "      page_size: nhiều\n",  # a type
        "      home_size: -3\n",  # a rule of the project (Count)
        "      organisaton: Hội\n",  # an unknown key (MkDocs only warns)
        "      contact:\n        phone: 'gọi cho chị Lan'\n",  # a rule in a block (Pattern)
        "      sharing:\n        image: ngoai\n",  # a choice, two levels down
        "      periods:\n        - from: 2025-07-01\n",  # a rule of the project (periods)
        "      identity:\n        emblem: khong-co.svg\n",  # a file relative to mkdocs.yml
        "      page_size:\n",  # an empty option (MkDocs takes the default)
        "      now: 2026-13-01\n",  # a date that does not exist
    ],
)
def test_a_wrong_setting_is_told_as_the_build_tells_it(tmp_path, options):
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài A")}, config=BASE + options)
    ours, theirs = load_messages(root)
    assert ours == theirs
    assert "mkdocs.yml:" in ours and "Traceback" not in ours


def test_defaults_and_now_as_the_plugin_had_them(tmp_path, monkeypatch):
    root = make_site(
        tmp_path / "site",
        {"tin-tuc/a.md": news("Bài A")},
        config=BASE + "      now: 2026-03-08T08:00\n      motto: false\n",
    )
    monkeypatch.delenv("BANTIN_NOW", raising=False)
    found = settings.load(str(root / "mkdocs.yml"))
    assert found.docs_dir == root / "content" and found.site_url == "https://example.org/bantin/"
    defaults = settings.defaults(found)
    assert defaults.issuer.body == "BCH HỘI LHPN TỈNH QUẢNG TRỊ" and defaults.place == "Quảng Trị"
    assert defaults.motto is False
    assert settings.now(found).isoformat() == "2026-03-08T08:00:00+07:00"
    monkeypatch.setenv("BANTIN_NOW", "hôm qua")
    with pytest.raises(settings.UsageError, match="không phải là thời điểm ISO 8601"):
        settings.now(found)


_CHECK = textwrap.dedent("""
    import sys
    from builder import cli
    from builder.editor import check
    links = check._check_links
    def second_phase(*args):  # reached once the content has been read and checked
        print("MkDocs before the links:", "mkdocs" in sys.modules, flush=True)
        return links(*args)
    check._check_links = second_phase
    sys.exit(cli.main(["check"]))
""")


def _check(root: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _CHECK],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={**bantin_env(BANTIN_CACHE_DIR=str(tmp_path / "cache")), "PYTHONPATH": str(REPO)},
    )


def test_check_reads_the_content_without_mkdocs(tmp_path):
    root = make_site(
        tmp_path / "site",
        {"tin-tuc/a.md": news("Bài A"), "tin-tuc/b.md": "---\ntitle: Bài B\n---\nKhông có ngày.\n"},
        config=BASE,
    )
    ran = _check(root, tmp_path)
    assert "MkDocs before the links: False" in ran.stdout, ran.stdout + ran.stderr
    assert ran.returncode == 1 and "content/tin-tuc/b.md" in ran.stderr, ran.stderr
    assert "Traceback" not in ran.stderr


def test_check_tells_a_wrong_setting_as_before(tmp_path):
    config = BASE + "      page_size: nhiều\n"
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài A")}, config=config)
    ran = _check(root, tmp_path)
    line = config.splitlines().index("      page_size: nhiều") + 1
    assert ran.returncode == 2, ran.stdout + ran.stderr
    assert f"mkdocs.yml:{line}: plugins → bantin → page_size: phải là một số nguyên" in ran.stderr
    assert "MkDocs before the links" not in ran.stdout  # stopped before the content
