"""The PDF writer, read back with pypdf: what a reader sees, not the bytes."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from samples import letter

from caac_toolkit.document import Document
from caac_toolkit.writers import pdf

HOSTILE = '#set page(width: 1cm) $x$ <script> *bold* [link] \\ "q"'


def _read(document: Document) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf.render(document)))


def _text(page: pypdf.PageObject) -> str:
    """The page's words with line breaks and runs of spaces made single spaces."""
    return " ".join(page.extract_text().split())


@pytest.fixture(scope="module")
def english() -> pypdf.PdfReader:
    return _read(letter("en"))


def test_first_page_shows_masthead_title_body_signature_and_job_line(
    english: pypdf.PdfReader,
) -> None:
    document = letter("en")
    text = _text(english.pages[0])
    assert text.startswith("United Nations S/AC.51/2007/17")
    for expected in (
        "Security Council",
        "Distr.: General",
        "Original: English",
        "Working Group on Children and Armed Conflict",
        document.title,
        "I have the honour",
        "1. In accordance with paragraph 9",
        "(a) Strongly condemning",
        "(Signed) Jean-Marc de La Sablière",
        "Chair of the Security Council Working Group on Children and Armed Conflict",
        "07-43210 (E) 240707",
    ):
        assert expected in text


def test_annex_starts_page_two_under_a_header_with_symbol_and_number(
    english: pypdf.PdfReader,
) -> None:
    assert len(english.pages) == 2
    text = _text(english.pages[1])
    assert text.startswith("S/AC.51/2007/17 2 Annex to the letter dated 24 July 2007")
    assert "I have the honour" not in text
    assert "07-43210" not in text


def test_a4_pages(english: pypdf.PdfReader) -> None:
    for page in english.pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)


def test_metadata(english: pypdf.PdfReader) -> None:
    document = letter("en")
    assert english.metadata is not None
    assert english.metadata.title == document.title
    assert english.metadata.subject == document.subject
    assert english.metadata["/CreationDate"].startswith("D:20070724")


def test_every_font_is_embedded(english: pypdf.PdfReader) -> None:
    seen = 0
    for page in english.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for face in font.get("/DescendantFonts", [font]):
                descriptor = face.get_object()["/FontDescriptor"]
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font
                seen += 1
    assert seen


def test_french() -> None:
    reader = _read(letter("fr"))
    text = _text(reader.pages[0])
    for expected in (
        "Nations Unies S/AC.51/2007/17",
        "Conseil de sécurité",
        "Original : français",
        "J'ai l'honneur de vous écrire",
        "(Signé) Jean-Marc de La Sablière",
        "07-43210 (F) 240707",
    ):
        assert expected in text
    assert reader.trailer["/Root"]["/Lang"] == "fr"


def test_values_are_text_never_markup() -> None:
    reader = _read(letter("en", HOSTILE))
    text = _text(reader.pages[0])
    assert f"about {HOSTILE}." in text
    assert f"(a) Strongly condemning the recruitment of children in {HOSTILE};" in text
    assert len(reader.pages) == 2
    assert round(reader.pages[0].mediabox.width) == 595


def test_without_masthead_there_is_no_masthead_and_no_header_symbol() -> None:
    document = dataclasses.replace(letter("en"), masthead=None, symbol=None, job_line=None)
    reader = _read(document)
    first, second = (_text(page) for page in reader.pages)
    assert first.startswith("Letter dated 24 July 2007")
    assert "United Nations" not in first
    assert second.startswith("2 Annex to the letter")
    assert "S/AC.51/2007/17" not in second


def test_same_bytes_every_time_and_in_another_process() -> None:
    document = letter("fr", HOSTILE)
    first = pdf.render(document)
    assert pdf.render(document) == first
    script = (
        "import hashlib, sys; from samples import letter; from caac_toolkit.writers import pdf; "
        "sys.stdout.write(hashlib.sha256(pdf.render(letter('fr', sys.argv[1]))).hexdigest())"
    )
    tests = Path(__file__).parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tests), str(tests.parent)])}
    other = subprocess.run(
        [sys.executable, "-c", script, HOSTILE], capture_output=True, text=True, check=True, env=env
    )
    assert other.stdout == hashlib.sha256(first).hexdigest()
