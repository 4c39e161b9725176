"""Writers lay a Document out in one format each; `render` imports only the one asked for.

FORMATS is the one registry of formats: the CLI's help and choices, the extensions of -o files,
the formats `caac build` makes by default and the libraries its manifest records are all read
from it. A format is one writer module, with `render(document) -> bytes` (and `reference=` when
it takes a reference document), plus its line below. The lines declare each writer's format
here rather than in its module, so that reading the registry (every command's help does)
imports no writer: `caac list` does not pay for them.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from caac_toolkit import textfile
from caac_toolkit.document import changed, unmarked
from caac_toolkit.errors import InvalidInput, UsageError

if TYPE_CHECKING:
    from caac_toolkit.document import Document


@dataclass(frozen=True)
class Format:
    """What a writer declares of its format."""

    name: str  # as --format takes it
    writer: str  # the module that lays it out, imported only when a document is
    extensions: tuple[str, ...]  # of -o files; the first is the one caac writes
    binary: bool = False  # never printed to a terminal unless asked for with '-o -'
    default: bool = True  # made by `caac build` when no --format is given
    libraries: tuple[str, ...] = ()  # distributions whose versions the manifest records
    reference: bool = False  # laid out on a reference document (--reference-docx)
    fonts: bool = False  # embeds the language's fonts (caac_toolkit.fonts), whose versions count
    # Carries the hash of its content in its own metadata (caac_toolkit.provenance): a file caac
    # wrote and nobody edited is replaced without --force.
    sealed: bool = False

    @property
    def extension(self) -> str:
        return self.extensions[0]


FORMATS: dict[str, Format] = {fmt.name: fmt for fmt in (
    Format("text", "caac_toolkit.writers.text", (".txt", ".text")),
    Format("md", "caac_toolkit.writers.markdown", (".md", ".markdown")),
    Format("html", "caac_toolkit.writers.html", (".html", ".htm")),
    Format("docx", "caac_toolkit.writers.docx", (".docx",), binary=True,
           libraries=("python-docx", "lxml"), reference=True, sealed=True),
    Format("pdf", "caac_toolkit.writers.pdf", (".pdf",), binary=True, libraries=("typst",),
           fonts=True, sealed=True),
    Format("akn", "caac_toolkit.writers.akn", (".xml",), default=False, libraries=("lxml",)),
)}


def get(name: str | Format) -> Format:
    """The format of that name; a usage error naming the others for an unknown one."""
    if isinstance(name, Format):
        return name
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown format '{name}'", hint="use " + names()) from None


def names(formats: Iterable[Format] | None = None, *, word: str = "or") -> str:
    """The names of `formats` (all) as help and hints list them: "text, md, html, docx or pdf"."""
    *first, last = (fmt.name for fmt in (FORMATS.values() if formats is None else formats))
    return f"{', '.join(first)} {word} {last}" if first else last


def defaults() -> list[Format]:
    """The formats `caac build` makes when none is named."""
    return [fmt for fmt in FORMATS.values() if fmt.default]


def by_extension(suffix: str) -> Format | None:
    """The format an -o file's extension (".md", ".htm" …, any case) names, if any."""
    suffix = suffix.lower()
    return next((fmt for fmt in FORMATS.values() if suffix in fmt.extensions), None)


def _texts(value: object, found: list[str]) -> list[str]:
    """The texts of a Document, its blocks or its metadata, added to `found`."""
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, tuple | list):
        for item in value:
            _texts(item, found)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for name in _text_fields(type(value)):
            if (field := getattr(value, name)) is not None:
                _texts(field, found)
    return found


@functools.cache
def _text_fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind) if f.name != "warnings")


def _unmarked(value: Any) -> Any:
    """`value` with every mark of a change in its texts made harmless."""
    if isinstance(value, str):
        return unmarked(value)
    if isinstance(value, tuple):
        return tuple(map(_unmarked, value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _unmarked(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    return value


def render(document: Document, fmt: str | Format, *, reference_docx: bytes | None = None) -> bytes:
    """The document laid out in `fmt`, as the bytes of a file; on `reference_docx` (from
    `docx.load_reference`) when given and the format takes one."""
    fmt = get(fmt)
    texts = "".join(_texts(document, []))
    if (size := len(texts)) > textfile.MAX_DOCUMENT:
        # What drafting makes is bounded here, where it is laid out: a toolkit's drafting text
        # that repeats {situation} 900 times would take gigabytes to lay out as PDF.
        raise InvalidInput(
            f"the {document.kind} would be {size:,} characters long, more than the "
            f"{textfile.MAX_DOCUMENT:,} of a document",
            hint="shorten the values it repeats, such as the situation, or the toolkit's text")
    if document.revision is None and changed(texts):
        # Only a redline (which has a revision) marks changes: marks in a case's own text are
        # text, not an insertion or a deletion.
        document = _unmarked(document)
    module = importlib.import_module(fmt.writer)
    options = {"reference": reference_docx} if fmt.reference and reference_docx else {}
    data: bytes = module.render(document, **options)
    return data
