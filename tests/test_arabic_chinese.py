"""Arabic right to left and Chinese in every format: the case files build in text, Markdown, HTML,
Word and PDF; the Word markup (w:bidi, w:rtl, w:eastAsia) and the PDF fonts and text are read
back, the Word files converted by LibreOffice; a missing font stops a PDF build with the package
to install, and the manifest records the fonts and libraries."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import CASE, ROOT, Run
from lxml import etree
from typer.testing import CliRunner

from caac_toolkit import languages
from caac_toolkit.cli import app
from caac_toolkit.scripts import split

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
FORMATS = ("txt", "md", "html", "docx", "pdf")
POINT = {
    "ar": "دعوة جميع الأطراف إلى وضع حد للانتهاكات المرتكبة ضد الأطفال، وفقا للقرار 1612 (2005)",
    "zh": "呼吁所有各方根据第1612(2005)号决议停止侵害儿童的行为",
}
SITUATION = {"ar": "السودان", "zh": "苏丹"}
poppler = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"),
                             reason="poppler is not installed")


def case_text(lang: str) -> str:
    return (CASE.replace("situation: the Sudan", f"situation: {SITUATION[lang]}")
            .replace("date: 2012-10-11", f"date: 2012-10-11\nlanguage: {lang}\nsymbol: S/AC.51/2012/3"
                     "\njob_number: 12-54321")
            .replace("[Calling upon all parties to end violations]",
                     json.dumps([POINT[lang]], ensure_ascii=False))
            + "  - option: assistance.letters-to-donors\n    to: donors\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both cases built once, in every format, as `caac build` makes them."""
    folder = tmp_path_factory.mktemp("built")
    for lang in ("ar", "zh"):
        (folder / f"{lang}.yaml").write_text(case_text(lang), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(folder / "ar.yaml"), str(folder / "zh.yaml"),
                                      "--out", str(folder / "out")])
    assert result.exit_code == 0, result.output
    return folder / "out"


def _pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def _font_families(path: Path) -> set[str]:
    """The embedded fonts' families as pdffonts names them, without subset tags and styles."""
    lines = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    return {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]).split("-")[0] for line in lines}


def _words(path: Path, page: int) -> tuple[float, list[tuple[float, float, str]]]:
    """The page's width and its words as pdftotext -bbox finds them: left and right edge, text."""
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path),
                            "-"], check=True, capture_output=True, text=True).stdout
    words = [(float(m.group(1)), float(m.group(2)), m.group(3)) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        boxes)]
    size = re.search(r'<page width="([\d.]+)"', boxes)
    assert size is not None
    return float(size.group(1)), words


