"""Faster multi-column layout in WeasyPrint 70: each line of a ``columns`` box is broken once.

Why: WeasyPrint lays the content of a multi-column box out several times on each page
(weasyprint/layout/column.py): a first pass at the full height left on the page, one pass per
candidate height while it balances the columns, then the final pass. Every pass breaks every
paragraph into lines again with Pango, although the lines cannot change between passes: all
columns of the box have the same width, and text broken from a given point at a given width
gives the same lines at any height. On the synthetic 16-page two-column bulletin
(bench/editions.py) that is 3,523 lines broken for 882 drawn, most of the 4.3 s it took.

How: :func:`enable` wraps two functions of WeasyPrint's layout.

- ``columns_layout`` opens a memo of lines for the layout of one multi-column box (one page
  of it) and drops it when that layout returns, so nothing outlives the page being made.
- ``get_next_linebox`` (one line of a paragraph) looks the line up in the memo by the
  paragraph's line box, the point the line starts from (WeasyPrint's skip stack), the width
  and the text indent; a line seen before is returned as a copy moved to the position asked
  for, a new one is made by WeasyPrint and a copy is kept.

A line is only memoised when its layout cannot depend on where it stands: no float on the page
(WeasyPrint's excluded shapes), no ``::first-letter`` or ``::first-line`` style, and only
text, inline and image boxes in it (no inline-block, float, absolutely positioned box,
footnote call or running element, whose layout uses the space left on the page or registers
itself with the page). The PDF is then byte for byte the one stock WeasyPrint makes
(tests/test_pdf_columns.py renders both and compares them).

The wrapped functions are internals of WeasyPrint, so this runs only with the major version
the project pins (pyproject.toml) and with the signatures it was written for; any other
WeasyPrint keeps its stock (slower, equally correct) layout.
"""

from __future__ import annotations

import inspect
import threading
from contextlib import contextmanager

SUPPORTED_MAJOR = "70"
"""The WeasyPrint major version whose internals this module was written and tested against."""

_LINE_PARAMETERS = (
    "context",
    "linebox",
    "position_y",
    "bottom_space",
    "skip_stack",
    "containing_block",
    "absolute_boxes",
    "fixed_boxes",
    "first_letter_style",
    "first_line_style",
)

_STOCK: dict[str, object] = {}
"""WeasyPrint's own functions, kept once found (the wrappers call them)."""
_STATE = {"active": False, "held": False}
_LOCK = threading.Lock()  # `bantin serve` may render from several threads
COUNTS = {"broken": 0, "replayed": 0}
"""Lines broken by WeasyPrint inside multi-column boxes and lines replayed from the memo,
since :func:`enable` (for the benchmark and the tests)."""


def enable() -> bool:
    """Install the line memo into WeasyPrint's layout (idempotent).

    Returns:
        True when it is active; False when the installed WeasyPrint is not the supported major
        version or its functions do not have the expected signatures (stock layout is kept).
    """
    with _LOCK:
        if _STATE["held"]:
            return False
        if _STATE["active"]:
            return True
        import weasyprint
        from weasyprint.layout import block, inline

        if weasyprint.__version__.split(".")[0] != SUPPORTED_MAJOR:
            return False
        if tuple(inspect.signature(inline.get_next_linebox).parameters) != _LINE_PARAMETERS:
            return False
        if next(iter(inspect.signature(block.columns_layout).parameters)) != "context":
            return False
        if not _STOCK:
            _STOCK.update(columns_layout=block.columns_layout, get_next_linebox=inline.get_next_linebox)
        block.columns_layout = _columns_layout
        inline.get_next_linebox = _get_next_linebox
        _STATE["active"] = True
        return True


def _disable() -> None:
    # Put WeasyPrint's own functions back (a no-op when not enabled).
    from weasyprint.layout import block, inline

    with _LOCK:
        if _STATE["active"]:
            block.columns_layout = _STOCK["columns_layout"]
            inline.get_next_linebox = _STOCK["get_next_linebox"]
            _STATE["active"] = False


@contextmanager
def stock_layout():
    """Inside this block WeasyPrint lays columns out its own way (for comparisons)."""
    _disable()
    _STATE["held"] = True
    try:
        yield
    finally:
        _STATE["held"] = False


