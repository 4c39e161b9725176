"""Languages as data: the table, Spanish and Russian in every format, French typography as the UN
sets it, the translators' contract, and a language added from a folder and a table entry only."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pypdf
import pytest
from conftest import CASE, ROOT, Run

FORMATS = ("txt", "md", "html", "docx", "pdf")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
GOLDEN = ROOT / "tests" / "golden"
BUNDLED = sorted(p.name for p in (ROOT / "templates").iterdir() if p.is_dir())


def _text(path: Path) -> str:
    """What a reader of the file sees, as plain text: PDF through pdftotext, Word through
    python-docx (word joiners, which only steer line breaks, removed)."""
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout
    if path.suffix == ".docx":
        word = docx.Document(str(path))
        cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
        return "\n".join([*cells, *(p.text for p in word.paragraphs)]).replace("\u2060", "")
    return path.read_text(encoding="utf-8")


def _case(tmp_path: Path, lang: str, situation: str, point: str) -> Path:
    case = tmp_path / f"case-{lang}.yaml"
    case.write_text(
        CASE.replace("situation: the Sudan", f"situation: {situation}")
        .replace("date: 2012-10-11", f"date: 2012-10-11\nlanguage: {lang}\nsymbol: S/AC.51/2012/3"
                 "\njob_number: 12-54321")
        .replace("[Calling upon all parties to end violations]", f"[{json.dumps(point)}]")
        + "  - option: assistance.letters-to-donors\n    to: donors\n",
        encoding="utf-8",
    )
    return case


# The table and the contract for translators ---------------------------------------------------

@pytest.mark.parametrize("lang", BUNDLED)
def test_every_bundled_language_folder_is_complete(caac: Run, lang: str) -> None:
    """Every label, template and block of English, and every option text, in each language."""
    result = caac("validate", str(ROOT / "templates" / lang))
    assert result.exit_code == 0, result.stderr


def test_a_label_one_language_lacks_is_named_with_its_place(caac: Run, tmp_path: Path) -> None:
    folder = tmp_path / "es"
    folder.mkdir()
    labels = (ROOT / "templates" / "es" / "labels.yaml").read_text(encoding="utf-8")
    (folder / "labels.yaml").write_text(
        labels.replace("signed: (Firmado)\n", "").replace("  srsg: Señora", "  extra: x\n  srsg: Señora"),
        encoding="utf-8",
    )
    result = caac("validate", str(folder))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(re.search(r"es/labels\.yaml:\d+:\d+: missing label 'signed' \(as at .*en/labels\.yaml"
                         r":\d+:\d+\)", line) for line in lines), lines
    assert any("label 'salutations.extra' is not in the en labels" in line for line in lines)


def test_an_incomplete_folder_names_every_gap(caac: Run, tmp_path: Path) -> None:
    folder = tmp_path / "xx"
    folder.mkdir()
    (folder / "letter.md.j2").write_text("{% block title %}T{% endblock %}", encoding="utf-8")
    result = caac("validate", str(folder))
    assert result.exit_code == 1
    errors = result.stderr
    assert "language 'xx' is not in the table of languages" in errors
    assert "missing template xx/annex.md.j2" in errors
    assert re.search(r"letter\.md\.j2: template xx/letter\.md\.j2 has no phrase 'from_chair'",
                     errors)
    assert "missing labels xx/labels.yaml" in errors
    assert re.search(r"data/toolkit\.yaml:\d+:\d+: option 'demarches\.letters-to-parties' has no "
                     r"texts in 'xx'", errors)


def test_unknown_languages_are_refused(caac: Run, tmp_path: Path) -> None:
    result = caac("draft", "letter", "--to", "donors", "--lang", "sp")
    assert result.exit_code == 2
    assert "unknown language 'sp'" in result.stderr and "es" in result.stderr
    case = tmp_path / "case.yaml"
    case.write_text(CASE + "language: sp\n", encoding="utf-8")
    result = caac("validate", str(case))
    assert result.exit_code == 1
    assert re.search(r"case\.yaml:\d+:11: unknown language 'sp' \(known: en, fr, es, ru\b",
                     result.stderr)


def test_a_language_from_a_folder_and_a_table_entry(caac: Run, tmp_path: Path) -> None:
    """No Python: the toy language's dates, ordinals, point labels and words are its own."""
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates" / "en", templates / "xx")
    for path in (templates / "xx").iterdir():
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Letter dated", "Missive of").replace("(Signed)", "(Sealed)"),
                        encoding="utf-8")
    (templates / "languages.yaml").write_text("""\
xx:
  name: Toy
  locale: en
  date: {pattern: "y.MM.dd"}
  ordinal: {default: "°", raised: true}
  point_label: "[{}]"
  fonts: [Liberation Serif]
  typography: {apostrophe: "’"}
""", encoding="utf-8")
    args = ["draft", "letter", "--to", "donors", "--lang", "xx", "--templates", str(templates),
            "--date", "2012-10-05", "--signatory", "Y", "--point",
            "Calling for the donors' support"]
    html = caac(*args, "--format", "html")
    assert html.exit_code == 0, html.stderr
    assert '<html lang="xx" dir="ltr">' in html.stdout
    assert "Missive of 2012.10.05" in html.stdout
    assert '<span class="label">[a]</span>' in html.stdout
    assert "(Sealed) Y" in html.stdout
    assert "’" in html.stdout and "'" not in html.stdout.split("<main>")[1]
    pdf, word = tmp_path / "toy.pdf", tmp_path / "toy.docx"
    assert caac(*args, "-o", str(pdf)).exit_code == 0
    assert "[a]" in _text(pdf)
    assert "LiberationSerif" in subprocess.run(["pdffonts", str(pdf)], capture_output=True,
                                               text=True).stdout
    assert caac(*args, "-o", str(word)).exit_code == 0
    styles = docx.Document(str(word)).styles
    assert styles["Normal"].font.name == "Liberation Serif"
    defaults = styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts")[0]
    assert set(defaults.attrib.values()) == {"Liberation Serif"}
    # Its own folder says what it still lacks: the toolkit's texts in the language.
    result = caac("validate", str(templates / "xx"))
    assert result.exit_code == 1
    assert "has no texts in 'xx'" in result.stderr and "missing template" not in result.stderr


