"""Word (DOCX) with python-docx: named "UN …" styles, Word's own numbering, a masthead table,
running headers.

Every paragraph carries a named style, so a user restyles the whole document from Word's style
pane, and Enter after any of them gives body text. Paragraph numbers, lettered points and bullets
are Word numbering, not typed text: a paragraph inserted or deleted in Word or LibreOffice
renumbers the rest, and lettered points restart under each numbered paragraph. Where no Word
sequence gives a language's point letters in every reader (Arabic's (أ), (ب), (ج): see
data/languages.yaml), each point's label is typed before its text and a tab instead, in the same
style and place.

A reference document (like pandoc's --reference-doc) may stand in for the built-in one: its
styles, page set-up, headers and footers are kept, the UN styles it lacks are added, and the
symbol and job line go into its paragraphs styled "UN Running Header" and "UN Job Line".
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import re
import zipfile
from functools import cache, lru_cache
from html import escape
from pathlib import Path
from typing import Any, NamedTuple, assert_never

from caac_toolkit import provenance, timestamps
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
    Revision,
    Table,
    spans,
)
from caac_toolkit.errors import InvalidInput, MissingFile, Place

_EMU_PER_CM = 360_000
_TEXT_WIDTH_CM = 16.0  # A4 (21 cm) less 2.5 cm margins on each side
_LEFT_COLUMN_CM = 10.0
_NO_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
# Characters XML 1.0 cannot carry; lxml (hence python-docx) raises ValueError on them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CORE_PROPERTY_MAX = 255  # python-docx refuses longer core properties
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A Word template (.dotx) is a document with another content type: python-docx opens only these.
_TEMPLATE_TYPE = b"wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"wordprocessingml.document.main+xml"


class _Style(NamedTuple):
    size: float = 12  # pt
    bold: bool = False
    align: str = "left"  # left, right, justify
    indent: float = 0  # cm from the margin to the text
    hang: float = 0  # cm the number or label hangs to the left of the text
    before: float = 0  # pt
    after: float = 6  # pt
    keep: bool = False  # keep with the next paragraph
    outline: int | None = None  # level in Word's navigation pane and a PDF's bookmarks
    rule: bool = False  # a line under the paragraph
    tab: float | None = None  # cm, a right-aligned tab stop


BODY = "UN Body"
NUMBERED = "UN Numbered Paragraph"
POINT = "UN Point"
NESTED_POINT = "UN Nested Point"
BULLET = "UN Bullet"
TITLE = "UN Title"
HEADING = "UN Heading {}"  # levels 1 to 3
ORGAN = "UN Organ"
SIGNATURE = "UN Signature"
SIGNATURE_TITLE = "UN Signature Title"
TABLE_HEADER = "UN Table Header"
TABLE_TEXT = "UN Table Text"
_RUNNING_HEADER = "UN Running Header"
_JOB_LINE = "UN Job Line"
_STYLES = {
    "UN Masthead": _Style(size=14, bold=True, after=0),
    "UN Masthead Body": _Style(size=20, bold=True, after=0),
    "UN Symbol": _Style(size=14, bold=True, after=0),
    "UN Distribution": _Style(size=10, after=0),
    ORGAN: _Style(bold=True, before=6, after=12),
    TITLE: _Style(bold=True, before=12, after=12, keep=True, outline=0),
    HEADING.format(1): _Style(bold=True, before=12, after=6, keep=True, outline=1),
    HEADING.format(2): _Style(bold=True, before=9, after=6, keep=True, outline=2),
    HEADING.format(3): _Style(bold=True, before=6, after=6, keep=True, outline=3),
    BODY: _Style(align="justify"),
    NUMBERED: _Style(align="justify", indent=1, hang=1),
    POINT: _Style(align="justify", indent=1, hang=1),
    NESTED_POINT: _Style(align="justify", indent=2, hang=1),
    BULLET: _Style(align="justify", indent=1, hang=0.5),
    SIGNATURE: _Style(align="right", before=24, after=0),
    SIGNATURE_TITLE: _Style(align="right", after=0),
    TABLE_HEADER: _Style(size=10, bold=True, after=0),
    TABLE_TEXT: _Style(size=10, after=0),
    _RUNNING_HEADER: _Style(size=10, bold=True, after=0, rule=True, tab=_TEXT_WIDTH_CM),
    _JOB_LINE: _Style(size=9, after=0),
}
StyleIds = dict[str, str]  # the id of each UN style, by name, in one base document
Level = tuple[str, str, str]  # a list level's w:numFmt, w:lvlText and the style it is linked to


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _core(text: str) -> str:
    text = _clean(text)
    return text if len(text) <= _CORE_PROPERTY_MAX else text[: _CORE_PROPERTY_MAX - 1] + "…"


def _cm(value: float) -> Any:
    from docx.shared import Emu

    return Emu(round(value * _EMU_PER_CM))


def _xml(markup: str) -> Any:
    """An element from `markup`, its first tag given the w: namespace."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    return parse_xml(markup.replace(">", f" {nsdecls('w')}>", 1))


