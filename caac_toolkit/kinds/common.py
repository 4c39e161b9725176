"""Lines several kinds build alike: points, and points under addressee headings."""

from __future__ import annotations

from collections.abc import Sequence

from caac_toolkit.facts import Group
from caac_toolkit.plan import Line, Phrase, paragraph, points
from caac_toolkit.wording import Wording


def punctuate(texts: Sequence[str]) -> list[str]:
    """Lettered points end with a semicolon, the last one with a full stop."""
    cleaned = [text.strip().rstrip(";.,:").rstrip() for text in texts]
    return [p + (";" if i < len(cleaned) - 1 else ".") for i, p in enumerate(cleaned)]


def addressed(groups: Sequence[Group], words: Wording,
              parties: Sequence[str] = ()) -> list[Line]:
    """Each group's addressee heading and its points. The heading to all parties names the
    parties given ("…, in particular …", SC/13446)."""
    lines: list[Line] = []
    for group in groups:
        addressee = words.fill(words.addressee(group.target, group.addressee), "addressee")
        named = list(parties) if group.target == "parties" and group.addressee is None else []
        lines.append(paragraph(Phrase("addressee", {"addressee": addressee, "parties": named})))
        lines += points(punctuate(group.points))
    return lines
