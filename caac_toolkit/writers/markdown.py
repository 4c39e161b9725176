"""Markdown that reads like the document and renders with any CommonMark viewer.

Values are escaped so that a situation named "# 1. *x*" stays text. Superscripts and symbols
kept on one line have no CommonMark form; a redline's insertions and deletions are CriticMarkup's
{++…++} and {--…--}.
"""

from __future__ import annotations

import re
from typing import assert_never

from caac_toolkit.document import (
    Bullet,
    Document,
    Heading,
    Layout,
    Paragraph,
    Part,
    Point,
    Span,
    changed,
    plain,
    spans,
)

_INLINE = re.compile(r"([\\`*_\[\]<>#|~!&])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def escape(text: str) -> str:
    text = "".join(map(_marked, spans(text))) if changed(text) else _INLINE.sub(r"\\\1", plain(text))
    return _LINE_START.sub(lambda m: m.group(1) + re.sub(r"([-+=.)])", r"\\\1", m.group(2)), text)


def _marked(span: Span) -> str:
    text = _INLINE.sub(r"\\\1", span.text)
    match span.change:
        case "inserted":
            return f"{{++{text}++}}"
        case "deleted":
            return f"{{--{text}--}}"
        case None:
            return text
        case _:
            assert_never(span.change)


def _lines(items: list[str]) -> str:
    """Lines kept apart by hard line breaks."""
    return "  \n".join(escape(item) for item in items)


def _part(part: Part, layout: Layout) -> list[str]:
    out: list[str] = []
    # A nested point continues the numbered paragraph's list item: indented at least as wide as its
    # number ("100. " is five), since four spaces that do not reach the item's text start a code
    # block.
    indent = ""
    if part.title:
        out.append(f"**{escape(part.title)}**")
    for block in part.blocks:
        match block:
            case Heading():
                out.append(f"{'#' * (block.level + 1)} {escape(block.text)}")
            case Paragraph(number=int(number)):
                marker = f"{number}. "
                indent = " " * max(4, len(marker))
                out.append(f"{marker}{escape(block.text)}")
            case Paragraph():
                out.append(escape(block.text))
            case Point():
                label = escape(layout.point(block.label))
                out.append(f"{indent if block.nested else ''}{label} {escape(block.text)}")
            case Bullet():
                out.append(f"- {escape(block.text)}")
            case _:
                assert_never(block)
    if part.signature:
        signature = part.signature
        lines = [signature.line, *signature.titles]
        out.append(f'<div align="right">\n\n{_lines(lines)}\n\n</div>')
    return out


def render(document: Document) -> bytes:
    out: list[str] = []
    masthead = document.masthead
    if masthead:
        out.append(_lines(list(masthead.left)))
        out.append(_lines([masthead.symbol, *masthead.right]))
        if masthead.organ:
            out.append(escape(masthead.organ))
    for i, part in enumerate(document.parts):
        if i:
            out.append("---")
        out += _part(part, document.layout)
    if document.job_line:
        out.append(escape(document.job_line))
    return ("\n\n".join(out) + "\n").encode("utf-8")
