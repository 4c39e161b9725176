"""The errors caac reports to people: a message, where it happened, how to fix it, an exit code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Place:
    """A position in an input file; line and column count from 1."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


# The most characters of a message or a hint: what a template or a file puts into one (a name
# it asked for, a value it printed) may be megabytes long.
MAX_MESSAGE = 500


def _capped(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input."""

    message: str
    place: Place | None = None
    hint: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", _capped(self.message))
        if self.hint is not None:
            object.__setattr__(self, "hint", _capped(self.hint))

    def __str__(self) -> str:
        text = f"{self.place}: {self.message}" if self.place else self.message
        return f"{text} ({self.hint})" if self.hint else text


class CaacError(Exception):
    """An error a user can fix. Exit code 1: the input was read but is invalid."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        place: Place | None = None,
        hint: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self.problems = problems or [Problem(message, place, hint)]
        super().__init__(str(self.problems[0]))

    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]


class InvalidInput(CaacError):
    """A file was read but its content is wrong."""


class CheckFailed(CaacError):
    """A check asked for (--strict, --check) did not pass."""


class UsageError(CaacError):
    """The command line names something that does not exist. Exit code 2."""

    exit_code = 2


class MissingFile(UsageError):
    def __init__(self, path: Path | str, what: str = "file") -> None:
        super().__init__(f"{what} not found: {path}", hint="check the path")


def system_error(error: OSError) -> CaacError:
    """What the system refused where no check foresaw it (a file vanished, a disk failed)."""
    where = Place(str(error.filename)) if error.filename else None
    return CaacError(error.strerror or str(error), place=where)


def did_you_mean(word: str, choices: list[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
