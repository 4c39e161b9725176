"""The facts of the Working Group's year: the conclusions adopted in a period and the meetings
that examined and adopted them, from the case files given and the precedents
(data/precedents.yaml). Where both describe one symbol, the case file wins and a note says where
they differ. The annual report (caac_toolkit/kinds/annual_report.py) prints them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from caac_toolkit.case import Case, Person
from caac_toolkit.precedents import Precedent, same_situation


@dataclass(frozen=True)
class Met:
    """A meeting of the Working Group: its number (None where no source gives it) and date."""

    number: int | None
    date: dt.date


@dataclass(frozen=True)
class Adopted:
    """One set of conclusions, as the case file or the precedent gives it; None where neither
    does."""

    symbol: str | None
    situation: str
    situation_language: str  # the language `situation` is written in
    situation_forms: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)
    report: str | None = None
    adopted: Met | None = None  # the meeting of adoption (or only its date)
    examined: tuple[Met, ...] = ()  # the other meetings that considered the situation
    statement: str | None = None  # the Chair's public statement: SC/NNNNN
    chair: Person | None = None  # who chaired the Working Group then, as the case gives it
    year: int | None = None  # the year, where the date of adoption is not known

    @property
    def date(self) -> dt.date | None:
        return self.adopted.date if self.adopted else None


@dataclass(frozen=True)
class Year:
    """What a period's annual report is made of."""

    start: dt.date
    end: dt.date
    conclusions: tuple[Adopted, ...]
    notes: tuple[str, ...]  # where a case file and a precedent differ
    gaps: tuple[str, ...]  # conclusions of the period without a symbol or a date of adoption

    @property
    def meetings(self) -> list[tuple[Met, list[tuple[str, Adopted]]]]:
        """The meetings of the period, in order, each with what it did: ("adopted", set) or
        ("considered", set)."""
        found: dict[tuple[int | None, dt.date], list[tuple[str, Adopted]]] = {}
        for entry in self.conclusions:
            for what, met in [("considered", m) for m in entry.examined] + (
                    [("adopted", entry.adopted)] if entry.adopted else []):
                if self.start <= met.date <= self.end:
                    found.setdefault((met.number, met.date), []).append((what, entry))
        ordered = sorted(found.items(), key=lambda item: (item[0][1], item[0][0] or 0))
        return [(Met(number, date), done) for (number, date), done in ordered]


def from_case(case: Case) -> Adopted:
    return Adopted(
        symbol=case.symbol,
        situation=case.situation or "",
        situation_language=case.language,
        situation_forms={lang: {"name": f.name, "in": f.in_, "of": f.of}
                         for lang, f in case.situation_forms.items()},
        report=case.report.symbol if case.report else None,
        adopted=Met(case.adopted.number, case.adopted.date) if case.adopted else None,
        examined=(Met(case.meeting.number, case.meeting.date),) if case.meeting else (),
        chair=case.chair,
        year=int(case.symbol.split("/")[2]) if case.symbol else None,
    )


def from_precedent(entry: Precedent) -> Adopted:
    """A precedent's meeting on the day of adoption is the meeting of adoption; its other
    meetings considered the situation (examined the report, agreed the public statement)."""
    at = next((m for m in entry.meetings if m.date == entry.adopted), None)
    adopted = Met(at.number if at else None, entry.adopted) if entry.adopted else None
    return Adopted(
        symbol=entry.symbol,
        situation=entry.situation,
        situation_language="en",  # the precedents are written in English
        report=entry.report,
        adopted=adopted,
        examined=tuple(Met(m.number, m.date) for m in entry.meetings if m is not at),
        statement=entry.statement,
        year=entry.adopted_year,
    )


def merged(case: Adopted, precedent: Adopted) -> tuple[Adopted, list[str]]:
    """The case file's set with what only the precedent gives; a note for each fact they give
    differently."""
    notes = []
    symbol = case.symbol or precedent.symbol or case.situation
    if not same_situation(case.situation, precedent.situation):
        notes.append(f"{symbol}: the case file names the situation '{case.situation}', "
                     f"data/precedents.yaml '{precedent.situation}'")
    for name, ours, theirs in (
            ("report", case.report, precedent.report),
            ("date of adoption", case.date, precedent.date),
            ("meeting of adoption", case.adopted and case.adopted.number,
             precedent.adopted and precedent.adopted.number)):
        if ours and theirs and ours != theirs:
            notes.append(f"{symbol}: the case file gives the {name} as {ours}, "
                         f"data/precedents.yaml as {theirs}; the case file's is used")
    adopted = case.adopted or precedent.adopted
    examined = case.examined or tuple(m for m in precedent.examined
                                      if not adopted or m.date != adopted.date)
    return Adopted(
        symbol=case.symbol or precedent.symbol, situation=case.situation or precedent.situation,
        situation_language=case.situation_language if case.situation
        else precedent.situation_language,
        situation_forms=case.situation_forms, report=case.report or precedent.report,
        adopted=adopted, examined=examined, statement=case.statement or precedent.statement,
        chair=case.chair, year=case.year or precedent.year,
    ), notes


def year(cases: Iterable[Case], precedents: Iterable[Precedent], start: dt.date,
         end: dt.date) -> Year:
    """The conclusions adopted from `start` to `end`: by the date of their adoption, or, where it
    is not known, by their year (those are gaps the report shows). A case file and the
    precedents that describe the same set make one entry."""
    recorded = [from_precedent(entry) for entry in precedents]
    chosen: list[tuple[Adopted, list[str]]] = []
    for entry in map(from_case, cases):
        notes: list[str] = []
        for precedent in [p for p in recorded if _same_set(entry, p)]:
            recorded.remove(precedent)
            entry, differ = merged(entry, precedent)
            notes += differ
        chosen.append((entry, notes))
    chosen += [(entry, []) for entry in recorded]
    kept = [(entry, notes) for entry, notes in chosen if _in_period(entry, start, end)]
    found = [entry for entry, _ in kept]
    found.sort(key=lambda e: (e.date is None, e.date or dt.date.max, e.symbol or ""))
    gaps = [f"{e.symbol or e.situation}: " + " and ".join(
        what for what, missing in (("no symbol", not e.symbol), ("no date of adoption", not e.date))
        if missing) + " (give them in its case file, or in data/precedents.yaml)"
        for e in found if not e.symbol or not e.date]
    return Year(start, end, tuple(found), tuple(n for _, notes in kept for n in notes),
                tuple(gaps))


def _same_set(case: Adopted, precedent: Adopted) -> bool:
    """Whether a case file and a precedent describe one set of conclusions: by its symbol, or,
    for a precedent recorded without one, by the report examined."""
    if precedent.symbol:
        return precedent.symbol == case.symbol
    return precedent.report is not None and precedent.report == case.report


def _in_period(entry: Adopted, start: dt.date, end: dt.date) -> bool:
    """Adopted in the period; or, with no date of adoption, of a year the period touches and not
    first considered after it (a set is adopted after its report is examined), or considered in
    it."""
    if entry.date is not None:
        return start <= entry.date <= end
    if entry.examined and min(met.date for met in entry.examined) > end:
        return False
    if entry.year is not None:
        return start.year <= entry.year <= end.year
    return any(start <= met.date <= end for met in entry.examined)


def chair(conclusions: Sequence[Adopted]) -> Person | None:
    """The Chair the latest case file of the period names."""
    named = [entry.chair for entry in conclusions if entry.chair is not None]
    return named[-1] if named else None
