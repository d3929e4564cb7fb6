"""Does a change need the product's test suite, or only the editors' checks? (CI's first job)

Usage: ``python3 .ci/changed.py BASE [HEAD]`` in a clone with both commits. Prints why, and
writes ``code=true`` or ``code=false`` to ``$GITHUB_OUTPUT`` when that variable is set (else to
stdout). Standard library only: it runs before anything is installed.

The rule (README, "Quy trình tự động trên GitHub"):

- Editors' files are everything under ``content/``, the Word documents staff upload into
  ``nhap/`` (imported by .github/workflows/nhap.yml) and the bot's record ``crosspost/``, and in
  ``mkdocs.yml`` the lines of the top-level keys in :data:`EDITOR_KEYS` and of the ``bantin``
  plugin's options (``plugins: - bantin: ...``): the values an editor sets, which ``bantin
  check`` and ``bantin build`` validate, in Vietnamese, on their own.
- Any other file, or any other line of mkdocs.yml (theme, Markdown extensions, other plugins,
  site_url, docs_dir ...), is the developers': ``code=true``, the full suite runs before
  anything is deployed.
- BASE unknown (a new branch, a force-push, an empty value): ``code=true``, to be safe.

The diff is ``BASE...HEAD`` (from their merge base), the changes HEAD brings.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

EDITOR_FOLDERS = ("content/", "nhap/", "crosspost/")
EDITOR_KEYS = frozenset({"site_name", "site_description", "site_author", "copyright", "nav", "extra"})
"""Top-level keys of mkdocs.yml whose values are the editors' (texts, the menu, extra values)."""
EDITOR_PLUGIN = "bantin"
"""The plugin whose options (organisation, issuer, sharing, editions ...) the editors set."""

_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:")
_ITEM = re.compile(r"-\s+([\w./-]+)")
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", re.M)


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], capture_output=True, text=True)


def owners(text: str) -> list[str]:
    """For each line of a mkdocs.yml, who owns it: "editor" or the name of what it configures."""
    result, top, plugin, item_indent, last = [], "", "", None, "editor"
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            result.append(last)  # a blank line or comment belongs with the block it is in
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 0 and not (top == "plugins" and stripped.startswith("-")):  # YAML lets a list sit at 0
            key = _KEY.match(line)
            top, plugin, item_indent = (key.group(1) if key else line), "", None
        elif top == "plugins":
            item = _ITEM.match(stripped)
            if item and (item_indent is None or indent <= item_indent):
                item_indent, plugin = indent, item.group(1)
        if top in EDITOR_KEYS or (top == "plugins" and plugin == EDITOR_PLUGIN):
            last = "editor"
        else:
            last = f"mkdocs.yml: {top}" + (f" → {plugin}" if plugin else "")
        result.append(last)
    return result


def mkdocs_yml_owners(base: str, head: str) -> set[str]:
    """Owners of the lines of mkdocs.yml that differ between ``base`` and ``head``."""
    old = git("show", f"{base}:mkdocs.yml").stdout
    new = git("show", f"{head}:mkdocs.yml").stdout
    diff = git("diff", "-U0", f"{base}...{head}", "--", "mkdocs.yml").stdout
    old_owners, new_owners, found = owners(old), owners(new), set()
    for match in _HUNK.finditer(diff):
        start_old, count_old = int(match.group(1)), int(match.group(2) or 1)
        start_new, count_new = int(match.group(3)), int(match.group(4) or 1)
        for number in range(start_old, start_old + count_old):
            found.add(old_owners[number - 1] if number <= len(old_owners) else "mkdocs.yml")
        for number in range(start_new, start_new + count_new):
            found.add(new_owners[number - 1] if number <= len(new_owners) else "mkdocs.yml")
    return found


def developers_files(base: str, head: str) -> list[str] | None:
    """What in ``base...head`` is not the editors' (empty: editors' only); None: BASE unknown."""
    if not base.strip("0") or git("cat-file", "-e", f"{base}^{{commit}}").returncode != 0:
        return None
    # Names as written (git quotes a name with letters such as "à" unless told not to, and a
    # quoted name would not start with its folder): "content/tin-tuc/Ảnh.jpg" is an editor's.
    names = git("-c", "core.quotePath=false", "diff", "--name-only", "--no-renames", f"{base}...{head}")
    if names.returncode != 0:
        return None
    found = []
    for name in names.stdout.splitlines():
        if name.startswith(EDITOR_FOLDERS):
            continue
        if name == "mkdocs.yml":
            found += sorted(owner for owner in mkdocs_yml_owners(base, head) if owner != "editor")
            continue
        found.append(name)
    return found


def main(argv: list[str]) -> int:
    if not 2 <= len(argv) <= 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    base, head = argv[1], argv[2] if len(argv) == 3 else "HEAD"
    found = developers_files(base, head)
    if found is None:
        print(f"Không so sánh được với '{base}' (nhánh mới hoặc lịch sử bị viết lại): chạy đủ bộ kiểm thử.")
    elif found:
        shown = ", ".join(found[:10]) + (f" và {len(found) - 10} tệp khác" if len(found) > 10 else "")
        print(f"Có thay đổi ngoài nội dung ({shown}): chạy đủ bộ kiểm thử trước khi xuất bản.")
    else:
        print("Chỉ nội dung của biên tập viên thay đổi: kiểm tra nội dung, dựng và xuất bản, không chờ bộ kiểm thử.")
    line = f"code={'false' if found == [] else 'true'}\n"
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as handle:
            handle.write(line)
    else:
        sys.stdout.write(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
