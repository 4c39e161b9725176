"""A document's plan: its parts and their lines in order, each line a phrase with the values it
prints, or a text the case or the toolkit gives.

A plan is built once per document kind in Python (`caac_toolkit.kinds`): which paragraphs appear,
in what order, and the era's wording choices are decided there. A language only words the plan:
`templates/<lang>/<kind>.md.j2` holds one block per phrase id, which receives the phrase's values
and nothing else (no era, no channel), and may order a sentence as its grammar needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from caac_toolkit.document import Signature

# How a line is laid out: a numbered paragraph (1., 2. … through its part), a plain paragraph, a
# heading, a lettered point ((a), (b) …, restarting after any other line), a bullet.
Role = Literal["numbered", "paragraph", "heading", "point", "bullet"]


@dataclass(frozen=True)
class Phrase:
    """A sentence or heading that each language words: `id` names its block in the phrasebook
    (`templates/<lang>/<kind>.md.j2`, else `templates/<lang>/common.md.j2`)."""

    id: str
    values: Mapping[str, Any] = field(default_factory=dict)


# A phrase to word, or text given as data (an observation, a point, an option's text), printed
# as it is.
Words = Phrase | str


@dataclass(frozen=True)
class Line:
    role: Role
    words: Words
    level: int = 1  # a heading's level
    nested: bool = False  # a point under the numbered paragraph before it


@dataclass(frozen=True)
class PlanPart:
    title: Words | None
    lines: tuple[Line, ...]
    signature: Signature | None = None
    new_page: bool = False


@dataclass(frozen=True)
class Plan:
    kind: str
    parts: tuple[PlanPart, ...]

    def phrases(self) -> list[Phrase]:
        """Every phrase of the plan, in reading order: titles first in each part."""
        found: list[Phrase] = []
        for part in self.parts:
            for words in (part.title, *(line.words for line in part.lines)):
                if isinstance(words, Phrase):
                    found.append(words)
        return found


def numbered(words: Words) -> Line:
    return Line("numbered", words)


def paragraph(words: Words) -> Line:
    return Line("paragraph", words)


def heading(words: Words, level: int = 1) -> Line:
    return Line("heading", words, level=level)


def points(texts: Any, *, nested: bool = False) -> list[Line]:
    return [Line("point", text, nested=nested) for text in texts]


def bullets(texts: Any) -> list[Line]:
    return [Line("bullet", text) for text in texts]
