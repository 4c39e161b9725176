"""Text in two scripts: a language's own (Arabic, Chinese) and the Latin of symbols and figures.

Word keeps the two apart in each run: Latin in the run's ascii/hAnsi font at its size, Arabic in
its complex-script font (`w:cs`) at its complex-script size, in a run marked right to left
(`w:rtl`), Chinese in its East Asian font (`w:eastAsia`). python-docx has no API for this, so
`word_runs` writes the markup: it splits every run of a document at the script's edges, keeping
a symbol or a figure whole with its brackets ("S/2012/413", "1612 (2005)"), marks paragraphs of
a right-to-left language `w:bidi`, gives each style its complex-script size and boldness, and
turns off the space Word would add between Chinese and Latin text, which the UN does not set.
What a language writes, and in which fonts, is data (data/languages.yaml, `script`).
"""

from __future__ import annotations

import bisect
import copy
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from caac_toolkit.document import Layout

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
Ranges = tuple[tuple[int, int], ...]
_LATIN = re.compile(r"[A-Za-z0-9\u00c0-\u024f]")
_OPENING, _CLOSING = "([", ")]"
_YEAR = re.compile(r"(?<=\d) (?=\(\d{4}\))")
# What comes after w:bidi in a paragraph's properties (ECMA-376 CT_PPrBase), and after the
# w:autoSpaceDN before it.
_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
               "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
               "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_AUTOSPACE = ("w:bidi", *_AFTER_BIDI)
_AFTER_BIDI_VISUAL = ("w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc",
                      "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
                      "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def within(ranges: Ranges) -> Callable[[str], bool]:
    """Whether a character is a letter of the script whose code points `ranges` gives."""
    starts = [first for first, _ in sorted(ranges)]
    ends = [last for _, last in sorted(ranges)]

    def test(char: str) -> bool:
        i = bisect.bisect_right(starts, ord(char)) - 1
        return i >= 0 and ord(char) <= ends[i]

    return test


def split(text: str, ranges: Ranges) -> list[tuple[str, bool]]:
    """`text` in pieces, each (piece, True when in the script of `ranges`): Latin letters and
    figures, with the spaces and punctuation between them and the brackets around them, make one
    piece; other neutral characters go with the script around them."""
    own = within(ranges)
    kinds = ["S" if own(c) else "L" if _LATIN.match(c) else "N" for c in text]
    i = 0
    while i < len(kinds):
        if kinds[i] != "N":
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j] == "N":
            j += 1
        before = kinds[i - 1] if i else None
        after = kinds[j] if j < len(kinds) else None
        if "S" not in kinds or (before == "L" and after == "L"):
            fill = ["L"] * (j - i)
        else:
            fill = ["S"] * (j - i)
            if before == "L":  # closing brackets stay with the figure before
                k = i
                while k < j and text[k] in _CLOSING:
                    fill[k - i] = "L"
                    k += 1
            if after == "L":  # opening brackets go with the symbol after
                k = j - 1
                while k >= i and text[k] in _OPENING:
                    fill[k - i] = "L"
                    k -= 1
        kinds[i:j] = fill
        i = j
    return _pieces(text, [kind == "S" for kind in kinds])


def _pieces(text: str, flags: list[bool]) -> list[tuple[str, bool]]:
    pieces: list[tuple[str, bool]] = []
    for char, own in zip(text, flags, strict=True):
        if pieces and pieces[-1][1] == own:
            pieces[-1] = (pieces[-1][0] + char, own)
        else:
            pieces.append((char, own))
    return pieces


