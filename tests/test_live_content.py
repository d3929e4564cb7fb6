"""The editors' own ``content/`` and ``mkdocs.yml``, checked the way an editor's change is checked.

This is the ONE test that reads the repository's live content; every other test uses the frozen
fixture ``tests/fixtures/sites/union`` (conftest.UNION). Editors change that content every week,
so this test asserts nothing about its counts, titles or text: only that ``bantin check`` and
``bantin build`` accept it. It works on a copy: the repository's ``site/`` and ``.cache/`` are
not touched.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, run_bantin, with_our_theme

pytestmark = pytest.mark.slow  # a whole build of the live content (make test runs it)


def test_the_live_content_checks_and_builds(tmp_path):
    # The intended exception to "no test reads the live content/" (see the module docstring).
    shutil.copytree(ROOT / "content", tmp_path / "content")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(with_our_theme(config), encoding="utf-8")
    # now="": no BANTIN_NOW, the clock, as the deployed build runs (what is due is published).
    for command in ("check", "build"):
        result = run_bantin(tmp_path, command, now="")
        assert result.returncode == 0, f"bantin {command}:\n{result.stdout}{result.stderr}"
    assert (tmp_path / "site" / "index.html").is_file()
