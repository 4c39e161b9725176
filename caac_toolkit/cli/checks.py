"""`caac validate`: check toolkit files on demand."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from caac_toolkit import toolkit as toolkit_module
from caac_toolkit.cli.state import state


def validate(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Toolkit files to check; without one, the toolkit in use "
                       "(--data, CAAC_DATA or the bundled one).", show_default=False),
    ] = None,
) -> None:
    """Check toolkit files: exit 0 when valid, 1 with file:line:column for each problem."""
    if not files:
        toolkit = state(ctx).toolkit()
        print(f"ok: {state(ctx).data or 'bundled toolkit'} ({len(toolkit.options)} options)")
        return
    for path in files:
        toolkit = toolkit_module.load(path)
        print(f"ok: {path} ({len(toolkit.options)} options)")


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
