"""`caac preview`: a look at the pages of a document, as PNG images, without Word."""

import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from caac_toolkit.cli.output import CaseArg, DocumentOpt, TemplatesOpt
from caac_toolkit.cli.state import state
from caac_toolkit.errors import MissingFile, UsageError


def preview(
    ctx: typer.Context,
    case_file: CaseArg,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The folder to write the pages into, as "
                           "<document>-1.png, <document>-2.png …")
    ] = Path("preview"),
    document: DocumentOpt = "conclusions",
    ppi: Annotated[
        float, typer.Option("--ppi", min=30, max=600, help="Pixels per inch.")
    ] = 96,
    open_first: Annotated[
        bool, typer.Option("--open", help="Open the first page in the system's image viewer.")
    ] = False,
    templates: TemplatesOpt = None,
) -> None:
    """Write the pages of a case's document as PNG images, laid out as its PDF.

    To check the layout without Word or a PDF viewer. The pages of an earlier
    preview of the same document are replaced.

    caac preview examples/mali-2018.yaml --out preview --open
    """
    from caac_toolkit import case as case_module
    from caac_toolkit.casefiles import named_documents
    from caac_toolkit.drafting import Drafter
    from caac_toolkit.files import write_atomic
    from caac_toolkit.templating import Templates
    from caac_toolkit.writers import pdf

    if not case_file.is_file():
        raise MissingFile(case_file, "case file")
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file, not a folder to write pages into",
                         hint="give the name of a folder")
    documents = named_documents(Drafter(state(ctx).toolkit(), Templates(templates)),
                                case_module.load(case_file, state(ctx).toolkit()))
    if document not in documents:
        raise UsageError(f"{case_file} has no document '{document}'",
                         hint="its documents: " + ", ".join(documents))
    images = pdf.pages(documents[document], ppi)
    names = [out / f"{document}-{number}.png" for number in range(1, len(images) + 1)]
    for name, image in zip(names, images, strict=True):
        write_atomic(name, image, force=True)  # a page of an earlier preview: an image only
    earlier = re.compile(re.escape(document) + r"-(\d+)\.png")
    for stale in out.iterdir():  # the pages past the end of an earlier, longer preview
        found = earlier.fullmatch(stale.name)
        if found and int(found.group(1)) > len(images) and stale.is_file():
            stale.unlink()
    print(f"caac: wrote {len(images)} page(s): {names[0]} …", file=sys.stderr)
    if open_first:
        typer.launch(str(names[0]), wait=True)  # the opener returns once the viewer starts


def register(app: typer.Typer) -> None:
    app.command("preview")(preview)
