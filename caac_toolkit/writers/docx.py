"""Word (DOCX) with python-docx: named "UN …" styles, a masthead table, running headers.

Every paragraph carries a named style, so a user restyles the whole document from Word's style
pane. Paragraph numbers and point labels are text with a tab and a hanging indent: Word's
automatic numbering renumbers or breaks when paragraphs move between documents.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from functools import cache
from typing import Any, NamedTuple

from caac_toolkit.document import Bullet, Document, Heading, Masthead, Paragraph, Part, Point

_EMU_PER_CM = 360_000
_TEXT_WIDTH_CM = 16.0  # A4 (21 cm) less 2.5 cm margins on each side
_LEFT_COLUMN_CM = 10.0
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_NO_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
# Characters XML 1.0 cannot carry; lxml (hence python-docx) raises ValueError on them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CORE_PROPERTY_MAX = 255  # python-docx refuses longer core properties
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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


_STYLES = {
    "UN Masthead": _Style(size=14, bold=True, after=0),
    "UN Masthead Body": _Style(size=20, bold=True, after=0),
    "UN Symbol": _Style(size=14, bold=True, after=0),
    "UN Distribution": _Style(size=10, after=0),
    "UN Organ": _Style(bold=True, before=6, after=12),
    "UN Title": _Style(bold=True, before=12, after=12, keep=True, outline=0),
    "UN Heading 1": _Style(bold=True, before=12, after=6, keep=True, outline=1),
    "UN Heading 2": _Style(bold=True, before=9, after=6, keep=True, outline=2),
    "UN Heading 3": _Style(bold=True, before=6, after=6, keep=True, outline=3),
    "UN Body": _Style(align="justify"),
    "UN Numbered Paragraph": _Style(align="justify", indent=1, hang=1),
    "UN Point": _Style(align="justify", indent=1, hang=1),
    "UN Nested Point": _Style(align="justify", indent=2, hang=1),
    "UN Bullet": _Style(align="justify", indent=1, hang=0.5),
    "UN Signature": _Style(align="right", before=24, after=0),
    "UN Signature Title": _Style(align="right", after=0),
    "UN Running Header": _Style(size=10, bold=True, after=0, rule=True, tab=_TEXT_WIDTH_CM),
    "UN Job Line": _Style(size=9, after=0),
}


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


def _add(container: Any, text: str, style: str) -> Any:
    """A paragraph in a named style, set by id: python-docx's lookup by name scans every style."""
    paragraph = container.add_paragraph(text)
    paragraph._p.style = _style_id(style)
    return paragraph


def _add_style(word: Any, name: str, spec: _Style) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Pt

    style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = _style_id(name)
    style.base_style = word.styles["Normal"]
    style.quick_style = True
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
        fonts.set(f"{_W}{attribute}", "Times New Roman")
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
    section.first_page_footer.paragraphs[0]._p.style = _style_id("UN Job Line")
    # Continuation pages: the symbol goes into the first run, before the tab and the page number.
    header = section.header.paragraphs[0]
    header._p.style = _style_id("UN Running Header")
    header.add_run("\t")
    header._p.append(_xml('<w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>'))
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _masthead(word: Any, masthead: Masthead) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    table = word.add_table(rows=2, cols=2)
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
            paragraph._p.style = _style_id(style)
            paragraph.add_run(_clean(first))
            for line in rest:
                _add(cell, _clean(line), style)
    _add(word, _clean(masthead.organ or ""), "UN Organ")


