"""Precedents: the Working Group's adopted conclusions, with the toolkit options they used.

`data/precedents.yaml` records each set of conclusions that a public source shows, with the URL of
every source. The checks here keep it honest: a source for every entry and action, known option
ids, symbols in the UN's pattern, dates within the Working Group's life, and no symbol twice.
A user's file with `base: bundled` adds entries to the bundled ones (or corrects one by symbol).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

import msgspec

from caac_toolkit.case import ReportSymbol, Symbol
from caac_toolkit.errors import InvalidInput, Place, Problem, did_you_mean
from caac_toolkit.query import fold
from caac_toolkit.resources import data_dir
from caac_toolkit.toolkit import Option, Text, Toolkit

if TYPE_CHECKING:
    from caac_toolkit import yamlfile

# Resolution 1612 (2005), which established the Working Group, was adopted on 26 July 2005.
FIRST_DAY = dt.date(2005, 7, 26)
OVERLAY_KEY = "base"
SECTION = "precedents"

Url = Annotated[str, msgspec.Meta(pattern=r"^https?://\S+\Z")]
PressRelease = Annotated[str, msgspec.Meta(pattern=r"^SC/\d{4,5}\Z")]


class _Strict(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pass


class Meeting(_Strict, frozen=True, kw_only=True):
    number: Annotated[int, msgspec.Meta(ge=1)] | None = None  # a videoconference has none
    date: dt.date


class Dated(_Strict, frozen=True, kw_only=True):
    """A date and the public source that gives it."""

    date: dt.date
    source: Url


# What a later report of the Secretary-General says of a recommendation.
Status = Literal["implemented", "partly", "not-implemented", "unclear"]


class FollowUp(_Strict, frozen=True, kw_only=True):
    report: ReportSymbol  # the later report
    paragraph: Text  # where it says so: "para. 12"
    status: Status
    source: Url
    note: Text | None = None


class Action(_Strict, frozen=True, kw_only=True):
    option: Text
    to: Text  # the addressee as the source names it
    sender: Literal["chair", "president"]
    paragraph: Text | None = None  # where the document says it: "para. 9 (b)"
    source: Url
    followup: list[FollowUp] = []


class Precedent(_Strict, frozen=True, kw_only=True):
    symbol: Symbol | None = None  # left out when no source seen shows it
    situation: Text  # as it reads after "in": "the Sudan"
    adopted: dt.date | None = None
    meetings: list[Meeting] = []
    year: int | None = None  # when a source shows only the year (a press release's address)
    report: ReportSymbol | None = None
    # The date on the report, which the time to adoption is counted from.
    report_issued: Dated | None = None
    # A date a later document gives the conclusions ("the conclusions of 3 June 2010"): it may be
    # their issue rather than their adoption, so it is kept apart from `adopted`.
    cited: Dated | None = None
    statement: PressRelease | None = None  # the press release of the Chair's public statement
    actions: list[Action] = []
    actions_complete: bool  # false when the sources show only part of the document
    sources: Annotated[list[Url], msgspec.Meta(min_length=1)]
    note: Text | None = None

    @property
    def dates(self) -> list[dt.date]:
        return sorted([m.date for m in self.meetings] + ([self.adopted] if self.adopted else [])
                      + ([self.cited.date] if self.cited else []))

    @property
    def adopted_year(self) -> int:
        """The year the conclusions were adopted: their date, else their symbol's year, else the
        year of the last date known (a meeting's, one cited), else the year a source shows."""
        if self.adopted:
            return self.adopted.year
        if self.symbol:
            return int(self.symbol.split("/")[2])
        if self.dates:
            return self.dates[-1].year
        assert self.year is not None  # validation requires a symbol, a date or a year
        return self.year

    @property
    def reference(self) -> str:
        """How to name this set of conclusions: its symbol, else its public statement."""
        if self.symbol:
            return self.symbol
        return f"{self.situation} {self.adopted_year}" + (f" ({self.statement})" if self.statement else "")

    def uses(self, option: str) -> bool:
        return any(action.option == option for action in self.actions)


class Count(_Strict, frozen=True, kw_only=True, rename={"start": "from", "end": "to"}):
    """How many sets of conclusions the Working Group, or its Chair, says it adopted in a run of
    calendar years (a Chair's term): the check on how complete the record is."""

    start: Annotated[int, msgspec.Meta(ge=FIRST_DAY.year)]
    end: Annotated[int, msgspec.Meta(ge=FIRST_DAY.year)]
    sets: Annotated[int, msgspec.Meta(ge=0)]
    source: Url
    note: Text | None = None

    @property
    def period(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"

    def recorded(self, entries: Iterable[Precedent]) -> int:
        """How many of `entries` were adopted in the count's years."""
        return sum(self.start <= entry.adopted_year <= self.end for entry in entries)


class _File(_Strict, frozen=True, kw_only=True):
    schema_version: Literal[1] = 1
    base: Literal["bundled"] | None = None
    counts: list[Count] = []
    precedents: list[Precedent]


def bundled_file() -> Path:
    return data_dir() / "precedents.yaml"


def is_precedents(data: Any) -> bool:
    return isinstance(data, dict) and SECTION in data


def load(path: Path | None = None, toolkit: Toolkit | None = None) -> list[Precedent]:
    """The bundled precedents, or the file at `path` (on top of the bundled ones if it says
    `base: bundled`). The bundled entries name the bundled toolkit's options; a user's entries
    may also name those of `toolkit`, the one in use."""
    from caac_toolkit import yamlfile

    if path is None:
        try:
            return validate([(yamlfile.load_trusted(bundled_file()), None)])
        except InvalidInput:
            return validate([(yamlfile.load(bundled_file()), None)])  # again, to say where
    return from_document(yamlfile.load(path), toolkit)


def load_counts(path: Path | None = None) -> list[Count]:
    """The Working Group's own counts of its conclusions: the bundled file's, or those of the
    file at `path` (after the bundled ones if it says `base: bundled`). `load` checks the file."""
    from caac_toolkit import yamlfile

    if path is None:
        return _convert(yamlfile.load_trusted(bundled_file())).counts
    document = yamlfile.load(path)
    own = _convert(document).counts
    if isinstance(document.data, dict) and document.data.get(OVERLAY_KEY) == "bundled":
        return load_counts() + own
    return own


def from_document(document: yamlfile.YamlDocument, toolkit: Toolkit | None) -> list[Precedent]:
    from caac_toolkit import yamlfile

    layers: list[tuple[yamlfile.YamlDocument, Toolkit | None]] = [(document, toolkit)]
    if isinstance(document.data, dict) and document.data.get(OVERLAY_KEY) == "bundled":
        layers.insert(0, (yamlfile.load(bundled_file()), None))
    return validate(layers)


def validate(layers: list[tuple[yamlfile.YamlDocument, Toolkit | None]]) -> list[Precedent]:
    """The precedents of `layers` (the bundled file, then a user's), each checked against its
    toolkit (None: the bundled one), or an InvalidInput listing every problem at its
    file:line:column."""
    from caac_toolkit import toolkit as toolkit_module

    problems: list[Problem] = []
    parsed: list[tuple[yamlfile.YamlDocument, Toolkit, list[Precedent]]] = []
    for document, toolkit in layers:
        try:
            file = _convert(document)
        except InvalidInput as error:
            problems += error.problems
            continue
        parsed.append((document, toolkit or toolkit_module.load(), file.precedents))
        problems += [Problem(f"the years run from {count.start} to {count.end}",
                             document.place(("counts", i, "to")), "give the earlier year in 'from'")
                     for i, count in enumerate(file.counts) if count.start > count.end]
    merged: dict[str, tuple[Precedent, Place]] = {}
    chosen: list[Precedent] = []
    for layer, (document, known, entries) in enumerate(parsed):
        seen: dict[str, tuple[Precedent, Place]] = {}
        for i, entry in enumerate(entries):
            problems += _entry_problems(document, i, entry, known)
            if entry.symbol is None:
                chosen.append(entry)
                continue
            place = document.place((SECTION, i, "symbol"))
            problem = _clash(entry, place, seen.get(entry.symbol), same_file=True)
            if problem is None and layer and entry.symbol in merged:
                problem = _clash(entry, place, merged[entry.symbol], same_file=False)
            if problem:
                problems.append(problem)
            seen[entry.symbol] = (entry, place)
        for symbol, found in seen.items():
            merged[symbol] = found
    if problems:
        problems.sort(key=lambda p: (p.place.file, p.place.line or 0, p.place.column or 0)
                      if p.place else ("", 0, 0))
        raise InvalidInput(problems[0].message, problems=problems)
    return newest_first(chosen + [entry for entry, _ in merged.values()])


def _convert(document: yamlfile.YamlDocument) -> _File:
    from caac_toolkit import yamlfile

    try:
        return msgspec.convert(document.data, _File, strict=True)
    except msgspec.ValidationError as exc:
        message, place = yamlfile.locate(document, str(exc))
        message, hint = _explain(message, str(exc))
        raise InvalidInput(message, place=place, hint=hint) from None


# What a pattern in msgspec's message stands for: (a start of the pattern, message, hint).
_PATTERNS = (
    ("^S/AC", "not a symbol of conclusions", "it reads S/AC.51/YYYY/N, or S/AC.51/YYYY/N/Rev.1"),
    ("^S/", "not a symbol of a report", "it reads S/YYYY/N"),
    ("^SC/", "not a press release number", "it reads SC/NNNNN"),
    ("^https?", "not the URL of a public copy", "give its address, https://…"),
    ("\\\\S", "empty text", "give it some text"),
)


# The choices of each field that takes one of a few words, for msgspec's "Invalid enum value".
_CHOICES = {"status": get_args(Status), "sender": ("chair", "president")}


def _explain(message: str, raw: str = "") -> tuple[str, str | None]:
    """msgspec's message in words a person can act on, and a hint; `raw` is msgspec's own, which
    ends with the path of the field."""
    if message.startswith("Invalid enum value"):
        field = raw.rstrip("`").rsplit(".", 1)[-1]
        if field in _CHOICES:
            return message, f"{field} is one of: {', '.join(_CHOICES[field])}"
    for start, meaning, hint in _PATTERNS:
        if f"matching regex '{start}" in message:
            return meaning, hint
    if "`str` of length >= 1" in message:
        return "empty text", "give it some text"
    if "missing required field `sources`" in message or "`array` of length >= 1" in message:
        return message, "give the URL of at least one public source"
    if "unknown field" in message:
        return message, "remove it or correct its spelling"
    if "missing required field" in message:
        return message, "add it"
    return message, None


def _entry_problems(
    document: yamlfile.YamlDocument, index: int, entry: Precedent, toolkit: Toolkit
) -> Iterator[Problem]:
    def at(*path: str | int) -> Place:
        return document.place((SECTION, index, *path))

    if entry.symbol is None and not entry.dates and entry.year is None:
        yield Problem("an entry needs its year: a symbol, a date or a year", at(),
                      "add the symbol, 'adopted: YYYY-MM-DD', a meeting or 'year: YYYY'")
    today = dt.date.today()
    dated: list[tuple[tuple[str | int, ...], dt.date]] = (
        [(("adopted",), entry.adopted)] if entry.adopted else [])
    dated += [(("meetings", j, "date"), m.date) for j, m in enumerate(entry.meetings)]
    dated += [((key, "date"), value.date) for key, value in
              (("report_issued", entry.report_issued), ("cited", entry.cited)) if value]
    for path, day in dated:
        if not FIRST_DAY <= day <= today:
            yield Problem(
                f"{day.isoformat()} is outside the Working Group's life", at(*path),
                f"the Working Group dates from {FIRST_DAY.isoformat()}, resolution 1612",
            )
    if entry.report_issued and entry.adopted and entry.report_issued.date > entry.adopted:
        yield Problem(
            f"the report is dated {entry.report_issued.date.isoformat()}, after the adoption on "
            f"{entry.adopted.isoformat()}", at("report_issued", "date"),
            "one of the two dates is wrong: check both sources")
    years: list[tuple[tuple[str | int, ...], int]] = (
        [(("symbol",), int(entry.symbol.split("/")[2]))] if entry.symbol else [])
    years += [(("year",), entry.year)] if entry.year is not None else []
    for path, year in years:
        if not FIRST_DAY.year <= year <= today.year:
            yield Problem(f"the year {year} is outside the Working Group's life", at(*path),
                          f"the Working Group dates from {FIRST_DAY.year}")
    ids = list(toolkit.by_id)
    for j, action in enumerate(entry.actions):
        if action.option not in toolkit.by_id:
            yield Problem(f"unknown option '{action.option}'", at("actions", j, "option"),
                          did_you_mean(action.option, ids) or "see 'caac list --format ids'")


def _clash(
    entry: Precedent, place: Place, earlier: tuple[Precedent, Place] | None, *, same_file: bool
) -> Problem | None:
    """A symbol seen before: twice in one file, or for another situation (a contradiction)."""
    if earlier is None:
        return None
    other, where = earlier
    if not same_situation(other.situation, entry.situation):
        return Problem(
            f"{entry.symbol} is on {entry.situation} here but on {other.situation} at {where}",
            place, "one of the two is wrong: check both sources",
        )
    if same_file:
        return Problem(f"duplicate symbol {entry.symbol} (first at line {where.line})", place,
                       "merge the two entries")
    return None  # a user's entry corrects the bundled one


def situation_key(name: str) -> str:
    """'the Sudan', 'Sudan', 'SUDAN', 'au Soudan' and 'в Судане' are one situation: the table of
    situations' id for a name it knows, else the name without case, accents or 'the'."""
    from caac_toolkit import situations

    found = situations.find(name)
    if found:
        return found.id
    words = fold(name).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def same_situation(a: str, b: str) -> bool:
    return situation_key(a) == situation_key(b)


def _sort_key(entry: Precedent) -> tuple[Any, ...]:
    last = entry.dates[-1] if entry.dates else dt.date(entry.adopted_year, 1, 1)
    number = int(entry.symbol.split("/")[3]) if entry.symbol else 0
    return (entry.adopted_year, last, number, situation_key(entry.situation))


def newest_first(entries: Iterable[Precedent]) -> list[Precedent]:
    return sorted(entries, key=_sort_key, reverse=True)


def select(
    entries: Iterable[Precedent],
    *,
    options: Iterable[str] = (),
    situation: str | None = None,
    since: int | None = None,
    until: int | None = None,
    before: dt.date | None = None,
) -> list[Precedent]:
    """The entries that used any of `options`, on `situation`, from the year `since` to the year
    `until`, adopted before the date `before`; newest first."""
    wanted = list(options)
    return newest_first(
        e for e in entries
        if (not wanted or any(e.uses(o) for o in wanted))
        and (situation is None or same_situation(e.situation, situation))
        and (since is None or e.adopted_year >= since)
        and (until is None or e.adopted_year <= until)
        and (before is None or (e.dates[-1] if e.dates else dt.date(e.adopted_year, 12, 31)) < before)
    )


def find(entries: Iterable[Precedent], key: str) -> Precedent:
    """The entry with the symbol `key`, or else with the press release `key` of its public
    statement (for the sets whose symbol no source shows); a UsageError names the nearest."""
    from caac_toolkit.errors import UsageError

    known = {entry.symbol: entry for entry in entries if entry.symbol}
    known |= {entry.statement: entry for entry in entries
              if entry.statement and not entry.symbol}
    wanted = key.strip().upper().replace("REV", "Rev")
    if wanted in known:
        return known[wanted]
    raise UsageError(f"no recorded conclusions have the symbol or statement {key}",
                     hint=did_you_mean(wanted, list(known)) or "see 'caac precedents'")


@dataclass(frozen=True)
class Usage:
    """How often an option was used: sets of conclusions, the last year, the latest ones."""

    count: int = 0
    last_year: int | None = None
    latest: tuple[str, ...] = ()


def by_use(options: Iterable[Option], used: Mapping[str, Usage]) -> list[Option]:
    """The most used first, then the most recently used, then in source order."""
    return sorted(options, key=lambda o: (-used[o.id].count, -(used[o.id].last_year or 0),
                                          o.source.order))


def usage(entries: Iterable[Precedent], option: str, latest: int = 3) -> Usage:
    using = select(entries, options=[option])
    if not using:
        return Usage()
    return Usage(len(using), using[0].adopted_year, tuple(e.reference for e in using[:latest]))


@dataclass(frozen=True)
class YearCoverage:
    """How much the record holds of one year's conclusions."""

    year: int
    sets: int
    with_symbol: int
    with_adoption: int  # the day of adoption
    with_report_date: int  # the date of the report examined

    def record(self) -> dict[str, int]:
        return {"year": self.year, "sets": self.sets, "with_symbol": self.with_symbol,
                "with_adoption": self.with_adoption, "with_report_date": self.with_report_date}


def coverage_by_year(entries: Iterable[Precedent]) -> list[YearCoverage]:
    years: dict[int, list[Precedent]] = {}
    for entry in entries:
        years.setdefault(entry.adopted_year, []).append(entry)
    return [YearCoverage(year, len(chosen), sum(e.symbol is not None for e in chosen),
                         sum(e.adopted is not None for e in chosen),
                         sum(e.report_issued is not None for e in chosen))
            for year, chosen in sorted(years.items())]


def record(entry: Precedent) -> dict[str, Any]:
    """The stable JSON shape of an entry: the file's fields, dates as YYYY-MM-DD, plus its year."""
    fields: dict[str, Any] = msgspec.to_builtins(entry)
    return {**fields, "adopted_year": entry.adopted_year}
