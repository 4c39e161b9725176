"""The Sanctions Committee letter in Word, PDF and HTML, through the CLI, read back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import Run
from test_draft import COMMITTEE, SANCTIONS_LETTER

LETTER = [*SANCTIONS_LETTER, "--symbol", "S/AC.51/2007/17", "--job-number", "07-43210"]
TITLE_START = "Letter dated 24 July 2007 from the Chair of the Security Council Working Group"


def draft(caac: Run, folder: Path, name: str, *extra: str) -> Path:
    out = folder / name
    result = caac(*LETTER, *extra, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def test_docx_reads_back_with_masthead_title_and_footer(caac: Run, tmp_path: Path) -> None:
    import docx

    document = docx.Document(str(draft(caac, tmp_path, "letter.docx")))
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    for word in ("United Nations", "Security Council", "S/AC.51/2007/17", "Distr.: General",
                 "24 July 2007", "Original: English"):
        assert word in cells
    paragraphs = [p.text for p in document.paragraphs]
    title = next(p for p in document.paragraphs if p.text.startswith(TITLE_START))
    assert title.text.endswith(COMMITTEE)
    assert title.style.name == "UN Title"
    assert any("I have the honour" in p for p in paragraphs)
    assert "(Signed) Jean-Marc de La Sablière" in paragraphs
    section = document.sections[0]
    assert "07-43210 (E) 240707" in section.first_page_footer.paragraphs[0].text
    assert "S/AC.51/2007/17" in " ".join(p.text for p in section.header.paragraphs)
    assert document.core_properties.title.startswith(TITLE_START)
    assert document.core_properties.subject == "S/AC.51/2007/17"
    assert document.core_properties.author == ""


def test_pdf_reads_back_with_title_symbol_signature_and_metadata(caac: Run, tmp_path: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(draft(caac, tmp_path, "letter.pdf"))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert TITLE_START in text
    assert "S/AC.51/2007/17" in text
    assert "(Signed) Jean-Marc de La Sablière" in text
    assert reader.metadata is not None and reader.metadata.title.startswith(TITLE_START)


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils is not installed")
def test_poppler_sees_text_embedded_fonts_and_title(caac: Run, tmp_path: Path) -> None:
    pdf = draft(caac, tmp_path, "letter.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "S/AC.51/2007/17" in text and "(Signed) Jean-Marc de La Sablière" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts, "the PDF uses no font"
    assert all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    title = next(line for line in info.splitlines() if line.startswith("Title:"))
    assert title.split(":", 1)[1].strip().startswith(TITLE_START)


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_converts_the_docx(caac: Run, tmp_path: Path) -> None:
    docx_file = draft(caac, tmp_path, "letter.docx")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "converted"), str(docx_file)],
        check=True, capture_output=True, timeout=120,
    )
    from pypdf import PdfReader

    converted = PdfReader(tmp_path / "converted" / "letter.pdf")
    assert "I have the honour" in " ".join(converted.pages[0].extract_text().split())


def test_html_escapes_values(caac: Run, tmp_path: Path) -> None:
    html = caac("draft", "statement", "--situation", "<script>alert(1)</script>",
                "--format", "html").stdout
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = draft(caac, tmp_path, "letter.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "<header" in page and "<footer" in page


@pytest.mark.parametrize("name", ["a.docx", "a.pdf", "a.html", "a.md", "a.txt"])
def test_same_input_gives_the_same_bytes(caac: Run, tmp_path: Path, name: str) -> None:
    first = draft(caac, tmp_path / "1", name).read_bytes()
    second = draft(caac, tmp_path / "2", name).read_bytes()
    assert first == second


@pytest.mark.parametrize("name", ["lettre.docx", "lettre.pdf", "lettre.html"])
def test_french_documents(caac: Run, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    result = caac("draft", "letter", "--to", "donors", "--lang", "fr", "--situation", "au Soudan",
                  "--date", "2012-10-05", "--symbol", "S/AC.51/2012/1", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    if name.endswith(".docx"):
        import docx

        document = docx.Document(str(out))
        text = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
        text += " ".join(p.text for p in document.paragraphs)
    elif name.endswith(".pdf"):
        from pypdf import PdfReader

        text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    else:
        text = out.read_text(encoding="utf-8")
    text = " ".join(text.split())
    for words in ("Distr. générale", "5 octobre 2012", "Original : français", "Lettre datée du"):
        assert words in text
