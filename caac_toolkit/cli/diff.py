"""`caac diff`: the redline of one version of a case's document against another."""

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from caac_toolkit.cli.output import (
    DocumentOpt,
    ForceOpt,
    OutputOpt,
    ReferenceDocxOpt,
    TemplatesOpt,
    check_destination,
    choose_format,
    deliver,
    format_option,
    reference,
)
from caac_toolkit.cli.state import state
from caac_toolkit.errors import MissingFile, UsageError
from caac_toolkit.writers import Format

if TYPE_CHECKING:
    from caac_toolkit.document import Document
    from caac_toolkit.drafting import Drafter


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
    document: DocumentOpt = "conclusions",
    fmt: Annotated[
        Format | None,
        format_option("text (a unified word diff), md (CriticMarkup), html (<ins>/<del>), "
                      "docx (tracked changes) or pdf (insertions underlined, deletions struck "
                      "through); by default the -o file's extension, else text."),
    ] = None,
    output: OutputOpt = None,
    author: Annotated[
        str, typer.Option("--author", help="The author of the tracked changes in Word.")
    ] = "caac",
    force: ForceOpt = False,
    templates: TemplatesOpt = None,
    reference_docx: ReferenceDocxOpt = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when the versions differ, 0 when they "
                           "do not, as 'git diff --exit-code' does.")
    ] = False,
) -> None:
    """Show what changed between two versions of a case's document, or of a built Word
    document.

    Paragraphs are matched first, then words inside the paragraphs that
    changed: a renumbered paragraph is not a change. The Word redline carries
    real tracked changes (author from --author, date from SOURCE_DATE_EPOCH or
    now) in the styles and numbering of the normal DOCX.

    caac diff --rev HEAD~1 examples/sudan-2012.yaml -o redline.docx
    """
    import dataclasses

    from caac_toolkit import history, redline
    from caac_toolkit.document import Revision
    from caac_toolkit.drafting import Drafter
    from caac_toolkit.files import command_inputs
    from caac_toolkit.templating import Templates
    from caac_toolkit.writers import docx_reader, render

    if (rev is None) == (new is None):
        raise UsageError("give OLD and NEW, or one file with --rev GIT_REF",
                         hint="caac diff old.yaml new.yaml, or caac diff --rev HEAD~1 case.yaml")
    inputs = command_inputs(old, new, reference_docx, data=state(ctx).data, templates=templates)
    chosen = choose_format(fmt, output)
    check_destination(chosen, output)
    drafter = Drafter(state(ctx).toolkit(), Templates(templates))
    if rev is not None:
        earlier = history.committed(old, rev)
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

        loaded = [(version if built else docx_reader.read(docx.render(version), name), True)
                  for (version, built), (name, _) in zip(loaded, versions, strict=True)]
    (before, _), (after, _) = loaded
    result = redline.compare(before, after)
    revision = Revision(author, _revision_date(), (versions[0][0], versions[1][0]))
    data = render(dataclasses.replace(result.document, revision=revision), chosen,
                  reference_docx=reference(reference_docx) if chosen.reference else None)
    for note in result.notes:
        print(f"caac: note: {note}", file=sys.stderr)
    print(f"caac: {result.summary()}", file=sys.stderr)
    deliver(data, output, force=force, inputs=inputs)
    if exit_code and result.changes:
        raise typer.Exit(1)


def _revision_date() -> dt.datetime:
    """When the changes were made, as Word records them: the day of SOURCE_DATE_EPOCH when set,
    else now."""
    from caac_toolkit.templating import epoch_date

    day = epoch_date()
    if day is not None:
        return dt.datetime.combine(day, dt.time(), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _read(path: Path) -> bytes:
    """A case file or a Word document: a regular file, read no further than the larger of their
    bounds (a case file's is checked again as text)."""
    from caac_toolkit.bounded import MAX_DOCX, limit
    from caac_toolkit.textfile import read_bytes

    if not os.path.lexists(path):
        raise MissingFile(path, "case file or Word document")
    return read_bytes(path, limit("DOCX", MAX_DOCX))


def _version(drafter: "Drafter", data: bytes, name: str, wanted: str) -> tuple["Document", bool]:
    """The document a version holds, and whether it was a built Word document rather than a
    case file to draft it from."""
    from caac_toolkit.casefiles import case_documents
    from caac_toolkit.textfile import decode
    from caac_toolkit.writers import docx_reader

    if name.lower().endswith(".docx"):
        return docx_reader.read(data, name), True
    documents = case_documents(decode(data, name), name, drafter)
    if wanted not in documents:
        raise UsageError(f"{name} has no document '{wanted}'",
                         hint="its documents: " + ", ".join(documents))
    return documents[wanted], False


def register(app: typer.Typer) -> None:
    app.command("diff")(diff)
