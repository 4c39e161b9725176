"""What `--strict` fails on: a draft's gaps, or with `--strict=notes` its notes too."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from caac_toolkit.document import Notice
from caac_toolkit.errors import CheckFailed, Problem


class Strictness(StrEnum):
    gaps = "gaps"  # a placeholder, untranslated text, an unsourced name
    notes = "notes"  # also an unusual addressee, a name that may lack its article


def failing(notices: Iterable[Notice], strictness: Strictness | None) -> list[Notice]:
    """The notices that make a strict command fail; none without --strict."""
    if strictness is None:
        return []
    return [n for n in notices if n.kind == "gap" or strictness is Strictness.notes]


def fail_strict(notices: list[Notice], strict: Strictness | None, what: str) -> None:
    """A CheckFailed naming each notice `strict` fails on, if any; `what`: "drafts have"."""
    failed = failing(notices, strict)
    if failed:
        summary = Problem(f"--strict: {what} gaps{' or notes' if strict == 'notes' else ''}; "
                          "nothing was written", hint="fill them in, or drop --strict")
        raise CheckFailed(summary.message,
                          problems=[*(Problem(n.text, n.place) for n in failed), summary])
