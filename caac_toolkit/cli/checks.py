"""`caac validate`: check case files and toolkit files on demand."""

from pathlib import Path
from typing import Annotated

import typer

from caac_toolkit.cli.output import StrictOpt
from caac_toolkit.cli.report import (
    OutputFormat,
    OutputFormatOpt,
    notice_record,
    problems,
    skipped,
    warning,
)
from caac_toolkit.cli.state import state
from caac_toolkit.errors import CaacError, InvalidInput, Problem
from caac_toolkit.strictness import failing


def validate(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Case, toolkit, precedents and situations files to check, told "
                       "apart by their content; folders of case files, as 'caac build' takes them; language "
                       "folders (templates/es, with labels.yaml): every template, label and "
                       "option text a language needs. Without one, the toolkit in use (--data, "
                       "CAAC_DATA or the bundled one).",
                       show_default=False),
    ] = None,
    output_format: OutputFormatOpt = OutputFormat.text,
    strict: StrictOpt = None,
) -> None:
    """Check case, toolkit, precedents and situations files: file:line:column per problem, exit 1 if any.

    Every file is checked and every problem reported, not only the first. The
    case files are then checked as 'caac build' would build them (two cases
    building into one folder, drafting): what fails a build fails here. Each gap
    of their drafts (a [placeholder]) is a warning and each note (an unusual
    addressee, two cases with one symbol) a note, at its file:line; --strict
    makes gaps errors, and --strict=notes notes too, as on 'caac build'.

    caac validate cases templates/es --output-format github
    """
    state(ctx).output_format = output_format
    if not files:
        toolkit = state(ctx).toolkit()
        _checked(ctx, str(state(ctx).data or "bundled toolkit"), f"{len(toolkit.options)} options")
        _done(ctx)
        return
    problems: list[Problem] = []
    exit_code = 0
    cases: list[Path] = []
    for path in _expanded(files):
        try:
            kind, holds = _check(ctx, path)
            _checked(ctx, str(path), holds)
            if kind == "case":
                cases.append(path)
        except CaacError as error:
            problems += error.problems
            exit_code = max(exit_code, error.exit_code)
    if cases:
        from caac_toolkit.build import preflight

        found, notices = preflight(cases, state(ctx).data, state(ctx).templates)
        for notice in notices:
            warning(notice, output_format)
        if output_format is OutputFormat.json:
            state(ctx).report["warnings"] = [notice_record(n) for n in notices]
        found += [Problem(n.text, n.place, "fill it in, or drop --strict")
                  for n in failing(notices, strict)]
        problems += found
        exit_code = max(exit_code, 1 if found else 0)
    if problems:
        failure = InvalidInput(problems[0].message, problems=problems)
        failure.exit_code = exit_code  # a missing file among them is a usage error (2)
        raise failure
    _done(ctx)


def _expanded(paths: list[Path]) -> list[Path]:
    """Files and language folders as given; a folder of cases as its *.yaml and *.yml files."""
    from caac_toolkit.casefiles import case_files

    found = []
    for path in paths:
        if path.is_dir() and not _is_language_folder(path):
            found += case_files([path], skipped)
        else:
            found.append(path)
    return found


def _is_language_folder(path: Path) -> bool:
    return (path / "labels.yaml").is_file() or any(path.glob("*.j2"))


def _checked(ctx: typer.Context, name: str, holds: str) -> None:
    """A file found valid: a line for people, an entry of the JSON report."""
    if state(ctx).output_format == OutputFormat.json:
        state(ctx).report.setdefault("files", []).append({"path": name, "holds": holds})
    elif state(ctx).output_format == OutputFormat.text:  # annotations only, as ruff prints
        print(f"ok: {name} ({holds})")


def _done(ctx: typer.Context) -> None:
    if state(ctx).output_format == OutputFormat.json:
        problems([], OutputFormat.json, state(ctx).report)


def _check(ctx: typer.Context, path: Path) -> tuple[str, str]:
    """What kind of file it is and what it holds, if valid; an error for an invalid one."""
    from caac_toolkit import case as case_module
    from caac_toolkit import precedents, situations, yamlfile
    from caac_toolkit import toolkit as toolkit_module

    if path.is_dir():
        from caac_toolkit import translation

        problems = translation.check(path, state(ctx).data)
        if problems:
            raise InvalidInput(problems[0].message, problems=problems)
        return "language", f"language folder '{path.name}', complete"
    document = yamlfile.load(path)
    if precedents.is_precedents(document.data):  # before toolkits: both may say 'base: bundled'
        entries = precedents.from_document(document, state(ctx).toolkit())
        return "precedents", f"precedents, {len(entries)} sets of conclusions"
    if situations.is_situations(document.data):
        table = situations.validate(document)
        return "situations", f"situations, {len(table.situations)} entries"
    if case_module.is_case(document.data):
        from caac_toolkit import languages

        case = case_module.validate(document, state(ctx).toolkit(),
                                    languages.load(state(ctx).templates))
        return "case", f"case, {len(case.actions)} actions"
    if toolkit_module.is_toolkit(document.data):
        return "toolkit", f"toolkit, {len(toolkit_module.from_document(document).options)} options"
    raise InvalidInput("neither a case file (with situation and actions), a toolkit file "
                       "(with options, or base: bundled), a precedents file (with precedents) nor a "
                       "situations file (with situations)",
                       place=document.place(()))


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
