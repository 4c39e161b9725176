"""Options every drafting command shares, and how a drafted document leaves the program."""

import sys
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from caac_toolkit.cli import complete
from caac_toolkit.errors import CaacError, UsageError
from caac_toolkit.strictness import Strictness, fail_strict
from caac_toolkit.writers import FORMATS, Format, by_extension, names

if TYPE_CHECKING:
    from caac_toolkit.document import Document
    from caac_toolkit.files import Inputs


def parse_format(value: str | Format) -> Format:
    """A --format value, one of the registry's (caac_toolkit.writers.FORMATS)."""
    if isinstance(value, Format):
        return value
    if value not in FORMATS:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(map(repr, FORMATS))}.")
    return FORMATS[value]


def format_option(help_text: str) -> typer.models.OptionInfo:
    """--format, -f: a format of the registry, listed in its help and completed by the shell."""
    option: typer.models.OptionInfo = typer.Option(
        "--format", "-f", help=help_text, parser=parse_format, metavar=f"<{'|'.join(FORMATS)}>",
        show_default=False, autocompletion=lambda: list(FORMATS))
    return option


FormatOpt = Annotated[
    Format | None,
    format_option(f"{names()}; by default the -o file's extension, else text."),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (atomically). Without it, "
                 f"{names((f for f in FORMATS.values() if not f.binary), word='and')} go to "
                 "stdout; '-o -' forces stdout for "
                 f"{names((f for f in FORMATS.values() if f.binary), word='and')}.",
                 show_default=False),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing output file.")]
StrictOpt = Annotated[
    Strictness | None,
    typer.Option("--strict", metavar="[=notes]",
                 help="Fail (exit 1, write nothing) on a gap in a draft: a placeholder, a "
                 "situation's form no source gives, untranslated text. --strict=notes also on a "
                 "note: an unusual addressee, a name that may lack its article.",
                 show_default=False),
]
TemplatesOpt = Annotated[
    Path | None,
    typer.Option("--templates", envvar="CAAC_TEMPLATES", help="A folder of templates "
                 "(en/letter.md.j2, fr/labels.yaml …) that override the bundled ones by path.",
                 show_default=False),
]
LangOpt = Annotated[
    str, typer.Option("--lang", "-l", help="A code of the table of languages: en, fr, es, ru, ar, "
                      "zh; a "
                      "--templates folder may add one ('caac validate FOLDER' checks it).",
                      autocompletion=complete.languages)
]
DateOpt = Annotated[
    datetime | None,
    typer.Option("--date", formats=["%Y-%m-%d"], help="The document's date, YYYY-MM-DD; "
                 "default today, or SOURCE_DATE_EPOCH when set.", show_default=False),
]


def _matching(
    what: str, form: str, example: str, *kinds: str
) -> Callable[[str | None], str | None]:
    """A flag's check against the patterns of case files (`case.Symbol` …), whole values only:
    a newline after a symbol would start a line of markup in the document."""

    def check(value: str | None) -> str | None:
        import msgspec

        from caac_toolkit import case

        for kind in kinds:
            try:
                return str(msgspec.convert(value, getattr(case, kind)))
            except msgspec.ValidationError:
                pass
        if value is None:
            return None
        raise UsageError(f"{what} {value!r} is not {form}", hint=f"e.g. {example}")

    return check


SymbolOpt = Annotated[
    str | None,
    typer.Option("--symbol", help="Document symbol, e.g. S/AC.51/2007/17; adds the masthead.",
                 show_default=False,
                 callback=_matching("symbol", "a Security Council document symbol",
                                    "S/AC.51/2007/17", "Symbol", "ReportSymbol")),
]
JobNumberOpt = Annotated[
    str | None,
    typer.Option("--job-number", help="Job number YY-NNNNN for the first-page footer.",
                 show_default=False, callback=_matching("job number", "of the form YY-NNNNN", "07-43210",
                                    "JobNumber")),
]
CaseArg = Annotated[Path, typer.Argument(metavar="CASE", help="A case file (YAML).",
                                         show_default=False)]
DocumentOpt = Annotated[
    str, typer.Option("--document", "-d", help="Which of the case's documents: conclusions, "
                      "statement, letter-<addressee> (as 'caac build' names them).",
                      autocompletion=complete.documents)
]
SignatoryOpt = Annotated[
    str | None,
    typer.Option("--signatory", help="Who signs: the name after '(Signed)'.", show_default=False),
]


class GenderChoice(StrEnum):
    female = "female"
    male = "male"


SignatoryGenderOpt = Annotated[
    GenderChoice | None,
    typer.Option("--signatory-gender", help="female or male: the signatory's title where the "
                 "language marks it (French 'Présidente' / 'Président').", show_default=False),
]
DistributionOpt = Annotated[
    str, typer.Option("--distribution", help="general, limited or restricted.")
]
SituationOpt = Annotated[
    str | None,
    typer.Option("--situation", help="The country as it reads after 'in' (\"the Sudan\"); in "
                 "French with its preposition (\"au Soudan\").", show_default=False),
]
PartyOpt = Annotated[
    list[str] | None,
    typer.Option("--party", help="A party named in full, acronym in parentheses (repeatable).",
                 show_default=False),
]
ReportOpt = Annotated[
    str | None,
    typer.Option("--report", help="Symbol of the Secretary-General's report considered.",
                 show_default=False),
]
PointOpt = Annotated[
    list[str] | None,
    typer.Option("--point", help="A lettered point, opening with a participle "
                 "(\"Calling upon …\"); repeatable.", show_default=False),
]


