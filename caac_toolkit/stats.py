"""Figures on how the Working Group works, computed from records of its sets of conclusions.

A `Record` holds what the figures need of one set: its dates, the options it used and whether
that list is complete. `from_precedent` makes one from an entry of data/precedents.yaml; a case
file can be turned into one the same way. Every figure says how many sets it is computed from,
since most records lack a date or list only part of the actions.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from caac_toolkit.precedents import Precedent

DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Record:
    """One set of conclusions, as the figures see it."""

    year: int  # of adoption
    reference: str  # the symbol, else how to name the set
    symbol: str | None
    situation: str
    report: str | None
    report_issued: dt.date | None
    examined: tuple[dt.date, ...]  # the meetings on the report
    adopted: dt.date | None
    cited: dt.date | None  # a date a later document gives the set, maybe not its adoption
    options: tuple[str, ...]  # each option once, in the order first used
    options_complete: bool

    @property
    def days_to_adoption(self) -> int | None:
        """Days from the report's date to the adoption, when both are known."""
        if self.report_issued is None or self.adopted is None:
            return None
        return (self.adopted - self.report_issued).days


def from_precedent(entry: Precedent) -> Record:
    return Record(
        year=entry.adopted_year,
        reference=entry.reference,
        symbol=entry.symbol,
        situation=entry.situation,
        report=entry.report,
        report_issued=entry.report_issued.date if entry.report_issued else None,
        examined=tuple(sorted(m.date for m in entry.meetings)),
        adopted=entry.adopted,
        cited=entry.cited.date if entry.cited else None,
        options=tuple(dict.fromkeys(action.option for action in entry.actions)),
        options_complete=entry.actions_complete,
    )


def set_row(record: Record) -> dict[str, Any]:
    """The stable shape of a set's row (CSV columns, JSON keys); dates as YYYY-MM-DD."""

    def day(value: dt.date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "year": record.year,
        "symbol": record.symbol,
        "reference": record.reference,
        "situation": record.situation,
        "report": record.report,
        "report_issued": day(record.report_issued),
        "examined": [d.isoformat() for d in record.examined],
        "adopted": day(record.adopted),
        "cited": day(record.cited),
        "days_to_adoption": record.days_to_adoption,
        "options": list(record.options),
        "options_complete": record.options_complete,
    }


@dataclass(frozen=True)
class Figure:
    """A figure and its coverage: computed from `sets` of the `of` sets it describes."""

    value: float | None
    sets: int
    of: int

    def record(self) -> dict[str, Any]:
        return {"value": self.value, "sets": self.sets, "of": self.of}

    def text(self, unit: str = "") -> str:
        if self.value is None:
            return f"— (from 0 of {self.of})"
        return f"{self.value:g}{unit} (from {self.sets} of {self.of})"


def _figure(records: Sequence[Record], value: Callable[[Record], float | None],
            average: Callable[[list[float]], float]) -> Figure:
    values = [v for v in map(value, records) if v is not None]
    return Figure(round(average(values), 1) if values else None, len(values), len(records))


def _months(record: Record) -> float | None:
    days = record.days_to_adoption
    return None if days is None else days / DAYS_PER_MONTH


def _options(record: Record) -> float | None:
    """A set with no recorded action is unknown, not a set that used none."""
    return float(len(record.options)) if record.options else None


@dataclass(frozen=True)
class Summary:
    """The figures of a group of sets: a year, or a run of years."""

    period: str
    sets: int
    options_mean: Figure  # options per set, over the sets with any recorded
    options_complete: int  # sets whose list of options is complete
    months_median: Figure  # months from the report to adoption
    months_mean: Figure

    def record(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "sets": self.sets,
            "options_mean": self.options_mean.record(),
            "options_complete": self.options_complete,
            "months_median": self.months_median.record(),
            "months_mean": self.months_mean.record(),
        }


def summary(period: str, records: Sequence[Record]) -> Summary:
    return Summary(
        period=period,
        sets=len(records),
        options_mean=_figure(records, _options, statistics.fmean),
        options_complete=sum(r.options_complete for r in records),
        months_median=_figure(records, _months, statistics.median),
        months_mean=_figure(records, _months, statistics.fmean),
    )


def by_year(records: Iterable[Record]) -> list[Summary]:
    """One summary per year of adoption, oldest first."""
    years: dict[int, list[Record]] = {}
    for record in records:
        years.setdefault(record.year, []).append(record)
    return [summary(str(year), years[year]) for year in sorted(years)]


def overall(records: Sequence[Record]) -> Summary:
    """The summary of every record, named by the run of years they cover."""
    years = sorted({r.year for r in records})
    period = "" if not years else (str(years[0]) if len(years) == 1
                                   else f"{years[0]}-{years[-1]}")
    return summary(period, records)
