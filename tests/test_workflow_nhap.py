"""The Word-import workflow (.github/workflows/nhap.yml): what may start it and with which token,
and its steps' own scripts run here, in order, against real git repositories in tmp_path (a bare
repository plays GitHub's; `gh`, which only GitHub can answer, is a script that records what it
was asked and answers "no open pull request" or "#7")."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, bantin_env
from test_import import NOW, real_config_site
from test_import_inbox import PAGE, article

WORKFLOW = ROOT / ".github" / "workflows" / "nhap.yml"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def test_only_pushes_to_this_repository_start_it_with_a_write_token():
    data = workflow()
    assert set(data["on"]) == {"push"}  # no pull_request(_target): a fork's document never meets a write token
    assert data["permissions"] == {}
    job = data["jobs"]["import"]
    assert job["if"] == "${{ !github.event.repository.fork }}"
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert data["concurrency"] == {"group": "nhap-${{ github.ref }}", "cancel-in-progress": False}
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "secrets." not in text and text.count("github.token") == 1
    # Nothing the uploader controls (branch name) is pasted into a script: it arrives as a variable.
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
    uses = [s["uses"] for s in job["steps"] if "uses" in s]
    assert all(re.fullmatch(r"actions/[a-z-]+@v\d+", u) for u in uses), uses


def test_it_runs_the_import_command_installed_from_the_lock():
    runs = [s.get("run", "") for s in workflow()["jobs"]["import"]["steps"]]
    assert any("make .venv/.installed-site" in r for r in runs) and not any("pip install" in r for r in runs)
    assert any(".venv/bin/bantin import-inbox >" in r for r in runs)


# --- the steps' scripts, run here -----------------------------------------------------------


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, check=True, capture_output=True, text=True
    ).stdout


FAKE_GH = """#!/bin/sh
echo "$@" >> "$GH_LOG"
case "$*" in
  "pr list"*) echo "$GH_OPEN_PR" ;;
  "pr create"*|"pr comment"*) shift; while [ $# -gt 0 ]; do
      [ "$1" = --body-file ] && cp "$2" "$GH_LOG.body"; shift; done ;;
esac
"""


@pytest.fixture
def github(tmp_path):
    """A bare repository "on GitHub" whose main has the union's site, and a `gh` on PATH."""
    seed = real_config_site(tmp_path / "seed", {"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nx\n"})
    git(seed, "init", "-q", "-b", "main")
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "site")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(seed), str(origin))
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "gh").write_text(FAKE_GH, encoding="utf-8")
    (tools / "gh").chmod(0o755)
    return origin


def upload(origin: Path, tmp_path: Path, branch: str) -> None:
    """What "Add file → Upload files" into nhap/ does: one commit on ``branch`` with the document."""
    staff = tmp_path / "staff"
    git(tmp_path, "clone", "-q", str(origin), str(staff))
    if branch != "main":
        git(staff, "checkout", "-q", "-b", branch)
    (staff / "nhap").mkdir()
    article(staff / "nhap" / "Hội thi.docx")
    git(staff, "add", "-A")
    git(staff, "commit", "-q", "-m", "Upload files")
    git(staff, "push", "-q", "origin", branch)


def run_workflow(origin: Path, tmp_path: Path, branch: str, open_pr: str = "", fails: str = "") -> tuple[Path, str]:
    """Check out ``branch`` as actions/checkout does, then run the job's scripts in order with
    the values GitHub would give their ``${{ }}`` expressions; every step must succeed except
    the one named ``fails``, which must fail. Returns the checkout and gh's log."""
    work = tmp_path / "runner"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", branch, f"file://{origin}", str(work))
    (work / ".venv").symlink_to(ROOT / ".venv")  # what `make .venv/.installed-site` made
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    log = tmp_path / "gh.log"
    values = {
        "steps.now.outputs.now": NOW,
        "github.token": "t",
        "github.ref_name": branch,
        "github.event.repository.default_branch": "main",
        "github.run_id": "123",
    }
    outputs: dict[str, str] = {}
    for step in workflow()["jobs"]["import"]["steps"]:
        if "run" not in step or "make " in step["run"]:
            continue
        env = {}
        for key, value in step.get("env", {}).items():
            expression = re.fullmatch(r"\$\{\{ (.+) \}\}", value).group(1)
            env[key] = outputs.get(expression) or values[expression]
        output = temp / "output"
        output.write_text("", encoding="utf-8")
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=work,
            env={
                **bantin_env(NOW),
                **GIT_ENV,
                **env,
                "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}",
                "GITHUB_OUTPUT": str(output),
                "GITHUB_STEP_SUMMARY": str(temp / "summary"),
                "RUNNER_TEMP": str(temp),
                "GH_LOG": str(log),
                "GH_OPEN_PR": open_pr,
            },
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert (result.returncode != 0) == (step.get("name") == fails), (step.get("name"), result.stdout, result.stderr)
        for line in output.read_text(encoding="utf-8").splitlines():
            key, value = line.split("=", 1)
            outputs[f"steps.{step['id']}.outputs.{key}"] = value
    return work, log.read_text(encoding="utf-8") if log.exists() else ""