TOY = """\
  locale: en
  date: {pattern: "y.MM.dd"}
  ordinal: {default: "°"}
  point_label: "({})"
  fonts: [Liberation Serif]
"""


def test_point_letters_with_or_without_word_s_sequence(caac: Run, tmp_path: Path) -> None:
    """A language's own point letters are Word numbering where the table names Word's sequence
    for them, and typed labels where it names none (as Arabic's, which LibreOffice would letter
    wrongly): both forms of `letters` are valid."""
    templates = tmp_path / "templates"
    for code in ("xx", "yy"):
        shutil.copytree(ROOT / "templates" / "en", templates / code)
    table = templates / "languages.yaml"
    table.write_text(f"xx:\n  name: Numbered\n{TOY}  letters: {{text: [A, B], word: upperLetter}}\n"
                     f"yy:\n  name: Typed\n{TOY}  letters: {{text: [α, β]}}\n", encoding="utf-8")
    points = []
    for code in ("xx", "yy"):
        word = tmp_path / f"{code}.docx"
        result = caac("draft", "letter", "--to", "donors", "--lang", code, "--templates",
                      str(templates), "--point", "First", "--point", "Second", "-o", str(word))
        assert result.exit_code == 0, result.stderr
        points.append([(p.text, p._p.find(f"{W}pPr/{W}numPr") is not None)
                       for p in docx.Document(str(word)).paragraphs if p.style.name == "UN Point"])
        formats = re.findall(r'w:numFmt w:val="(\w+)"/><w:pStyle w:val="UNPoint"/><w:lvlText w:val="([^"]*)"',
                             zipfile.ZipFile(word).read("word/numbering.xml").decode())
        assert formats == ([("upperLetter", "(%1)")] if code == "xx" else [])
    assert [(text.rstrip(";."), numbered) for text, numbered in points[0]] == [
        ("First", True), ("Second", True)]
    assert [(text.rstrip(";."), numbered) for text, numbered in points[1]] == [
        ("(α)\tFirst", False), ("(β)\tSecond", False)]
    table.write_text(table.read_text(encoding="utf-8").replace("[α, β]}", "[α, β], word: 5}"),
                     encoding="utf-8")
    result = caac("validate", str(templates / "yy"))
    assert result.exit_code == 1
    assert re.search(r"languages\.yaml:\d+:\d+: language 'yy': Expected `str \| null`, got `int`",
                     result.stderr)


# Spanish and Russian ----------------------------------------------------------------------------

SPANISH = ("5 de octubre de 2012", "Carta de fecha 5 de octubre de 2012 dirigida al Banco Mundial",
           "Grupo de Trabajo del Consejo de Seguridad sobre los Niños y los Conflictos Armados",
           "Distr. general", "Original: español", "(Firmado) X")