ReferenceDocxOpt = Annotated[
    Path | None,
    typer.Option("--reference-docx", help="A Word document or template whose styles, page "
                 "set-up, headers and footers the docx output uses ('caac templates "
                 "--export-reference-docx FILE' writes one to start from).", show_default=False),
]

# Formats people ask for by extension that caac does not write, and what to use instead.
_FOREIGN = {".doc": ("Word 97-2003", ".docx"), ".dotx": ("a Word template", ".docx"),
            ".docm": ("Word with macros", ".docx"), ".odt": ("OpenDocument text", ".docx"),
            ".rtf": ("Rich Text Format", ".docx"), ".xhtml": ("XHTML", ".html")}


def choose_format(fmt: Format | None, output: Path | None) -> Format:
    """The format asked for, which the -o file's extension must not contradict; without one,
    the extension's; text on stdout."""
    if output is None or str(output) == "-":
        return fmt or FORMATS["text"]
    suffix = output.suffix.lower()
    if suffix in _FOREIGN:
        name, instead = _FOREIGN[suffix]
        raise UsageError(f"{output}: {suffix} means {name}, which caac does not write",
                         hint=f"name it {output.with_suffix(instead).name}")
    implied = by_extension(suffix)
    if fmt is not None and implied is not None and implied is not fmt:
        raise UsageError(
            f"{output}: --format {fmt.name}, but the extension {suffix} means {implied.name}",
            hint=f"name it {output.with_suffix(fmt.extension).name}, or use --format "
            f"{implied.name}")
    if fmt is not None:
        return fmt
    if implied is None:
        *first, last = (f.extension for f in FORMATS.values())
        raise UsageError(f"{output}: the extension {suffix or '(none)'} names no format",
                         hint=f"use {', '.join(first)} or {last}, or give --format")
    return implied


def emit(
    document: "Document", fmt: Format | None, output: Path | None, *, force: bool,
    strict: Strictness | None, inputs: "Inputs", reference_docx: Path | None = None,
) -> None:
    """Report the draft's gaps and notes, then write the document to `output` or stdout."""
    from caac_toolkit.cli.report import OutputFormat, warning

    chosen = choose_format(fmt, output)
    # A file that may not be replaced is said before anything else.
    check_destination(chosen, output)
    force = may_replace(output, chosen, force=force, inputs=inputs)
    for notice in document.warnings:
        warning(notice, OutputFormat.text)
    fail_strict(list(document.warnings), strict, "the draft has")
    from caac_toolkit.writers import render

    data = render(document, chosen, reference_docx=reference(reference_docx))
    if chosen.fonts:
        from caac_toolkit import fonts

        print(f"caac: set in {', '.join(map(str, fonts.choose(document.layout)))}",
              file=sys.stderr)
    deliver(data, output, force=force, inputs=inputs)


def reference(path: Path | None) -> bytes | None:
    """The reference document at `path`, checked, with what was left out of it said."""
    if path is None:
        return None
    from caac_toolkit.textfile import printable
    from caac_toolkit.writers.docx import load_reference

    notes: list[str] = []
    data = load_reference(path, notes)
    for note in notes:
        print(f"caac: warning: {printable(str(path))}: {note}", file=sys.stderr)
    return data


def check_destination(chosen: Format, output: Path | None) -> None:
    """Binary formats go to a file, or to stdout only when asked for with '-o -'."""
    if output is None and chosen.binary:
        raise UsageError(
            f"{chosen.name} is a binary format", hint=f"give -o FILE{chosen.extension}, or -o -"
        )


def may_replace(output: Path | None, chosen: Format, *, force: bool, inputs: "Inputs") -> bool:
    """Whether `output` may be replaced, decided before any work (a PDF takes seconds to set):
    an input of the command never; a DOCX or PDF that caac wrote and nobody edited since (its
    metadata says so: caac_toolkit.provenance) always; another existing file with --force."""
    if output is None or str(output) == "-":
        return force
    inputs.refuse(output, "draft", hint="give another -o file")
    if force or not (output.is_symlink() or output.is_file()):
        return force  # none there, or a stream: written as it is
    from caac_toolkit import provenance

    if chosen.sealed and provenance.unedited(output):
        return True
    raise CaacError(f"{output} already exists", hint="use --force to replace it" + (
        "; it was edited since caac wrote it, or caac did not write it"
        if chosen.binary else ""))


def deliver(data: bytes, output: Path | None, *, force: bool, inputs: "Inputs") -> None:
    """`data` to the `output` file (atomically), or to stdout; never over one of `inputs`."""
    if output is None or str(output) == "-":
        if sys.stdout is None:  # started with stdout closed (`>&-`)
            raise UsageError("standard output is closed", hint="give -o FILE")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from caac_toolkit.files import write_atomic
    from caac_toolkit.textfile import printable

    inputs.refuse(output, "draft", hint="give another -o file")
    write_atomic(output, data, force=force)
    print(f"caac: wrote {printable(str(output))}", file=sys.stderr)
