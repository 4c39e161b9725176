"""Finding which of many names a text writes after "of", "in" or "to" (or at its start), in one
pass over the text: a labels file may list tens of thousands of names, and a regular expression
per name and per value took seconds per document."""

from __future__ import annotations

import re
from collections.abc import Sequence

_OPENINGS = re.compile(r"\b(?:of|in|to) ")
_BOUNDARY = re.compile(r"\b")
# The index of the last list of names asked about: a run drafts with one labels file.
_last: tuple[Sequence[str], dict[str, list[int]]] | None = None


def after_openings(names: Sequence[str], text: str) -> list[str]:
    """The `names` (in their order) that `text` writes whole at its start or after "of ", "in "
    or "to " (as the regular expression `(?:^|\\b(?:of|in|to) )NAME\\b` finds them)."""
    by_first = _index(names)
    found: set[int] = set()
    for start in [0, *(match.end() for match in _OPENINGS.finditer(text))]:
        for number in by_first.get(text[start : start + 1], ()):
            name = names[number]
            if text.startswith(name, start) and _BOUNDARY.match(text, start + len(name)):
                found.add(number)
    return [names[number] for number in sorted(found)]


def _index(names: Sequence[str]) -> dict[str, list[int]]:
    global _last
    if _last is None or _last[0] is not names:
        by_first: dict[str, list[int]] = {}
        for number, name in enumerate(names):
            by_first.setdefault(name[:1], []).append(number)
        _last = (names, by_first)
    return _last[1]
