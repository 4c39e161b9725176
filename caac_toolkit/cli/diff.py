"""`caac diff`: the redline of one version of a case's document against another."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from caac_toolkit.cli import complete
from caac_toolkit.cli.output import (
    ForceOpt,
    OutputOpt,
    ReferenceDocxOpt,
    TemplatesOpt,
    check_destination,
    choose_format,
    deliver,
)
from caac_toolkit.cli.state import state
from caac_toolkit.errors import MissingFile, UsageError
from caac_toolkit.writers import Format

if TYPE_CHECKING:
    from caac_toolkit.document import Document
    from caac_toolkit.drafting import Drafter


class RedlineFormat(StrEnum):
    text = "text"
    md = "md"
    html = "html"
    docx = "docx"


def diff(
    ctx: typer.Context,
    old: Annotated[
        Path, typer.Argument(metavar="OLD", help="The earlier case file or built Word document; "
                             "with --rev, the file whose committed version is the earlier one.",
                             show_default=False),
    ],
    new: Annotated[
        Path | None, typer.Argument(metavar="[NEW]", help="The later case file or built Word "
                                    "document (not with --rev).",
                                    show_default=False),
    ] = None,
    rev: Annotated[
        str | None, typer.Option("--rev", metavar="GIT_REF", help="Compare the file as "
                                 "committed in this git revision (HEAD~1, main …) with the file "
                                 "as it is now.", show_default=False),
    ] = None,
    document: Annotated[
        str, typer.Option("--document", "-d", help="Which of the case's documents: "
                          "conclusions, statement, letter-<addressee> (as 'caac build' names "
                          "them).", autocompletion=complete.documents)
    ] = "conclusions",
    fmt: Annotated[
        RedlineFormat | None,
        typer.Option("--format", "-f", help="text (a unified word diff), md (CriticMarkup), "
                     "html (<ins>/<del>) or docx (tracked changes); by default the -o file's "
                     "extension, else text.", show_default=False),
    ] = None,
    output: OutputOpt = None,
    author: Annotated[
        str, typer.Option("--author", help="The author of the tracked changes in Word.")
    ] = "caac",
    force: ForceOpt = False,
    templates: TemplatesOpt = None,
    reference_docx: ReferenceDocxOpt = None,
) -> None:
    """Show what changed between two versions of a case's document, or of a built Word
    document.

    Paragraphs are matched first, then words inside the paragraphs that
    changed: a renumbered paragraph is not a change. The Word redline carries
    real tracked changes (author from --author, date from SOURCE_DATE_EPOCH or
    now) in the styles and numbering of the normal DOCX.

    caac diff --rev HEAD~1 examples/sudan-2012.yaml -o redline.docx
    """
    from caac_toolkit import redline
    from caac_toolkit.drafting import Drafter
    from caac_toolkit.templating import Templates

    if (rev is None) == (new is None):
        raise UsageError("give OLD and NEW, or one file with --rev GIT_REF",
                         hint="caac diff old.yaml new.yaml, or caac diff --rev HEAD~1 case.yaml")
    drafter = Drafter(state(ctx).toolkit(), Templates(templates))
    if rev is not None:
        earlier = redline.committed(old, rev)
        if earlier is None:
            raise UsageError(f"{old} is not in revision {rev}",
                             hint="check the path and the revision: git log -- " + str(old))
        versions = [(f"{rev}:{old}", earlier), (str(old), _read(old))]
    else:
        assert new is not None
        versions = [(str(old), _read(old)), (str(new), _read(new))]
    loaded = [_version(drafter, data, name, document) for name, data in versions]
    if loaded[0][1] != loaded[1][1]:
        # A drafted document against a built one: both as Word has them.
        from caac_toolkit.writers import docx

        loaded = [(version if built else redline.read_docx(docx.render(version), name), True)
                  for (version, built), (name, _) in zip(loaded, versions, strict=True)]
    (before, _), (after, _) = loaded
    names = (versions[0][0], versions[1][0])
    result = redline.compare(before, after)
    chosen = choose_format(Format(fmt.value) if fmt else None, output)
    check_destination(chosen, output)
    reference = None
    if reference_docx is not None and chosen is Format.docx:
        from caac_toolkit.writers.docx import load_reference

        reference = load_reference(reference_docx)
    data = redline.render(result, chosen, date=redline.revision_date(), author=author,
                          names=names, reference=reference)
    print(f"caac: {result.summary()}", file=sys.stderr)
    deliver(data, output, force=force)


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise MissingFile(path, "case file or Word document")
    return path.read_bytes()


def _version(drafter: "Drafter", data: bytes, name: str, wanted: str) -> tuple["Document", bool]:
    """The document a version holds, and whether it was a built Word document rather than a
    case file to draft it from."""
    from caac_toolkit import redline
    from caac_toolkit.textfile import decode

    if name.lower().endswith(".docx"):
        return redline.read_docx(data, name), True
    documents = redline.case_documents(decode(data, name), name, drafter)
    if wanted not in documents:
        raise UsageError(f"{name} has no document '{wanted}'",
                         hint="its documents: " + ", ".join(documents))
    return documents[wanted], False


def register(app: typer.Typer) -> None:
    app.command("diff")(diff)
