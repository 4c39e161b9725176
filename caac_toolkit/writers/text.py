"""Plain text: the masthead in two columns, wrapped paragraphs with hanging numbers.

Widths are counted in terminal cells (East Asian Width): a Chinese character takes two, and a
line may break between two of them, except before a closing mark or after an opening one. A
stretch the model keeps on one line (a symbol, "1882 (2009)", "2014年1月") never breaks.

Superscripts have no form in plain text. A redline's insertions
are marked {+…+} and its deletions [-…-], as `git diff --word-diff=plain` marks them, and only
the lines that changed are shown, with a little context, in hunks as `diff -u` prints them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import zip_longest
from typing import assert_never

from rich.cells import cell_len

from caac_toolkit.document import (
    CHANGE_MARKS,
    DELETED,
    DELETED_END,
    END,
    INSERTED,
    INSERTED_END,
    KEEP,
    Bullet,
    Document,
    Heading,
    Layout,
    Paragraph,
    Part,
    Point,
    Span,
    Table,
    changed,
    plain,
    spans,
)

WIDTH = 80
# A change is laid out as "{+" mark "+" … "+" mark "}": the marks find the lines that changed
# and are shown as a brace or bracket, so that lines are wrapped at the width they are shown.
_SHOWN = str.maketrans({INSERTED: "{", INSERTED_END: "}", DELETED: "[", DELETED_END: "]"})
_CONTEXT = 2  # unchanged lines shown around each change of a redline
# Marks that never open a line, and marks that never close one (line breaking of Chinese and
# Japanese, kinsoku).
_NO_START = frozenset("，。、；：？！）」』】〕”’…·")
_NO_END = frozenset("（「『【〔“‘")
# A stretch kept on one line, while it is wrapped (`_held`): its spaces, and the joiner between
# its characters (of no width), both gone from the lines written.
_KEPT = re.compile(f"{KEEP}(.*?){END}", re.DOTALL)
_HELD_SPACE, _JOINER = "\ue004", "\u2060"
_RELEASED = str.maketrans({_HELD_SPACE: " ", _JOINER: None})


def _marked(span: Span) -> str:
    """A span as the text shows it, a change between its marks."""
    match span.change:
        case "inserted":
            return f"{INSERTED}+{span.text}+{INSERTED_END}"
        case "deleted":
            return f"{DELETED}-{span.text}-{DELETED_END}"
        case None:
            return span.text
        case _:
            assert_never(span.change)


def _line(text: str) -> str:
    """`text` as the page shows it, the marks of its changes kept until the end (`_shown`)."""
    return "".join(map(_marked, spans(text))) if changed(text) else plain(text)


def _shown(text: str) -> str:
    return text.translate(_SHOWN)


def _wrap(text: str, first: str, rest: str) -> list[str]:
    """Greedy wrapping at spaces, words never broken: what textwrap does with
    break_long_words and break_on_hyphens off, in a fraction of its time. Only a plain space
    breaks, and the place between two wide characters: no-break spaces hold their words
    together."""
    lines: list[str] = []
    line, empty, width = first, True, _width(first)
    for piece, spaced, size in _pieces(_line(_held(text))):
        gap = 1 if spaced and not empty else 0
        if width + gap + size > WIDTH and not empty:
            lines.append(line.rstrip())
            line, gap, width = rest, 0, _width(rest)
        line, empty, width = line + " " * gap + piece, False, width + gap + size
    lines.append(line.rstrip())
    return [line.translate(_RELEASED) for line in lines] if KEEP in text else lines


def _held(text: str) -> str:
    """`text` with each stretch kept on one line (a symbol, "1882 (2009)", "2014年1月") held
    together while it is wrapped: its spaces stand in as _HELD_SPACE, and a word joiner sits
    between its characters, where no line breaks (`_breaks`); `_RELEASED` undoes both."""
    return _KEPT.sub(_hold, text) if KEEP in text else text


def _hold(match: re.Match[str]) -> str:
    kept = match.group(1).replace(" ", _HELD_SPACE)
    if _width(kept) != len(kept):  # a wide character, which a line could break beside
        kept = _JOINER.join(kept)
    return f"{KEEP}{kept}{END}"


def _width(text: str) -> int:
    """The cells a text takes on a terminal: two for a wide (East Asian) character."""
    return len(text) if text.isascii() else cell_len(text)


def _pieces(text: str) -> list[tuple[str, bool, int]]:
    """The pieces a line may break between, each with whether a space stands before it and
    its width."""
    # Every character one cell, none wide and none of no width (East Asian Width begins at
    # U+1100): the words are the pieces.
    if text.isascii() or (max(text, default="") < "\u1100" and cell_len(text) == len(text)):
        return [(word, True, len(word)) for word in text.split(" ") if word]
    pieces = []
    for word in text.split(" "):
        if not word:
            continue
        if word.isascii() or cell_len(word) == len(word):  # no wide character to break at
            pieces.append((word, True, len(word)))
            continue
        piece, spaced = "", True
        for char in word:
            if piece and _breaks(piece[-1], char):
                pieces.append((piece, spaced, _width(piece)))
                piece, spaced = "", False
            piece += char
        pieces.append((piece, spaced, _width(piece)))
    return pieces


def _breaks(before: str, after: str) -> bool:
    """Whether a line may break between two characters with no space between them."""
    return ((_width(before) == 2 or _width(after) == 2)
            and after not in _NO_START and before not in _NO_END
            and _JOINER not in (before, after))


def _padded(text: str, width: int) -> str:
    return text + " " * (width - cell_len(text))


def _masthead(document: Document) -> list[str]:
    masthead = document.masthead
    if masthead is None:
        return []
    right = [_line(line) for line in (masthead.symbol, *masthead.right)]
    column = max(cell_len(line) for line in right)
    lines = [
        f"{_padded(_line(left), WIDTH - column - 2)}  {r}".rstrip()
        for left, r in zip_longest(masthead.left, right, fillvalue="")
    ]
    if masthead.organ:
        lines += ["", _line(masthead.organ)]
    return [*lines, "", ""]


def _part(part: Part, layout: Layout) -> list[str]:
    lines: list[str] = []
    if part.title:
        lines += _wrap(part.title, "", "") + [""]
    for block in part.blocks:
        match block:
            case Heading():
                lines += _wrap(block.text, "", "")
            case Paragraph():
                label = "" if block.number is None else f"{layout.number(block.number):<6}"
                lines += _wrap(block.text, label, " " * len(label))
            case Point():
                indent = " " * 6 if block.nested else ""
                label = layout.point(block.label)
                lines += _wrap(block.text, f"{indent}{label:<6}", indent + " " * 6)
            case Bullet():
                lines += _wrap(block.text, "  -   ", " " * 6)
            case Table():
                lines += _table(block)
            case _:
                assert_never(block)
        lines.append("")
    if part.signature:
        signature = part.signature
        right = [_line(line) for line in (signature.line, *signature.titles)]
        column = max(cell_len(line) for line in right)
        lines += [" " * (WIDTH - column) + line for line in right] + [""]
    return lines


_GAP = "  "  # between two columns of a table


def _table(table: Table) -> list[str]:
    """Columns aligned, each as wide as its widest cell until the table would pass the width:
    then the widest columns give way and their cells wrap; a rule under the header."""
    rows = [[_line(cell) for cell in row] for row in (table.header, *table.rows)]
    count = max(len(row) for row in rows)
    rows = [row + [""] * (count - len(row)) for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(count)]
    # A column gives way no narrower than its longest word: a symbol is never cut.
    least = [max(len(word) for row in rows for word in [*row[i].split(" "), ""])
             for i in range(count)]
    room = WIDTH - len(_GAP) * (count - 1)
    while sum(widths) > room and (wide := [i for i in range(count) if widths[i] > least[i]]):
        widths[max(wide, key=lambda i: widths[i])] -= 1
    lines: list[str] = []
    for n, row in enumerate(rows):
        wrapped = [_wrap_cell(cell, width) for cell, width in zip(row, widths, strict=True)]
        for k in range(max(len(cell) for cell in wrapped)):
            lines.append(_GAP.join(f"{cell[k] if k < len(cell) else '':<{width}}"
                                   for cell, width in zip(wrapped, widths, strict=True)).rstrip())
        if n == 0:
            lines.append(_GAP.join("-" * width for width in widths))
    return lines


def _wrap_cell(text: str, width: int) -> list[str]:
    """A cell's words in lines of `width` at most; a longer word, in a table too wide for the
    page, cut where it must be."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if not word:
            continue
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line or not lines else lines


