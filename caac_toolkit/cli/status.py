"""`caac status`: the clock of each case against the two-month target, and what it recalls."""

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from caac_toolkit.cli.report import skipped
from caac_toolkit.cli.state import state

if TYPE_CHECKING:
    from caac_toolkit.case import Case
    from caac_toolkit.clock import Row


class StatusFormat(StrEnum):
    table = "table"
    json = "json"


def status(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[CASE_OR_DIR]...", help="Case files, or folders whose *.yaml "
                       "files are cases; by default the current folder, or its cases/ folder "
                       "when it holds none.", show_default=False),
    ] = None,
    fmt: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="table, or json (see the README).")
    ] = StatusFormat.table,
    as_of: Annotated[
        datetime | None,
        typer.Option("--as-of", formats=["%Y-%m-%d"], help="Count days to this date, "
                     "YYYY-MM-DD; default today, or SOURCE_DATE_EPOCH when set.",
                     show_default=False),
    ] = None,
    previous: Annotated[
        bool, typer.Option("--previous", help="List instead the previous conclusions each case "
                           "recalls.")
    ] = False,
) -> None:
    """Show how long each case has waited for its conclusions.

    One row per case: the report, the day the clock started (the report's
    issue, else its introduction), the adoption, the days between them (so
    far, while under negotiation), and whether that is within the Working
    Group's target of two months (Watchlist on Children and Armed Conflict,
    Working Methods 2006-2012). The JSON has every date and count.

    caac status examples --format json
    """
    import json

    from caac_toolkit import clock
    from caac_toolkit.templating import default_date

    cases = clock.load_cases(paths or _default_folder(), state(ctx).toolkit(), skipped)
    if previous:
        records = [_recalled(path, case) for path, case in cases]
        if fmt is StatusFormat.json:
            print(json.dumps(records, ensure_ascii=False, indent=2))
        else:
            _previous_table(records)
        return
    day = as_of.date() if as_of else default_date()
    rows = [(path, clock.row(case, day)) for path, case in cases]
    if fmt is StatusFormat.json:
        print(json.dumps([{"case": path.as_posix(), **row.record()} for path, row in rows],
                         ensure_ascii=False, indent=2))
    else:
        _clock_table([row for _, row in rows], day)


def _default_folder() -> list[Path]:
    """The current folder, or from a project's root its cases/ folder (as the README lays a
    project out)."""
    from caac_toolkit.casefiles import case_files
    from caac_toolkit.errors import UsageError

    try:
        case_files([Path(".")])
    except UsageError:
        if Path("cases").is_dir():
            return [Path("cases")]
    return [Path(".")]


def _recalled(path: Path, case: "Case") -> dict[str, Any]:
    return {"case": path.as_posix(), "situation": case.situation, "symbol": case.symbol,
            "previous": [{"symbol": p.symbol, "annex": p.annex} for p in case.previous]}


_STATUS_STYLES = {"met": "green", "missed": "red", "overdue": "red", "pending": "yellow",
                  "unknown": "dim"}


def _clock_table(rows: list["Row"], day: Any) -> None:
    """One line per case: the clock's start (the report's issue, else its introduction), the
    adoption, the days from one to the other (so far, while under negotiation), the target."""
    from rich.text import Text

    from caac_toolkit.cli import tables
    from caac_toolkit.clock import TARGET_MONTHS

    cells: list[list[str | Text]] = []
    for row in rows:
        days = row.days_to_adoption if row.adopted else row.days_since(row.started)
        status = row.status + (f", by {row.deadline}" if row.status == "pending" else "")
        cells.append([row.situation or "–", row.report or "–", str(row.started or "–"),
                      str(row.adopted or "–"), "–" if days is None else str(days),
                      Text(status, style=_STATUS_STYLES[row.status])])
    tables.show(["situation", "report", "from", "adopted", "days", "target"], cells,
                ids=["report", "from", "adopted"],
                title=f"Conclusions against the {TARGET_MONTHS}-month target, as of {day}",
                caption="from: the report's issue, else its introduction; days: to adoption, "
                "or so far", right=["days"])


def _previous_table(records: list[dict[str, Any]]) -> None:
    from caac_toolkit.cli import tables

    cells = []
    for record in records:
        recalls = [p["symbol"] + (" (annex)" if p["annex"] else "") for p in record["previous"]]
        cells.append([Path(record["case"]).name, record["situation"] or "–",
                      record["symbol"] or "–", ", ".join(recalls) or "none"])
    tables.show(["case", "situation", "conclusions", "recalls"], cells,
                ids=["case", "conclusions", "recalls"], title="Previous conclusions recalled")


def register(app: typer.Typer) -> None:
    app.command("status")(status)