def _xml(path: Path, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


# Every format --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_a_case_builds_in_all_five_formats(built: Path, lang: str) -> None:
    names = {p.name for p in (built / lang).iterdir()}
    for document in ("conclusions", "statement", "letter-donors"):
        assert {f"{document}.{ext}" for ext in FORMATS} <= names


def test_arabic_dates_names_and_masthead(built: Path) -> None:
    text = " ".join((built / "ar" / "conclusions.txt").read_text(encoding="utf-8").split())
    assert "5 تشرين الأول/أكتوبر 2012" in text  # both month names, Western digits
    assert "الفريق العامل التابع لمجلس الأمن والمعني بالأطفال والنزاع المسلح" in text
    assert "الممثلة الخاصة للأمين العام المعنية بالأطفال والنزاع المسلح" in text
    assert "الأمم المتحدة" in text and "مجلس الأمن" in text
    # The masthead's right column in English, as the Arabic version of S/2020/273 prints it.
    assert "Distr.: General" in text and "11 October 2012" in text
    assert "12-54321 (A) 111012 *1254321*" in text
    # Each resolution joined with "و".
    assert "1612 (2005) و 1882 (2009)" in text
    # Paragraphs numbered "1 -", points lettered in abjad order.
    assert "1 - درس الفريق العامل" in text and "(أ) دعوة جميع الأطراف" in text


def test_chinese_dates_names_and_no_latin_spacing(built: Path) -> None:
    wrapped = (built / "zh" / "conclusions.txt").read_text(encoding="utf-8")
    # Chinese paragraphs wrap between characters: read them joined
    text = re.sub(r"(?<=[^\x00-\x7f])\n +(?=\S)", "", wrapped)
    assert "2012年10月5日第34次会议" in text
    assert "第1612(2005)号、第1882(2009)号" in text  # no space between Chinese and Latin
    assert "负责儿童与武装冲突问题秘书长特别代表" in text
    assert "报告（S/2011/413）" in text  # full-width brackets around Chinese text
    assert re.search(r"停止侵害儿童的行为。$", text, re.MULTILINE)  # the Chinese full stop
    assert "12-54321 (C) 111012 *1254321*" in text


def test_month_names_are_the_un_texts() -> None:
    import datetime as dt

    arabic = languages.bundled().get("ar")
    assert arabic.format_date(dt.date(2012, 6, 5)) == "5 حزيران/يونيه 2012"
    assert arabic.format_date(dt.date(2011, 5, 2)) == "2 أيار/مايو 2011"
    assert arabic.format_month(2012, 7) == "تموز/يوليه 2012"
    assert languages.bundled().get("zh").format_date(dt.date(2012, 10, 5)) == "2012年10月5日"


def test_arabic_and_chinese_marks() -> None:
    from caac_toolkit.document import plain
    from caac_toolkit.typography import apply

    arabic, chinese = languages.bundled().get("ar"), languages.bundled().get("zh")
    # The Arabic comma; "و" joined to the word after it, not to a figure or a symbol.
    assert apply("حركة العدل, جيش التحرير و القوات المسلحة", arabic) == \
        "حركة العدل، جيش التحرير والقوات المسلحة"
    assert plain(apply("1998 (2011) و 2068 (2012)", arabic)) == "1998 (2011) و 2068 (2012)"
    assert apply("نقطة;", arabic) == "نقطة؛"  # a lettered point that is not the last
    assert apply("行为;", chinese) == "行为\uff1b" and apply("行为.", chinese) == "行为。"


def test_html_says_direction_and_language(built: Path) -> None:
    arabic = (built / "ar" / "conclusions.html").read_text(encoding="utf-8")
    chinese = (built / "zh" / "conclusions.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="ar" dir="rtl"', arabic)
    assert re.search(r'<html lang="zh" dir="ltr"', chinese)
    assert "Noto Naskh Arabic" in arabic and "Noto Serif CJK SC" in chinese
    # Numbers hang at the start of the line, which is the right in Arabic; the masthead's English
    # column keeps its own direction.
    assert "float: inline-start" in arabic and "margin-left" not in arabic
    assert '<div class="right" dir="auto">' in arabic


def test_option_texts_are_marked_unofficial(caac: Run) -> None:
    for lang, mark in (("ar", "[ترجمة غير رسمية]"), ("zh", "[非正式译文]")):
        annex = caac("draft", "annex", "--lang", lang).stdout
        assert mark in annex
    options = json.loads(caac("list", "--format", "json").stdout)
    assert all(not o["texts"][lang]["official"] for o in options for lang in ("ar", "zh"))
    assert all(o["texts"][lang]["text"] != o["text"] for o in options for lang in ("ar", "zh"))


# Word ----------------------------------------------------------------------------------------

def ranges(code: str) -> tuple[tuple[int, int], ...]:
    script = languages.bundled().get(code).script
    assert script is not None
    return script.code_points


def test_words_are_split_by_script_with_symbols_whole() -> None:
    assert split("وفقا للقرار 1612 (2005)، والتقرير (S/2011/413).", ranges("ar")) == [
        ("وفقا للقرار ", True), ("1612 (2005)", False), ("، والتقرير ", True),
        ("(S/2011/413)", False), (".", True)]
    assert split("第1612(2005)号决议，报告（S/2011/413）。", ranges("zh")) == [
        ("第", True), ("1612(2005)", False), ("号决议，报告（", True), ("S/2011/413", False),
        ("）。", True)]
    assert split("Distr.: General", ranges("ar")) == [("Distr.: General", False)]


def test_arabic_word_paragraphs_and_runs_are_right_to_left(built: Path) -> None:
    path = built / "ar" / "conclusions.docx"
    body = _xml(path)
    arabic = re.compile("[\u0600-\u06ff]")
    checked = 0
    for paragraph in body.iter(f"{W}p"):
        text = "".join(paragraph.itertext())
        if not arabic.search(text):
            continue
        assert paragraph.find("w:pPr/w:bidi", NS) is not None, text
        for run in paragraph.iter(f"{W}r"):
            piece = "".join(run.itertext())
            rtl = run.find("w:rPr/w:rtl", NS) is not None
            # Arabic in right-to-left runs, Latin letters and figures in left-to-right ones.
            assert not (rtl and re.search("[A-Za-z0-9]", piece)), piece
            assert rtl or not arabic.search(piece), piece
            checked += 1
    assert checked > 20
    latin = ["".join(r.itertext()).replace("\u2060", "").replace("\u00a0", " ")
             for r in body.iter(f"{W}r") if r.find("w:rPr/w:rtl", NS) is None]
    assert "(S/2011/413)" in latin and "1612 (2005)" in latin  # whole, with their brackets
    assert body.find(".//w:tbl/w:tblPr/w:bidiVisual", NS) is not None  # the masthead mirrored
    numbering = _xml(path, "word/numbering.xml")
    levels = {(lvl.find("w:pStyle", NS).get(f"{W}val"), lvl.find("w:numFmt", NS).get(f"{W}val"),
               lvl.find("w:lvlText", NS).get(f"{W}val"))
              for lvl in numbering.iterfind(".//w:lvl", NS) if lvl.find("w:pStyle", NS) is not None}
    assert ("UNNumberedParagraph", "decimal", "%1 -") in levels
    # Points are in no Word list: LibreOffice draws Word's arabicAbjad as (ا), (ب), not (أ), (ب)
    # (data/languages.yaml), so their labels are typed (test_arabic_points_read_alif_hamza…).
    assert not {style for style, _, _ in levels} & {"UNPoint", "UNNestedPoint"}
    styles = _xml(path, "word/styles.xml")
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts.get(f"{W}cs") == "Noto Naskh Arabic"
    assert fonts.get(f"{W}ascii") == "Times New Roman"
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(f"{W}bidi") == "ar-SA"
    # Complex-script text keeps the size and boldness of its style.
    title = styles.find("w:style[@w:styleId='UNTitle']/w:rPr", NS)
    assert title.find("w:bCs", NS) is not None
    for size in styles.iterfind(".//w:rPr/w:sz", NS):
        twin = size.getnext()
        assert twin is not None and twin.tag == f"{W}szCs"
        assert twin.get(f"{W}val") == size.get(f"{W}val")


def test_chinese_word_has_east_asian_fonts_and_no_latin_spacing(built: Path) -> None:
    path = built / "zh" / "conclusions.docx"
    styles = _xml(path, "word/styles.xml")
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:rFonts", NS).get(f"{W}eastAsia") == "Noto Serif CJK SC"
    assert defaults.find("w:lang", NS).get(f"{W}eastAsia") == "zh-CN"
    body = _xml(path)
    han = re.compile("[\u4e00-\u9fff]")
    for paragraph in body.iter(f"{W}p"):
        if not han.search("".join(paragraph.itertext())):
            continue
        assert paragraph.find("w:pPr/w:autoSpaceDE", NS).get(f"{W}val") == "0"
        assert paragraph.find("w:pPr/w:autoSpaceDN", NS).get(f"{W}val") == "0"
        assert paragraph.find("w:pPr/w:bidi", NS) is None
    hinted = [r for r in body.iter(f"{W}r")
              if r.find("w:rPr/w:rFonts", NS) is not None
              and r.find("w:rPr/w:rFonts", NS).get(f"{W}hint") == "eastAsia"]
    assert hinted and all(han.search("".join(r.itertext())) or "（" in "".join(r.itertext())
                          for r in hinted)
    assert body.find(".//w:rtl", NS) is None
    word = docx.Document(str(path))
    assert any("第1612(2005)号" in p.text for p in word.paragraphs)


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                    reason="LibreOffice or poppler is not installed")
def test_libreoffice_opens_both_word_files(built: Path, tmp_path: Path) -> None:
    files = [built / lang / "conclusions.docx" for lang in ("ar", "zh")]
    for lang, path in zip(("ar", "zh"), files, strict=True):
        target = tmp_path / lang
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
             "--convert-to", "pdf", "--outdir", str(target), str(path)],
            check=True, capture_output=True, timeout=180)
        converted = target / "conclusions.pdf"
        text = _pdftotext(converted)
        assert "S/2011/413" in text and "S/AC.51/2012/3" in text
        families = _font_families(converted)
        if lang == "ar":
            assert "مجلس الأمن" in text
            assert "NotoNaskhArabic" in families
        else:
            assert "安全理事会" in text and "秘书长" in text
            assert any(f.startswith("NotoSerifCJK") for f in families)