def files_on(origin: Path, ref: str) -> set[str]:
    return set(git(origin, "-c", "core.quotePath=false", "ls-tree", "-r", "--name-only", ref).splitlines())


def test_an_upload_to_a_branch_is_committed_there_and_gets_a_pull_request(github, tmp_path):
    upload(github, tmp_path, "bai-hoi-thi")
    _, log = run_workflow(github, tmp_path, "bai-hoi-thi")
    files = files_on(github, "bai-hoi-thi")
    assert PAGE in files and "nhap/Hội thi.docx" not in files
    assert git(github, "log", "-1", "--format=%s", "bai-hoi-thi").strip() == (
        "Nhập tệp Word từ nhap/ thành bài nháp (bantin import-inbox)"
    )
    assert log.splitlines()[-1].startswith("pr create --base main --head bai-hoi-thi --title Bài nhập từ tệp Word")
    body = Path(f"{tmp_path / 'gh.log'}.body").read_text(encoding="utf-8")
    assert body.startswith("## Nhập tệp Word từ thư mục `nhap/`") and PAGE in body


def test_an_upload_to_a_branch_with_a_pull_request_gets_a_comment(github, tmp_path):
    upload(github, tmp_path, "bai-hoi-thi")
    _, log = run_workflow(github, tmp_path, "bai-hoi-thi", open_pr="7")
    assert log.splitlines()[-1].startswith("pr comment 7 --body-file ")
    assert PAGE in files_on(github, "bai-hoi-thi")


def test_an_upload_to_main_goes_to_a_new_branch_not_to_main(github, tmp_path):
    upload(github, tmp_path, "main")
    _, log = run_workflow(github, tmp_path, "main")
    assert "nhap/Hội thi.docx" in files_on(github, "main") and PAGE not in files_on(github, "main")
    files = files_on(github, "nhap-word/123")
    assert PAGE in files and "nhap/Hội thi.docx" not in files
    assert log.splitlines() and log.splitlines()[-1].startswith("pr create --base main --head nhap-word/123 ")


def test_a_push_without_a_document_does_nothing(github, tmp_path):
    before = git(github, "rev-parse", "main")
    _, log = run_workflow(github, tmp_path, "main")
    assert git(github, "rev-parse", "main") == before and set(git(github, "branch", "--list").split()) == {"*", "main"}
    assert log == ""


def test_a_broken_document_stays_and_the_pull_request_says_why(github, tmp_path):
    staff = tmp_path / "staff"
    git(tmp_path, "clone", "-q", str(github), str(staff))
    git(staff, "checkout", "-q", "-b", "bai-hong")
    (staff / "nhap").mkdir()
    (staff / "nhap" / "hong.docx").write_bytes(b"khong phai zip")
    git(staff, "add", "-A")
    git(staff, "commit", "-q", "-m", "Upload files")
    git(staff, "push", "-q", "origin", "bai-hong")
    before = git(github, "rev-parse", "bai-hong")
    _, log = run_workflow(github, tmp_path, "bai-hong", fails="Kết quả")  # the run is red
    assert git(github, "rev-parse", "bai-hong") == before  # nothing committed
    assert log.splitlines()[-1].startswith("pr create --base main --head bai-hong ")
    body = Path(f"{tmp_path / 'gh.log'}.body").read_text(encoding="utf-8")
    assert "### `nhap/hong.docx`: không nhập được" in body and "Cách sửa: mở tệp bằng Word" in body