def _rule(side: str, eighths_of_a_point: int) -> str:
    return f'<w:{side} w:val="single" w:sz="{eighths_of_a_point}" w:space="1" w:color="auto"/>'


def _style_id(name: str) -> str:
    return name.replace(" ", "")


def add_paragraph(container: Any, text: str, style_id: str) -> Any:
    """A paragraph in a style, set by id: python-docx's lookup by name scans every style."""
    paragraph = container.add_paragraph(text)
    paragraph._p.style = style_id
    return paragraph


class Tracking:
    """A redline's insertions and deletions as Word's tracked changes, w:ins and w:del, each
    with the revision's author and date and an id of its own."""

    def __init__(self, revision: Revision) -> None:
        self.stamp = {f"{W}author": _clean(revision.author) or "caac"}
        if revision.date is not None:  # optional in Word: a build of an undated case has none
            self.stamp[f"{W}date"] = revision.date.astimezone(dt.UTC).strftime(
                "%Y-%m-%dT%H:%M:%SZ")
        self.ids = itertools.count(1)

    def mark(self, change: Change) -> Any:
        from docx.oxml import OxmlElement

        element = OxmlElement("w:ins" if change == "inserted" else "w:del")
        element.set(f"{W}id", str(next(self.ids)))
        for name, value in self.stamp.items():
            element.set(name, value)
        return element

    def run(self, run: Any, change: Change) -> None:
        """`run` (python-docx's), just added, moved inside a tracked change."""
        element = run._r
        if change == "deleted":
            for text in element.iterchildren(f"{W}t"):
                text.tag = f"{W}delText"
        wrapper = self.mark(change)
        element.addprevious(wrapper)
        wrapper.append(element)

    def paragraph(self, paragraph: Any, change: Change) -> None:
        """A paragraph inserted or deleted whole has its mark tracked too, so that accepting or
        rejecting every change leaves no empty paragraph behind."""
        from docx.oxml import OxmlElement

        properties = OxmlElement("w:rPr")
        properties.append(self.mark(change))
        paragraph._p.get_or_add_pPr().append(properties)


def add_runs(paragraph: Any, text: str, tracking: Tracking | None = None) -> None:
    """`text` as runs: a superscript raised, a stretch kept on one line with a word joiner after
    each slash and no-break spaces, where Word would otherwise break the line; an insertion or
    deletion tracked."""
    for span in spans(text):
        match span.style:
            case "keep":
                run = paragraph.add_run(_clean(span.text.replace("/", "/\u2060")
                                               .replace(" ", "\u00a0")))
            case "raised":
                run = paragraph.add_run(_clean(span.text))
                run.font.superscript = True
            case "":
                run = paragraph.add_run(_clean(span.text))
            case _:
                assert_never(span.style)
        if span.change is not None and tracking is not None:
            tracking.run(run, span.change)


