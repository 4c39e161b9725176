"""Markdown that reads like the document and renders with any CommonMark viewer.

Values are escaped so that a situation named "# 1. *x*" stays text.
"""

from __future__ import annotations

import re

from caac_toolkit.document import Bullet, Document, Heading, Layout, Paragraph, Part, Point
from caac_toolkit.typography import plain

_INLINE = re.compile(r"([\\`*_\[\]<>#|~!&])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def escape(text: str) -> str:
    text = _INLINE.sub(r"\\\1", plain(text))
    return _LINE_START.sub(lambda m: m.group(1) + re.sub(r"([-+=.)])", r"\\\1", m.group(2)), text)


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
        if isinstance(block, Heading):
            out.append(f"{'#' * (block.level + 1)} {escape(block.text)}")
        elif isinstance(block, Paragraph) and block.number is not None:
            marker = f"{block.number}. "
            indent = " " * max(4, len(marker))
            out.append(f"{marker}{escape(block.text)}")
        elif isinstance(block, Paragraph):
            out.append(escape(block.text))
        elif isinstance(block, Point):
            label = escape(layout.point(block.label))
            out.append(f"{indent if block.nested else ''}{label} {escape(block.text)}")
        elif isinstance(block, Bullet):
            out.append(f"- {escape(block.text)}")
    if part.signature:
        signature = part.signature
        lines = [f"{signature.signed} {signature.name}", *signature.titles]
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
