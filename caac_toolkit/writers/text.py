"""Plain text: the masthead in two columns, wrapped paragraphs with hanging numbers."""

from __future__ import annotations

from itertools import zip_longest

from caac_toolkit.document import Bullet, Document, Heading, Layout, Paragraph, Part, Point
from caac_toolkit.typography import plain

WIDTH = 80


def _wrap(text: str, first: str, rest: str) -> list[str]:
    """Greedy wrapping at spaces, words never broken: what textwrap does with
    break_long_words and break_on_hyphens off, in a fraction of its time. Only a plain space
    breaks: no-break spaces hold their words together."""
    lines: list[str] = []
    line, empty = first, True
    for word in plain(text).split(" "):
        if not word:
            continue
        if len(line) + len(word) > WIDTH and not empty:
            lines.append(line.rstrip())
            line = rest
        line, empty = line + word + " ", False
    lines.append(line.rstrip())
    return lines


def _masthead(document: Document) -> list[str]:
    masthead = document.masthead
    if masthead is None:
        return []
    right = [plain(line) for line in (masthead.symbol, *masthead.right)]
    column = max(len(line) for line in right)
    lines = [
        f"{plain(left):<{WIDTH - column - 2}}  {r}".rstrip()
        for left, r in zip_longest(masthead.left, right, fillvalue="")
    ]
    if masthead.organ:
        lines += ["", plain(masthead.organ)]
    return [*lines, "", ""]


def _part(part: Part, layout: Layout) -> list[str]:
    lines: list[str] = []
    if part.title:
        lines += _wrap(part.title, "", "") + [""]
    for block in part.blocks:
        if isinstance(block, Heading):
            lines += _wrap(block.text, "", "")
        elif isinstance(block, Paragraph) and block.number is not None:
            label = layout.number(block.number)
            lines += _wrap(block.text, f"{label:<6}", " " * 6)
        elif isinstance(block, Paragraph):
            lines += _wrap(block.text, "", "")
        elif isinstance(block, Point):
            indent = " " * 6 if block.nested else ""
            label = layout.point(block.label)
            lines += _wrap(block.text, f"{indent}{label:<6}", indent + " " * 6)
        elif isinstance(block, Bullet):
            lines += _wrap(block.text, "  -   ", " " * 6)
        lines.append("")
    if part.signature:
        signature = part.signature
        right = [plain(line) for line in (f"{signature.signed} {signature.name}", *signature.titles)]
        column = max(len(line) for line in right)
        lines += [" " * (WIDTH - column) + line for line in right] + [""]
    return lines


def render(document: Document) -> bytes:
    lines = _masthead(document)
    for i, part in enumerate(document.parts):
        if i:
            lines += ["", ""]
        lines += _part(part, document.layout)
    if document.job_line:
        lines += ["", document.job_line]
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
