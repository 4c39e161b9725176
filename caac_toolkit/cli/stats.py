"""`caac stats`: figures on the Working Group's sets of conclusions, per set or per year."""

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from caac_toolkit.cli import precedents as recorded

if TYPE_CHECKING:
    from caac_toolkit.stats import Record, Summary


class StatsFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class By(StrEnum):
    set = "set"
    year = "year"


def stats(
    ctx: typer.Context,
    by: Annotated[By, typer.Option("--by", help="One row per set of conclusions, or per year.")]
    = By.set,
    fmt: Annotated[
        StatsFormat, typer.Option("--format", "-f", help="table, csv or json (see the README).")
    ] = StatsFormat.table,
    since: recorded.SinceOpt = None,
    until: Annotated[
        int | None,
        typer.Option("--until", metavar="YEAR", help="Only sets adopted in this year or "
                     "earlier.", show_default=False),
    ] = None,
    situation: recorded.SituationOpt = None,
    file: recorded.FileOpt = None,
) -> None:
    """Figures on the Working Group's conclusions, each with its coverage.

    Per set (the default): the symbol, situation, report and its date, the
    meetings that examined it, the adoption, the days from the report to the
    adoption and the options used (a lower bound unless marked complete).
    Per year: the sets adopted, the mean options per set and the median and
    mean months from report to adoption, each followed by the number of sets
    it is computed from; a last row sums up the years shown. Only what the
    recorded precedents support is computed.

    caac stats --by year --since 2006 --until 2013
    """
    from caac_toolkit import precedents
    from caac_toolkit import stats as figures
    from caac_toolkit.cli import formats

    chosen = precedents.select(recorded.load(ctx, file), situation=situation, since=since,
                               until=until)
    records = [figures.from_precedent(entry) for entry in reversed(chosen)]
    if not records:
        formats.note("caac: no recorded conclusions match")
        return
    if by is By.set:
        rows = [figures.set_row(record) for record in records]
        if fmt is StatsFormat.json:
            print(formats.dump(rows, formats.ListFormat.json), end="")
        elif fmt is StatsFormat.csv:
            _csv([_set_csv(row) for row in rows])
        else:
            _sets_table(records)
        return
    years, overall = figures.by_year(records), figures.overall(records)
    if fmt is StatsFormat.json:
        print(formats.dump({"years": [y.record() for y in years], "all": overall.record()},
                           formats.ListFormat.json), end="")
    elif fmt is StatsFormat.csv:
        _csv([_year_csv(summary) for summary in [*years, overall]])
    else:
        _years_table(years, overall)


def _set_csv(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "examined": ";".join(row["examined"]), "options": " ".join(row["options"]),
            "options_count": len(row["options"]),
            "options_complete": str(row["options_complete"]).lower()}


def _year_csv(summary: "Summary") -> dict[str, Any]:
    row: dict[str, Any] = {"period": summary.period, "sets": summary.sets}
    for name in ("options_mean", "months_median", "months_mean"):
        figure = getattr(summary, name)
        row[name], row[f"{name}_from"] = figure.value, figure.sets
    row["options_complete"] = summary.options_complete
    return row


def _csv(rows: list[dict[str, Any]]) -> None:
    import csv
    import sys

    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _sets_table(records: "list[Record]") -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(header_style="bold", show_edge=False, pad_edge=False)
    for heading in ("year", "set", "situation", "report", "report of", "examined", "adopted",
                    "days", "options"):
        table.add_column(heading, no_wrap=heading in ("year", "days"))
    for r in records:
        adopted = (r.adopted.isoformat() if r.adopted
                   else f"cited {r.cited.isoformat()}" if r.cited else "")
        days = r.days_to_adoption
        options = f"{len(r.options)} ({'complete' if r.options_complete else 'at least'})"
        table.add_row(*map(escape, [
            str(r.year), r.reference, r.situation, r.report or "",
            r.report_issued.isoformat() if r.report_issued else "",
            " ".join(d.isoformat() for d in r.examined), adopted,
            "" if days is None else str(days), options]))
    Console().print(table)


def _years_table(years: "list[Summary]", overall: "Summary") -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(header_style="bold", show_edge=False, pad_edge=False, show_footer=True)
    columns = ["year", "sets", "options per set", "median months to adoption", "mean months"]
    footer = _year_cells(overall)
    for heading, total in zip(columns, footer, strict=True):
        table.add_column(heading, footer=total, no_wrap=heading in ("year", "sets"))
    for summary in years:
        table.add_row(*_year_cells(summary))
    console = Console()
    console.print(table)
    console.print(f"Options are a lower bound: {overall.options_complete} of {overall.sets} "
                  "sets list all their actions. Months run from the report's date to the "
                  "adoption.")


def _year_cells(summary: "Summary") -> list[str]:
    return [summary.period, str(summary.sets), summary.options_mean.text(),
            summary.months_median.text(), summary.months_mean.text()]


def register(app: typer.Typer) -> None:
    app.command("stats")(stats)
