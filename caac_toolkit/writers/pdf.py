"""PDF typeset by typst: A4, a serif at 12 pt, the UN masthead, hanging numbers and labels.

No value from the Document is ever written into typst markup. The typst source below is a fixed
layout program; the Document travels beside it as JSON in `sys.inputs` and is read with
`json(bytes(...))`, so every value reaches the page as a string, which typst shows as literal text.
That is safer than escaping typst's many markup characters and needs no escaping code at all.
"""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any, assert_never

from caac_toolkit import provenance, timestamps
from caac_toolkit.document import (
    Bullet,
    Document,
    Heading,
    Paragraph,
    Point,
    Span,
    Table,
    plain,
    spans,
)

if TYPE_CHECKING:
    import typst

    from caac_toolkit.fonts import Face

_SOURCE = r"""
#let doc = json(bytes(sys.inputs.doc))
#let indent = 1cm

#set document(
  title: doc.title,
  author: if doc.author == none { () } else { doc.author },
  description: doc.subject,
  keywords: (doc.seal,),
  date: if doc.date == none { none } else {
    let (year, month, day, hour, minute, second) = doc.date
    datetime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
  },
)
// The faces caac chose (caac_toolkit.fonts): the language's Latin face, then its script's
// (Arabic, Chinese), each the first installed of its list; typst's own serif only where
// --allow-font-fallback let a missing face go. Chinese is set without the space typst would add
// between Chinese and Latin text, as the UN sets it.
// No hyphenation, as in UN documents; it also keeps text copied from the PDF exact.
#set text(
  font: (..doc.faces, "Libertinus Serif"),
  cjk-latin-spacing: none,
  size: 12pt,
  lang: doc.lang,
  dir: if doc.layout.direction == "rtl" { rtl } else { ltr },
  hyphenate: false,
)
#set par(justify: true, spacing: 1em)
#set block(spacing: 1em)
#show heading: set text(size: 12pt)
#show heading: set block(above: 1.5em, below: 1em)
// A word longer than half a line may break after any eight letters, as a last resort: one longer
// than the line would otherwise run off the page. (Boxes, not zero-width spaces: those would be
// copied out of the PDF with the word.) Chinese, which sets no spaces, breaks between its own
// characters: its text is no long word.
#show regex("[^\\s\\p{Han}]{40,}"): word => word.text.clusters().chunks(8).map(c => box(c.join())).join()

// Continuation pages: symbol and page number in the header, on mirrored sides: an even page's
// symbol at the edge the text starts from, its number at the other. A right-to-left document
// runs the other way, spreads included ("An Arabic book runs from right to left, from its
// letters to its spreads", https://github.com/drnachio/postext/wiki/Arabic-Layout; "An RTL
// layout is the mirror image of an LTR layout", https://firefox-source-docs.mozilla.org/code-quality/coding-style/rtl_guidelines.html),
// so the grid's columns and their start and end sides follow the text's direction. The symbol
// is Latin and reads left to right, as in the masthead (a box: the header's line keeps its
// direction).
#set page(
  paper: "a4",
  margin: (x: 2.5cm, top: 2.5cm, bottom: 2.5cm),
  header: context {
    let n = counter(page).get().first()
    if n > 1 {
      let symbol = box(text(dir: ltr, strong(if doc.symbol != none { doc.symbol } else if (
        doc.masthead != none
      ) { doc.masthead.symbol })))
      let (a, b) = if calc.even(n) { (symbol, str(n)) } else { (str(n), symbol) }
      set text(size: 10pt)
      grid(columns: (1fr, 1fr), align: (start, end), a, b)
      v(-0.5em)
      line(length: 100%, stroke: 0.5pt)
    }
  },
  footer: context {
    if counter(page).get().first() == 1 and doc.job_line != none {
      text(size: 9pt, dir: ltr, doc.job_line)
    }
  },
)

// A label (number, letter, bullet) hanging `indent` wide before its text.
#let hang(at, label, body) = pad(
  left: at, par(hanging-indent: indent, box(width: indent, label) + body),
)

// A text as the writer sends it: pieces, each plain, raised (a superscript) or kept on one line,
// and in a redline inserted (underlined) or deleted (struck through). A piece to keep that is
// longer than half a line breaks as a long word does, or it would run off the page.
#let inline(pieces) = [#for (piece, style, change) in pieces {
  let shown = if style == "raised" { super(piece) } else if style == "keep" and piece.clusters().len() < 40 {
    box(piece)
  } else { piece }
  if change == "inserted" { underline(shown) } else if change == "deleted" { strike(shown) } else { shown }
}]

#let lines(items) = items.map(inline).join(linebreak())

#if doc.masthead != none {
  let m = doc.masthead
  grid(
    columns: (1fr, auto),
    row-gutter: 0.6em,
    align: bottom,
    text(size: 14pt, weight: "bold", inline(m.left.at(0, default: ()))),
    text(size: 16pt, weight: "bold", dir: ltr, m.symbol),
    grid.cell(colspan: 2, line(length: 100%, stroke: 0.5pt)),
    text(size: 18pt, weight: "bold", lines(m.left.slice(calc.min(1, m.left.len())))),
    text(dir: ltr, lines(m.right)),
    grid.cell(colspan: 2, line(length: 100%, stroke: 2pt)),
  )
  if m.organ != none { strong(inline(m.organ)) }
  v(1em)
}

#for part in doc.parts {
  if part.new_page { pagebreak(weak: true) }
  if part.title != none { par(justify: false, strong(inline(part.title))) }
  for b in part.blocks {
    let body = if b.kind == "table" { none } else { inline(b.text) }
    if b.kind == "table" {
      set par(justify: false)
      table(
        columns: b.header.len(),
        stroke: 0.5pt,
        align: start,
        table.header(..b.header.map(c => strong(inline(c)))),
        ..b.rows.fold((), (cells, row) => cells + row.map(inline)),
      )
    } else if b.kind == "heading" {
      heading(level: b.level, body)
    } else if b.kind == "paragraph" and b.number != none {
      hang(0pt, b.label, body)
    } else if b.kind == "paragraph" {
      par(body)
    } else if b.kind == "point" {
      hang(if b.nested { indent } else { 0pt }, b.label, body)
    } else if b.kind == "bullet" {
      hang(0pt, "•", body)
    }
  }
  let s = part.signature
  if s != none {
    v(1em)
    align(end, lines((s.signed, ..s.titles)))
  }
}
"""

