"""The text of one line a phrase writes: the Markdown escapes that protect its values undone,
its blanks folded.

Phrases write CommonMark text in which every value is escaped (`templating.escape_markdown`), so
that a value never turns into markup; a line's text is what CommonMark reads there with no
markup enabled but escapes and line breaks: a backslash before ASCII punctuation stands for the
mark, a backslash ending a line breaks it, and any other backslash is itself.
"""

from __future__ import annotations

import re
import string

# CommonMark's escapable characters (ASCII punctuation), and a backslash that ends a line.
_ESCAPE = re.compile(r"""\\([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])|\\[\r\n]""")


def letter(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa."""
    letters = string.ascii_lowercase
    return letters[index % 26] * (index // 26 + 1)


def inline(markup: str) -> str:
    """The text of one line of markup, as a phrase renders it."""
    if "\\" in markup:
        markup = _ESCAPE.sub(lambda match: match.group(1) or " ", markup.strip())
    return " ".join(markup.split())
