"""How `validate` and `build` report problems and warnings: lines for people, annotations for
GitHub Actions (as ruff writes them), or one JSON document for scripts."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from caac_toolkit.document import Notice
from caac_toolkit.errors import Problem
from caac_toolkit.textfile import printable


class OutputFormat(StrEnum):
    text = "text"
    github = "github"
    json = "json"


OutputFormatOpt = Annotated[
    OutputFormat,
    typer.Option("--output-format", help="text; github: '::error file=…,line=…,col=…::' "
                 "annotations, as ruff writes them; json: one document on stdout."),
]


def _escaped(text: str, *, in_property: bool = False) -> str:
    """Text as a GitHub workflow command carries it."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def annotation(problem: Problem, level: str = "error") -> str:
    """`::error file=cases/sudan.yaml,line=14,col=9::message (hint)`."""
    place = problem.place
    properties = []
    if place is not None:
        properties.append(f"file={_escaped(printable(place.file), in_property=True)}")
        if place.line is not None:
            properties.append(f"line={place.line}")
            if place.column is not None:
                properties.append(f"col={place.column}")
    message = printable(f"{problem.message} ({problem.hint})" if problem.hint else problem.message)
    head = f"::{level} {','.join(properties)}" if properties else f"::{level}"
    return f"{head}::{_escaped(message)}"


def record(problem: Problem) -> dict[str, Any]:
    place = problem.place
    return {"file": place.file if place else None, "line": place.line if place else None,
            "column": place.column if place else None, "message": problem.message,
            "hint": problem.hint}


def problems(found: list[Problem], fmt: OutputFormat, extra: dict[str, Any]) -> None:
    """Every problem in `fmt`: lines on stderr; annotations, or one JSON document with `extra`,
    on stdout."""
    if fmt is OutputFormat.json:
        import json

        print(json.dumps({**extra, "problems": [record(p) for p in found]}, indent=2,
                         ensure_ascii=False))
    elif fmt is OutputFormat.github:
        for problem in found:
            print(annotation(problem))
    else:
        for problem in found:
            print(f"caac: error: {printable(str(problem))}", file=sys.stderr)


def skipped(path: Path, why: str) -> None:
    """A file in a folder of cases that is not one: said on stderr, whatever the format."""
    print(f"caac: skipped {printable(str(path))}: {why}", file=sys.stderr)


def warning(notice: Notice | str, fmt: OutputFormat) -> None:
    """A gap of a draft as a warning, a note as a note: on stderr, or as an annotation at the
    notice's file and line."""
    if isinstance(notice, str):
        notice = Notice(notice)
    level = "warning" if notice.kind == "gap" else "notice"
    if fmt is OutputFormat.github:
        print(annotation(Problem(notice.text, notice.place), level))
    elif fmt is OutputFormat.text:
        word = "warning" if notice.kind == "gap" else "note"
        print(f"caac: {word}: {printable(str(notice))}", file=sys.stderr)


def notice_record(notice: Notice) -> dict[str, Any]:
    return {**record(Problem(notice.text, notice.place)), "kind": notice.kind}
