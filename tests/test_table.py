"""The table block: every writer lays it out, the Word reader reads it back and a redline
compares it row by row."""

from __future__ import annotations

import io

import docx
import pytest

from caac_toolkit import redline
from caac_toolkit.document import Document, Paragraph, Part, Table, plain
from caac_toolkit.writers import docx_reader, render

HEADER = ("Symbol", "Situation", "Report", "Meeting of adoption", "Public statement")
MALI = ("S/AC.51/2018/1/Rev.1", "Mali", "S/2018/136", "71st meeting, 4 May 2018", "SC/13324")
SUDAN = ("S/AC.51/2018/3", "South Sudan", "S/2018/865", "a | pipe", "SC/13633")


def document(*rows: tuple[str, ...]) -> Document:
    table = Table(HEADER, rows)
    return Document(kind="annual_report", lang="en", title="Annual report",
                    parts=(Part("Annual report", (Paragraph("Adopted:", 1), table)),))


def test_text_aligns_the_columns_and_never_cuts_a_symbol() -> None:
    lines = render(document(MALI, SUDAN), "text").decode().splitlines()
    rule = next(line for line in lines if line.startswith("---"))
    assert set(rule) == {"-", " "} and max(map(len, lines)) <= 80
    starts = [i for i, char in enumerate(rule) if char == "-" and (i == 0 or rule[i - 1] == " ")]
    mali = next(line for line in lines if line.startswith("S/AC.51/2018/1/Rev.1"))
    # Each cell starts in its column.
    assert [mali[at - 2:at] for at in starts[1:]] == ["  "] * 4
    assert mali[starts[1]:].startswith("Mali") and mali[starts[2]:].startswith("S/2018/136")


def test_markdown_is_a_pipe_table_with_its_pipes_escaped() -> None:
    text = render(document(MALI, SUDAN), "md").decode()
    assert "| Symbol | Situation | Report | Meeting of adoption | Public statement |" in text
    assert "| --- | --- | --- | --- | --- |" in text
    assert "| S/AC.51/2018/3 | South Sudan | S/2018/865 | a \\| pipe | SC/13633 |" in text


def test_html_is_a_table_with_a_header_and_escaped_cells() -> None:
    text = render(document(MALI, (*SUDAN[:3], "<b>", "x")), "html").decode()
    assert '<th scope="col">Public statement</th>' in text
    assert "<td>S/AC.51/2018/1/Rev.1</td>" in text
    assert "<td>&lt;b&gt;</td>" in text and "<b>" not in text


def test_word_writes_a_table_the_reader_reads_back() -> None:
    data = render(document(MALI, SUDAN), "docx")
    word = docx.Document(io.BytesIO(data))
    table = word.tables[-1]
    assert [cell.text for cell in table.rows[0].cells] == list(HEADER)
    assert [cell.text for cell in table.rows[1].cells] == list(MALI)
    read = docx_reader.read(data, "report.docx")
    tables = [b for b in read.parts[0].blocks if isinstance(b, Table)]
    assert tables == [Table(HEADER, (MALI, SUDAN))]


def test_pdf_sets_the_cells() -> None:
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(render(document(MALI), "pdf"))).pages[0].extract_text()
    assert "Public statement" in text and "SC/13324" in text and "71st meeting" in text


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_a_redline_marks_the_rows_that_changed(fmt: str) -> None:
    later = ("S/AC.51/2018/1/Rev.1", "Mali", "S/2018/136", "72nd meeting, 4 May 2018",
             "SC/13324")
    new = ("S/AC.51/2018/9", "Yemen", "S/2018/1", "73rd meeting, 1 June 2018", "SC/1")
    compared = redline.compare(document(MALI, SUDAN), document(later, new))
    table = next(b for b in compared.document.parts[0].blocks if isinstance(b, Table))
    rows = [tuple(plain(cell) for cell in row) for row in table.rows]
    # South Sudan's row removed whole, Yemen's added whole, Mali's meeting edited in place.
    assert ("S/AC.51/2018/3", "South Sudan", "S/2018/865", "a | pipe", "SC/13633") in rows
    assert rows[-1] == new
    laid_out = render(compared.document, fmt).decode()
    marks = {"text": ("[-71st-]{+72nd+}", "{+Yemen+}", "[-SC/13633-]"),
             "md": ("{--71st--}{++72nd++}", "{++Yemen++}", "{--South Sudan--}"),
             "html": ("<del>71st</del><ins>72nd</ins>", "<ins>Yemen</ins>",
                      "<del>South Sudan</del>")}[fmt]
    for mark in marks:
        assert mark in laid_out


def test_a_redline_in_word_tracks_the_changes_inside_the_table() -> None:
    later = (*MALI[:3], "72nd meeting, 4 May 2018", MALI[4])
    compared = redline.compare(document(MALI), document(later))
    word = docx.Document(io.BytesIO(render(compared.document, "docx")))
    cell = word.tables[-1].rows[1].cells[3]._tc
    deleted = "".join(t.text for t in cell.iter("{*}delText"))
    inserted = "".join(t.text for ins in cell.iter("{*}ins") for t in ins.iter("{*}t"))
    assert (deleted, inserted) == ("71st", "72nd")