MALI = ROOT / "examples" / "mali-2018.yaml"
# Bidirectional controls pdftotext puts around right-to-left text.
_DIRECTION_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _arabic_labels(text: str) -> list[str]:
    """The Arabic point labels, "(أ)" …, in text pdftotext extracted, in its order: it gives a
    right-to-left "(أ)" as ")(أ" once its direction marks are dropped."""
    letters = "[\u0621-\u064a]{1,2}"
    found = re.findall(rf"\(({letters})\)|\)\(({letters})(?![\u0621-\u064a])",
                       _DIRECTION_MARKS.sub("", text))
    return [f"({a or b})" for a, b in found]


def _point_paragraphs(word: docx.document.Document) -> list[docx.text.paragraph.Paragraph]:
    return [p for p in word.paragraphs if p.style.name in ("UN Point", "UN Nested Point")]


@pytest.fixture(scope="module")
def mali_ar(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Mali 2018 conclusions drafted in Arabic as DOCX, and as text beside them."""
    folder = tmp_path_factory.mktemp("mali")
    for name in ("x.docx", "x.txt"):
        result = CliRunner().invoke(app, ["draft", "conclusions", str(MALI), "--lang", "ar",
                                          "-o", str(folder / name)])
        assert result.exit_code == 0, result.output
    return folder


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                    reason="LibreOffice or poppler is not installed")
def test_arabic_points_read_alif_hamza_in_libreoffice(mali_ar: Path, tmp_path: Path) -> None:
    """Issue 22: LibreOffice showed the first point as (ا); the UN's Arabic texts write (أ), (ب),
    (ج) (data/languages.yaml), as caac's text output does."""
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(mali_ar / "x.docx")],
        check=True, capture_output=True, timeout=180)
    printed = _arabic_labels(_pdftotext(tmp_path / "x.pdf"))
    assert printed[:3] == ["(أ)", "(ب)", "(ج)"]
    assert "(ا)" not in printed
    # Each point once, in order, lettered as the text output letters it.
    assert printed == _arabic_labels((mali_ar / "x.txt").read_text(encoding="utf-8"))


