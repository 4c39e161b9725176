"""What a UN editor corrected in the Chinese, French and Spanish drafts (issue 22), each read back
from the real CLI: the report's ordinal, Chinese brackets and lists, the French and Spanish
repeated prepositions, a woman President, and the points every language shares."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, Run

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
