"""Writers lay a Document out in one format each; `render` imports only the one asked for."""

from __future__ import annotations

import dataclasses
import importlib
from enum import StrEnum
from typing import TYPE_CHECKING

from caac_toolkit import textfile
from caac_toolkit.errors import InvalidInput

if TYPE_CHECKING:
    from caac_toolkit.document import Document


class Format(StrEnum):
    text = "text"
    md = "md"
    html = "html"
    docx = "docx"
    pdf = "pdf"

    @property
    def extension(self) -> str:
        return {"text": ".txt", "md": ".md"}.get(self.value, f".{self.value}")

    @property
    def binary(self) -> bool:
        return self in (Format.docx, Format.pdf)


_MODULES = {
    Format.text: "text",
    Format.md: "markdown",
    Format.html: "html",
    Format.docx: "docx",
    Format.pdf: "pdf",
}


def characters(value: object) -> int:
    """The characters of text in a Document, its blocks or its metadata."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, tuple | list):
        return sum(characters(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sum(characters(getattr(value, f.name)) for f in dataclasses.fields(value)
                   if f.name != "warnings")
    return 0


def render(document: Document, fmt: Format, *, reference_docx: bytes | None = None) -> bytes:
    """The document laid out in `fmt`, as the bytes of a file; Word on `reference_docx` (from
    `docx.load_reference`) when given."""
    if (size := characters(document)) > textfile.MAX_DOCUMENT:
        # What drafting makes is bounded here, where it is laid out: a toolkit's drafting text
        # that repeats {situation} 900 times would take gigabytes to lay out as PDF.
        raise InvalidInput(
            f"the {document.kind} would be {size:,} characters long, more than the "
            f"{textfile.MAX_DOCUMENT:,} of a document",
            hint="shorten the values it repeats, such as the situation, or the toolkit's text")
    module = importlib.import_module(f"caac_toolkit.writers.{_MODULES[fmt]}")
    options = {"reference": reference_docx} if fmt is Format.docx and reference_docx else {}
    data: bytes = module.render(document, **options)
    return data