def test_arabic_point_labels_are_typed_not_word_numbering(mali_ar: Path) -> None:
    points = _point_paragraphs(docx.Document(str(mali_ar / "x.docx")))
    assert len(points) >= 3
    for paragraph in points:
        # No Word number, of its own or its style's: the label is the paragraph's first text,
        # then a tab to the style's indent, then the point's text.
        assert paragraph._p.find("w:pPr/w:numPr", NS) is None
        assert paragraph.style.element.find("w:pPr/w:numPr", NS) is None
        assert paragraph.paragraph_format.first_line_indent is None  # the style's hanging
        assert re.fullmatch(r"\([\u0621-\u064a]{1,2}\)\t[^\t(][^\t]+", paragraph.text), paragraph.text
    assert [p.text[:3] for p in points[:3]] == ["(أ)", "(ب)", "(ج)"]


def test_arabic_points_on_a_reference_document_are_not_numbered_twice(
    caac: Run, tmp_path: Path
) -> None:
    """A reference document's point styles are in its lists (caac's own is): on it, an Arabic
    point has its typed label and no Word number besides."""
    reference, path = tmp_path / "ref.docx", tmp_path / "x.docx"
    assert caac("templates", "--export-reference-docx", str(reference)).exit_code == 0
    result = caac("draft", "conclusions", str(MALI), "--lang", "ar", "--reference-docx",
                  str(reference), "-o", str(path))
    assert result.exit_code == 0, result.output
    points = _point_paragraphs(docx.Document(str(path)))
    assert points and all(p.style.element.find("w:pPr/w:numPr", NS) is None for p in points)
    assert points[0].text.startswith("(أ)\t")


