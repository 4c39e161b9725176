"""`caac followup`: what later reports of the Secretary-General say of a set's recommendations."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from caac_toolkit.cli import precedents as recorded

if TYPE_CHECKING:
    from caac_toolkit.precedents import Action, Precedent


class FollowupFormat(StrEnum):
    text = "text"
    json = "json"


def followup(
    ctx: typer.Context,
    symbol: Annotated[str, typer.Argument(
        metavar="SYMBOL", help="The conclusions' symbol, S/AC.51/YYYY/N; for a set whose symbol "
        "is not recorded, the press release of its public statement, SC/NNNNN.")],
    fmt: Annotated[
        FollowupFormat, typer.Option("--format", "-f", help="text, or json (see the README).")
    ] = FollowupFormat.text,
    file: Annotated[
        Path | None,
        typer.Option("--file", envvar=recorded.ENV, help="A precedents file to use instead of "
                     "the bundled one; with 'base: bundled' it adds to it.", show_default=False),
    ] = None,
) -> None:
    """The recommendations of a set of conclusions and what became of them.

    Each recorded action of the set (a lower bound unless the entry says its
    actions are complete), followed by what a later report of the
    Secretary-General says of it: the report, the paragraph, a status
    (implemented, partly, not-implemented, unclear) and the source. Where no
    report seen says anything, that is said too.

    caac followup S/AC.51/2007/9
    """
    from caac_toolkit import precedents

    entry = precedents.find(recorded.load(ctx, file), symbol)
    if fmt is FollowupFormat.json:
        import json

        print(json.dumps(_record(entry), ensure_ascii=False, indent=2))
        return
    print(_text(entry), end="")


def _record(entry: "Precedent") -> dict[str, Any]:
    import msgspec

    return {"symbol": entry.symbol, "statement": entry.statement, "situation": entry.situation,
            "report": entry.report,
            "actions_complete": entry.actions_complete,
            "actions": msgspec.to_builtins(entry.actions)}


def _text(entry: "Precedent") -> str:
    lines = [f"{entry.reference}: conclusions on {entry.situation}"
             + (f", on the report {entry.report}" if entry.report else "")]
    if not entry.actions:
        lines.append("No recommendation of this set is recorded.")
        return "\n".join(lines) + "\n"
    lines.append("All its recommendations:" if entry.actions_complete else
                 "Its recommendations the sources show (there may be others):")
    for number, action in enumerate(entry.actions, 1):
        lines += _action_lines(number, action)
    return "\n".join(lines) + "\n"


def _action_lines(number: int, action: "Action") -> list[str]:
    where = f", {action.paragraph}" if action.paragraph else ""
    lines = [f"{number}. {action.option} ({action.sender}{where}): to {action.to}",
             f"   source: {action.source}"]
    if not action.followup:
        return [*lines, "   follow-up: no later report seen says what became of it"]
    for later in action.followup:
        lines.append(f"   follow-up: {later.report}, {later.paragraph}: {later.status}"
                     + (f" ({later.note})" if later.note else ""))
        lines.append(f"     source: {later.source}")
    return lines


def register(app: typer.Typer) -> None:
    app.command("followup")(followup)
