"""Build one site with MkDocs and with ProperDocs and compare the two ``site/`` byte for byte.

Usage: ``python bench/engine_compare.py [SITE_FOLDER] [--keep DIR]`` (``make engine-compare``;
CI's ``engine`` job). SITE_FOLDER defaults to ``tests/fixtures/sites/union``; it is copied twice
into a temporary folder (its ``custom_dir: theme`` pointed at this repository's ``theme/``), each
copy built by ``bantin build`` with ``BANTIN_ENGINE=mkdocs`` and ``BANTIN_ENGINE=properdocs``
(:func:`builder.mkdocs_plugin.engine.select_engine`), the same ``BANTIN_NOW`` and its own
cache. ProperDocs must be installed in the same environment (``pip install -r
requirements/engine-check.txt``, the ``engine-check`` extra).

Exit code 0 and "giống hệt nhau" when every file is the same; 1 and the list of differing files
(with the first differing line of each text file) otherwise; 2 when a build fails.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-12-01T08:00"


def build(site: Path, dest: Path, engine: str) -> None:
    """Copy ``site`` to ``dest`` and build it there with ``engine`` (exit 2 on failure)."""
    shutil.copytree(site, dest)
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        re.sub(r"(?m)^(\s*custom_dir:\s*)theme[ \t]*$", lambda m: f"{m[1]}{ROOT / 'theme'}", text), encoding="utf-8"
    )
    env = {
        **os.environ,
        "BANTIN_ENGINE": engine,
        "BANTIN_NOW": NOW,
        "NO_MKDOCS_2_WARNING": "1",
        "BANTIN_CACHE_DIR": str(dest.parent / f"cache-{engine}"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "builder.cli", "build"], cwd=dest, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        print(f"{engine}: bantin build thất bại:\n{done.stdout}{done.stderr}", file=sys.stderr)
        raise SystemExit(2)


def differences(left: Path, right: Path) -> list[str]:
    """Paths (relative) that exist on one side only or differ in bytes, each with a hint."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        for name in cmp.left_only:
            found.append(f"{prefix}{name}: chỉ có khi dựng bằng MkDocs")
        for name in cmp.right_only:
            found.append(f"{prefix}{name}: chỉ có khi dựng bằng ProperDocs")
        for name in cmp.diff_files + cmp.funny_files:
            found.append(f"{prefix}{name}: khác nhau{_first_line(Path(cmp.left) / name, Path(cmp.right) / name)}")
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    filecmp.clear_cache()
    walk(filecmp.dircmp(left, right, ignore=[]), "")
    return found


def _first_line(a: Path, b: Path) -> str:
    try:
        for x, y in zip(a.read_text(encoding="utf-8").splitlines(), b.read_text(encoding="utf-8").splitlines()):
            if x != y:
                return f"\n    MkDocs:     {x.strip()[:160]}\n    ProperDocs: {y.strip()[:160]}"
    except (UnicodeDecodeError, OSError):
        pass
    return " (nhị phân)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "tests/fixtures/sites/union"))
    parser.add_argument("--keep", help="build into this folder (kept) instead of a temporary one")
    args = parser.parse_args(argv)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="engine-compare-"))
    try:
        for engine in ("mkdocs", "properdocs"):
            build(Path(args.site), work / engine, engine)
        found = differences(work / "mkdocs" / "site", work / "properdocs" / "site")
        files = sum(1 for p in (work / "mkdocs" / "site").rglob("*") if p.is_file())
        if found:
            print(f"{len(found)} tệp khác nhau (trên {files}):\n" + "\n".join(found))
            return 1
        print(f"MkDocs và ProperDocs dựng ra {files} tệp giống hệt nhau.")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
