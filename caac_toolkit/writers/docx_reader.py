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
    Table,
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
    TABLE_HEADER,
    TITLE,
    W,
)

HEADINGS = {HEADING.format(level): level for level in (1, 2, 3)}


def read(data: bytes, name: str) -> Document:
    """A Word document caac built (or one edited from it) read back into a Document, by its
    paragraphs' UN styles: the masthead table, titles, headings, numbered paragraphs, points,
    bullets, tables and signatures. Text inside tracked deletions is left out, tracked insertions
    kept. The file may come from anyone: it is inflated part by part, within its bound."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    from caac_toolkit.bounded import MAX_DOCX, check_zip, limit

    hint = "give a .docx file, or a case file (.yaml)"
    check_zip(data, name, limit("DOCX", MAX_DOCX), "Word document (.docx)", hint=hint)
    try:
        word = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, ValueError, KeyError, zipfile.BadZipFile):
        raise InvalidInput("not a Word document (.docx)", place=Place(name), hint=hint) from None
    except XMLSyntaxError as error:
        raise _damaged(name, error) from None
    try:  # python-docx parses a header or footer part when it is first asked for
        return _document(word)
    except XMLSyntaxError as error:
        raise _damaged(name, error) from None


def _damaged(name: str, error: Exception) -> InvalidInput:
    return InvalidInput(f"a damaged part in this Word document: {error}", place=Place(name),
                        hint="open it in Word and save it again")


def _document(word: Any) -> Document:
    import docx.text.paragraph

    from caac_toolkit.body import letter

    parts: list[Part] = []
    title: str | None = None
    blocks: list[Block] = []
    signature: Signature | None = None
    new_page = False
    number = points = 0

    def close() -> None:
        if title is not None or blocks or signature is not None:
            parts.append(Part(title, tuple(blocks), signature, new_page))

    for paragraph in word.iter_inner_content():
        if not isinstance(paragraph, docx.text.paragraph.Paragraph):
            if (table := _docx_table(paragraph)) is not None:
                blocks.append(table)
            continue
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
            blocks.append(Point(letter(points), _unlabelled(paragraph, text), style == NESTED_POINT))
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
                    symbol=_first_line(word, "header").split("\t")[0] or None,
                    job_line=_first_line(word, "first_page_footer") or None)


def _unlabelled(paragraph: Any, text: str) -> str:
    """A point's text without the label typed before it, up to a tab, where Word does not
    number it: the DOCX writer types the labels of a language whose letters no Word sequence
    gives (Arabic's (أ), (ب))."""
    label, tab, rest = text.partition("\t")
    return rest if tab and label and not _numbered(paragraph) else text


def _numbered(paragraph: Any) -> bool:
    """Whether Word numbers the paragraph: by its own w:numPr (w:numId 0 takes it out of its
    style's list), else by its style's. Read as text: python-docx raises on a numId that is no
    number, which a file from anyone may hold."""
    style = paragraph.style
    for properties in (paragraph._p.pPr, style.element.pPr if style is not None else None):
        found = properties.xpath("w:numPr/w:numId/@w:val") if properties is not None else []
        if found:
            return str(found[0]).strip() != "0"
    return False


def _first_line(word: Any, part: str) -> str:
    """The first paragraph of the first section's `part` (header …); none in a document without
    sections, or with an emptied header."""
    paragraphs = getattr(word.sections[0], part).paragraphs if word.sections else []
    return _docx_text(paragraphs[0]._p) if paragraphs else ""


def _docx_text(paragraph: Any) -> str:
    pieces = []
    for element in paragraph.iter(f"{W}t", f"{W}tab"):
        if any(parent.tag == f"{W}del" for parent in element.iterancestors()):
            continue
        pieces.append("\t" if element.tag == f"{W}tab" else element.text or "")
    return unmarked("".join(pieces))


def _docx_table(table: Any) -> Table | None:
    """A table the DOCX writer laid out (its first row in the header style), else None: the
    masthead is a table too."""
    rows = [[" ".join(filter(None, (_docx_text(p._p) for p in cell.paragraphs)))
             for cell in row.cells] for row in table.rows]
    first = table.rows[0].cells[0].paragraphs if rows and rows[0] else []
    if not first or first[0].style is None or first[0].style.name != TABLE_HEADER:
        return None
    header, *body = rows
    # A row deleted as a tracked change has no text left: it is not in this version.
    return Table(tuple(header), tuple(tuple(row) for row in body if any(row)))


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