RUSSIAN = ("5 октября 2012 года", "Письмо Председателя", "на имя Всемирного банка",
           "Организация Объединенных Наций", "Distr.: General", "5 October 2012",
           "Original: Russian", "(Подпись) X")


@pytest.mark.parametrize(("lang", "expected"), [("es", SPANISH), ("ru", RUSSIAN)])
@pytest.mark.parametrize("suffix", FORMATS)
def test_letters_in_spanish_and_russian(
    caac: Run, tmp_path: Path, lang: str, expected: tuple[str, ...], suffix: str
) -> None:
    output = tmp_path / f"letter.{suffix}"
    result = caac("draft", "letter", "--to", "donors", "--lang", lang, "--date", "2012-10-05",
                  "--symbol", "S/AC.51/2012/3", "--signatory", "X", "-o", str(output))
    assert result.exit_code == 0, result.stderr
    text = " ".join(_text(output).replace("\\", "").split())
    for words in expected:
        assert " ".join(words.split()) in text, (words, text[:600])


@pytest.mark.parametrize(("lang", "marker"), [("es", "[Traducción no oficial]"),
                                              ("ru", "[Неофициальный перевод]")])
@pytest.mark.parametrize("suffix", FORMATS)
def test_annex_translations_say_they_are_unofficial(
    caac: Run, tmp_path: Path, lang: str, marker: str, suffix: str
) -> None:
    output = tmp_path / f"annex.{suffix}"
    result = caac("draft", "annex", "--category", "demarches", "--lang", lang, "-o", str(output))
    assert result.exit_code == 0, result.stderr
    text = " ".join(_text(output).replace("\\", "").split())
    assert marker in text
    assert {"es": "Cartas o llamamientos a las partes interesadas",
            "ru": "Письма/призывы к соответствующим сторонам"}[lang] in text


def test_the_json_interface_keeps_its_fields_and_adds_every_language(caac: Run) -> None:
    options = json.loads(caac("list", "--format", "json").stdout)
    for option in options:
        assert option["text"] == option["texts"]["en"]["text"]
        assert option["text_fr"] == option["texts"]["fr"]["text"]
        assert option["text_fr_official"] is option["texts"]["fr"]["official"] is False
        assert {code: entry["official"] for code, entry in option["texts"].items()} == {
            "en": True, "fr": False, "es": False, "ru": False, "ar": False, "zh": False}
    shown = caac("show", "demarches.letters-to-parties", "--format", "markdown").stdout
    assert "**text (es, unofficial)**: Cartas o llamamientos" in shown


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize(("lang", "situation", "point", "expected"), [
    ("es", "el Sudán", "Exhortando a todas las partes a poner fin a las violaciones",
     ("Conclusiones sobre los niños y el conflicto armado en el Sudán", "En su 34ª sesión",
      "5 de octubre de 2012", "a) Exhortando")),
    ("ru", "в Судане", "Призывая все стороны прекратить нарушения",
     ("Выводы относительно детей и вооруженного конфликта в Судане", "На своем 34-м заседании",
      "5 октября 2012 года", "a) Призывая", "Distr.: General", "11 October 2012")),
])
def test_case_files_in_spanish_and_russian_build_in_every_format(
    caac: Run, tmp_path: Path, lang: str, situation: str, point: str,
    expected: tuple[str, ...], suffix: str,
) -> None:
    fmt = "text" if suffix == "txt" else suffix
    result = caac("build", str(_case(tmp_path, lang, situation, point)), "--out",
                  str(tmp_path / "out"), "-f", fmt)
    assert result.exit_code == 0, result.stderr
    built = sorted((tmp_path / "out").rglob(f"*.{suffix}"))
    stems = sorted(p.stem for p in built)
    assert stems[0] == "conclusions" and stems[1].startswith("letter-") and stems[2] == "statement"
    text = " ".join(_text(next(p for p in built if p.stem == "conclusions"))
                    .replace("\\", "").split())
    for words in expected:
        if suffix == "html":
            text = re.sub(r"<[^>]+>", "", text)
        if suffix != "docx" or not words.startswith("a)"):  # Word numbers the points itself
            assert words in text, (words, text[:800])


def test_pdf_fonts_cover_cyrillic(caac: Run, tmp_path: Path) -> None:
    output = tmp_path / "letter.pdf"
    assert caac("draft", "letter", "--to", "donors", "--lang", "ru", "-o", str(output)).exit_code == 0
    fonts = subprocess.run(["pdffonts", str(output)], capture_output=True, text=True).stdout
    assert "LiberationSerif" in fonts or "TimesNewRoman" in fonts
    assert "Генерального секретаря" in _text(output) or "Рабочей группы" in _text(output)


