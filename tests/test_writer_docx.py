"""The DOCX writer, read back with python-docx: what a user sees in Word."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from samples import letter

from caac_toolkit.document import (
    Document,
    Heading,
    Layout,
    Masthead,
    Paragraph,
    Part,
    Point,
    Signature,
)
from caac_toolkit.writers import render as render_any
from caac_toolkit.writers.docx import render

TESTS = Path(__file__).parent
STYLES = (
    "UN Masthead", "UN Masthead Body", "UN Symbol", "UN Distribution", "UN Organ", "UN Title",
    "UN Heading 1", "UN Heading 2", "UN Heading 3", "UN Numbered Paragraph", "UN Point",
    "UN Nested Point", "UN Bullet", "UN Body", "UN Signature", "UN Signature Title",
    "UN Running Header", "UN Job Line",
)
HOSTILE = "\x00\x0b\x1b\ud800<script>&"


def read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def english() -> docx.document.Document:
    return read(render(letter("en")))


@pytest.fixture(scope="module")
def french() -> docx.document.Document:
    return read(render(letter("fr")))


def body(word: docx.document.Document) -> dict[str, str]:
    """Text of each body paragraph, mapped to its style's name."""
    return {p.text: p.style.name for p in word.paragraphs if p.text}


def masthead_cells(word: docx.document.Document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in word.tables[0].rows]


def xml(part: Any) -> str:
    return str(part._element.xml)


def test_registry_renders_docx() -> None:
    assert render_any(letter(), "docx") == render(letter())


def test_masthead(english: docx.document.Document) -> None:
    assert masthead_cells(english) == [
        ["United Nations", "S/AC.51/2007/17"],
        ["Security Council", "Distr.: General\n24 July 2007\nOriginal: English"],
    ]
    cells = english.tables[0].rows[0].cells
    assert [cells[0].paragraphs[0].style.name, cells[1].paragraphs[0].style.name] == [
        "UN Masthead", "UN Symbol",
    ]
    assert english.styles["UN Symbol"].font.bold
    assert "<w:bottom " in xml(english.tables[0].rows[1].cells[0])  # the rule under it
    assert body(english)["Working Group on Children and Armed Conflict"] == "UN Organ"


def test_title_bold_in_its_style(english: docx.document.Document) -> None:
    title = letter().parts[0].title
    paragraph = next(p for p in english.paragraphs if p.text == title)
    assert paragraph.style.name == "UN Title"
    assert paragraph.style.font.bold


def test_blocks_use_named_styles(english: docx.document.Document) -> None:
    styles = body(english)
    assert styles["Sir,"] == "UN Body"
    honour = next(text for text in styles if text.startswith("I have the honour"))
    assert styles[honour] == "UN Body"
    assert styles["I. Recommendations"] == "UN Heading 1"
    assert styles["The Working Group will follow up."] == "UN Numbered Paragraph"
    assert styles["Calling upon all parties to release children."] == "UN Nested Point"
    assert styles["An annexed point"] == "UN Point"
    assert styles["A bullet that stays a bullet"] == "UN Bullet"
    assert all(style.startswith("UN ") for style in styles.values())


def numbering(word: docx.document.Document) -> dict[str, list[str]]:
    """The level texts of each list a UN style carries, by style name."""
    part = word.part.numbering_part.element
    lists = {}
    for name in ("UN Numbered Paragraph", "UN Nested Point", "UN Point", "UN Bullet"):
        num = word.styles[name].element.pPr.numPr.numId.val
        abstract = part.num_having_numId(num).abstractNumId.val
        lists[name] = part.xpath(f'w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl/w:lvlText/@w:val')
    return lists


def test_numbers_and_letters_are_word_numbering_not_text(english: docx.document.Document) -> None:
    assert numbering(english) == {
        "UN Numbered Paragraph": ["%1.", "(%2)"], "UN Nested Point": ["%1.", "(%2)"],
        "UN Point": ["(%1)"], "UN Bullet": ["\u2022"],
    }
    assert english.styles["UN Nested Point"].element.pPr.numPr.ilvl.val == 1
    for name in ("UN Numbered Paragraph", "UN Point", "UN Nested Point", "UN Bullet"):
        layout = english.styles[name].paragraph_format
        assert layout.left_indent > 0 > layout.first_line_indent
    assert english.styles["UN Nested Point"].paragraph_format.left_indent > Cm(1.5)
    listed = [p for p in english.paragraphs if p.style.name in numbering(english)]
    assert len(listed) == 7 and all(p._p.pPr.numPr is not None for p in listed)
    assert not any(p.text[:1] in "(\u20221" for p in listed)


