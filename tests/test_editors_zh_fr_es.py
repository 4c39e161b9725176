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
