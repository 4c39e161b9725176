"""The Sanctions Committee letter in Word, PDF and HTML, through the CLI, read back."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CASE, ROOT, Run
from test_draft import COMMITTEE, SANCTIONS_LETTER

LETTER = [*SANCTIONS_LETTER, "--symbol", "S/AC.51/2007/17", "--job-number", "07-43210"]
TITLE_START = "Letter dated 24 July 2007 from the Chair of the Security Council Working Group"
SG_OPTION = "enhanced-monitoring.information-from-secretary-general"
NUMBER = re.compile(r"(\d+)\.\s")  # a numbered paragraph's line, read back from a PDF
POINT_LABEL = re.compile(r"\(?[a-z]\)\s")


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
    assert '<html lang="en"' in page and "<header" in page and "<footer" in page


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


@pytest.mark.parametrize(("name", "flags", "says"), [
    ("x.docx", ["--format", "md"], "--format md, but the extension .docx means docx"),
    ("x.doc", [], ".doc means Word 97-2003, which caac does not write (name it x.docx)"),
    ("x.doc", ["--format", "docx"], ".doc means Word 97-2003"),
    ("x.letter", [], "the extension .letter names no format"),
    ("x", [], "the extension (none) names no format"),
])
def test_an_output_name_that_contradicts_or_hides_the_format_is_refused(
    caac: Run, tmp_path: Path, name: str, flags: list[str], says: str
) -> None:
    result = caac("draft", "letter", "--to", "donors", *flags, "-o", str(tmp_path / name))
    assert result.exit_code == 2
    assert says in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("caac: error: ")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("name", "flags", "start"), [
    ("x.htm", [], "<!DOCTYPE html>"), ("x.markdown", [], "**Letter"),
    ("notes", ["--format", "md"], "**Letter"), ("x.text", [], "Letter"),
])
def test_an_extension_or_format_that_names_the_format_writes_it(
    caac: Run, tmp_path: Path, name: str, flags: list[str], start: str
) -> None:
    result = caac("draft", "letter", "--to", "donors", *flags, "-o", str(tmp_path / name))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)


@pytest.fixture
def reference(caac: Run, tmp_path: Path) -> Path:
    """The built-in reference document, exported and restyled as a delegation would."""
    import docx
    from docx.shared import Cm

    exported = tmp_path / "exported.docx"
    result = caac("templates", "--export-reference-docx", str(exported))
    assert result.exit_code == 0, result.stderr
    word = docx.Document(str(exported))
    assert "UN Numbered Paragraph" in [p.style.name for p in word.paragraphs]
    word.styles["UN Body"].font.name = "Arial"
    word.sections[0].left_margin = Cm(3.5)
    word.sections[0].first_page_header.paragraphs[0].text = "Delegation of Somewhere"
    path = tmp_path / "ref.docx"
    word.save(str(path))
    return path


def test_a_reference_document_supplies_styles_page_and_headers(
    caac: Run, tmp_path: Path, reference: Path
) -> None:
    import docx

    out = tmp_path / "o"
    result = caac("build", str(ROOT / "examples"), "--out", str(out), "-f", "docx",
                  "--reference-docx", str(reference))
    assert result.exit_code == 0, result.stderr
    built = sorted(out.glob("*/*.docx"))
    assert len(built) > 10
    assert {docx.Document(str(path)).styles["UN Body"].font.name for path in built} == {"Arial"}
    word = docx.Document(str(out / "sudan-2012" / "conclusions.docx"))
    assert round(word.sections[0].left_margin.cm, 1) == 3.5
    assert word.sections[0].first_page_header.paragraphs[0].text == "Delegation of Somewhere"
    assert "UN Numbered Paragraph" not in [p.text for p in word.paragraphs]  # its samples go
    assert word.sections[0].header.paragraphs[0].text == "S/AC.51/2012/1\t"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reference_docx"] == hashlib.sha256(reference.read_bytes()).hexdigest()


def test_a_plain_word_file_as_reference_gets_the_un_styles(caac: Run, tmp_path: Path) -> None:
    import docx

    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    result = caac(*LETTER, "--reference-docx", str(plain), "-o", str(tmp_path / "l.docx"))
    assert result.exit_code == 0, result.stderr
    word = docx.Document(str(tmp_path / "l.docx"))
    assert {"UN Title", "UN Body"} <= {p.style.name for p in word.paragraphs}


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04 broken"])
def test_a_reference_that_is_not_word_is_one_error(
    caac: Run, tmp_path: Path, content: bytes
) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(content)
    result = caac(*LETTER, "--reference-docx", str(bad), "-o", str(tmp_path / "l.docx"))
    assert result.exit_code == 1
    assert result.stderr == (f"caac: error: {bad}: not a Word document (.docx) or template "
                             "(.dotx) (save it from Word or LibreOffice as .docx)\n")
    missing = caac(*LETTER, "--reference-docx", str(tmp_path / "none.docx"), "-o",
                   str(tmp_path / "l.docx"))
    assert missing.exit_code == 2


def pdf_lines(docx_file: Path, folder: Path) -> list[str]:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder), str(docx_file)],
        check=True, capture_output=True, timeout=120,
    )
    pdf = folder / docx_file.with_suffix(".pdf").name
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                    reason="LibreOffice and poppler are not installed")
@pytest.mark.parametrize(("lang", "first"), [("en", "(a)"), ("fr", "a)")])
def test_a_paragraph_inserted_in_word_renumbers_the_rest(
    caac: Run, tmp_path: Path, lang: str, first: str
) -> None:
    import docx

    case = tmp_path / "case.yaml"
    case.write_text(f"language: {lang}\n{CASE}  - option: {SG_OPTION}\n    to: secretary-general\n"
                    "    points: [Requesting information, Requesting a report]\n", encoding="utf-8")
    out = tmp_path / "o"
    result = caac("build", str(case), "--out", str(out), "-f", "docx")
    assert result.exit_code == 0, result.stderr
    built = out / "case" / "conclusions.docx"
    before = [line for line in pdf_lines(built, tmp_path / "before") if NUMBER.match(line)]
    word = docx.Document(str(built))
    numbered = [p for p in word.paragraphs if p.style.name == "UN Numbered Paragraph"]
    numbered[1].insert_paragraph_before("Inserted by a delegation.", "UN Numbered Paragraph")
    edited = tmp_path / "edited.docx"
    word.save(str(edited))
    after = [line for line in pdf_lines(edited, tmp_path / "after") if NUMBER.match(line)]

    numbers = [int(NUMBER.match(line)[1]) for line in after]  # type: ignore[index]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) == len(before) + 1
    assert re.fullmatch(r"2\.\s+Inserted by a delegation\.", after[1])
    assert after[2].split(None, 1)[1] == before[1].split(None, 1)[1]  # the old 2 is now 3
    labels = [line.split()[0] for line in pdf_lines(edited, tmp_path / "again")
              if POINT_LABEL.match(line)]
    assert labels[0] == first and all(len(label) == len(first) for label in labels)
    assert labels.count(first) > 1  # each paragraph's points start again at a


def test_a_word_template_dotx_serves_as_reference(caac: Run, tmp_path: Path, reference: Path) -> None:
    import zipfile

    import docx

    template = tmp_path / "ref.dotx"
    with zipfile.ZipFile(reference) as source, zipfile.ZipFile(template, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, data)
    out = tmp_path / "l.docx"
    result = caac(*LETTER, "--reference-docx", str(template), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert docx.Document(str(out)).styles["UN Body"].font.name == "Arial"


def test_a_reference_without_numbering_gets_words_numbering(caac: Run, tmp_path: Path) -> None:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    plain = docx.Document()
    for rid, rel in list(plain.part.rels.items()):
        if rel.reltype == RT.NUMBERING:  # as LibreOffice saves a document with no list
            del plain.part.rels[rid]
    reference = tmp_path / "plain.docx"
    plain.save(str(reference))
    assert "numbering" not in " ".join(zipfile_names(reference))
    out = tmp_path / "l.docx"
    result = caac(*LETTER, "--reference-docx", str(reference), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    word = docx.Document(str(out))
    assert word.styles["UN Numbered Paragraph"].element.pPr.numPr is not None
    assert "word/numbering.xml" in zipfile_names(out)


def zipfile_names(path: Path) -> list[str]:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.namelist()