def test_an_arabic_word_file_reads_back_as_its_case(caac: Run, tmp_path: Path) -> None:
    """`caac diff` reads a built Arabic DOCX back into the blocks it was built from: the points
    with their letters, their text without the label typed before it."""
    from caac_toolkit.document import Point
    from caac_toolkit.writers.docx_reader import read

    case = tmp_path / "mali.yaml"
    case.write_text(MALI.read_text(encoding="utf-8").replace("\nlanguage: en\n", "\nlanguage: ar\n"),
                    encoding="utf-8")
    path = tmp_path / "mali.docx"
    assert caac("draft", "conclusions", str(case), "-o", str(path)).exit_code == 0
    same = caac("diff", str(path), str(case))
    assert (same.exit_code, same.stdout) == (0, "")
    assert "0 paragraph(s) changed, 0 inserted, 0 deleted" in same.stderr
    points = [b for part in read(path.read_bytes(), str(path)).parts for b in part.blocks
              if isinstance(b, Point)]
    assert len(points) >= 3 and [p.label for p in points[:3]] == ["a", "b", "c"]
    assert not any(p.text.startswith("(") or "\t" in p.text for p in points)


# PDF -----------------------------------------------------------------------------------------

@poppler
def test_arabic_pdf_is_set_in_the_arabic_face_right_to_left(built: Path) -> None:
    path = built / "ar" / "conclusions.pdf"
    # Only the language's faces: a glyph missing from them would bring in another font.
    assert _font_families(path) == {"LiberationSerif", "NotoNaskhArabic"}
    text = _pdftotext(path)
    assert "S/2011/413" in text and "S/AC.51/2012/3" in text and "12-54321 (A)" in text
    assert "تشرين الأول" in text and "الأمم المتحدة" in text
    # Right to left: the masthead's Arabic on the right, its English column and symbol on the
    # left; paragraph numbers at the right margin. (pdftotext -bbox gives each word's letters in
    # the order they stand on the page: Arabic reversed.)
    page, words = _words(path, 1)
    right = {w for x0, x1, w in words if x0 > page / 2}
    left = {w for x0, x1, w in words if x1 < page / 2}
    assert "الأمم"[::-1] in right and "الأمن"[::-1] in right
    assert {"S/AC.51/2012/3", "Distr.:", "General", "October"} <= left
    numbers = [x0 for x0, x1, w in words if w in ("1", "2", "3")]
    assert len(numbers) >= 3 and min(numbers) > page * 0.8


