"""Word documents caac built (or ones edited from them) read back into a Document, by the UN
styles the DOCX writer gives their paragraphs: `caac diff` compares them as it compares cases."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from typing import Any

from caac_toolkit.document import (
    FULL_WIDTH_CLOSE,
    Block,
    Bullet,
    Document,
    Heading,
    Masthead,
    Paragraph,
    Part,
    Point,
    Signature,
    unmarked,
)
from caac_toolkit.errors import InvalidInput, Place
from caac_toolkit.writers.docx import (
    BULLET,
    HEADING,
    NESTED_POINT,
    NUMBERED,
    ORGAN,
    POINT,
    SIGNATURE,
    SIGNATURE_TITLE,
    TITLE,
    W,
)

HEADINGS = {HEADING.format(level): level for level in (1, 2, 3)}


def read(data: bytes, name: str) -> Document:
    """A Word document caac built (or one edited from it) read back into a Document, by its
    paragraphs' UN styles: the masthead table, titles, headings, numbered paragraphs, points,
    bullets and signatures. Text inside tracked deletions is left out, tracked insertions kept."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from caac_toolkit.body import letter

    try:
        word = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, ValueError, KeyError, zipfile.BadZipFile):
        raise InvalidInput("not a Word document (.docx)", place=Place(name),
                           hint="give a .docx file, or a case file (.yaml)") from None
    parts: list[Part] = []
    title: str | None = None
    blocks: list[Block] = []
    signature: Signature | None = None
    new_page = False
    number = points = 0

    def close() -> None:
        if title is not None or blocks or signature is not None:
            parts.append(Part(title, tuple(blocks), signature, new_page))

    for paragraph in word.paragraphs:
        text = _docx_text(paragraph._p)
        style = paragraph.style.name if paragraph.style is not None else ""
        if not text or style == ORGAN:
            continue
        if style == TITLE:
            close()
            title, blocks, signature, number = text, [], None, 0
            new_page = bool(paragraph.paragraph_format.page_break_before)
        elif style in HEADINGS:
            blocks.append(Heading(HEADINGS[style], text))
        elif style == NUMBERED:
            number, points = number + 1, 0
            blocks.append(Paragraph(text, number))
        elif style in (POINT, NESTED_POINT):
            blocks.append(Point(letter(points), text, style == NESTED_POINT))
            points += 1
        elif style == BULLET:
            blocks.append(Bullet(text))
        elif style == SIGNATURE:
            signed, signer = _signed(text)
            signature = Signature(signed, signer)
        elif style == SIGNATURE_TITLE and signature is not None:
            signature = dataclasses.replace(signature, titles=(*signature.titles, text))
        else:
            blocks.append(Paragraph(text))
    close()
    return Document(kind="document", lang=_docx_language(word), title=word.core_properties.title,
                    parts=tuple(parts), masthead=_docx_masthead(word),
                    symbol=_docx_text(word.sections[0].header.paragraphs[0]._p).split("\t")[0]
                    or None,
                    job_line=_docx_text(word.sections[0].first_page_footer.paragraphs[0]._p)
                    or None)


def _docx_text(paragraph: Any) -> str:
    pieces = []
    for element in paragraph.iter(f"{W}t", f"{W}tab"):
        if any(parent.tag == f"{W}del" for parent in element.iterancestors()):
            continue
        pieces.append("\t" if element.tag == f"{W}tab" else element.text or "")
    return unmarked("".join(pieces))


def _docx_language(word: Any) -> str:
    languages = word.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    return str(languages[0]) if languages else "en"


def _docx_masthead(word: Any) -> Masthead | None:
    """The masthead from the first table, two rows of two cells, as the DOCX writer lays it."""
    if not word.tables or len(word.tables[0].rows) != 2:
        return None
    cells = [[[_docx_text(p._p) for p in cell.paragraphs] for cell in row.cells]
             for row in word.tables[0].rows]
    if any(len(row) != 2 for row in cells):
        return None
    (top_left, symbol), (left, right) = cells
    organ = next((_docx_text(p._p) for p in word.paragraphs if p.style is not None
                  and p.style.name == ORGAN), None)
    return Masthead(left=tuple(top_left + left), symbol="".join(symbol), right=tuple(right),
                    organ=organ or None)


def _signed(line: str) -> tuple[str, str]:
    """"(Signed) Name" -> ("(Signed)", "Name"); "（签名）王五" -> ("（签名）", "王五")."""
    close = min((line.find(mark) for mark in FULL_WIDTH_CLOSE if mark in line), default=-1)
    space = line.find(" ")
    if close != -1 and (space == -1 or close < space):
        return line[:close + 1], line[close + 1:]
    signed, _, signer = line.partition(" ")
    return signed, signer
