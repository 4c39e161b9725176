"""The `caac` command line: thin adapters over the library.

The command modules do without `from __future__ import annotations`: Typer reads every
parameter's annotation at start-up, and evaluating them from strings makes `caac list` slower.
"""

import copy
import io
import itertools
import os
import signal
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from caac_toolkit import __version__
from caac_toolkit.cli import (
    browse,
    cases,
    checks,
    diff,
    draft,
    followup,
    precedents,
    preview,
    situations,
    stats,
    status,
)
from caac_toolkit.cli.state import State
from caac_toolkit.errors import CaacError, Place, UsageError, system_error
from caac_toolkit.textfile import check_text

INTERRUPTED = 130  # the shell's code for a program stopped by Ctrl-C


class _ReportErrors(TyperGroup):
    """The one place where library errors become messages and exit codes."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta["caac.arguments"] = list(args)  # checked in `invoke`, where errors are reported
        args = _bare_strict(args)
        return super().parse_args(ctx, self._route(ctx, args))

    def _route(self, ctx: Any, args: list[str]) -> list[str]:
        """Global options wherever they are typed (`caac list --data x.yaml`): each goes to the
        command when it has an option of that name (`--templates` of `caac draft`), else to caac."""
        takes_value = {name: not getattr(param, "is_flag", False) for param in self.params
                       if param.param_type_name == "option" and not param.is_eager
                       for name in param.opts}
        found: list[list[str]] = []
        rest: list[str] = []
        command: Any = self
        path: list[str] = []
        tokens = iter(args)
        for token in tokens:
            name = token.split("=", 1)[0]
            if token == "--":
                rest += [token, *tokens]
            elif name in takes_value:
                value = [] if "=" in token or not takes_value[name] else [*itertools.islice(tokens, 1)]
                found.append([token, *value])
            elif not rest and not token.startswith("-") and hasattr(command, "get_command"):
                command = command.get_command(ctx, token)
                if command is None:
                    return args  # an unknown command: let Click say so
                path.append(token)
            else:
                rest.append(token)
        if not path:
            return args
        own = {name for param in command.params for name in (*param.opts, *param.secondary_opts)}
        to_command = [token for option in found if option[0].split("=", 1)[0] in own
                      for token in option]
        to_caac = [token for option in found if option[0].split("=", 1)[0] not in own
                   for token in option]
        return [*to_caac, *path, *to_command, *rest]

    def invoke(self, ctx: Any) -> Any:
        try:
            _check_arguments(ctx.meta["caac.arguments"])
            result = super().invoke(ctx)
            if sys.stdout is not None:  # None when started with stdout closed (`>&-`)
                sys.stdout.flush()
            return result
        except BrokenPipeError:
            _stop_writing()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            # Files are written atomically, and a build records what it is replacing first.
            print("caac: interrupted; nothing half-written", file=sys.stderr)
            raise typer.Exit(INTERRUPTED) from None
        except (CaacError, OSError) as error:
            state = ctx.find_object(State)
            if state is not None and state.debug:
                raise
            failure = error if isinstance(error, CaacError) else system_error(error)
            from caac_toolkit.cli import report

            fmt = report.OutputFormat(state.output_format if state else "text")
            report.problems(failure.problems, fmt, state.report if state else {})
            raise typer.Exit(failure.exit_code) from None


def _bare_strict(args: list[str]) -> list[str]:
    """`--strict` alone is `--strict=gaps`: its value is optional, and the word after it is
    never taken for one (`caac build --strict cases`)."""
    end = args.index("--") if "--" in args else len(args)
    return [*("--strict=gaps" if a == "--strict" else a for a in args[:end]), *args[end:]]


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
    epilog="Examples:\n\n"
    "caac list --category demarches\n\n"
    "caac show other-measures.sanctions\n\n"
    "caac draft letter --to sanctions-committee --situation \"the Sudan\"\n\n"
    "caac build examples --out out --format md --format docx",
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
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            envvar="CAAC_TEMPLATES",
            help="A folder of templates (en/letter.md.j2, fr/labels.yaml …) that override the "
            "bundled ones by path.",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback for errors.")
    ] = False,
    allow_font_fallback: Annotated[
        bool,
        typer.Option(
            "--allow-font-fallback",
            envvar="CAAC_ALLOW_FONT_FALLBACK",
            help="Make PDFs even when a language's fonts are missing, in faces typst picks "
            "(else that is an error naming the package to install).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    from caac_toolkit import fonts

    fonts.allow_fallback(allow_font_fallback,
                         warn=lambda message: print(f"caac: warning: {message}", file=sys.stderr))
    ctx.obj = State(data=data, templates=templates, debug=debug)


browse.register(app)
checks.register(app)
draft.register(app)
cases.register(app)
diff.register(app)
status.register(app)
precedents.register(app)
preview.register(app)
situations.register(app)
stats.register(app)
followup.register(app)


def _stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # SIGTERM's own action ends the program without any clean-up


def _stop_writing() -> None:
    """The reader of stdout has gone (`caac schema case | head -1`): it has what it wanted, so the
    rest, and Python's last flush, go nowhere rather than into an error."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _trimmed(arguments: list[str]) -> typer.Typer:
    """`app` with only the commands the arguments name. Typer makes every registered command a
    Click command before it runs one; `caac list` need not pay for the others. With no command
    named (`caac --help`), or for shell completion, it is the whole of `app`."""
    if any(name.endswith("_COMPLETE") for name in os.environ):
        return app
    named = set(arguments)
    commands = [info for info in app.registered_commands
                if (info.name or info.callback.__name__.replace("_", "-")) in named]  # type: ignore[union-attr]
    groups = [info for info in app.registered_groups if info.name in named]
    if not commands and not groups:
        return app
    trimmed = copy.copy(app)  # the same settings and callback
    trimmed.registered_commands, trimmed.registered_groups = commands, groups
    return trimmed


def main() -> None:
    signal.signal(signal.SIGTERM, _stop)
    # Documents and the toolkit are UTF-8 text: written as such whatever the locale says
    # (LC_ALL=C, PYTHONIOENCODING=ascii), rather than failing halfway through a listing. A file
    # name that is not UTF-8 (bad\xff.yaml) is printed with its odd byte escaped.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    code: Any = 0
    try:
        _trimmed(sys.argv[1:])()
    except SystemExit as done:
        code = done.code
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        _stop_writing()
    sys.exit(code)
