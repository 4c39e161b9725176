"""Lines several kinds build alike: points, and points under addressee headings."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from caac_toolkit.facts import Group
from caac_toolkit.plan import Line, Phrase, paragraph, points
from caac_toolkit.wording import Wording


def punctuate(texts: Sequence[str]) -> list[str]:
    """Lettered points end with a semicolon, the last one with a full stop."""
    cleaned = [text.strip().rstrip(";.,:").rstrip() for text in texts]
    return [p + (";" if i < len(cleaned) - 1 else ".") for i, p in enumerate(cleaned)]


def addressed(groups: Sequence[Group], words: Wording, parties: Sequence[str] = (),
              items: Callable[[list[str]], list[Line]] = points) -> list[Line]:
    """Each group's addressee heading and its points (`items`: lettered, or bullets). A heading
    to the parties names the parties given ("…, in particular …", SC/13446), under a heading of
    the case's own too ("To all parties … mentioned in the report of the Secretary-General, in
    particular Al-Shabaab …", Somalia 2020), unless that heading names them already."""
    lines: list[Line] = []
    for group in groups:
        addressee = words.fill(words.addressee(group.target, group.addressee), "addressee")
        named = [] if group.target != "parties" or all(
            party in (group.addressee or "") for party in parties) else list(parties)
        lines.append(paragraph(Phrase("addressee", {"addressee": addressee, "parties": named})))
        lines += items(punctuate(group.points))
    return lines
