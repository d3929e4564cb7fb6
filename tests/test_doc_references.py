"""The notes the code cites are in the repository, and every cited section exists.

Code, tests, theme and docs cite the domain and library notes as ``docs/domain.md §1.2`` or
``docs/pitfalls.md §3.1`` (the headings of those notes carry the numbers). This test fails
when a citation names a note outside the repository (the research notes the project started
from lived in a sibling folder nobody else has), a file of ``docs/`` that does not exist, or a
section number no heading of that file carries; and when a Markdown link between the notes
points to an anchor that no heading makes.

The editors' files (``content/``, the site's ``mkdocs.yml``) are not read: they are theirs.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

SCANNED = ("builder", "tests", "theme", "bench", "docs", ".github", ".ci", "crosspost")
"""Folders whose text files may cite notes (``content/`` folders inside them are skipped)."""
TOP_FILES = ("README.md", "HUONG-DAN.md", "ARCHITECTURE.md", "pyproject.toml", "Makefile")
SUFFIXES = {".py", ".md", ".toml", ".yml", ".yaml", ".css", ".html", ".js", ".txt", ".json", ""}

# A note named without a folder in capitals, or a path leaving the repository: the old,
# external research notes.
_OUTSIDE = re.compile(r"(?<![\w/.-])(?:DOMAIN|PITFALLS)\.md|\.\./shared/|/work/share[d]/")
_CITATION = re.compile(r"docs/([\w-]+\.md)\s*§\s*(\d+(?:\.\d+)*)")
_HEADING = re.compile(r"^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s+(.*)$", re.MULTILINE)
_LINK = re.compile(r"\]\(([\w-]+\.md)#([^)\s]+)\)")


def sections(note: Path) -> set[str]:
    """The section numbers the headings of ``note`` carry ("1", "1.2", ...)."""
    return {number for number, _ in _HEADING.findall(note.read_text(encoding="utf-8"))}


def anchors(note: Path) -> set[str]:
    """The anchors GitHub makes of ``note``'s headings: lower case, punctuation dropped, spaces
    to hyphens (the notes keep headings in ASCII so that these stay predictable)."""
    found = set()
    for line in note.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            text = line.lstrip("#").strip().lower()
            found.add(re.sub(r"[^\w\- ]", "", text).replace(" ", "-"))
    return found


def scanned_files(root: Path):
    """Text files of ``root`` that may cite notes: :data:`SCANNED` folders and :data:`TOP_FILES`."""
    for name in TOP_FILES:
        if (root / name).is_file():
            yield root / name
    for folder in SCANNED:
        for path in sorted((root / folder).rglob("*")):
            parts = path.relative_to(root).parts
            if "content" in parts or "__pycache__" in parts or not path.is_file() or path.suffix not in SUFFIXES:
                continue
            yield path


def problems(root: Path) -> list[str]:
    """Every bad citation under ``root``, as "path:line: what is wrong"."""
    found = []
    for path in scanned_files(root):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        shown = path.relative_to(root)
        if path == Path(__file__).resolve():
            continue  # its own examples of bad citations
        for number, line in enumerate(text.splitlines(), 1):
            for match in _OUTSIDE.finditer(line):
                found.append(f"{shown}:{number}: cites {match.group(0)!r}, which is not in the repository")
            for name, section in _CITATION.findall(line):
                note = root / "docs" / name
                if not note.is_file():
                    found.append(f"{shown}:{number}: cites docs/{name}, which does not exist")
                elif section not in sections(note):
                    found.append(f"{shown}:{number}: cites docs/{name} §{section}, which has no such section")
        if path.parent == root / "docs" and path.suffix == ".md":
            for name, anchor in _LINK.findall(text):
                target = root / "docs" / name
                if not target.is_file() or anchor not in anchors(target):
                    found.append(f"{shown}: links {name}#{anchor}, which no heading makes")
    return found


def test_every_cited_note_and_section_exists():
    assert problems(ROOT) == []


def test_the_notes_have_the_sections_the_code_cites():
    """The two notes exist with numbered sections (a guard against the scan finding nothing)."""
    assert {"1.2", "2.1", "3"} <= sections(ROOT / "docs" / "domain.md")
    assert {"1.3", "3.1", "7.1"} <= sections(ROOT / "docs" / "pitfalls.md")


def test_a_bad_citation_is_named(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "domain.md").write_text("# Notes\n\n## 1. Documents\n\n### 1.2 Numbers\n", encoding="utf-8")
    (tmp_path / "builder").mkdir()
    cite = "docs/"  # split, so that this file does not cite them itself
    (tmp_path / "builder" / "a.py").write_text(
        f'"""Numbers ({cite}domain.md §1.2)."""\n'
        f"# Dates ({cite}domain.md §1.3)\n"
        f"# Slugs ({cite}slugs.md §1)\n"
        "# Old (" + "DOMAIN" + ".md 2.1)\n",
        encoding="utf-8",
    )
    (tmp_path / "content").mkdir()  # the editors' files are not read
    (tmp_path / "content" / "b.md").write_text("Nguồn: ../" + "shared/" + "DOMAIN" + ".md\n", encoding="utf-8")
    assert problems(tmp_path) == [
        "builder/a.py:2: cites docs/domain.md §1.3, which has no such section",
        "builder/a.py:3: cites docs/slugs.md, which does not exist",
        "builder/a.py:4: cites 'DOMAIN.md', which is not in the repository",
    ]


# --- ARCHITECTURE.md names code that exists ---------------------------------------------

_DOTTED = re.compile(r"`([A-Za-z_][\w.]*\.[A-Za-z_]\w*)(?:\(\))?`")
_FILE_ATTRIBUTE = re.compile(r"`((?:builder/)?[\w/]+\.py):([\w.]+)`")
_NOT_CODE = (".py", ".sqlite", ".yml", ".toml", ".json", ".md")
_MKDOCS_OBJECTS = ("config", "page", "file", "nav", "env")
"""First words of names that are MkDocs' objects in ARCHITECTURE.md's private-API table
(``page.active``), not modules of bantin."""


def _modules() -> dict[str, list[str]]:
    """Every module of builder/ as its dotted name split in parts (``builder.outputs.pdf``)."""
    import pkgutil

    import builder

    names = ["builder"] + [m.name for m in pkgutil.walk_packages(builder.__path__, "builder.")]
    return {name: name.split(".") for name in names}


def _resolve(module: str, attributes: list[str]) -> bool:
    import importlib

    value = importlib.import_module(module)
    for name in attributes:
        if not hasattr(value, name):
            return False
        value = getattr(value, name)
    return True


def unresolved_names(text: str) -> list[str]:
    """Names in ``text`` (a Markdown file) that look like bantin's code and do not exist:
    ``outputs.images.start_processing`` (any tail of a module's dotted name, then attributes)
    and ``mkdocs_plugin/stored_pages.py:_install`` (a file under the root or builder/, then
    attributes). Names whose first part is no module of bantin (MkDocs', the standard
    library's) are not checked."""
    modules, missing = _modules(), []
    for token in sorted(set(_DOTTED.findall(text))):
        parts = token.split(".")
        if token.endswith(_NOT_CODE) or parts[0] in _MKDOCS_OBJECTS:
            continue
        matches = [
            (name, k) for name, split in modules.items() for k in range(1, len(parts) + 1) if split[-k:] == parts[:k]
        ]
        if not matches:
            continue
        longest = max(k for _, k in matches)  # `sharing.X`: either sharing module may hold X
        if not any(_resolve(name, parts[k:]) for name, k in matches if k == longest):
            missing.append(token)
    for path, attributes in _FILE_ATTRIBUTE.findall(text):
        relative = path if path.startswith("builder/") else f"builder/{path}"
        if not (ROOT / relative).is_file():
            missing.append(f"{path}:{attributes}")
            continue
        module = relative[:-3].replace("/", ".")
        if not _resolve(module, attributes.split(".")):
            missing.append(f"{path}:{attributes}")
    return missing


def test_architecture_names_only_code_that_exists():
    """ARCHITECTURE.md stays true to the code as modules and functions move: a name it gives
    (``freshness.fresh``, ``outputs/pdf_columns.py:enable``) must still be there."""
    assert unresolved_names((ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")) == []


def test_a_moved_function_is_named():
    text = "Stage `outputs.images.start_processing`, then `outputs.images.gone`; `mkdocs_plugin/plugin.py:_missing`."
    assert unresolved_names(text) == ["outputs.images.gone", "mkdocs_plugin/plugin.py:_missing"]
