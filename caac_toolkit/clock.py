"""The clock of each country file: how long the Working Group took, or has taken so far, to adopt
conclusions on a report of the Secretary-General, against its target of two months.

The target: Watchlist on Children and Armed Conflict, introducing its note "Working Methods
2006-2012" (2013), reports that negotiating conclusions took far longer than the Working Group's
target negotiation time of two months
(https://watchlist.org/watchlist-introduces-two-new-publications). Watchlist counts a file as
pending from the day the Secretary-General's report was submitted (its account of the
conclusions on Sri Lanka and Colombia adopted on 21 December 2012,
https://watchlist.org/working-group-closes-year-with-adoption-of-conclusions-for-sri-lanka-colombia/),
so the clock starts on the day the report was issued, or failing that the day it was introduced
to the Working Group.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from caac_toolkit.errors import InvalidInput, Problem

if TYPE_CHECKING:
    from caac_toolkit.case import Case
    from caac_toolkit.casefiles import Skipped
    from caac_toolkit.toolkit import Toolkit

TARGET_MONTHS = 2  # Watchlist, "Working Methods 2006-2012": see the module's docstring
TARGET_SOURCE = "https://watchlist.org/watchlist-introduces-two-new-publications"

Status = Literal["met", "missed", "pending", "overdue", "unknown"]


@dataclass(frozen=True)
class Row:
    """One case's clock, as `caac status` prints it and the build manifest records it."""

    situation: str | None  # None where the case does not say yet
    report: str | None
    symbol: str | None  # of the conclusions, once they have one
    issued: dt.date | None
    introduced: dt.date | None
    adopted: dt.date | None
    deadline: dt.date | None  # two months after the clock's start
    as_of: dt.date  # the day "since" counts to
    status: Status

    @property
    def started(self) -> dt.date | None:
        return self.issued or self.introduced

    def days_since(self, day: dt.date | None) -> int | None:
        return None if day is None else (self.as_of - day).days

    @property
    def days_to_adoption(self) -> int | None:
        if self.adopted is None or self.started is None:
            return None
        return (self.adopted - self.started).days

    @property
    def within_target(self) -> bool | None:
        """True or false once it is known; None while the conclusions may still be in time."""
        return {"met": True, "missed": False, "overdue": False}.get(self.status)

    def record(self) -> dict[str, Any]:
        """The stable JSON shape of a row (documented in the README)."""
        def day(value: dt.date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "situation": self.situation,
            "report": self.report,
            "symbol": self.symbol,
            "issued": day(self.issued),
            "introduced": day(self.introduced),
            "adopted": day(self.adopted),
            "days_since_issued": self.days_since(self.issued),
            "days_since_introduced": self.days_since(self.introduced),
            "days_to_adoption": self.days_to_adoption,
            "target": {"months": TARGET_MONTHS, "deadline": day(self.deadline),
                       "within": self.within_target, "status": self.status,
                       "source": TARGET_SOURCE},
            "as_of": self.as_of.isoformat(),
        }


def adoption_date(case: Case) -> dt.date | None:
    """The day the conclusions were adopted: `adopted.date`; else, once the conclusions have a
    symbol (they are issued only once adopted), the meeting that examined the report, which
    adopted them unless `adopted` says otherwise; else None: still under negotiation."""
    if case.adopted is not None:
        return case.adopted.date
    if case.symbol is not None and case.meeting is not None:
        return case.meeting.date
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later, or the month's last day: 31 December plus
    two months is 28 (or 29) February."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def row(case: Case, as_of: dt.date) -> Row:
    """The clock of `case` on the day `as_of`."""
    issued = case.report.issued if case.report else None
    introduced = case.report.introduced if case.report else None
    started = issued or introduced
    adopted = adoption_date(case)
    if adopted is not None and adopted > as_of:  # on `as_of`, still under negotiation
        adopted = None
    deadline = add_months(started, TARGET_MONTHS) if started else None
    status: Status
    if deadline is None:
        status = "unknown"
    elif adopted is not None:
        status = "met" if adopted <= deadline else "missed"
    else:
        status = "pending" if as_of <= deadline else "overdue"
    return Row(case.situation, case.report.symbol if case.report else None, case.symbol, issued,
               introduced, adopted, deadline, as_of, status)


def load_cases(
    paths: Iterable[Path], toolkit: Toolkit, skipped: Skipped | None = None
) -> list[tuple[Path, Case]]:
    """The case files named, or found in the folders named, validated; an InvalidInput with the
    problems of all of them."""
    from caac_toolkit import case as case_module
    from caac_toolkit.casefiles import case_files

    problems: list[Problem] = []
    cases = []
    for path in case_files(paths, skipped):
        try:
            cases.append((path, case_module.load(path, toolkit)))
        except InvalidInput as error:
            problems += error.problems
    if problems:
        raise InvalidInput(problems[0].message, problems=problems)
    return cases
