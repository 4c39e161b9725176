"""`caac validate`: check case files and toolkit files on demand."""

from pathlib import Path
from typing import Annotated

import typer

from caac_toolkit.cli.state import state
from caac_toolkit.errors import CaacError, InvalidInput, Problem


def validate(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Case, toolkit and precedents files to check, told apart by their "
                       "content, and language folders (templates/es): every template, label and "
                       "option text a language needs; without one, the toolkit in use (--data, "
                       "CAAC_DATA or the bundled one).",
                       show_default=False),
    ] = None,
) -> None:
    """Check case, toolkit and precedents files: file:line:column for every problem, exit 1 if any.

    Every file is checked and every problem reported, not only the first.

    caac validate cases/sudan.yaml templates/es
    """
    if not files:
        toolkit = state(ctx).toolkit()
        print(f"ok: {state(ctx).data or 'bundled toolkit'} ({len(toolkit.options)} options)")
        return
    problems: list[Problem] = []
    exit_code = 0
    for path in files:
        try:
            print(f"ok: {path} ({_check(ctx, path)})")
        except CaacError as error:
            problems += error.problems
            exit_code = max(exit_code, error.exit_code)
    if problems:
        failure = InvalidInput(problems[0].message, problems=problems)
        failure.exit_code = exit_code  # a missing file among them is a usage error (2)
        raise failure


def _check(ctx: typer.Context, path: Path) -> str:
    """What the valid file holds; an error for an invalid one."""
    from caac_toolkit import case as case_module
    from caac_toolkit import precedents, yamlfile
    from caac_toolkit import toolkit as toolkit_module

    if path.is_dir():
        from caac_toolkit import translation

        problems = translation.check(path, state(ctx).data)
        if problems:
            raise InvalidInput(problems[0].message, problems=problems)
        return f"language folder '{path.name}', complete"
    document = yamlfile.load(path)
    if precedents.is_precedents(document.data):  # before toolkits: both may say 'base: bundled'
        entries = precedents.from_document(document, state(ctx).toolkit())
        return f"precedents, {len(entries)} sets of conclusions"
    if case_module.is_case(document.data):
        case = case_module.validate(document, state(ctx).toolkit())
        return f"case, {len(case.actions)} actions"
    if toolkit_module.is_toolkit(document.data):
        return f"toolkit, {len(toolkit_module.from_document(document).options)} options"
    raise InvalidInput("neither a case file (with situation and actions), a toolkit file "
                       "(with options, or base: bundled) nor a precedents file (with precedents)",
                       place=document.place(()))


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
