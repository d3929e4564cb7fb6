"""The editors' guide (HUONG-DAN.md) cannot drift from the code: every problem message the
builder can print is explained in it (and it explains no message that no longer exists), every
front matter key and command option is in it, its example files pass ``bantin check``, and its
table of contents reaches its headings as GitHub renders them."""

from __future__ import annotations

import ast
import io
import re

from PIL import Image

from builder.cli import _parser
from builder.content import schema
from conftest import ROOT, UNION, make_site
from editor_helpers import bantin

GUIDE = ROOT / "HUONG-DAN.md"
TEXT = GUIDE.read_text(encoding="utf-8")


def _template(node: ast.AST, functions: dict) -> list[str]:
    """The message a call builds, with "…" for every part computed at run time."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        text = "".join(part.value if isinstance(part, ast.Constant) else "…" for part in node.values)
        return [re.sub("…+", "…", text)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in functions:
        returns = [n.value for n in ast.walk(functions[node.func.id]) if isinstance(n, ast.Return) and n.value]
        return [t for value in returns for t in _template(value, functions)]
    if isinstance(node, ast.Attribute) and node.attr == "message":
        return []  # a FieldError's or Problem's message, collected where it is made
    raise AssertionError(f"a message the guide test cannot read: {ast.unparse(node)}")


def code_messages() -> set[str]:
    """Every problem message of builder/: the 3rd argument of ``errors.add(...)`` and the 1st
    of ``FieldError(...)``, ``FormError(...)`` (a signature form, wrapped in a FieldError),
    ``Problem(...)``, ``NotAContentFile(...)`` and ``VideoError(...)``."""
    found = set()
    for path in sorted((ROOT / "builder").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.Attribute) and node.func.attr == "add" and len(node.args) >= 3:
                found.update(_template(node.args[2], functions))
            elif (
                _name(node.func) in ("FieldError", "FormError", "Problem", "NotAContentFile", "VideoError")
                and node.args
            ):
                found.update(_template(node.args[0], functions))
    return found


def _name(func: ast.AST) -> str:
    """``FieldError`` for ``FieldError(...)`` and for ``fields.FieldError(...)``."""
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def guide_messages() -> set[str]:
    section = TEXT.split("### Các thông báo lỗi", 1)[1].split("### Các thông báo khác", 1)[0]
    return {m.group(1) for m in re.finditer(r"^\| `([^`]+)` \|", section, re.MULTILINE)}


def test_the_readme_links_the_guide():
    assert "(HUONG-DAN.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_message_of_the_code_is_explained_and_no_other():
    in_code, in_guide = code_messages(), guide_messages()
    assert len(in_code) >= 40
    assert in_code - in_guide == set(), "messages missing from HUONG-DAN.md"
    assert in_guide - in_code == set(), "messages in HUONG-DAN.md that the code no longer prints"


def test_the_message_reader_sees_a_new_message():
    """The drift test can fail: a message added to the code is found."""
    module = ROOT / "builder/content/reader.py"
    tree = ast.parse(module.read_text(encoding="utf-8") + "\nerrors.add('x', 1, f'Lỗi mới {x}.')\n")
    functions = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "add"]
    found = {t for c in calls if len(c.args) >= 3 for t in _template(c.args[2], functions)}
    assert "Lỗi mới …." in found and "Tên tệp '…' dành riêng cho trang do hệ thống tự tạo." in found


def test_every_front_matter_key_and_command_option_is_in_the_guide():
    keys = {key for keys in schema.SCHEMAS.values() for key in keys} | schema.PASSTHROUGH
    assert {key for key in keys if f"`{key}`" not in TEXT} == set()
    commands = _parser()._subparsers._group_actions[0].choices
    for name in ("new", "check"):
        options = {o for action in commands[name]._actions for o in action.option_strings if o.startswith("--")}
        assert {o for o in options - {"--help"} if f"`{o}" not in TEXT and f" {o}" not in TEXT} == set(), name
    for kind in ("news", "issue", "issue-article", "column", "document"):
        assert f"| `{kind}` (hoặc" in TEXT
    assert "bantin import" in TEXT and "--format github" in TEXT


def _picture() -> bytes:
    """A real JPEG, of a share photo's size: check reports a file that is not a picture."""
    out = io.BytesIO()
    Image.new("RGB", (800, 450), (90, 140, 200)).save(out, "JPEG")
    return out.getvalue()


def test_the_guide_examples_pass_check(tmp_path, capsys):
    examples = re.findall(r"<!-- ví dụ: (\S+) -->\n```markdown\n(.*?)```", TEXT, re.DOTALL)
    assert {path.split("/")[0] for path, _ in examples} == {"tin-tuc", "ban-tin", "phu-nu-va-cuoc-song", "van-ban"}
    files = dict(examples)
    others = {".mp4": b"\0\0\0\x08free", ".vtt": b"WEBVTT\n"}  # a video's files (HUONG-DAN.md 5.1)
    for name in set(re.findall(r"[\w-]+\.(?:jpg|png|mp4|vtt)", "".join(files.values()))):
        for path in list(examples):
            data = others.get(name[-4:]) or _picture()
            files.setdefault(f"{path[0].rsplit('/', 1)[0]}/{name}", data)  # pictures and files the examples name
    files["_data/ngay-ky-niem.yml"] = (
        UNION / "content" / "_data" / "ngay-ky-niem.yml"
    ).read_bytes()  # the union's calendar
    make_site(tmp_path, files)

    ran = bantin(tmp_path, "check", capsys=capsys)

    assert ran.err == "" and ran.code == 0


def test_the_table_of_contents_reaches_every_section_as_github_renders_anchors():
    def github_anchor(heading: str) -> str:
        return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")

    outside_code = re.sub(r"```.*?```", "", TEXT, flags=re.DOTALL)
    anchors = {github_anchor(h) for h in re.findall(r"^#{2,3} (.+)$", outside_code, re.MULTILINE)}
    links = re.findall(r"\]\(#([^)]+)\)", TEXT)
    assert len(links) >= 9 and set(links) <= anchors