@poppler
def test_arabic_pdf_header_sets_symbol_and_page_number_apart_mirrored(
        caac: Run, tmp_path: Path) -> None:
    """Page 2 of the Arabic conclusions: the symbol at the right, where the Arabic text starts,
    the page number at the left, as the English page 2 has them the other way round."""
    path = tmp_path / "conclusions.pdf"
    result = caac("draft", "conclusions", str(ROOT / "examples" / "mali-2018.yaml"), "--lang", "ar",
                  "-o", str(path))
    assert result.exit_code == 0, result.output
    header = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(path), "-"], check=True,
                            capture_output=True, text=True).stdout.split()
    assert "S/AC.51/2018/1/Rev.1" in header and "2" in header
    page, words = _words(path, 2)
    symbol = next(w for w in words if w[2] == "S/AC.51/2018/1/Rev.1")
    number = next(w for w in words if w[2] == "2")
    assert symbol[0] > page / 2 and number[1] < page / 2


@poppler
def test_chinese_pdf_has_no_missing_glyph(built: Path) -> None:
    path = built / "zh" / "conclusions.pdf"
    families = _font_families(path)
    assert families == {"LiberationSerif", "NotoSerifCJKsc"}, families
    lines = [line.strip() for line in _pdftotext(path).splitlines() if line.strip()]
    # Chinese line breaking: no line starts with a closing bracket or a stop.
    assert not [line for line in lines if line[0] in ")）,，.。、;；:："], lines
    text = "".join(lines)
    assert "2012年10月5日第34次会议上" in text
    assert "第1612(2005)号、第1882(2009)号" in text


def test_a_chinese_date_never_breaks_across_lines(caac: Run, tmp_path: Path) -> None:
    """Points whose date "2014年1月" falls at every place of a line: each stays whole in the PDF
    (a line may break between any two Chinese characters or figures) and in HTML."""
    points = [f"{'字' * i}自2014年1月起" for i in range(46)]
    args = ["draft", "statement", "--lang", "zh", "--situation", "苏丹"]
    for point in points:
        args += ["--point", point]
    for suffix in ("pdf", "html"):
        result = caac(*args, "-o", str(tmp_path / f"s.{suffix}"))
        assert result.exit_code == 0, result.output
    assert _pdftotext(tmp_path / "s.pdf").count("2014年1月") == len(points)
    html = (tmp_path / "s.html").read_text(encoding="utf-8")
    assert html.count('<span class="keep">2014年1月</span>') == len(points)


def test_the_pdf_says_which_faces_it_used(caac: Run, tmp_path: Path) -> None:
    case = tmp_path / "ar.yaml"
    case.write_text(case_text("ar"), encoding="utf-8")
    result = caac("draft", "conclusions", str(case), "-o", str(tmp_path / "c.pdf"))
    assert result.exit_code == 0, result.stderr
    assert re.search(r"caac: set in Liberation Serif .*, Noto Naskh Arabic \S+", result.stderr)


