"""The `caac` command line: thin adapters over the library.

The command modules do without `from __future__ import annotations`: Typer reads every
parameter's annotation at start-up, and evaluating them from strings makes `caac list` slower.
"""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from caac_toolkit import __version__
from caac_toolkit.cli import browse, cases, checks, draft
from caac_toolkit.cli.state import State
from caac_toolkit.errors import CaacError


class _ReportErrors(TyperGroup):
    """The one place where library errors become messages and exit codes."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CaacError as error:
            state = ctx.find_object(State)
            if state is not None and state.debug:
                raise
            for line in error.lines():
                print(f"caac: error: {line}", file=sys.stderr)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    name="caac",
    cls=_ReportErrors,
    help="Browse the toolkit of the Security Council Working Group on Children and Armed "
    "Conflict (S/AC.51/2007/2) and draft the documents that follow from it.",
    epilog="Examples: caac list --category demarches | caac show other-measures.sanctions | "
    "caac draft letter --to sanctions-committee",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"caac {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            envvar="CAAC_DATA",
            help="A toolkit YAML file to use instead of the bundled one; with 'base: bundled' "
            "it adds to or overrides the bundled options by id.",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback for errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    ctx.obj = State(data=data, debug=debug)


browse.register(app)
checks.register(app)
draft.register(app)
cases.register(app)


def main() -> None:
    app()
