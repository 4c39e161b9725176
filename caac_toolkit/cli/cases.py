"""`caac build`, `caac schema`, `caac init` and `caac draft conclusions`: the case-file commands."""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from caac_toolkit.cli import complete
from caac_toolkit.cli import precedents as earlier
from caac_toolkit.cli.draft import draft_app
from caac_toolkit.cli.output import (
    CaseArg,
    ForceOpt,
    FormatOpt,
    OutputOpt,
    ReferenceDocxOpt,
    StrictOpt,
    TemplatesOpt,
    emit,
    format_option,
    reference,
)
from caac_toolkit.cli.report import (
    OutputFormat,
    OutputFormatOpt,
    annotation,
    notice_record,
    problems,
    skipped,
)
from caac_toolkit.cli.report import warning as show_warning
from caac_toolkit.cli.state import state
from caac_toolkit.errors import CaacError, CheckFailed, Place, Problem, UsageError
from caac_toolkit.writers import Format, by_extension, defaults, names

if TYPE_CHECKING:
    from caac_toolkit.build import Change, Progress
    from caac_toolkit.build import Report as BuildReport



def interactive(stream: TextIO | None = None) -> bool:
    """Whether a person is at this end of the program (stdin by default), and not CI."""
    return (stream or sys.stdin).isatty() and not os.environ.get("CI")


def conclusions(
    ctx: typer.Context,
    case_file: CaseArg,
    precedents: earlier.PrecedentsFlag = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    strict: StrictOpt = None,
    templates: TemplatesOpt = None,
    reference_docx: ReferenceDocxOpt = None,
    lang: Annotated[
        str | None, typer.Option("--lang", "-l", help="The language to draft in; default the "
                                 "case's. The fixed text is written in it; the case's own text "
                                 "is printed as the case gives it in that language.",
                                 show_default=False, autocompletion=complete.languages)
    ] = None,
) -> None:
    """Draft the conclusions on a situation from its case file.

    caac draft conclusions examples/sudan-2012.yaml -o sudan-2012.docx
    caac draft conclusions examples/mali-2018.yaml --lang fr
    """
    from caac_toolkit import case as case_module
    from caac_toolkit.drafting import Drafter
    from caac_toolkit.files import command_inputs
    from caac_toolkit.templating import Templates

    drafter = Drafter(state(ctx).toolkit(), Templates(templates))
    case = case_module.load(case_file, drafter.toolkit, drafter.templates.languages)
    if precedents:
        earlier.print_earlier_for_case(ctx, case)
    document = drafter.conclusions(case, lang and drafter.templates.languages.get(lang).code)
    emit(document, fmt, output, force=force, strict=strict, reference_docx=reference_docx,
         inputs=command_inputs(case_file, reference_docx, data=state(ctx).data,
                               templates=templates))


