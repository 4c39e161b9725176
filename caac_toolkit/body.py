"""Parses the body markup that templates write into blocks.

The markup is a small Markdown subset: `#` headings; `1.` numbered paragraphs (renumbered 1, 2, 3 …
through the part, so templates may write `1.` everywhere); `1)` lettered points, shown (a), (b) …;
`-` bullets; plain paragraphs. Inline markup is dropped: UN documents use no emphasis.
"""

from __future__ import annotations

import string
from functools import lru_cache
from typing import Any

from caac_toolkit.document import Block, Bullet, Heading, Paragraph, Point


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # Only the rules the markup uses: faster, and nothing else (entities, code blocks, HTML,
    # links) can turn a value into something other than its own text.
    return MarkdownIt("zero").enable(["heading", "list", "escape", "newline"])


def letter(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa."""
    letters = string.ascii_lowercase
    return letters[index % 26] * (index // 26 + 1)


def _inline(token: Any) -> str:
    pieces = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
        elif child.type in ("text", "code_inline"):
            pieces.append(child.content)
    return " ".join("".join(pieces).split())


def parse(markup: str) -> tuple[Block, ...]:
    tokens = _parser().parse(markup)
    blocks: list[Block] = []
    number = 0
    # One frame per open list: its kind and the count of items so far.
    lists: list[list[Any]] = []
    item_paragraphs: list[int] = []
    for i, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open":
            blocks.append(Heading(int(token.tag[1]), _inline(tokens[i + 1])))
        elif kind == "bullet_list_open":
            lists.append(["bullet", 0])
        elif kind == "ordered_list_open":
            lists.append(["points" if token.markup == ")" else "numbered", 0])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            lists[-1][1] += 1
            item_paragraphs.append(0)
        elif kind == "list_item_close":
            item_paragraphs.pop()
        elif kind == "paragraph_open":
            text = _inline(tokens[i + 1])
            if not lists:
                blocks.append(Paragraph(text))
                continue
            first = item_paragraphs[-1] == 0
            item_paragraphs[-1] += 1
            list_kind, count = lists[-1]
            if not first:
                blocks.append(Paragraph(text))
            elif list_kind == "numbered":
                number += 1
                blocks.append(Paragraph(text, number))
            elif list_kind == "points":
                nested = any(frame[0] == "numbered" for frame in lists[:-1])
                blocks.append(Point(letter(count - 1), text, nested))
            else:
                blocks.append(Bullet(text))
    return tuple(blocks)


def inline(markup: str) -> str:
    """The text of one line of markup: a title rendered by a template."""
    if "\\" not in markup:  # no escape to undo: the text, its blanks folded
        return " ".join(markup.split())
    return " ".join(_inline(token) for token in _parser().parseInline(markup.strip()))