def _part(word: Any, part: Part) -> list[Any]:
    paragraphs = []
    if part.title:
        paragraphs.append(_add(word, _clean(part.title), "UN Title"))
    for block in part.blocks:
        text = _clean(block.text)
        if isinstance(block, Heading):
            paragraphs.append(_add(word, text, f"UN Heading {min(max(block.level, 1), 3)}"))
        elif isinstance(block, Paragraph) and block.number is not None:
            paragraphs.append(_add(word, f"{block.number}.\t{text}", "UN Numbered Paragraph"))
        elif isinstance(block, Paragraph):
            paragraphs.append(_add(word, text, "UN Body"))
        elif isinstance(block, Point):
            style = "UN Nested Point" if block.nested else "UN Point"
            paragraphs.append(_add(word, f"({_clean(block.label)})\t{text}", style))
        elif isinstance(block, Bullet):
            paragraphs.append(_add(word, f"\u2022\t{text}", "UN Bullet"))
    if part.signature:
        signature = part.signature
        line = f"{_clean(signature.signed)} {_clean(signature.name)}"
        paragraphs.append(_add(word, line, "UN Signature"))
        for title in signature.titles:
            paragraphs.append(_add(word, _clean(title), "UN Signature Title"))
    return paragraphs


def _properties(word: Any, document: Document, symbol: str) -> None:
    when = (
        dt.datetime.combine(document.date, dt.time(), tzinfo=dt.UTC) if document.date else _NO_DATE
    )
    properties = word.core_properties
    properties.title = _core(document.title)
    properties.subject = _core(document.subject or symbol)
    properties.language = _core(document.lang)
    properties.author = _core(document.author or "")
    properties.last_modified_by = properties.comments = properties.keywords = ""
    properties.category = ""
    properties.created = properties.modified = when
    properties.revision = 1


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps and attributes: python-docx stamps the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(item))
    return out.getvalue()


class Tracked(NamedTuple):
    """Who made the changes a redline marks (caac_toolkit.redline), and when."""

    author: str
    date: dt.datetime


def _track_changes(word: Any, tracked: Tracked) -> None:
    """The runs a redline marks as Word's tracked changes, w:ins and w:del with author and date.
    A paragraph inserted or deleted whole has its mark tracked too, so that accepting or
    rejecting every change leaves no empty paragraph behind."""
    import itertools

    from docx.oxml import OxmlElement

    from caac_toolkit import redline

    stamp = {f"{_W}author": _clean(tracked.author) or "caac",
             f"{_W}date": tracked.date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
    ids = itertools.count(1)

    def change(kind: str) -> Any:
        element = OxmlElement(f"w:{'ins' if kind == 'insert' else 'del'}")
        element.set(f"{_W}id", str(next(ids)))
        for name, value in stamp.items():
            element.set(name, value)
        return element

    for paragraph in word.paragraphs:
        if redline.MARKS.isdisjoint(paragraph.text):
            continue
        whole, pieces = redline.spans(paragraph.text)
        for run in paragraph.runs:
            paragraph._p.remove(run._r)
        for kind, text in pieces:
            run = paragraph.add_run(text)._r
            if kind == "equal":
                continue
            if kind == "delete":
                for element in run.iterchildren(f"{_W}t"):
                    element.tag = f"{_W}delText"
            wrapper = change(kind)
            run.addprevious(wrapper)
            wrapper.append(run)
        if whole is not None:
            mark = OxmlElement("w:rPr")
            mark.append(change(whole))
            paragraph._p.get_or_add_pPr().append(mark)


def render(document: Document, *, tracked: Tracked | None = None) -> bytes:
    """`document` as a Word file; with `tracked`, a redline's marks as tracked changes."""
    import docx

    word = docx.Document(io.BytesIO(_template()))
    language = word.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")[0]
    language.set(f"{_W}val", _clean(document.lang))
    if document.masthead:
        _masthead(word, document.masthead)
    for part in document.parts:
        paragraphs = _part(word, part)
        if part.new_page and paragraphs:
            paragraphs[0].paragraph_format.page_break_before = True
    section = word.sections[0]
    symbol = document.symbol or (document.masthead.symbol if document.masthead else "")
    section.header.paragraphs[0].runs[0].text = f"{_clean(symbol)}\t"
    section.first_page_footer.paragraphs[0].add_run(_clean(document.job_line or ""))
    if tracked is not None:
        _track_changes(word, tracked)
    _properties(word, document, symbol)
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_zip(buffer.getvalue())