def build(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="CASE_OR_DIR...", help="Case files, or folders whose *.yaml "
                       "files are cases.", show_default=False),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The folder to build into; it holds what the "
                           "last build made, listed in its manifest.json.", show_default=False),
    ],
    formats: Annotated[
        list[Format] | None,
        format_option(f"{names()} (repeatable); default {names(defaults(), word='and')}."),
    ] = None,
    precedents: earlier.PrecedentsFlag = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Build cases in this many processes.")
    ] = 1,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; list what would change and why, and "
                           "exit 1 if anything would (for CI).")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="With --check, a unified diff of each text, Markdown "
                           "and HTML file that would change.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild outputs even if they were edited by hand.")
    ] = False,
    keep_others: Annotated[
        bool, typer.Option("--keep-others", help="Keep the outputs of the last build that this "
                           "one does not make (other formats, other cases) instead of removing "
                           "them.")
    ] = False,
    strict: StrictOpt = None,
    templates: TemplatesOpt = None,
    reference_docx: ReferenceDocxOpt = None,
    output_format: OutputFormatOpt = OutputFormat.text,
    languages: Annotated[
        list[str] | None,
        typer.Option("--lang", "-l", help="A language to build each case in (repeatable), or "
                     "'all' for every language of the table; default each case's own. A "
                     "language other than the case's adds its code to the file names: "
                     "conclusions.fr.docx.", show_default=False,
                     autocompletion=complete.languages)
    ] = None,
    redline_against: Annotated[
        str | None,
        typer.Option("--redline-against", metavar="GIT_REF", help="Also write "
                     "<document>-redline.docx, with Word tracked changes, beside each document "
                     "that changed since the case file as committed in this git revision.",
                     show_default=False),
    ] = None,
) -> None:
    """Build the documents of case files into a folder, reproducibly, with a manifest.

    Per case: the conclusions, the public statement when the parties are
    addressed, and one letter per addressee; manifest.json records the hashes
    of inputs and outputs.

    The same inputs give the same bytes: dates come from the cases, never
    the clock (SOURCE_DATE_EPOCH sets only the times inside the files). An
    output edited by hand since it was built is kept: the build stops (exit 1)
    unless --force.

    caac build examples --out out --format md --format docx
    """
    from caac_toolkit import languages as table
    from caac_toolkit.build import Settings
    from caac_toolkit.build import build as build_cases

    known = table.load(templates or state(ctx).templates)
    codes = known.codes if languages == ["all"] else [known.get(c).code for c in languages or []]
    settings = Settings(formats=tuple(dict.fromkeys(formats or defaults())),
                        data=state(ctx).data, templates=templates, jobs=jobs,
                        reference_docx=reference(reference_docx), reference_path=reference_docx,
                        redline_against=redline_against, languages=tuple(dict.fromkeys(codes)))

    state(ctx).output_format = output_format

    def waiting() -> None:
        print(f"caac: waiting for another build into {out} to finish", file=sys.stderr)

    def removing(changes: "list[Change]") -> None:
        for change in changes:
            if change.action == "remove":
                print(f"caac: removing {out / change.path}: {'; '.join(change.reasons)}",
                      file=sys.stderr)

    with _progress() as progress:
        report = build_cases(paths, out, settings, check=check, force=force, strict=strict,
                             progress=progress, waiting=waiting, keep_others=keep_others,
                             before_writing=removing, skipped=skipped)
    if precedents:
        earlier.print_earlier_for_cases(ctx, paths)
    for notice in report.warnings:
        show_warning(notice, output_format)
    for moved in report.moved:
        show_warning(moved, output_format)
    if check:
        _report_check(ctx, out, report, output_format, diff)
        return
    removed = sum(change.action == "remove" for change in report.changes)
    print(f"caac: {out}: {len(report.changes) - removed} written, {removed} removed, "
          f"{report.outputs - len(report.changes) + removed} unchanged", file=sys.stderr)
    if output_format is OutputFormat.json:
        problems([], output_format, {"changes": _changes(out, report),
                                     "warnings": _warnings(report)})


def _report_check(
    ctx: typer.Context, out: Path, report: "BuildReport", fmt: OutputFormat, diff: bool
) -> None:
    """What --check found: each change and why, as lines, annotations or JSON; exit 1 if any."""
    state(ctx).report = {"changes": _changes(out, report), "warnings": _warnings(report)}
    for change in report.changes:
        path, why = out / change.path, "; ".join(change.reasons)
        if fmt is OutputFormat.github:
            print(annotation(Problem(f"would {change.action}: {why}", Place(str(path))), "error"))
        elif fmt is OutputFormat.text:
            print(f"{change.action}\t{path}\t{why}")
            if diff:
                print(_unified(path, change, report.contents.get(change.path)), end="")
    if report.changes:
        failure = CheckFailed(f"{len(report.changes)} file(s) in {out} would change",
                              hint="run the build without --check")
        if fmt is OutputFormat.github:
            raise typer.Exit(failure.exit_code)  # every change has been annotated
        raise failure
    if fmt is OutputFormat.json:
        problems([], fmt, state(ctx).report)
    else:
        print(f"caac: {out} is up to date ({report.outputs} files)", file=sys.stderr)


def _changes(out: Path, report: "BuildReport") -> list[dict[str, Any]]:
    return [{"action": c.action, "path": (out / c.path).as_posix(), "reasons": list(c.reasons)}
            for c in report.changes]


def _warnings(report: "BuildReport") -> list[dict[str, Any]]:
    return [notice_record(n) for n in report.warnings]


def _unified(path: Path, change: "Change", after: bytes | None) -> str:
    """A unified diff of a text output, from the file in the folder to what the build makes."""
    import difflib

    from caac_toolkit.build import MAX_OUTPUT
    from caac_toolkit.textfile import read_bytes

    fmt = by_extension(path.suffix)
    if (fmt is None or fmt.binary) and path.suffix != ".json":  # the manifest is text too
        return ""
    old = ""
    if change.before is not None:
        try:
            old = read_bytes(path, MAX_OUTPUT).decode("utf-8", "replace")
        except CaacError as error:  # larger than any output, or not a file: not shown
            return f"caac: {path}: no diff: {error.problems[0].message}\n"
    new = after.decode("utf-8", "replace") if after is not None else ""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 str(path) if change.before else "/dev/null",
                                 str(path) if after is not None else "/dev/null")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


