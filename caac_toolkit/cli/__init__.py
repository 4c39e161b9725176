"""The `caac` command line: thin adapters over the library.

The command modules do without `from __future__ import annotations`: Typer reads every
parameter's annotation at start-up, and evaluating them from strings makes `caac list` slower.
"""

import io
import signal
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from caac_toolkit import __version__
from caac_toolkit.cli import browse, cases, checks, diff, draft, precedents, status
from caac_toolkit.cli.state import State
from caac_toolkit.errors import CaacError, Place, UsageError, system_error
from caac_toolkit.textfile import check_text

INTERRUPTED = 130  # the shell's code for a program stopped by Ctrl-C


class _ReportErrors(TyperGroup):
    """The one place where library errors become messages and exit codes."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta["caac.arguments"] = list(args)  # checked in `invoke`, where errors are reported
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            _check_arguments(ctx.meta["caac.arguments"])
            return super().invoke(ctx)
        except KeyboardInterrupt:
            # Files are written atomically, and a build records what it is replacing first.
            print("caac: interrupted; nothing half-written", file=sys.stderr)
            raise typer.Exit(INTERRUPTED) from None
        except (CaacError, OSError) as error:
            state = ctx.find_object(State)
            if state is not None and state.debug:
                raise
            failure = error if isinstance(error, CaacError) else system_error(error)
            for line in failure.lines():
                print(f"caac: error: {line}", file=sys.stderr)
            raise typer.Exit(failure.exit_code) from None


def _check_arguments(arguments: list[str]) -> None:
    """Flag values end up in documents and messages: refuse what neither can show, naming it as
    typed, with the option before it and its control characters escaped."""
    import reprlib

    for previous, argument in zip(["", *arguments], arguments, strict=False):
        shown = reprlib.repr(argument)
        if previous.startswith("-") and not argument.startswith("-"):
            shown = f"{previous} {shown}"
        check_text(argument, Place(shown), UsageError)


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
diff.register(app)
status.register(app)
precedents.register(app)


def _stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # SIGTERM's own action ends the program without any clean-up


def main() -> None:
    signal.signal(signal.SIGTERM, _stop)
    # Documents and the toolkit are UTF-8 text: written as such whatever the locale says
    # (LC_ALL=C, PYTHONIOENCODING=ascii), rather than failing halfway through a listing.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8")
    app()