# French typography --------------------------------------------------------------------------------

FRENCH_CASE = ("au Soudan", "Demandant à toutes les parties de mettre fin aux violations : « "
               "immédiatement » et sans conditions")


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """The French golden letter's arguments, an annex, and a case's documents, in four formats."""
    from typer.testing import CliRunner

    from caac_toolkit.cli import app

    folder = tmp_path_factory.mktemp("french")
    golden_letter = ["draft", "letter", "--to", "parties", "--lang", "fr", "--situation",
                     "au Soudan", "--date", "2012-10-01", "--signatory", "Gert Rosenthal",
                     "--symbol", "S/AC.51/2012/2", "--job-number", "12-54321",
                     "--point", "Rappelant la résolution 1612 (2005) ; l'appel demeure"]
    annex = ["draft", "annex", "--lang", "fr", "--with-letter", "--date", "2006-09-08"]
    case = _case(folder, "fr", *FRENCH_CASE)
    documents: dict[str, dict[str, Path]] = {}
    for suffix in ("txt", "html", "docx", "pdf"):
        fmt = "text" if suffix == "txt" else suffix
        paths = {"letter": folder / f"letter.{suffix}", "annex": folder / f"annex.{suffix}"}
        for args, path in ((golden_letter, paths["letter"]), (annex, paths["annex"])):
            result = CliRunner().invoke(app, [*args, "-o", str(path)])
            assert result.exit_code == 0, result.stderr
        out = folder / f"case-{suffix}"
        result = CliRunner().invoke(app, ["build", str(case), "--out", str(out), "-f", fmt])
        assert result.exit_code == 0, result.stderr
        paths.update({p.stem: p for p in out.rglob(f"*.{suffix}")})
        documents[suffix] = paths
    return documents


def typography_problems(text: str, *, spaces: bool = True) -> Iterator[str]:
    """The breaches of UN French typography in a French text as a reader sees it. Without
    `spaces` (a PDF's extracted text, where every space reads as U+0020) the kind of space is not
    checked, only that there is one and that no line starts with the mark it holds back."""
    if "'" in text:
        yield "a straight apostrophe"
    for match in re.finditer(r"(.)([:;?!])(?=\s|$)", text):
        expected = ("\u00a0" if match.group(2) == ":" else "\u202f") if spaces else " "
        if match.group(1) != expected:
            around = text[max(0, match.start() - 30):match.end()]
            yield f"{expected!r} not before {match.group(2)!r}: {around!r}"
    for match in re.finditer(r"«(.)|(.)»", text):
        if (match.group(1) or match.group(2)) != ("\u00a0" if spaces else " "):
            yield f"no no-break space inside guillemets: {match.group(0)!r}"
    if re.search(r"^\s*[:;?!»]|«\s*$", text, re.MULTILINE):
        yield "a line that starts with a mark its word holds back"
    if re.search(r"(^|\s)\([a-z]\)\s", text):
        yield "a point labelled (a)"


def test_french_golden_file_passes_the_typography_check() -> None:
    for golden in sorted(GOLDEN.glob("*.fr.*")):
        text = golden.read_text(encoding="utf-8").replace("\\", "")
        assert not list(typography_problems(text)), golden.name


@pytest.mark.parametrize("suffix", ["txt", "html", "docx", "pdf"])
def test_french_outputs_pass_the_typography_check(
    french: dict[str, dict[str, Path]], suffix: str
) -> None:
    for name, path in french[suffix].items():
        text = _text(path)
        if suffix == "html":
            text = re.sub(r"<[^>]+>", "", text.split("<main>")[1])
        problems = list(typography_problems(text, spaces=suffix != "pdf"))
        assert not problems, (name, problems)
        if suffix == "docx":  # lettered points are Word numbering, labelled as French labels them
            word = docx.Document(str(path))
            levels = word.part.numbering_part.element.xpath("//w:lvlText/@w:val")
            assert "%1)" in levels and not any(level.startswith("(") for level in levels)
        elif name in ("letter", "statement", "conclusions"):
            assert re.search(r"(^|\s)a\)\s", text), name


