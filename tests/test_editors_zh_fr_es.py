"""What a UN editor corrected in the Chinese, French and Spanish drafts (issue 22), each read back
from the real CLI: the report's ordinal, Chinese brackets and lists, the French and Spanish
repeated prepositions, a woman President, and the points every language shares."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from conftest import CASE, ROOT, Run, plain
from typer.testing import CliRunner

from caac_toolkit.cli import app

MALI = ROOT / "examples" / "mali-2018.yaml"


def conclusions(caac: Run, lang: str, fmt: str = "md", case: Path = MALI) -> str:
    result = caac("draft", "conclusions", str(case), "--lang", lang, "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_report_keeps_its_ordinal_in_spanish_and_chinese(caac: Run) -> None:
    # "the second report" (S/AC.51/2018/1/Rev.1, para 1); the UN's order in each language
    assert "examinó el segundo informe del Secretario General" in conclusions(caac, "es")
    assert "秘书长关于马里儿童与武装冲突问题的第二次报告" in conclusions(caac, "zh")



def test_a_third_report_is_a_tercer_informe(caac: Run, tmp_path: Path) -> None:
    case = tmp_path / "mali.yaml"
    case.write_text(MALI.read_text(encoding="utf-8").replace("ordinal: 2 ", "ordinal: 3 "),
                    encoding="utf-8")
    assert "examinó el tercer informe" in conclusions(caac, "es", case=case)
    assert "的第三次报告（S/2018/136）" in conclusions(caac, "zh", case=case)


def test_chinese_prints_one_bracket_and_the_period_between_commas(caac: Run) -> None:
    assert "（S/2018/136），所涉期间为2014年1月至2017年6月，报告由" in conclusions(caac, "zh")


def test_french_and_spanish_repeat_the_preposition_before_each_donor(caac: Run) -> None:
    for lang, expected in (("fr", "adressée à la Banque mondiale et à la communauté des donateurs"),
                           ("es", "dirigida al Banco Mundial y a la comunidad de donantes")):
        result = caac("draft", "letter", "--to", "donors", "--lang", lang, "--situation", "Mali",
                      "--format", "md")
        assert result.exit_code == 0, result.output
        assert expected in result.stdout


def test_a_woman_president_of_the_council_in_french(caac: Run, tmp_path: Path) -> None:
    case = tmp_path / "drc.yaml"
    text = (ROOT / "examples" / "drc-2018-fr.yaml").read_text(encoding="utf-8")
    case.write_text(text + "president: {name: Joanna Wronecka, gender: female}\n", encoding="utf-8")
    drafted = conclusions(caac, "fr", case=case)
    assert "recommander que la Présidente du Conseil de sécurité adresse une lettre" in drafted
    assert "le Président du Conseil" not in drafted


def chinese_letter(caac: Run, fmt: str = "md", *more: str) -> str:
    result = caac("draft", "letter", "--to", "parties", "--lang", "zh", "--situation", "马里",
                  "--party", "阿扎瓦德运动协调会 (阿运协)", "--party", "伊斯兰后卫", "--party",
                  "西非统一和圣战运动 (CMA)", "--signatory", "王五", "--format", fmt, *more)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_chinese_brackets_lists_and_signature(caac: Run, tmp_path: Path) -> None:
    text = chinese_letter(caac)
    # full-width brackets after a Chinese word, no space before them; "A、B和C"
    assert "阿扎瓦德运动协调会（阿运协）、伊斯兰后卫和西非统一和圣战运动（CMA）。" in text
    assert "（签名）王五" in text
    # a resolution's year keeps its plain brackets
    assert "第1612(2005)号" in conclusions(caac, "zh")
    # the signature reads back from Word as the sender and the name
    out = tmp_path / "letter.docx"
    chinese_letter(caac, "docx", "--output", str(out))
    from caac_toolkit.writers.docx_reader import read

    signature = next(part.signature for part in read(out.read_bytes(), out.name).parts if part.signature)
    assert (signature.signed, signature.name) == ("（签名）", "王五")


def test_chinese_text_output_counts_wide_characters(caac: Run) -> None:
    from rich.cells import cell_len

    lines = conclusions(caac, "zh", "text").splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    # the masthead's right column starts at one cell on every line
    starts = {cell_len(line[:line.index(right)]) for line, right in
              zip(lines, ("S/AC.51/2018/1/Rev.1", "Distr.: General"), strict=False)}
    assert len(starts) == 1, lines[:2]
    # a paragraph is wrapped, its lines hanging under the number, none opening with a comma
    first = lines.index(next(line for line in lines if line.startswith("1.")))
    assert lines[first + 1].startswith("      ") and lines[first + 1].strip()
    assert not any(line.lstrip().startswith(("，", "。", "、")) for line in lines)


def test_the_presidents_letter_speaks_for_the_council(caac: Run) -> None:
    expected = {"en": "the Security Council wishes to convey the following",
                "fr": "le Conseil de sécurité souhaite faire part de ce qui suit",
                "es": "el Consejo de Seguridad desea transmitir lo siguiente",
                "ru": "Совет Безопасности хотел бы довести до сведения следующее",
                "ar": "يود مجلس الأمن أن ينقل ما يلي",
                "zh": "安全理事会谨转达如下"}
    for lang, words in expected.items():
        for sender, council in (("president", True), ("chair", False)):
            result = caac("draft", "letter", "--to", "parties", "--lang", lang, "--situation",
                          "X", "--point", "Calling upon x", "--sender", sender, "--format", "md")
            assert result.exit_code == 0, result.output
            assert (words in result.stdout) is council, (lang, sender)


def test_a_translated_masthead_names_its_version(caac: Run) -> None:
    def masthead(lang: str, case: Path = MALI) -> list[str]:
        return [line.strip() for line in conclusions(caac, lang, "text", case).splitlines()[:6]]

    for lang, version, original in (("es", "Español", "Original: inglés"),
                                    ("fr", "Français", "Original\u00a0: anglais"),
                                    ("zh", "Chinese", "Original: English")):
        lines = [line.split("  ")[-1] for line in masthead(lang)]
        assert lines[lines.index(version) + 1] == original, lines
    # neither the English version nor a French original prints one
    assert not {"English", "Français"} & {
        line.split("  ")[-1] for line in masthead("en") + masthead("fr", ROOT / "examples"
                                                                   / "drc-2018-fr.yaml")}


def test_an_unofficial_rendering_is_marked_above_its_letter_in_every_format(
        caac: Run, tmp_path: Path) -> None:
    import subprocess

    import docx

    for fmt in ("text", "md", "html", "docx", "pdf"):
        out = tmp_path / f"annex.{fmt}"
        result = caac("draft", "annex", "--lang", "fr", "--with-letter", "--format", fmt,
                      "--output", str(out))
        assert result.exit_code == 0, result.output
        if fmt == "docx":
            text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        elif fmt == "pdf":
            text = subprocess.run(["pdftotext", "-layout", str(out), "-"], check=True,
                                  capture_output=True, text=True).stdout
        else:
            text = out.read_text(encoding="utf-8")
        mark, letter = text.find("Traduction non officielle"), text.find("Je vous écris")
        assert -1 < mark < letter, fmt
        assert text.count("Traduction non officielle") == 2, fmt  # the letter and the annex


def test_the_cli_names_every_language_of_the_table(
        caac: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from caac_toolkit import languages
    from caac_toolkit.cli import cases

    codes = languages.bundled().codes
    assert {"ar", "zh"} <= set(codes)
    for command in (("draft", "letter"), ("init",)):
        shown = " ".join(plain(caac(*command, "--help").stdout).split())
        assert all(f"{code}," in shown or f"{code} (" in shown or f"{code};" in shown
                   for code in codes), (command, shown)
    monkeypatch.setattr(cases, "interactive", lambda stream=None: True)
    path = tmp_path / "case.yaml"
    result = CliRunner().invoke(app, ["init", str(path), "--chair", "X", "--situation", "Mali",
                                      "--report", "S/2018/136", "--meeting", "70",
                                      "--meeting-date", "2018-03-12"], input="zh\n")
    assert result.exit_code == 0, result.output
    assert f"Language ({', '.join(codes)})" in result.stdout
    assert f"language: zh  # a code of the table of languages: {', '.join(codes)}" in (
        path.read_text(encoding="utf-8"))


def test_an_english_text_in_a_chinese_draft_keeps_its_commas(caac: Run) -> None:
    drafted = conclusions(caac, "zh")
    assert "[en: The members of the Working Group welcomed the steps taken by the Government of " \
           "Mali to protect children affected by armed conflict, notably" in drafted


@pytest.mark.parametrize("lang", ["ar", "zh", "fr"])
def test_a_point_in_english_only_keeps_english_punctuation_inside_its_marker(
        caac: Run, tmp_path: Path, lang: str) -> None:
    """The language's marks (Arabic comma, Chinese stop and brackets, French spaces and quotes)
    stop at "[en: …]": the translator reads the case's text as it was written."""
    english = ("Calling upon the Government's forces, police and army (in particular the "
               "Café Unit), to release children; and to report [sic] \"within 30 days\".")
    case = tmp_path / "case.yaml"
    case.write_text(CASE.replace("[Calling upon all parties to end violations]",
                                 json.dumps([english])), encoding="utf-8")
    result = caac("draft", "conclusions", str(case), "--lang", lang, "--format", "text")
    assert result.exit_code == 0, result.output
    drafted = " ".join(result.stdout.split())  # French sets its own space in "[en : "
    assert f"[en: {english}]" in drafted.replace("[en : ", "[en: ")


@pytest.mark.parametrize(("lang", "isolated"), [("ar", True), ("fr", False)])
def test_a_text_for_the_translator_is_set_left_to_right_in_a_right_to_left_document(
        caac: Run, tmp_path: Path, lang: str, isolated: bool) -> None:
    """In an Arabic paragraph, "[en: … them.]" between Unicode's left-to-right isolate and its
    pop: without them the bidirectional algorithm moves the closing bracket and full stop to the
    start of the line ("[.them … en: …"). Left-to-right languages need none."""
    case = tmp_path / "case.yaml"
    case.write_text(CASE.replace("[Calling upon all parties to end violations]",
                                 json.dumps(["Calling upon the parties to release children."])),
                    encoding="utf-8")
    out = tmp_path / "c.docx"
    result = caac("draft", "conclusions", str(case), "--lang", lang, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = "\n".join(paragraph.text for paragraph in docx.Document(str(out)).paragraphs)
    marked = "[en: Calling upon the parties to release children.]"
    assert (f"\u2066{marked}\u2069" in text) is isolated
    assert marked in text.replace("[en\xa0: ", "[en: ")