def word_runs(word: Any, layout: Layout) -> None:
    """The Word document `word` (python-docx) set for the layout's script, as described above;
    nothing for a language that writes only Latin."""
    if layout.script is None or layout.script_slot is None:
        return
    from docx.oxml import OxmlElement

    rtl = layout.direction == "rtl"
    slot, face = layout.script_slot, (layout.script_fonts or ("",))[0]
    styles = word.styles.element
    for fonts in styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts | w:style/w:rPr/w:rFonts"):
        if fonts.get(f"{_W}{slot}") is not None or fonts.getparent().getparent().tag != f"{_W}style":
            fonts.set(f"{_W}{slot}", face)
    for language in styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang"):
        language.set(f"{_W}{'bidi' if slot == 'cs' else 'eastAsia'}", layout.script_tag or "")
    if slot == "cs":  # complex-script text takes its size and boldness from the *Cs properties
        for properties in styles.xpath("//w:rPr"):
            size = properties.find(f"{_W}sz")
            if size is not None and properties.find(f"{_W}szCs") is None:
                twin = OxmlElement("w:szCs")
                twin.set(f"{_W}val", size.get(f"{_W}val"))
                size.addnext(twin)
            if properties.find(f"{_W}b") is not None:
                properties.get_or_add_bCs()
    parts = [word.element.body]
    for section in word.sections:
        for kind in ("header", "first_page_header", "even_page_header", "footer",
                     "first_page_footer", "even_page_footer"):
            margin = getattr(section, kind)
            if not margin.is_linked_to_previous:
                parts.append(margin._element)
    for table in word.element.body.iter(f"{_W}tbl") if rtl else ():
        # The masthead's columns mirrored: the organ's names on the right, the symbol left.
        table.tblPr.insert_element_before(OxmlElement("w:bidiVisual"), *_AFTER_BIDI_VISUAL)
    for part in parts:
        for paragraph in part.iter(f"{_W}p"):
            _paragraph(paragraph, layout.script_ranges, rtl, slot)


def _paragraph(paragraph: Any, ranges: Ranges, rtl: bool, slot: str) -> None:
    from docx.oxml import OxmlElement

    properties = paragraph.get_or_add_pPr()
    if slot == "eastAsia":
        for name in ("w:autoSpaceDE", "w:autoSpaceDN"):
            element = OxmlElement(name)
            element.set(f"{_W}val", "0")
            properties.insert_element_before(element, *_AFTER_AUTOSPACE)
    written = "".join(t.text or "" for t in paragraph.iter(f"{_W}t", f"{_W}delText"))
    # A numbered paragraph or lettered point reads right to left even when its text has no
    # letter of the script (a case's text left in English), so that its number stands where
    # the others' do.
    if rtl and (any(map(within(ranges), written)) or properties.find(f"{_W}numPr") is not None):
        properties.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
    # The paragraph is split as one text, so that a bracket in one run goes with the symbol in
    # the next; each run is then cut where the script changes.
    runs = [run for run in paragraph.iter(f"{_W}r") if _text(run) is not None]
    texts = [_text(run).text or "" for run in runs]
    flags = [own for piece, own in split("".join(texts), ranges) for _ in piece]
    at = 0
    for run, text in zip(runs, texts, strict=True):
        pieces = _pieces(text, flags[at : at + len(text)])
        at += len(text)
        for piece, own in pieces:
            new = copy.deepcopy(run)
            element = _text(new)
            element.text = piece if own else _YEAR.sub("\u00a0", piece)  # "1612 (2005)" whole
            element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            if own:
                run_properties = new.get_or_add_rPr()
                if rtl:
                    run_properties.get_or_add_rtl()
                else:
                    run_properties.get_or_add_rFonts().set(f"{_W}hint", "eastAsia")
            run.addprevious(new)
        if pieces:
            run.getparent().remove(run)
    _merge(paragraph)


def _text(run: Any) -> Any:
    """The one text of a run (w:t, or w:delText in a tracked deletion); None for a run with
    none, several, or a tab."""
    found = run.findall(f"{_W}t") + run.findall(f"{_W}delText")
    return found[0] if len(found) == 1 and run.find(f"{_W}tab") is None else None


def _merge(paragraph: Any) -> None:
    """Neighbouring runs that look alike as one run: Word and LibreOffice may break a line
    between two runs where they would not inside one ("(" and "S/2011/413")."""
    from lxml import etree

    previous = None
    for run in list(paragraph.iterchildren(f"{_W}r")):
        texts = run.findall(f"{_W}t")
        if len(texts) != 1 or len(run) != (2 if run.find(f"{_W}rPr") is not None else 1):
            previous = None
            continue
        if previous is not None and run.getprevious() is previous:
            properties = [r.find(f"{_W}rPr") for r in (previous, run)]
            if [None if p is None else etree.tostring(p) for p in properties].count(
                    None if properties[0] is None else etree.tostring(properties[0])) == 2:
                previous.find(f"{_W}t").text = (previous.find(f"{_W}t").text or "") + (
                    texts[0].text or "")
                paragraph.remove(run)
                continue
        previous = run