def test_french_ordinals_are_raised(french: dict[str, dict[str, Path]]) -> None:
    html = french["html"]["conclusions"].read_text(encoding="utf-8")
    assert "34<sup>e</sup> séance" in html
    assert "1<sup>er</sup> octobre 2012" in french["html"]["letter"].read_text(encoding="utf-8")
    assert not re.search(r"\d(e|er|re)\b", re.sub(r"<[^>]+>", "", html.replace("<sup>", "|")))

    word = docx.Document(str(french["docx"]["conclusions"]))
    runs = [run for p in word.paragraphs for run in p.runs]
    raised = [(before.text[-2:], run.text) for before, run in zip(runs, runs[1:], strict=False)
              if run.font.superscript]
    assert ("34", "e") in raised

    sizes: list[tuple[str, float]] = []
    page = pypdf.PdfReader(str(french["pdf"]["conclusions"])).pages[0]
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: sizes.append(
        (text, size * tm[0])))
    body = max(size for _, size in sizes)
    pieces = [text for text, size in sizes if size < 0.8 * body]
    assert "e" in pieces, sizes[:12]


def test_symbols_never_break_across_lines(caac: Run, tmp_path: Path) -> None:
    """Points whose symbol falls at every place of a line: each stays whole in the PDF, is
    unbreakable in HTML, and carries word joiners in Word."""
    points = [("mot " * i) + "selon les conclusions S/AC.51/2007/17 et la suite" for i in range(30)]
    args = ["draft", "statement", "--lang", "fr", "--situation", "au Soudan"]
    for point in points:
        args += ["--point", point]
    for suffix in ("pdf", "html", "docx"):
        assert caac(*args, "-o", str(tmp_path / f"s.{suffix}")).exit_code == 0
    pdf_text = subprocess.run(["pdftotext", str(tmp_path / "s.pdf"), "-"], capture_output=True,
                              text=True).stdout
    assert pdf_text.count("S/AC.51/2007/17") == len(points)
    html = (tmp_path / "s.html").read_text(encoding="utf-8")
    assert html.count('<span class="keep">S/AC.51/2007/17</span>') == len(points)
    assert ".keep { white-space: nowrap; }" in html
    word = docx.Document(str(tmp_path / "s.docx"))
    joined = [run.text for p in word.paragraphs for run in p.runs if "S/" in run.text]
    assert joined and all(run == "S/\u2060AC.51/\u20602007/\u206017" for run in joined)


def test_the_chair_by_gender_in_french(caac: Run) -> None:
    args = ["draft", "letter", "--to", "donors", "--lang", "fr", "--signatory", "X"]
    assert "Présidente du Groupe de travail" in caac(*args, "--signatory-gender", "female").stdout
    assert "\nPrésident du Groupe de travail" in caac(*args, "--signatory-gender", "male").stdout
    english = caac("draft", "letter", "--to", "donors", "--signatory", "X",
                   "--signatory-gender", "female").stdout
    assert "Chair of the Security Council Working Group" in english


def test_a_french_form_the_table_lacks_is_warned_about(caac: Run) -> None:
    """A situation the table of situations lacks, written without the preposition its French
    form after "conflit armé" needs: that form is a placeholder and a warning."""
    result = caac("draft", "letter", "--to", "donors", "--lang", "fr", "--situation",
                  "la Freedonie", "--signatory", "X")
    assert result.exit_code == 0
    assert "situation 'la Freedonie' has no 'in' form in French" in result.stderr
    assert "[situation]" in result.stdout
    fine = caac("draft", "letter", "--to", "donors", "--lang", "fr", "--situation",
                "en Freedonie", "--signatory", "X")
    assert "has no" not in fine.stderr and "en Freedonie" in fine.stdout
    table = caac("draft", "letter", "--to", "donors", "--lang", "fr", "--situation", "Somalia",
                 "--signatory", "X")
    assert "has no 'in' form" not in table.stderr


@pytest.mark.parametrize(("date", "present", "absent"), [
    ("2012-10-05", "Représentante spéciale du Secrétaire général pour le sort des enfants en temps "
     "de conflit armé", "pour la question des enfants"),
    ("2021-03-01", "Représentante spéciale du Secrétaire général pour la question des enfants et "
     "des conflits armés", "pour le sort des enfants"),
    ("2023-03-01", "Groupe de travail du Conseil de sécurité sur les enfants et les conflits armés",
     "sur le sort des enfants en temps de conflit armé"),
])
def test_french_official_names_by_year(caac: Run, date: str, present: str, absent: str) -> None:
    result = caac("draft", "letter", "--to", "srsg", "--lang", "fr", "--date", date,
                  "--situation", "au Mali", "--signatory", "X")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert present in text and absent not in text