def test_points_are_labelled_as_the_language_says() -> None:
    french = read(render(dataclasses.replace(letter("fr"), layout=Layout(point_label="{})"))))
    assert numbering(french)["UN Point"] == ["%1)"]
    assert numbering(french)["UN Nested Point"] == ["%1.", "%2)"]


def restarts(word: docx.document.Document, text: str) -> int | None:
    """Where the list of the paragraph with `text` restarts, if it is an instance that does."""
    paragraph = next(p for p in word.paragraphs if p.text == text)
    num = word.part.numbering_part.element.num_having_numId(paragraph._p.pPr.numPr.numId.val)
    starts = num.xpath("w:lvlOverride/w:startOverride/@w:val")
    return int(starts[0]) if starts else None


def test_a_list_that_starts_afresh_restarts() -> None:
    blocks = (Paragraph("One.", 1), Point("a", "Under one.", True), Paragraph("Two.", 2),
              Heading(1, "II. Next"), Point("a", "Point a.", False), Point("b", "Point b.", False),
              Paragraph("Between."), Point("a", "Again a.", False))
    document = Document(kind="letter", lang="en", title="T", parts=(
        Part(title=None, blocks=blocks),
        Part(title="Annex", blocks=(Paragraph("Annex one.", 1), Point("c", "Third.", True))),
    ))
    word = read(render(document))
    assert [restarts(word, text) for text in ("One.", "Two.", "Point a.", "Point b.")] == [None] * 4
    assert restarts(word, "Again a.") == 1
    assert restarts(word, "Annex one.") == 1
    third = next(p for p in word.paragraphs if p.text == "Third.")
    annex_one = next(p for p in word.paragraphs if p.text == "Annex one.")
    assert third._p.pPr.numPr.numId.val == annex_one._p.pPr.numPr.numId.val
    assert third._p.pPr.numPr.ilvl.val == 1


def test_enter_after_any_style_gives_body_text(english: docx.document.Document) -> None:
    for name in STYLES:
        expected = None if name == "UN Body" else "UN Body"  # None: the style itself
        following = english.styles[name].next_paragraph_style
        assert (None if following.name == name else following.name) == expected, name


def test_signature_right_aligned(english: docx.document.Document) -> None:
    styles = body(english)
    assert styles["(Signed) Jean-Marc de La Sablière"] == "UN Signature"
    chair = "Chair of the Security Council Working Group on Children and Armed Conflict"
    assert styles[chair] == "UN Signature Title"
    for name in ("UN Signature", "UN Signature Title"):
        assert english.styles[name].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_annex_starts_a_new_page(english: docx.document.Document) -> None:
    annex_title = "Annex to the letter dated 24 July 2007"
    annex = next(p for p in english.paragraphs if p.text == annex_title)
    assert annex.paragraph_format.page_break_before
    assert sum(bool(p.paragraph_format.page_break_before) for p in english.paragraphs) == 1


def test_page_headers_and_footers(english: docx.document.Document) -> None:
    section = english.sections[0]
    assert section.different_first_page_header_footer
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    assert {round(margin.mm) for margin in margins} == {25}
    header = section.header.paragraphs[0]
    assert header.style.name == "UN Running Header"
    assert header.text == "S/AC.51/2007/17\t"
    assert 'w:instr=" PAGE "' in xml(section.header)
    assert "S/AC.51" not in xml(section.first_page_header)
    assert "PAGE" not in xml(section.first_page_header)
    footer = section.first_page_footer.paragraphs
    assert [(p.text, p.style.name) for p in footer] == [("07-43210 (E) 240707", "UN Job Line")]
    assert "07-43210" not in xml(section.footer)


def test_named_styles_exist_on_a_times_12_normal(english: docx.document.Document) -> None:
    normal = english.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(12))
    for name in STYLES:
        style = english.styles[name]
        assert style.base_style.name == "Normal"
        assert style.quick_style
    section = english.sections[0]
    cells = [cell for row in english.tables[0].rows for cell in row.cells]
    paragraphs = [*english.paragraphs, *(p for cell in cells for p in cell.paragraphs)]
    paragraphs += [*section.header.paragraphs, *section.first_page_footer.paragraphs]
    used = {p.style.name for p in paragraphs}
    assert used >= set(STYLES) - {"UN Heading 2", "UN Heading 3"}
    fonts = english.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts")[0]
    assert "Theme" not in str(fonts.attrib)


