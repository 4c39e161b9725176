"""`caac precedents`, and the earlier conclusions that `caac draft conclusions` and `caac build`
print with --precedents."""

import os
import sys
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from caac_toolkit.cli import complete
from caac_toolkit.cli.state import state

if TYPE_CHECKING:
    from caac_toolkit.case import Case
    from caac_toolkit.precedents import Count, Precedent, Usage

ENV = "CAAC_PRECEDENTS"

PrecedentsFlag = Annotated[
    bool, typer.Option("--precedents", help="Also print (on stderr) the earlier conclusions on "
                       "the same situation, to recall in 'previous:'.")
]


class PrecedentFormat(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"
    md = "md"


def load(ctx: typer.Context, path: Path | None = None) -> "list[Precedent]":
    """The precedents in use: `path`, else the file in CAAC_PRECEDENTS, else the bundled ones."""
    from caac_toolkit import precedents

    given = path or (Path(os.environ[ENV]) if os.environ.get(ENV) else None)
    return precedents.load(given, state(ctx).toolkit() if given else None)


def usage(ctx: typer.Context, option_ids: Iterable[str]) -> "dict[str, Usage]":
    from caac_toolkit import precedents

    entries = load(ctx)
    return {option_id: precedents.usage(entries, option_id) for option_id in option_ids}


# Options of the commands that read the record of precedents (precedents, stats).
SituationOpt = Annotated[
    str | None,
    typer.Option("--situation", help="Only this situation (\"the Sudan\" or \"Sudan\").",
                 show_default=False),
]
SinceOpt = Annotated[
    int | None,
    typer.Option("--since", metavar="YEAR", help="Only conclusions adopted in this year or "
                 "later.", show_default=False),
]
FileOpt = Annotated[
    Path | None,
    typer.Option("--file", envvar=ENV, help="A precedents file to use instead of the "
                 "bundled one; with 'base: bundled' it adds to it.", show_default=False),
]


def list_precedents(
    ctx: typer.Context,
    options: Annotated[
        list[str] | None,
        typer.Argument(metavar="[OPTION]...", help="Option ids (or unique starts of them): only "
                       "the conclusions that used one of them.", show_default=False,
                       autocompletion=complete.option_ids),
    ] = None,
    situation: SituationOpt = None,
    since: SinceOpt = None,
    fmt: Annotated[
        PrecedentFormat, typer.Option("--format", "-f", help="How to print the result.")
    ] = PrecedentFormat.table,
    file: FileOpt = None,
    stats: Annotated[
        bool, typer.Option("--stats", help="Instead, how many are recorded per year, and the "
                           "whole record against the Working Group's own counts.")
    ] = False,
) -> None:
    """The Working Group's adopted conclusions, newest first, with the options they used.

    Every entry names its public sources; most show only part of a document,
    so the actions listed are a lower bound. --stats counts them per year
    (with a symbol, a day of adoption, the report's date) and sets them beside
    the counts the Working Group gave for a Chair's term.

    caac precedents demarches.letters-to-parties --since 2020
    """
    from caac_toolkit import precedents, query
    from caac_toolkit.cli import formats

    toolkit = state(ctx).toolkit()
    option_ids = [query.find(toolkit, wanted).id for wanted in options or ()]
    entries = load(ctx, file)
    chosen = precedents.select(entries, options=option_ids, situation=situation, since=since)
    if stats:
        given = file or (Path(os.environ[ENV]) if os.environ.get(ENV) else None)
        _print_stats(chosen, entries, precedents.load_counts(given), fmt)
        return
    if fmt in (PrecedentFormat.json, PrecedentFormat.yaml):
        records = [precedents.record(entry) for entry in chosen]
        print(formats.dump(records, formats.ListFormat(fmt.value)), end="")
    elif fmt is PrecedentFormat.md:
        print(_markdown(chosen), end="")
    elif chosen:
        _table(chosen)
    if not chosen:
        formats.note("caac: no recorded conclusions match")


def _meetings(entry: "Precedent") -> str:
    from caac_toolkit import languages

    english = languages.bundled().get("en")
    return "; ".join(
        (f"{english.ordinal_of(m.number)}, " if m.number else "") + m.date.isoformat()
        for m in entry.meetings
    )


def _options(entry: "Precedent") -> str:
    return ", ".join(dict.fromkeys(f"{a.option} ({a.sender})" for a in entry.actions))


def _cells(entry: "Precedent") -> list[str]:
    return [str(entry.adopted_year), entry.symbol or "—", entry.situation, _meetings(entry),
            entry.statement or "", _options(entry)]


_HEADINGS = ["year", "symbol", "situation", "meetings", "statement", "options (sender)"]


def _table(entries: "list[Precedent]") -> None:
    from caac_toolkit.cli import tables

    tables.show(_HEADINGS, [_cells(entry) for entry in entries],
                ids=["year", "symbol", "meetings", "statement", "options (sender)"])


def _markdown(entries: "list[Precedent]") -> str:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    lines = [row([*_HEADINGS, "sources"]), row(["---"] * (len(_HEADINGS) + 1))]
    for entry in entries:
        links = " ".join(f"<{url}>" for url in entry.sources)
        lines.append(row([*_cells(entry), links]))
    return "\n".join(lines) + "\n"


def _print_stats(chosen: "list[Precedent]", everything: "list[Precedent]",
                 counts: "list[Count]", fmt: PrecedentFormat) -> None:
    """Per year, how much the record holds of the chosen entries; then each count the Working
    Group gave, against the whole record."""
    from caac_toolkit import precedents
    from caac_toolkit.cli import formats

    years = precedents.coverage_by_year(chosen)
    terms = [{"from": c.start, "to": c.end, "sets": c.sets, "recorded": c.recorded(everything),
              "source": c.source, "note": c.note} for c in counts]
    if fmt in (PrecedentFormat.json, PrecedentFormat.yaml):
        print(formats.dump({"years": [y.record() for y in years], "counts": terms},
                           formats.ListFormat(fmt.value)), end="")
        return
    year_rows = [[str(y.year), str(y.sets), str(y.with_symbol), str(y.with_adoption),
                  str(y.with_report_date)] for y in years]
    term_rows = [[c.period, str(c.sets), str(c.recorded(everything)), c.source] for c in counts]
    if fmt is PrecedentFormat.md:
        print(_pipe_table(_STATS_HEADINGS, year_rows), end="")
        if term_rows:
            print("\n" + _pipe_table(_COUNT_HEADINGS, term_rows), end="")
        return
    _rich_table(_STATS_HEADINGS, year_rows)
    if term_rows:
        _rich_table(_COUNT_HEADINGS, term_rows)


_STATS_HEADINGS = ["year", "sets", "with symbol", "with adoption date", "with report date"]
_COUNT_HEADINGS = ["years", "Working Group's count", "recorded", "source"]


def _pipe_table(headings: list[str], rows: list[list[str]]) -> str:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    return "\n".join([row(headings), row(["---"] * len(headings)), *map(row, rows)]) + "\n"


def _rich_table(headings: list[str], rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(header_style="bold", show_edge=False, pad_edge=False)
    for heading in headings:
        table.add_column(heading)
    for cells in rows:
        table.add_row(*map(escape, cells))
    Console().print(table)


def print_earlier(ctx: typer.Context, situation: str, before: date | None) -> None:
    """The conclusions on `situation` adopted before the day `before`, on stderr."""
    from caac_toolkit import precedents

    earlier = precedents.select(load(ctx), situation=situation, before=before)
    if not earlier:
        print(f"caac: no earlier conclusions on {situation} are recorded", file=sys.stderr)
        return
    print(f"caac: earlier conclusions on {situation} ('caac precedents --situation' for more):",
          file=sys.stderr)
    for entry in earlier:
        print(f"caac:   {entry.adopted_year}  {entry.reference}  {entry.sources[0]}",
              file=sys.stderr)
    symbols = [entry.symbol for entry in reversed(earlier) if entry.symbol]
    if symbols:
        print(f"caac: previous: [{', '.join(symbols)}]", file=sys.stderr)


def print_earlier_for_case(ctx: typer.Context, case: "Case") -> None:
    """The conclusions on the case's situation adopted before its first date."""
    if case.situation is None:
        print("caac: the case names no situation: no earlier conclusions to look for",
              file=sys.stderr)
        return
    dates = ([case.meeting.date] if case.meeting else []) + ([case.date] if case.date else [])
    print_earlier(ctx, case.situation, min(dates) if dates else None)


def print_earlier_for_cases(ctx: typer.Context, paths: list[Path]) -> None:
    from caac_toolkit import case as case_module
    from caac_toolkit.casefiles import case_files

    for path in case_files(paths):
        print_earlier_for_case(ctx, case_module.load(path, state(ctx).toolkit()))


def register(app: typer.Typer) -> None:
    app.command("precedents")(list_precedents)
