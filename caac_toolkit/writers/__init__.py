"""Writers lay a Document out in one format each; `render` imports only the one asked for."""

from __future__ import annotations

import importlib
from enum import StrEnum
from typing import TYPE_CHECKING

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


def render(document: Document, fmt: Format, *, reference_docx: bytes | None = None) -> bytes:
    """The document laid out in `fmt`, as the bytes of a file; Word on `reference_docx` (from
    `docx.load_reference`) when given."""
    module = importlib.import_module(f"caac_toolkit.writers.{_MODULES[fmt]}")
    options = {"reference": reference_docx} if fmt is Format.docx and reference_docx else {}
    data: bytes = module.render(document, **options)
    return data