@contextmanager
def _progress() -> Iterator["Progress"]:
    """A progress bar for a person at a terminal; plain lines for logs and CI."""
    if not interactive(sys.stderr):
        yield lambda done, total, name: print(f"caac: built {name} ({done}/{total})",
                                              file=sys.stderr)
        return
    from rich.console import Console
    from rich.progress import Progress as Bar

    # Redrawn as each case is built, not from a thread of its own: a thread that does not hold
    # Ctrl-C back would take it while the build holds it back (files.stops_held).
    with Bar(console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        task = bar.add_task("building", total=None)

        def advance(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=name, refresh=True)

        yield advance


class SchemaName(StrEnum):
    case = "case"


def schema(
    ctx: typer.Context,
    name: Annotated[SchemaName, typer.Argument(help="Which file's schema: case.")],
) -> None:
    """Print the JSON Schema (draft 2020-12) of case files, for editors and CI.

    Then start a case file with the line
    '# yaml-language-server: $schema=case.schema.json':

    caac schema case > case.schema.json
    """
    import json

    from caac_toolkit import case as case_module

    print(json.dumps(case_module.schema(state(ctx).toolkit()), indent=2, ensure_ascii=False))


def _flag(help_text: str, **extra: Any) -> Any:
    return typer.Option(help=help_text, show_default=False, **extra)


def init(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="The case file to write.")
    ] = Path("case.yaml"),
    situation: Annotated[str | None, _flag("The country as it reads after 'in'.")] = None,
    report: Annotated[str | None, _flag("The Secretary-General's report: S/2011/413.")] = None,
    meeting: Annotated[int | None, _flag("The meeting's number.", min=1)] = None,
    meeting_date: Annotated[
        datetime | None, _flag("The meeting's date.", formats=["%Y-%m-%d"])
    ] = None,
    language: Annotated[
        str | None, typer.Option("--lang", "-l", help="The language of the documents: en, fr, es, "
                                 "ru, ar, zh (the table of languages).",
                                 show_default=False, autocompletion=complete.languages)
    ] = None,
    chair: Annotated[str | None, _flag("The name of the Chair of the Working Group.")] = None,
    force: ForceOpt = False,
) -> None:
    """Write a commented starter case file.

    On a terminal it asks for what the flags do not give; in scripts and CI
    (no terminal, or CI set) it never asks.

    caac init cases/somalia.yaml --situation Somalia
    """
    from caac_toolkit import case as case_module
    from caac_toolkit.files import write_atomic

    if path.exists() and not force:
        raise UsageError(f"{path} already exists", hint="use --force to replace it")
    # Only what the user gives: a fact left blank stays a comment in the file, never a guess.
    situation = _ask(situation, "Situation, as it reads after 'in' (blank to fill in later)")
    report = _ask(report, "Symbol of the Secretary-General's report (blank: later)")
    number = _ask(None if meeting is None else str(meeting), "Meeting number (blank: later)")
    held = _ask(meeting_date.date().isoformat() if meeting_date else None,
                "Meeting date, YYYY-MM-DD (blank: later)")
    from caac_toolkit import languages

    table = languages.load(state(ctx).templates)
    language = _ask(language, f"Language ({', '.join(table.codes)})") or "en"
    chair = _ask(chair, "Chair of the Working Group (blank: later)")
    try:
        meeting_number = int(number) if number else None
        held_on = date.fromisoformat(held) if held else None
    except ValueError:
        raise UsageError(f"not a meeting number and date: {number}, {held}",
                         hint="a number, and a date as YYYY-MM-DD") from None
    # An unknown code is a usage error naming the known ones.
    table.get(language)
    text = case_module.starter(
        path.name, situation=situation, report=report, meeting_number=meeting_number,
        meeting_date=held_on, language=language, chair=chair, codes=table.codes,
    )
    write_atomic(path, text.encode(), force=True)
    print(f"caac: wrote {path}; check it with 'caac validate {path}'", file=sys.stderr)


def _ask(given: str | None, question: str) -> str | None:
    """The flag's value; else the answer on a terminal; else nothing."""
    if given is not None:
        return given
    if not interactive():
        return None
    return str(typer.prompt(question, default="", show_default=False)).strip() or None


def register(app: typer.Typer) -> None:
    draft_app.command("conclusions")(conclusions)
    app.command("build")(build)
    app.command("schema")(schema)
    app.command("init")(init)
