"""The GitHub workflow: actionlint finds nothing, .ci/changed.py sorts changes into editors'
and developers' (real git repositories in tmp_path), and the rules the README promises the
union's technician hold in .github/workflows/site.yml."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
CHANGED = ROOT / ".ci" / "changed.py"
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}
MKDOCS_YML = """\
site_name: Hội LHPN
site_url: https://example.org/bantin/
theme:
  name: material
  custom_dir: theme
nav:
  - Trang chủ: index.md
plugins:
  - search
  - bantin:
      place: Quảng Trị
      sharing:
        facebook:
          since: 2026-12-01
extra:
  generator: false
"""


def test_actionlint_finds_nothing():
    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run([str(actionlint), "-oneline", "-no-color"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content/index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (tmp_path / "builder").mkdir()
    (tmp_path / "builder/x.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path)
    return tmp_path


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, env=GIT_ENV, check=True, capture_output=True, text=True).stdout


def commit(root: Path) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "x")


def code_after(root: Path, edit, base: str = "HEAD") -> str:
    """``code=`` of .ci/changed.py for the commit made by ``edit(root)``, against ``base``
    (resolved before the commit), as the workflow's output file receives it."""
    base = git(root, "rev-parse", base).strip() if base == "HEAD" else base
    edit(root)
    commit(root)
    output = root / "github_output"
    output.write_text("", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(CHANGED), base, "HEAD"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**GIT_ENV, "GITHUB_OUTPUT": str(output)},
    )
    assert result.returncode == 0, result.stderr
    return output.read_text(encoding="utf-8").strip()


def replace_in(name: str, old: str, new: str):
    def edit(root: Path) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")

    return edit


def add(name: str, text: str = "x\n"):
    def edit(root: Path) -> None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")

    return edit


@pytest.mark.parametrize(
    "edit",
    [
        add("content/tin-tuc/moi.md"),
        add("nhap/Bài mới.docx"),
        add("content/tin-tuc/Ảnh hội thi.jpg"),
        replace_in("content/index.md", "Trang chủ", "Trang chủ của Hội"),
        replace_in(
            "mkdocs.yml", "  - Trang chủ: index.md\n", "  - Trang chủ: index.md\n  - Giới thiệu: gioi-thieu.md\n"
        ),
        replace_in("mkdocs.yml", "site_name: Hội LHPN", "site_name: Hội LHPN tỉnh Quảng Trị"),
        replace_in("mkdocs.yml", "since: 2026-12-01", "since: 2027-01-01"),
        replace_in("mkdocs.yml", "      place: Quảng Trị\n", "      place: Quảng Trị\n      page_size: 12\n"),
        replace_in("mkdocs.yml", "  generator: false\n", "  generator: false\n  analytics: none\n"),
    ],
    ids=[
        "new-article",
        "word-upload",
        "vietnamese-file-name",
        "edited-page",
        "nav",
        "site-name",
        "facebook-since",
        "plugin-option",
        "extra",
    ],
)
def test_editors_changes_do_not_wait_for_the_test_suite(repo, edit):
    assert code_after(repo, edit) == "code=false"


@pytest.mark.parametrize(
    "edit",
    [
        replace_in("builder/x.py", "X = 1", "X = 2"),
        add("tests/test_y.py"),
        add("requirements/site.txt"),
        replace_in("mkdocs.yml", "custom_dir: theme", "custom_dir: theme2"),
        replace_in("mkdocs.yml", "  - search\n", "  - search\n  - tags\n"),
        replace_in("mkdocs.yml", "site_url: https://example.org/bantin/", "site_url: https://example.org/"),
    ],
    ids=["code", "tests", "lock-file", "theme", "other-plugin", "site-url"],
)
def test_developers_changes_run_the_test_suite(repo, edit):
    assert code_after(repo, edit) == "code=true"


def test_content_and_code_together_run_the_test_suite(repo):
    def both(root: Path) -> None:
        add("content/moi.md")(root)
        replace_in("builder/x.py", "X = 1", "X = 3")(root)

    assert code_after(repo, both) == "code=true"


@pytest.mark.parametrize("base", ["0000000000000000000000000000000000000000", "", "deadbeef" * 5])
def test_an_unknown_base_runs_the_test_suite(repo, base):
    assert code_after(repo, add("content/moi.md"), base=base) == "code=true"


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def test_the_facebook_secrets_reach_only_the_posting_step():
    text = WORKFLOW.read_text(encoding="utf-8")
    deploy = workflow()["jobs"]["deploy"]
    posting = [s for s in deploy["steps"] if "crosspost" in s.get("run", "") and "bantin" in s.get("run", "")]
    assert len(posting) == 1 and set(posting[0]["env"]) == {"FACEBOOK_PAGE_ID", "FACEBOOK_PAGE_TOKEN"}
    # Elsewhere only whether the token exists (a boolean), never its value.
    assert text.count("secrets.FACEBOOK_PAGE_TOKEN }}") == 1 and text.count("secrets.") == 3
    assert deploy["env"]["POSTING"] == "${{ secrets.FACEBOOK_PAGE_TOKEN != '' }}"


def test_cross_posting_checks_out_the_commit_that_was_deployed():
    steps = workflow()["jobs"]["deploy"]["steps"]
    checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert [s["with"]["ref"] for s in checkouts] == ["${{ github.sha }}"]


def test_schedule_builds_without_the_suite_and_deploys_one_at_a_time():
    data = workflow()
    jobs = data["jobs"]
    assert "schedule" in data["on"]
    assert "*) " in jobs["plan"]["steps"][-1]["run"] and 'echo "code=false"' in jobs["plan"]["steps"][-1]["run"]
    assert jobs["test"]["if"] == "needs.plan.outputs.code == 'true'"
    assert "needs.test.result == 'skipped'" in jobs["build"]["if"]
    assert jobs["deploy"]["concurrency"] == {"group": "deploy-and-crosspost", "cancel-in-progress": False}
    assert data["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_the_live_content_is_checked_and_built_before_anything_is_shown_or_deployed():
    """No test reads the editors' content/ (issue 18): the workflow checks it, as every editor's
    change is checked, in the pull request's preview and before each deploy."""
    for job in ("preview", "build"):
        runs = [s.get("run", "") for s in workflow()["jobs"][job]["steps"]]
        check = next(i for i, run in enumerate(runs) if "bantin check --format github" in run)
        build = next(i for i, run in enumerate(runs) if "bantin build" in run or "make site" in run)
        assert check < build, job


def test_pull_requests_get_the_summary_the_site_and_screenshots():
    preview = workflow()["jobs"]["preview"]
    runs = " ".join(s.get("run", "") for s in preview["steps"])
    assert 'bantin changes --since "origin/$BASE_REF" --screenshots anh-chup >> "$GITHUB_STEP_SUMMARY"' in runs
    uploads = {s["with"]["name"]: s["with"]["path"] for s in preview["steps"] if "upload-artifact" in s.get("uses", "")}
    assert uploads == {"trang-web": "site/", "anh-chup": "anh-chup/"}


def test_builds_install_from_the_lock_without_test_extras():
    jobs = workflow()["jobs"]
    for name in ("build", "deploy"):
        runs = [s.get("run", "") for s in jobs[name]["steps"]]
        assert any("make .venv/.installed-site" in r for r in runs) and not any("pip install" in r for r in runs)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r $(1)" in makefile and "site: $(SITE_STAMP)" in makefile
    site_lock = (ROOT / "requirements/site.txt").read_text(encoding="utf-8")
    assert "pytest==" not in site_lock and "--hash=sha256:" in site_lock and "mkdocs==" in site_lock