def _columns_layout(context, *args, **kwargs):
    # One memo per multi-column layout call: all its passes are on the same page, with the same
    # column width. A nested multi-column box gets its own memo and gives the outer one back.
    outer = getattr(context, "_bantin_lines", None)
    context._bantin_lines = {}
    try:
        return _STOCK["columns_layout"](context, *args, **kwargs)
    finally:
        context._bantin_lines = outer


def _get_next_linebox(
    context,
    linebox,
    position_y,
    bottom_space,
    skip_stack,
    containing_block,
    absolute_boxes,
    fixed_boxes,
    first_letter_style,
    first_line_style,
):
    memo = getattr(context, "_bantin_lines", None)
    if memo is None or context.excluded_shapes or first_letter_style or first_line_style:
        return _STOCK["get_next_linebox"](
            context,
            linebox,
            position_y,
            bottom_space,
            skip_stack,
            containing_block,
            absolute_boxes,
            fixed_boxes,
            first_letter_style,
            first_line_style,
        )
    key = (id(linebox), _frozen(skip_stack), containing_block.width, linebox.text_indent)
    position_x = containing_block.content_box_x()
    kept = memo.get(key)
    if kept is not None and kept[0] is linebox:  # the memo holds the box, so its id is not reused
        _, kept_x, kept_y, kept_line, kept_resume_at, (offset_x, width, height) = kept
        line = kept_line.deepcopy()
        line.translate(position_x - kept_x, position_y - kept_y)
        line.position_y = position_y  # exactly, as WeasyPrint sets it (its issue #583)
        # What WeasyPrint leaves on the paragraph's line box after making a line.
        linebox.position_x, linebox.position_y = position_x + offset_x, position_y
        linebox.width, linebox.height = width, height
        COUNTS["replayed"] += 1
        return line, _copied(kept_resume_at)
    line, resume_at = _STOCK["get_next_linebox"](
        context,
        linebox,
        position_y,
        bottom_space,
        skip_stack,
        containing_block,
        absolute_boxes,
        fixed_boxes,
        first_letter_style,
        first_line_style,
    )
    COUNTS["broken"] += 1
    if line is not None and _stands_anywhere(line) and _source_stands_anywhere(memo, linebox):
        template = (linebox.position_x - position_x, linebox.width, linebox.height)
        memo[key] = (linebox, position_x, position_y, line.deepcopy(), _copied(resume_at), template)
    return line, resume_at


def _stands_anywhere(line) -> bool:
    """Whether the layout of ``line`` is the same at any position on the page."""
    from weasyprint.formatting_structure import boxes

    for box in line.descendants(placeholders=True):
        if not isinstance(box, (boxes.LineBox, boxes.InlineBox, boxes.TextBox, boxes.InlineReplacedBox)):
            return False  # inline-blocks, tables, absolute placeholders, ...
        if box.footnote is not None or box.note is not None:
            return False
        if box.style["float"] != "none" or box.style["position"] not in ("static", "relative"):
            return False
    return True


def _source_stands_anywhere(memo, linebox) -> bool:
    """Whether the paragraph of ``linebox`` holds nothing a line leaves out of itself.

    Running elements and notes (``position: running()``, ``note()``) are taken out of the line
    and registered with the page while the line is made: a replayed line would not register
    them again. Floats and absolutely positioned boxes are checked here too, before layout.
    """
    from weasyprint.formatting_structure import boxes

    key = ("source", id(linebox))
    if key not in memo:
        memo[key] = (
            linebox,
            all(
                isinstance(box, boxes.Box)
                and not (
                    box.is_running()
                    or box.is_note()
                    or box.is_floated()
                    or box.is_absolutely_positioned()
                    or box.is_footnote()
                )
                for box in linebox.descendants()
            ),
        )
    return memo[key][1]


def _frozen(stack):
    # Skip stacks are nested dicts {child index: deeper stack or None}: hashable as nested tuples.
    return None if stack is None else tuple(sorted((index, _frozen(deeper)) for index, deeper in stack.items()))


def _copied(stack):
    # Callers store and extend skip stacks; each replay gets its own.
    return None if stack is None else {index: _copied(deeper) for index, deeper in stack.items()}