def _without_arabic_fonts(tmp_path: Path) -> dict[str, str]:
    """The environment of a machine whose only font is Liberation Serif."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    liberation = next(Path("/usr/share/fonts").rglob("LiberationSerif-Regular.ttf"))
    shutil.copy(liberation, fonts)
    return {**os.environ, "TYPST_IGNORE_SYSTEM_FONTS": "1", "TYPST_FONT_PATHS": str(fonts)}


@poppler
def test_a_missing_font_fails_with_the_package_and_writes_nothing(tmp_path: Path) -> None:
    case = tmp_path / "ar.yaml"
    case.write_text(case_text("ar"), encoding="utf-8")
    env = _without_arabic_fonts(tmp_path)
    caac = [sys.executable, "-m", "caac_toolkit"]
    result = subprocess.run([*caac, "build", str(case), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("caac: error: no font for Arabic text in the PDF: none of "
                                "Noto Naskh Arabic is installed")
    assert "install the Debian package fonts-noto-core" in lines[-1]
    assert "--allow-font-fallback" in lines[-1] and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    # Other formats need no font; with --allow-font-fallback the PDF is made in another face,
    # and the build says so.
    for args in (["--format", "docx"], ["--allow-font-fallback"]):
        result = subprocess.run([*caac, "build", str(case), "--out", str(tmp_path / "ok"), *args],
                                capture_output=True, text=True, env=env, check=False)
        assert result.returncode == 0, result.stderr
    assert ("caac: warning: no font for Arabic text in the PDF: none of Noto Naskh Arabic is "
            "installed; typst sets it in another face (install the Debian package "
            "fonts-noto-core)") in result.stderr
    assert "NotoNaskhArabic" not in _font_families(tmp_path / "ok" / "ar" / "conclusions.pdf")


def test_the_manifest_records_fonts_and_libraries_and_check_names_them(
        caac: Run, built: Path, tmp_path: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["libraries"]) == {"typst", "python-docx", "lxml"}
    assert re.fullmatch(r"\S+", manifest["fonts"]["Noto Naskh Arabic"])
    assert "Noto Serif CJK SC" in manifest["fonts"] and "Liberation Serif" in manifest["fonts"]
    # A PDF built with an older font: --check gives that as the reason it would change.
    out = tmp_path / "out"
    shutil.copytree(built, out)
    case = tmp_path / "ar.yaml"
    case.write_text(case_text("ar"), encoding="utf-8")
    shutil.copy(case, built.parent / "ar.yaml")
    old = b"%PDF-1.7 set in an older face"
    (out / "ar" / "conclusions.pdf").write_bytes(old)
    manifest["outputs"]["ar/conclusions.pdf"] = hashlib.sha256(old).hexdigest()
    manifest["fonts"]["Noto Naskh Arabic"] = "Version 1.000"
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = caac("build", str(built.parent / "ar.yaml"), str(built.parent / "zh.yaml"),
                  "--out", str(out), "--check")
    assert result.exit_code == 1
    line = next(line for line in result.stdout.splitlines() if "ar/conclusions.pdf" in line)
    installed = json.loads((built / "manifest.json").read_text())["fonts"]["Noto Naskh Arabic"]
    assert f"font Noto Naskh Arabic Version 1.000 -> {installed}" in line


def test_an_arabic_redline_keeps_its_changes_right_to_left(caac: Run, tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(case_text("ar"), encoding="utf-8")
    new.write_text(case_text("ar").replace("وضع حد للانتهاكات", "إنهاء الانتهاكات فورا"),
                   encoding="utf-8")
    result = caac("diff", str(old), str(new), "-o", str(tmp_path / "redline.docx"))
    assert result.exit_code == 0, result.stderr
    body = _xml(tmp_path / "redline.docx")
    deleted = body.find(".//w:del/w:r", NS)
    inserted = body.find(".//w:ins/w:r", NS)
    assert "".join(deleted.itertext()) == "وضع حد للانتهاكات"
    assert "".join(inserted.itertext()) == "إنهاء الانتهاكات فورا"
    assert deleted.find("w:rPr/w:rtl", NS) is not None
    assert inserted.find("w:rPr/w:rtl", NS) is not None


@pytest.mark.parametrize(("lang", "whole", "joint"), [
    ("zh", r"\d{4}年\d{1,2}月", ""),  # the report's period, 2014年1月
    ("es", r"(?<!\d)\d{1,4} \(\d{4}\)", " "),  # a resolution, 1882 (2009)
])
def test_text_output_keeps_whole_what_the_language_keeps_whole(
    caac: Run, lang: str, whole: str, joint: str
) -> None:
    text = caac("draft", "conclusions", str(ROOT / "examples" / "mali-2018.yaml"),
                "--lang", lang, "--format", "text").stdout
    paragraphs = [[line.strip() for line in block.splitlines()] for block in text.split("\n\n")]
    found = [match for lines in paragraphs for match in re.findall(whole, joint.join(lines))]
    assert len(found) >= 2
    lines = [line for block in paragraphs for line in block]
    assert [match for match in found if not any(match in line for line in lines)] == []