def render(document: Document) -> bytes:
    lines = _masthead(document)
    for i, part in enumerate(document.parts):
        if i:
            lines += ["", ""]
        lines += _part(part, document.layout)
    if document.job_line:
        lines += ["", document.job_line]
    if document.revision is not None:
        return _unified("\n".join(lines).rstrip().splitlines(), document.revision.versions)
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def _unified(lines: list[str], names: tuple[str, str]) -> bytes:
    """A redline's lines that changed, with a little context, in hunks under the names of the
    two versions; nothing when nothing changed."""
    changed_lines = list(_changed_lines(lines))
    if not changed_lines:
        return b""
    out = [f"--- {names[0]}", f"+++ {names[1]}"]
    for first, last in _hunks(changed_lines, len(lines)):
        out.append(f"@@ lines {first + 1}-{last} @@")
        out += [_shown(line) for line in lines[first:last]]
    return ("\n".join(out) + "\n").encode("utf-8")


def _changed_lines(lines: list[str]) -> Iterator[int]:
    """Lines holding a mark, or inside a change a mark opened on an earlier line."""
    inside = False
    for number, line in enumerate(lines):
        marked = inside
        for char in line:
            if char in CHANGE_MARKS:
                marked = True
                inside = char in (INSERTED, DELETED)
        if marked:
            yield number


def _hunks(changed: list[int], total: int) -> Iterator[tuple[int, int]]:
    """(first, end) line ranges around the changed lines, merged where their context meets."""
    start = end = None
    for number in changed:
        low, high = max(0, number - _CONTEXT), min(total, number + _CONTEXT + 1)
        if end is not None and low <= end:
            end = high
            continue
        if start is not None and end is not None:
            yield start, end
        start, end = low, high
    if start is not None and end is not None:
        yield start, end