def test_core_properties(english: docx.document.Document) -> None:
    properties = english.core_properties
    title = letter().title
    assert len(title) > 255 >= len(properties.title)  # python-docx's limit for a property
    assert properties.title[:-1] == title[: len(properties.title) - 1]
    assert properties.subject == "S/AC.51/2007/17"
    assert properties.language == "en"
    assert properties.author == properties.last_modified_by == ""
    assert properties.comments == properties.keywords == properties.category == ""
    assert properties.created == properties.modified == dt.datetime(2007, 7, 24, tzinfo=dt.UTC)
    assert properties.revision == 1


def test_core_properties_without_date_or_masthead() -> None:
    document = Document(
        kind="letter", lang="en", title="A short title", author="A. Drafter",
        parts=(Part(title=None, blocks=(Paragraph("Text."),)),),
    )
    word = read(render(document))
    properties = word.core_properties
    assert (properties.title, properties.author, properties.subject) == (
        "A short title", "A. Drafter", "",
    )
    assert properties.created == properties.modified == dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    assert word.tables == []
    assert word.sections[0].header.paragraphs[0].text == "\t"
    assert word.sections[0].first_page_footer.paragraphs[0].text == ""


def test_symbol_without_masthead_still_heads_continuation_pages() -> None:
    document = dataclasses.replace(letter(), masthead=None, symbol="S/AC.51/2007/18")
    word = read(render(document))
    assert word.tables == []
    assert word.sections[0].header.paragraphs[0].text == "S/AC.51/2007/18\t"


def test_french(french: docx.document.Document) -> None:
    assert masthead_cells(french) == [
        ["Nations Unies", "S/AC.51/2007/17"],
        ["Conseil de sécurité", "Distr. générale\n24 juillet 2007\nOriginal : français"],
    ]
    styles = body(french)
    assert any(text.startswith("J'ai l'honneur") for text in styles)
    assert styles["(Signé) Jean-Marc de La Sablière"] == "UN Signature"
    assert styles["I. Recommandations"] == "UN Heading 1"
    assert french.core_properties.language == "fr"
    assert french.sections[0].first_page_footer.paragraphs[0].text == "07-43210 (F) 240707"
    language = french.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")[0]
    assert language.get(f"{{{language.nsmap['w']}}}val") == "fr"


def test_same_bytes_whatever_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    first = render(letter())
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)  # zipfile stamps entries with it
    assert render(letter()) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_same_bytes_in_another_process() -> None:
    script = (
        "import hashlib, sys; sys.path.insert(0, sys.argv[1]);"
        "from samples import letter; from caac_toolkit.writers.docx import render;"
        "print(hashlib.sha256(render(letter('fr'))).hexdigest())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(TESTS)], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == hashlib.sha256(render(letter("fr"))).hexdigest()


def test_characters_illegal_in_xml_are_replaced() -> None:
    word = read(render(letter("en", "\x0b\x1b<script>&")))
    assert any("\ufffd\ufffd<script>&." in p.text for p in word.paragraphs)


def test_every_value_is_cleaned() -> None:
    document = Document(
        kind=HOSTILE, lang=HOSTILE, title=HOSTILE, subject=HOSTILE, author=HOSTILE,
        symbol=HOSTILE, job_line=HOSTILE,
        masthead=Masthead(left=(HOSTILE, HOSTILE), symbol=HOSTILE, right=(HOSTILE,), organ=HOSTILE),
        parts=(
            Part(
                title=HOSTILE,
                blocks=(*letter().parts[0].blocks, Paragraph(HOSTILE, 3)),
                signature=Signature(HOSTILE, HOSTILE, (HOSTILE,)),
            ),
        ),
    )
    word = read(render(document))
    clean = "\ufffd" * 4 + "<script>&"
    assert masthead_cells(word)[0] == [clean, clean]
    assert (clean, "UN Numbered Paragraph") in {(p.text, p.style.name) for p in word.paragraphs}
    assert word.core_properties.title == word.core_properties.author == clean
    assert word.sections[0].header.paragraphs[0].text == f"{clean}\t"
    assert word.sections[0].first_page_footer.paragraphs[0].text == clean


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_it_to_pdf(tmp_path: Path) -> None:
    source = tmp_path / "letter.docx"
    source.write_bytes(render(letter()))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, check=True, timeout=120,
    )
    pdf = (tmp_path / "letter.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 2
    assert "S/AC.51/2007/17" in pages[1].extract_text()
    assert "07-43210 (E) 240707" in pages[0].extract_text()