def _add_style(word: Any, name: str, spec: _Style) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Pt

    style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = _style_id(name)
    style.base_style = word.styles["Normal"]
    style.quick_style = True
    if name != BODY:
        style.element.get_or_add_next().val = _style_id(BODY)  # Enter gives body text
    if spec.rule:
        # Added first: python-docx places its own properties after it, in schema order.
        style.element.get_or_add_pPr().append(_xml(f"<w:pBdr>{_rule('bottom', 4)}</w:pBdr>"))
    # None leaves a property out, to be inherited, rather than written as "not bold", "left" …
    font, layout = style.font, style.paragraph_format
    font.size, font.bold = Pt(spec.size), spec.bold or None
    layout.alignment = {
        "left": None,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[spec.align]
    layout.space_before, layout.space_after = Pt(spec.before), Pt(spec.after)
    layout.keep_with_next = spec.keep or None
    if spec.indent:
        layout.left_indent, layout.first_line_indent = _cm(spec.indent), _cm(-spec.hang)
        layout.tab_stops.add_tab_stop(_cm(spec.indent))
    if spec.tab is not None:
        layout.tab_stops.add_tab_stop(_cm(spec.tab), WD_TAB_ALIGNMENT.RIGHT)
    if spec.outline is not None:
        style.element.get_or_add_pPr().get_or_add_outlineLvl().val = spec.outline


def _strip_template(word: Any) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    # python-docx's picture of its sample page, and stylesWithEffects.xml, which Word 2010 reads
    # instead of the styles added here.
    package_rels = word.part.package.rels
    for rid in [r for r, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        del package_rels[rid]
    for rid, rel in list(word.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            word.part.drop_rel(rid)
    # A hundred table styles are nine tenths of styles.xml, hence of the time to open and save a
    # document; Word still offers them all (latent styles) and writes one back when it is used.
    for style in word.styles.element.xpath('w:style[@w:type="table" and not(@w:default="1")]'):
        style.getparent().remove(style)


@cache
def _template() -> bytes:
    """python-docx's default template with the page, fonts, styles, headers and footers set."""
    import docx
    from docx.shared import Pt

    word = docx.Document()
    _strip_template(word)
    fonts = word.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts")[0]
    fonts.attrib.clear()  # theme fonts would win over the ones named here
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(f"{W}{attribute}", "Times New Roman")
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(12)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.0
    for name, spec in _STYLES.items():
        _add_style(word, name, spec)

    section = word.sections[0]
    section.page_width, section.page_height = _cm(21), _cm(29.7)
    section.left_margin = section.right_margin = _cm(2.5)
    section.top_margin = section.bottom_margin = _cm(2.5)
    section.header_distance = section.footer_distance = _cm(1.25)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    section.first_page_footer.paragraphs[0]._p.style = _style_id(_JOB_LINE)
    # Continuation pages: the symbol goes before the tab and the page number.
    header = section.header.paragraphs[0]
    header._p.style = _style_id(_RUNNING_HEADER)
    header.add_run("\t")
    header._p.append(_xml('<w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>'))
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _built_in_ids() -> StyleIds:
    return {name: _style_id(name) for name in _STYLES}


@lru_cache(maxsize=4)
def _base(reference: bytes | None) -> tuple[bytes, StyleIds]:
    """The document each render starts from, and the ids of its UN styles: the built-in one, or
    the reference with its body emptied and the UN styles it lacks added."""
    if reference is None:
        return _template(), _built_in_ids()
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    word = docx.Document(io.BytesIO(reference))
    body = word.element.body
    for child in list(body):
        if child.tag != f"{W}sectPr":
            body.remove(child)
    if body.find(f"{W}sectPr") is None:  # Word's defaults where the reference sets no page
        body.append(body.makeelement(f"{W}sectPr", {}))
    _ensure_numbering(word)
    ids = {style.name: style.style_id for style in word.styles
           if style.type == WD_STYLE_TYPE.PARAGRAPH and style.name in _STYLES}
    for name, spec in _STYLES.items():
        if name not in ids:
            _add_style(word, name, spec)
            ids[name] = _style_id(name)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue(), ids


def _ensure_numbering(word: Any) -> None:
    """A numbering part for a document without one (LibreOffice writes none when nothing is
    numbered): python-docx cannot make one."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.parts.numbering import NumberingPart

    try:
        word.part.part_related_by(RT.NUMBERING)
    except KeyError:
        part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING,
                             _xml("<w:numbering></w:numbering>"), word.part.package)
        word.part.relate_to(part, RT.NUMBERING)


def _ordinal(label: str) -> int:
    """The place of a point's letters in Word's lower-letter sequence: a 1, z 26, aa 27."""
    letters = [c for c in label.casefold() if "a" <= c <= "z"]
    return (len(letters) - 1) * 26 + ord(letters[0]) - ord("a") + 1 if letters else 1


class Numbering:
    """Word's numbering of one document: numbered paragraphs with their lettered points beneath
    (one two-level list, so that the points restart under each paragraph), lettered points
    elsewhere, and bullets. `points` labels a lettered point, "{}" standing for the letter;
    `letters` is Word's name for their sequence, None where their labels are typed instead.

    Each list style carries its list, so that a paragraph given that style in Word or by a script
    joins it and the rest renumber. A run that starts afresh (numbers restarting in a new part,
    points after a heading) gets its own instance of the list, starting where the document says.
    """

    def __init__(self, word: Any, ids: StyleIds, points: str, numbers: str = "{}.",
                 letters: str | None = "lowerLetter") -> None:
        self._ids = ids
        self._numbering = word.part.numbering_part.element
        self._styles = word.styles.element
        # Without Word's name for the letters, points are in no list: their labels are typed.
        self.typed = letters is None
        nested: tuple[Level, ...] = () if letters is None else (
            (letters, points.format("%2"), NESTED_POINT),)
        self._levels = {NUMBERED: ("multilevel", (("decimal", numbers.format("%1"), NUMBERED),
                                                  *nested))}
        if letters is not None:
            self._levels[POINT] = ("singleLevel", ((letters, points.format("%1"), POINT),))
        self._levels[BULLET] = ("singleLevel", (("bullet", "\u2022", BULLET),))
        self._lists = {style: self._abstract(*levels) for style, levels in self._levels.items()}
        self._deleted: dict[str, int] = {}  # lists of what a redline deletes, made when needed
        self._own = {style: self._numbering.add_num(abstract).numId
                     for style, abstract in self._lists.items()}
        for list_style, (_, levels) in self._levels.items():
            for level, (_, _, style) in enumerate(levels):
                element = self._styles.get_by_id(ids[style])
                _number(element.get_or_add_pPr(), self._own[list_style], level)
        for style in (POINT, NESTED_POINT) if self.typed else ():
            # A reference document's point styles may carry its own list: the label is typed.
            self._styles.get_by_id(ids[style]).get_or_add_pPr()._remove_numPr()
        self._current = dict(self._own)  # the instance each list's paragraphs join now
        self._used: set[str] = set()
        self._number = 0
        self._previous: Block | None = None

    def _abstract(self, kind: str, levels: tuple[Level, ...], linked: bool = True) -> int:
        """A list's levels, each `linked` to its style (Word then gives the style's paragraphs
        that level) or not."""
        taken = [int(n) for n in self._numbering.xpath("w:abstractNum/@w:abstractNumId")]
        number = max(taken, default=-1) + 1
        markup = [f'<w:abstractNum w:abstractNumId="{number}">',
                  f'<w:multiLevelType w:val="{kind}"/>']
        for level, (fmt, text, style) in enumerate(levels):
            indent = self._styles.get_by_id(self._ids[style]).xpath("w:pPr/w:ind")
            layout = f"<w:pPr>{indent[0].xml}</w:pPr>" if indent else ""
            link = f'<w:pStyle w:val="{escape(self._ids[style])}"/>' if linked else ""
            markup.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{link}'
                f'<w:lvlText w:val="{escape(text)}"/><w:lvlJc w:val="left"/>{layout}</w:lvl>'
            )
        element = _xml("".join(markup) + "</w:abstractNum>")
        nums = self._numbering.num_lst
        if nums:
            nums[0].addprevious(element)
        else:
            self._numbering.append(element)
        return number

    def _deleted_block(self, paragraph: Any, block: Block) -> None:
        """A paragraph a redline deletes keeps the number or letter it had, in a list of its
        own: the document's lists count only the paragraphs that stay, so that their numbers
        are those of the new version, which a reader sees once the changes are accepted
        (LibreOffice would show the count with the deleted ones beside them: "4.[5.]")."""
        match block:
            case Paragraph(number=int(number)):
                style, level, start = NUMBERED, 0, number
            case Point(nested=True):
                style, level, start = NUMBERED, 1, _ordinal(block.label)
            case Point():
                style, level, start = POINT, 0, _ordinal(block.label)
            case Bullet():
                _number(paragraph._p.get_or_add_pPr(), self._current[BULLET], 0)
                return
            case Heading() | Paragraph() | Table():
                return
            case _:
                assert_never(block)
        if style not in self._deleted:
            self._deleted[style] = self._abstract(*self._levels[style], linked=False)
        num = self._numbering.add_num(self._deleted[style])
        num.add_lvlOverride(ilvl=level).add_startOverride(start)
        _number(paragraph._p.get_or_add_pPr(), num.numId, level)

    def _start(self, style: str, start: int) -> None:
        """Paragraphs of `style`'s list from here on count from `start`."""
        if style in self._used or start != 1:
            num = self._numbering.add_num(self._lists[style])
            num.add_lvlOverride(ilvl=0).add_startOverride(start)
            self._current[style] = num.numId

    def apply(self, paragraph: Any, block: Block) -> None:
        """Number `paragraph`, just written for `block`, in its list; others are left as they are.
        A paragraph a redline deletes is numbered apart (`_deleted`)."""
        properties = paragraph._p.get_or_add_pPr
        if self.typed and isinstance(block, Point):
            return  # its label is typed (`_Writer.label`)
        if block.change == "deleted":
            self._deleted_block(paragraph, block)
            return
        previous, self._previous = self._previous, block
        match block:
            case Paragraph(number=int(number)):
                if number != self._number + 1:
                    self._start(NUMBERED, number)
                self._number = number
                self._used.add(NUMBERED)
                _number(properties(), self._current[NUMBERED], 0)
            case Point(nested=True):
                _number(properties(), self._current[NUMBERED], 1)
            case Point():
                if not isinstance(previous, Point) or previous.nested:
                    self._start(POINT, _ordinal(block.label))
                self._used.add(POINT)
                _number(properties(), self._current[POINT], 0)
            case Bullet():
                _number(properties(), self._current[BULLET], 0)
            case Heading() | Paragraph() | Table():
                pass
            case _:
                assert_never(block)


def _number(properties: Any, num: int, level: int) -> None:
    numbered = properties.get_or_add_numPr()
    numbered.get_or_add_ilvl().val = level
    numbered.get_or_add_numId().val = num


def style_of(block: Block) -> str:
    """The name of the UN style a block is written in."""
    match block:
        case Heading():
            return HEADING.format(min(max(block.level, 1), 3))
        case Paragraph():
            return BODY if block.number is None else NUMBERED
        case Point():
            return NESTED_POINT if block.nested else POINT
        case Bullet():
            return BULLET
        case Table():
            return TABLE_TEXT
        case _:
            assert_never(block)


class _Writer:
    def __init__(self, word: Any, ids: StyleIds, points: str, layout: Layout | None = None,
                 revision: Revision | None = None) -> None:
        self.word, self.ids = word, ids
        self.layout = layout = layout or Layout()
        self.numbering = Numbering(word, ids, points, layout.number_label, layout.word_letters)
        self.tracking = Tracking(revision) if revision is not None else None

    def add(self, container: Any, text: str, style: str, change: Change | None = None) -> Any:
        paragraph = add_paragraph(container, "", self.ids[style])
        add_runs(paragraph, text, self.tracking)
        if change is not None and self.tracking is not None:
            self.tracking.paragraph(paragraph, change)
        return paragraph

    def label(self, paragraph: Any, point: Point) -> None:
        """The point's label, as the other formats print it, then a tab to where its text
        starts (the style's hanging indent); inserted or deleted with the point in a redline.
        Two runs: a run holding a tab is not split by script (`scripts.word_runs`)."""
        for text in (self.layout.point(point.label), "\t"):
            run = paragraph.add_run(_clean(text))
            if point.change is not None and self.tracking is not None:
                self.tracking.run(run, point.change)

    def masthead(self, masthead: Masthead) -> None:
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

        table = self.word.add_table(rows=2, cols=2)
        table.autofit = False
        table._tbl.tblPr.insert_element_before(
            _xml(
                '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
                '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
            ),
            "w:tblLook",
        )
        widths = (_cm(_LEFT_COLUMN_CM), _cm(_TEXT_WIDTH_CM - _LEFT_COLUMN_CM))
        rows = (
            # A thin rule under the first line and a thick one under the masthead, as the UN prints.
            ((masthead.left[:1], "UN Masthead"), ((masthead.symbol,), "UN Symbol"), 4),
            ((masthead.left[1:], "UN Masthead Body"), (masthead.right, "UN Distribution"), 18),
        )
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row, (left, right, rule) in zip(table.rows, rows, strict=True):
            for cell, width, (lines, style) in zip(row.cells, widths, (left, right), strict=True):
                cell.width = width
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
                cell._tc.tcPr.tcW.addnext(_xml(f"<w:tcBorders>{_rule('bottom', rule)}</w:tcBorders>"))
                first, *rest = lines or ("",)
                paragraph = cell.paragraphs[0]
                paragraph._p.style = self.ids[style]
                add_runs(paragraph, first, self.tracking)
                for line in rest:
                    self.add(cell, line, style)
        self.add(self.word, masthead.organ or "", ORGAN)

    def part(self, part: Part) -> list[Any]:
        paragraphs = []
        if part.title:
            paragraphs.append(self.add(self.word, part.title, TITLE, part.change))
        for block in part.blocks:
            if isinstance(block, Table):
                paragraphs.append(self.table(block))
                continue
            paragraph = add_paragraph(self.word, "", self.ids[style_of(block)])
            if isinstance(block, Point) and self.numbering.typed:
                self.label(paragraph, block)
            add_runs(paragraph, block.text, self.tracking)
            self.numbering.apply(paragraph, block)
            if block.change is not None and self.tracking is not None:
                self.tracking.paragraph(paragraph, block.change)  # after its numbering
            paragraphs.append(paragraph)
        if part.signature:
            signature = part.signature
            line = signature.line
            paragraphs.append(self.add(self.word, line, SIGNATURE, part.change))
            for title in signature.titles:
                paragraphs.append(self.add(self.word, title, SIGNATURE_TITLE, part.change))
        return paragraphs

    def table(self, table: Table) -> Any:
        """A Word table with thin rules, its header row repeated on each page; returns the
        table's first paragraph."""
        rows = (table.header, *table.rows)
        columns = max(len(row) for row in rows)
        word_table = self.word.add_table(rows=len(rows), cols=columns)
        rules = "".join(_rule(side, 4) for side in
                        ("top", "left", "bottom", "right", "insideH", "insideV"))
        word_table._tbl.tblPr.insert_element_before(
            _xml(f"<w:tblBorders>{rules}</w:tblBorders>"),
            "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
        word_table.rows[0]._tr.get_or_add_trPr().append(_xml("<w:tblHeader></w:tblHeader>"))
        for n, (row, texts) in enumerate(zip(word_table.rows, rows, strict=True)):
            for cell, text in zip(row.cells, texts, strict=False):
                paragraph = cell.paragraphs[0]
                paragraph._p.style = self.ids[TABLE_HEADER if n == 0 else TABLE_TEXT]
                add_runs(paragraph, text, self.tracking)
                if table.change is not None and self.tracking is not None:
                    self.tracking.paragraph(paragraph, table.change)
        return word_table.rows[0].cells[0].paragraphs[0]

    def running_lines(self, symbol: str, job_line: str) -> None:
        """The symbol at the start of the running header, the job line in the first-page footer:
        wherever the base document has paragraphs in those styles."""
        for section in self.word.sections:
            for kind in ("header", "first_page_header", "even_page_header", "footer",
                         "first_page_footer", "even_page_footer"):
                margin = getattr(section, kind)
                if margin.is_linked_to_previous:
                    continue  # asking for its paragraphs would add one
                for paragraph in margin.paragraphs:
                    if paragraph._p.style == self.ids[_RUNNING_HEADER] and symbol:
                        run = paragraph.add_run(_clean(symbol))._r
                        properties = paragraph._p.pPr
                        if properties is not None:
                            properties.addnext(run)
                        else:
                            paragraph._p.insert(0, run)
                    elif paragraph._p.style == self.ids[_JOB_LINE] and job_line:
                        paragraph.add_run(_clean(job_line))


def _properties(word: Any, document: Document, symbol: str) -> None:
    when = timestamps.file_time(document.date) or _NO_DATE
    properties = word.core_properties
    properties.title = _core(document.title)
    properties.subject = _core(document.subject or symbol)
    properties.language = _core(document.lang)
    properties.author = _core(document.author or "")
    properties.last_modified_by = properties.comments = properties.keywords = ""
    properties.category = ""
    properties.identifier = provenance.PLACEHOLDER  # sealed by _archive
    properties.created = properties.modified = when
    properties.revision = 1


def _archive(word: Any) -> bytes:
    """The Word file, with fixed timestamps and attributes (python-docx stamps the clock),
    sealed with the hash of its parts: a later draft may replace it without --force."""
    items = _items(word)
    parts = provenance.seal([piece for name, blob in items for piece in (name.encode(), blob)])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for (name, _), part in zip(items, parts[1::2], strict=True):
            info = zipfile.ZipInfo(name, timestamps.zip_time())
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, part)
    return out.getvalue()


def _items(word: Any) -> list[tuple[str, bytes]]:
    """The package's items (name, bytes) in the order python-docx saves them, not zipped: saving
    would compress every part, only for `_archive` to read it back and compress it again."""
    from docx.opc.pkgwriter import PackageWriter

    items: list[tuple[str, bytes]] = []

    class Collected:  # what PackageWriter writes to, in place of its zip file
        def write(self, pack_uri: Any, blob: bytes) -> None:
            items.append((pack_uri.membername, blob))

    package = word.part.package
    for part in package.parts:
        part.before_marshal()
    collected = Collected()
    writer: Any = PackageWriter  # its steps, without the zip file its `write` opens
    writer._write_content_types_stream(collected, package.parts)
    writer._write_pkg_rels(collected, package.rels)
    writer._write_parts(collected, package.parts)
    return items


def render(document: Document, *, reference: bytes | None = None) -> bytes:
    """`document` as a Word file; on `reference` (from `load_reference`) if given; a redline's
    insertions and deletions as tracked changes."""
    import docx

    base, ids = _base(reference)
    word = docx.Document(io.BytesIO(base))
    for language in word.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang"):
        language.set(f"{W}val", _clean(document.lang))
    if reference is None:  # a delegation's reference document keeps its own fonts
        _use_font(word, document.layout.fonts[0])
    writer = _Writer(word, ids, document.layout.point_label, document.layout, document.revision)
    if document.masthead:
        writer.masthead(document.masthead)
    for part in document.parts:
        paragraphs = writer.part(part)
        if part.new_page and paragraphs:
            paragraphs[0].paragraph_format.page_break_before = True
    symbol = document.symbol or (document.masthead.symbol if document.masthead else "")
    writer.running_lines(symbol, document.job_line or "")
    from caac_toolkit.scripts import word_runs

    word_runs(word, document.layout)  # Arabic right to left, Chinese in its own fonts
    _properties(word, document, symbol)
    return _archive(word)


def _use_font(word: Any, face: str) -> None:
    """The language's first font, for every script, in place of the built-in template's."""
    for fonts in word.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts"):
        for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(f"{W}{attribute}", _clean(face))
    word.styles["Normal"].font.name = _clean(face)


def load_reference(path: Path, notes: list[str] | None = None) -> bytes:
    """A reference document's bytes, read and checked once: a Word document or template (.dotx),
    made inert (`inert`); what was left out of it is added to `notes`."""
    from caac_toolkit.bounded import MAX_REFERENCE, check_zip, limit
    from caac_toolkit.textfile import read_bytes
    from caac_toolkit.writers.inert import inert

    if not os.path.lexists(path):
        raise MissingFile(path, "reference document")
    bound = limit("REFERENCE", MAX_REFERENCE)
    data = read_bytes(path, bound)
    check_zip(data, str(path), bound, "Word document (.docx) or template (.dotx)",
              hint="save it from Word or LibreOffice as .docx")
    try:
        data, dropped = inert(data)
        if notes is not None:
            notes += dropped
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            types = archive.read("[Content_Types].xml")
            if _TEMPLATE_TYPE in types:
                data = _rewritten(archive, "[Content_Types].xml",
                                  types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE))
        _base(data)
    except Exception as error:  # zipfile, lxml and python-docx each raise their own
        raise InvalidInput("not a Word document (.docx) or template (.dotx)",
                           place=Place(str(path)),
                           hint="save it from Word or LibreOffice as .docx") from error
    return data


def _rewritten(archive: zipfile.ZipFile, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in archive.infolist():
            target.writestr(item, content if item.filename == name else archive.read(item))
    return out.getvalue()


def reference_template() -> bytes:
    """The built-in reference document, to start one's own from: each UN style with a sample
    paragraph named after it."""
    import docx

    word = docx.Document(io.BytesIO(_template()))
    writer = _Writer(word, _built_in_ids(), Layout().point_label)
    for name in _STYLES:
        if name not in (_RUNNING_HEADER, _JOB_LINE):
            writer.add(word, name, name)
    return _archive(word)