# Poppler (pdfinfo, pdftotext; 22.12 at least) reports "Syntax Error: Suspects object is wrong
# type (boolean)" for any /Suspects but true, and typst writes false, the default: the entry is
# blanked out, to the same length so that every offset in the file stays right.
_MARK_INFO = (b"/MarkInfo<</Marked true/Suspects false>>",
              b"/MarkInfo<</Marked true>>               ")

_compiler: typst.Compiler | None = None


def _get_compiler() -> typst.Compiler:
    """One compiler per process: fonts are scanned once and typst's caches carry over."""
    global _compiler
    if _compiler is None:
        import typst

        from caac_toolkit import fonts

        _compiler = typst.Compiler(font_paths=fonts.installed())
    return _compiler


def _pieces(text: str | None) -> list[tuple[str, str, str | None]] | None:
    return None if text is None else [_piece(span) for span in spans(text)]


def _piece(span: Span) -> tuple[str, str, str | None]:
    """A span as `inline` in the typst program reads it: its text, style and change."""
    match span.style:
        case "raised" | "keep" | "":
            pass
        case _:
            assert_never(span.style)
    match span.change:
        case "inserted" | "deleted" | None:
            return span.text, span.style, span.change
        case _:
            assert_never(span.change)


def _data(document: Document) -> dict[str, Any]:
    """The Document as JSON-ready data, each block tagged with its kind, each text of the page
    in pieces for `inline`."""
    data = dataclasses.asdict(document)
    del data["warnings"], data["revision"]  # the PDF marks changes without their author
    date = timestamps.file_time(document.date)  # the file's time, not the date it prints
    data["title"] = plain(document.title)
    data["seal"] = provenance.PLACEHOLDER  # sealed by render
    data["date"] = ([date.year, date.month, date.day, date.hour, date.minute, date.second]
                    if date else None)
    for part_data, part in zip(data["parts"], document.parts, strict=True):
        part_data["title"] = _pieces(part.title)
        for block_data, block in zip(part_data["blocks"], part.blocks, strict=True):
            if not isinstance(block, Table):
                block_data["text"] = _pieces(block.text)
            match block:
                case Heading():
                    block_data["kind"] = "heading"
                case Paragraph():
                    block_data["kind"] = "paragraph"
                    if block.number is not None:
                        block_data["label"] = document.layout.number(block.number)
                case Point():
                    block_data["kind"] = "point"
                    block_data["label"] = document.layout.point(block.label)
                case Bullet():
                    block_data["kind"] = "bullet"
                case Table():
                    block_data.update(kind="table", header=[_pieces(c) for c in block.header],
                                      rows=[[_pieces(c) for c in row] for row in block.rows])
                case _:
                    assert_never(block)
        if part.signature:
            signature = part.signature
            part_data["signature"] = {
                "signed": _pieces(signature.line),
                "titles": [_pieces(title) for title in signature.titles],
            }
    if document.masthead:
        masthead = document.masthead
        data["masthead"].update(
            left=[_pieces(line) for line in masthead.left],
            right=[_pieces(line) for line in masthead.right],
            organ=_pieces(masthead.organ),
        )
    return data


def source(document: Document) -> tuple[bytes, dict[str, str]]:
    """The typst program and the inputs it reads the Document from; an error naming the
    package to install when a face the language needs is missing (caac_toolkit.fonts)."""
    data = _data(document)
    data["faces"] = [face.family for face in faces(document)]
    return _SOURCE.encode(), {"doc": json.dumps(data, ensure_ascii=False)}


def faces(document: Document) -> list[Face]:
    """The faces the PDF of `document` is set in, with their versions."""
    from caac_toolkit import fonts

    return fonts.choose(document.layout)


def pages(document: Document, ppi: float) -> list[bytes]:
    """The pages of the PDF of `document` as PNG images, `ppi` pixels to the inch: typst lays
    them out as it does the PDF."""
    program, inputs = source(document)
    images = _get_compiler().compile(program, format="png", ppi=ppi, sys_inputs=inputs)
    assert images is not None
    return [images] if isinstance(images, bytes) else list(images)


def render(document: Document) -> bytes:
    program, inputs = source(document)
    pdf = _get_compiler().compile(program, format="pdf", sys_inputs=inputs)
    assert isinstance(pdf, bytes)
    return provenance.seal([pdf.replace(*_MARK_INFO)])[0]
