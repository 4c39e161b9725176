"""HTML: one self-contained page that reads on screen and prints on A4 like a UN document.

Nothing external can load: inline CSS only, and a Content-Security-Policy that forbids the rest.
A redline's insertions and deletions are <ins> and <del>.
"""

from __future__ import annotations

from html import escape
from itertools import groupby
from typing import assert_never

from caac_toolkit.document import (
    Block,
    Bullet,
    Change,
    Document,
    Heading,
    Layout,
    Masthead,
    Paragraph,
    Part,
    Point,
    Signature,
    Span,
    changed,
    plain,
    spans,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'"

# Numbers and labels hang in a 1 cm gutter: a float at the start of the line sits in the
# paragraph's negative margin, and the space after it collapses, so the text starts at 1 cm.
# Margins, floats and alignment are logical (start, end), so that a right-to-left document
# (dir="rtl", Arabic) hangs its numbers on the right and signs on the left.
STYLE = """\
    html { font-size: 12pt; }
    body { margin: 0; line-height: 1.2; }
    p, ul { margin: 0 0 12pt; }
    main p { text-align: justify; }
    header { margin-bottom: 24pt; }
    .masthead { display: flex; justify-content: space-between; align-items: flex-start;
      border-bottom: 2pt solid; padding-bottom: 6pt; margin-bottom: 6pt; }
    .masthead p { margin: 0; }
    .masthead .left p:first-child { font-size: 16pt; }
    .masthead .right { text-align: start; }
    .masthead .symbol { font-size: 16pt; font-weight: bold; }
    .title { font-size: 12pt; font-weight: bold; margin: 0 0 12pt; }
    h2, h3, h4 { font-size: 12pt; font-weight: bold; margin: 12pt 0; }
    .numbered, .point { margin-inline-start: 1cm; }
    .point.nested { margin-inline-start: 2cm; }
    .num, .label { float: inline-start; width: 1cm; margin-inline-start: -1cm; }
    ul { padding-inline-start: 1cm; }
    .signature { margin-top: 24pt; }
    .signature p { margin: 0; text-align: end; }
    .new-page { break-before: page; }
    .keep { white-space: nowrap; }
    footer { margin-top: 24pt; font-size: 10pt; }
    @media screen {
      body { max-width: 16cm; margin: 2cm auto; padding: 0 1cm; }
    }
"""


def _css_string(text: str) -> str:
    """A CSS string literal in which nothing can end the string or the <style> element."""
    safe = "".join(
        char if (char.isascii() and char.isalnum()) or char in " ./-" else f"\\{ord(char):06x}"
        for char in text
    )
    return f'"{safe}"'


def _fonts(layout: Layout) -> str:
    return ", ".join([*map(_css_string, (*layout.fonts, *layout.script_fonts)), "serif"])


def _page_style(document: Document) -> str:
    """The language's fonts; A4 pages; from page 2 on, the symbol at the top on one side and the
    page number opposite."""
    fonts = f"    html {{ font-family: {_fonts(document.layout)}; }}\n"
    if not document.symbol:
        return fonts + "    @page { size: A4; margin: 2.5cm 2cm; }\n"
    return fonts + (
        "    @page {\n"
        "      size: A4; margin: 2.5cm 2cm;\n"
        f"      font: 10pt {_fonts(document.layout)};\n"
        f"      @top-left {{ content: {_css_string(document.symbol)}; }}\n"
        "      @top-right { content: counter(page); }\n"
        "    }\n"
        "    @page :first { @top-left { content: none; } @top-right { content: none; } }\n"
    )


def _styled(span: Span) -> str:
    text = escape(span.text)
    match span.style:
        case "raised":
            return f"<sup>{text}</sup>"
        case "keep":
            return f'<span class="keep">{text}</span>'
        case "":
            return text
        case _:
            assert_never(span.style)


def _changed(change: Change | None, markup: str) -> str:
    match change:
        case "inserted":
            return f"<ins>{markup}</ins>"
        case "deleted":
            return f"<del>{markup}</del>"
        case None:
            return markup
        case _:
            assert_never(change)


def _inline(text: str) -> str:
    """Escaped text with its superscripts, its unbreakable stretches (symbols) and a redline's
    changes marked up."""
    if not changed(text):
        return "".join(map(_styled, spans(text)))
    return "".join(_changed(change, "".join(map(_styled, pieces)))
                   for change, pieces in groupby(spans(text), lambda span: span.change))


def _p(text: str, css: str | None = None) -> str:
    attribute = f' class="{css}"' if css else ""
    return f"<p{attribute}>{_inline(text)}</p>"


def _masthead(masthead: Masthead) -> list[str]:
    lines = [
        "<header>",
        '  <div class="masthead">',
        '    <div class="left">',
        *(f"      {_p(line)}" for line in masthead.left),
        "    </div>",
        # Its own direction: English in the masthead of an Arabic document (S/2020/273).
        '    <div class="right" dir="auto">',
        f"      {_p(masthead.symbol, 'symbol')}",
        *(f"      {_p(line)}" for line in masthead.right),
        "    </div>",
        "  </div>",
    ]
    if masthead.organ:
        lines.append(f"  {_p(masthead.organ, 'organ')}")
    return [*lines, "</header>"]


def _hanging(css: str, span: str, label: str, text: str) -> str:
    return f'<p class="{css}"><span class="{span}">{escape(label)}</span> {_inline(text)}</p>'


def _block(block: Block, layout: Layout) -> str:
    match block:
        case Heading():
            level = min(block.level + 1, 6)
            return f"<h{level}>{_inline(block.text)}</h{level}>"
        case Paragraph(number=int(number)):
            return _hanging("numbered", "num", layout.number(number), block.text)
        case Paragraph():
            return _p(block.text)
        case Point():
            css = "point nested" if block.nested else "point"
            return _hanging(css, "label", layout.point(block.label), block.text)
        case Bullet():
            return f"<li>{_inline(block.text)}</li>"
        case _:
            assert_never(block)


def _signature(signature: Signature) -> list[str]:
    return [
        '<div class="signature">',
        f"  {_p(signature.line)}",
        *(f"  {_p(title)}" for title in signature.titles),
        "</div>",
    ]


def _part(part: Part, first: bool, layout: Layout) -> list[str]:
    lines = ['<section class="part new-page">' if part.new_page else '<section class="part">']
    if part.title:
        tag = "h1" if first else "h2"
        lines.append(f'  <{tag} class="title">{_inline(part.title)}</{tag}>')
    in_list = False
    for block in part.blocks:
        bullet = isinstance(block, Bullet)
        if bullet and not in_list:
            lines.append("  <ul>")
        elif in_list and not bullet:
            lines.append("  </ul>")
        in_list = bullet
        lines.append(f"{'    ' if bullet else '  '}{_block(block, layout)}")
    if in_list:
        lines.append("  </ul>")
    if part.signature:
        lines += [f"  {line}" for line in _signature(part.signature)]
    return [*lines, "</section>"]


def render(document: Document) -> bytes:
    head = [
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(plain(document.title))}</title>",
    ]
    if document.author:
        head.append(f'<meta name="author" content="{escape(document.author)}">')
    if document.subject:
        head.append(f'<meta name="description" content="{escape(document.subject)}">')

    body = _masthead(document.masthead) if document.masthead else []
    body.append("<main>")
    for i, part in enumerate(document.parts):
        body += [f"  {line}" for line in _part(part, first=i == 0, layout=document.layout)]
    body.append("</main>")
    if document.job_line:
        body += ["<footer>", f"  {_p(document.job_line, 'job')}", "</footer>"]

    text = "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{escape(document.lang)}" dir="{escape(document.layout.direction)}">',
        "<head>",
        *(f"  {line}" for line in head),
        "  <style>",
        STYLE + _page_style(document) + "  </style>",
        "</head>",
        "<body>",
        *(f"  {line}" for line in body),
        "</body>",
        "</html>",
    ])
    return (text + "\n").encode("utf-8")
