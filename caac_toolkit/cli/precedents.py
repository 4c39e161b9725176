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
    from caac_toolkit.precedents import Precedent, Usage

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


def list_precedents(
    ctx: typer.Context,
    options: Annotated[
        list[str] | None,
        typer.Argument(metavar="[OPTION]...", help="Option ids (or unique starts of them): only "
                       "the conclusions that used one of them.", show_default=False,
                       autocompletion=complete.option_ids),
    ] = None,
    situation: Annotated[
        str | None,
        typer.Option("--situation", help="Only this situation (\"the Sudan\" or \"Sudan\").",
                     show_default=False),
    ] = None,
    since: Annotated[
        int | None,
        typer.Option("--since", metavar="YEAR", help="Only conclusions adopted in this year or "
                     "later.", show_default=False),
    ] = None,
    fmt: Annotated[
        PrecedentFormat, typer.Option("--format", "-f", help="How to print the result.")
    ] = PrecedentFormat.table,
    file: Annotated[
        Path | None,
        typer.Option("--file", envvar=ENV, help="A precedents file to use instead of the "
                     "bundled one; with 'base: bundled' it adds to it.", show_default=False),
    ] = None,
) -> None:
    """The Working Group's adopted conclusions, newest first, with the options they used.

    Every entry names its public sources; most show only part of a document,
    so the actions listed are a lower bound.

    caac precedents demarches.letters-to-parties --since 2020
    """
    from caac_toolkit import precedents, query
    from caac_toolkit.cli import formats

    toolkit = state(ctx).toolkit()
    option_ids = [query.find(toolkit, wanted).id for wanted in options or ()]
    chosen = precedents.select(load(ctx, file), options=option_ids, situation=situation,
                               since=since)
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
    from caac_toolkit.templating import ordinal

    return "; ".join(
        (f"{ordinal(m.number, 'en')}, " if m.number else "") + m.date.isoformat()
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
    from caac_toolkit import build
    from caac_toolkit import case as case_module

    for path in build.case_files(paths):
        print_earlier_for_case(ctx, case_module.load(path, state(ctx).toolkit()))


def register(app: typer.Typer) -> None:
    app.command("precedents")(list_precedents)
