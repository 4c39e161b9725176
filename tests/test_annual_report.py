"""`caac draft annual-report`: the Working Group's year from case files and precedents."""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest
from conftest import ROOT, Run

GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = ROOT / "examples"
YEAR_2018 = ("--from", "2018-01-01", "--to", "2018-12-31")
MALI_ROW = ["S/AC.51/2018/1/Rev.1", "Mali", "S/2018/136", "71st meeting, 4 May 2018", "SC/13324"]


def cells(table: docx.table.Table) -> list[list[str]]:
    # The writer keeps symbols whole with word joiners after their slashes.
    return [[cell.text.replace("\u2060", "") for cell in row.cells] for row in table.rows]


def test_the_acceptance_report_in_word(caac: Run, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    result = caac("draft", "annual-report", str(EXAMPLES), *YEAR_2018, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    word = docx.Document(io.BytesIO(out.read_bytes()))
    masthead = cells(word.tables[0])
    assert masthead[0][0] == "United Nations" and "Security Council" in masthead[1][0]
    texts = [p.text for p in word.paragraphs]
    letter = next(t for t in texts if t.startswith("Letter dated"))
    assert letter.endswith("from the Chair of the Security Council Working Group on Children and "
                           "Armed Conflict addressed to the President of the Security Council")
    assert any("issued as a document of the Security Council" in t for t in texts)
    assert "(Signed) Olof Skoog" in texts  # the Chair the 2018 case files name
    assert any(t.startswith("Annual report on the activities") and
               t.endswith("(1 January 2018 to 31 December 2018)") for t in texts)
    assert "I. Introduction" in texts
    assert any("paragraph 8 of that resolution" in t for t in texts)
    table = cells(word.tables[-1])
    assert table[0][0] == "Symbol"
    assert MALI_ROW in table


@pytest.mark.parametrize(("golden", "lang", "fmt"), [
    ("annual-report-2018.en.md", "en", "md"),
    ("annual-report-2018.fr.txt", "fr", "text"),
])
def test_golden_annual_reports(caac: Run, golden: str, lang: str, fmt: str) -> None:
    """CAAC_REGENERATE_GOLDEN=1 rewrites them after a reviewed change."""
    result = caac("draft", "annual-report", str(EXAMPLES), *YEAR_2018, "--lang", lang,
                  "-f", fmt, "--date", "2019-01-15")
    assert result.exit_code == 0, result.stderr
    if os.environ.get("CAAC_REGENERATE_GOLDEN"):
        (GOLDEN / golden).write_text(result.stdout, encoding="utf-8")
    assert result.stdout == (GOLDEN / golden).read_text(encoding="utf-8")


def test_the_case_file_wins_over_the_precedent_and_a_note_says_so(
        caac: Run, tmp_path: Path) -> None:
    case = tmp_path / "mali.yaml"
    case.write_text((EXAMPLES / "mali-2018.yaml").read_text(encoding="utf-8").replace(
        "symbol: S/2018/136", "symbol: S/2018/137"), encoding="utf-8")
    result = caac("draft", "annual-report", str(case), *YEAR_2018, "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert ("caac: note: S/AC.51/2018/1/Rev.1: the case file gives the report as S/2018/137, "
            "data/precedents.yaml as S/2018/136; the case file's is used") in result.stderr
    assert "| S/AC.51/2018/1/Rev.1 | Mali | S/2018/137 |" in result.stdout
    # What only the precedent gives, the public statement, is kept.
    assert "| SC/13324 |" in result.stdout


def test_strict_fails_on_a_set_of_the_period_without_a_date(caac: Run, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = caac("draft", "annual-report", str(EXAMPLES), *YEAR_2018, "--strict",
                  "--date", "2019-01-15", "--symbol", "S/2019/1", "-o", str(out))
    assert result.exit_code == 1
    # S/AC.51/2018/3 (South Sudan): its meetings are recorded, its adoption date is not.
    assert "S/AC.51/2018/3: no date of adoption" in result.stderr
    assert not out.exists()


def test_a_period_whose_sets_are_all_dated_passes_strict(caac: Run, tmp_path: Path) -> None:
    result = caac("draft", "annual-report", str(EXAMPLES / "mali-2018.yaml"), "--from",
                  "2018-04-01", "--to", "2018-06-30", "--strict", "--date", "2018-07-10",
                  "--symbol", "S/2018/700", "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert "71st meeting, 4 May 2018" in result.stdout


ACTIVITIES = """\
activities:
  - date: 2018-06-12
    kind: briefing
    subject: a briefing by the Special Representative on the annual report
    source: https://example.org/briefing
  - date: 2019-02-01
    kind: field-visit
    subject: outside the period
    source: https://example.org/visit
"""


def test_the_register_of_activities_lists_those_of_the_period(caac: Run, tmp_path: Path) -> None:
    register = tmp_path / "activities.yaml"
    register.write_text(ACTIVITIES, encoding="utf-8")
    result = caac("draft", "annual-report", str(EXAMPLES), *YEAR_2018, "--activities",
                  str(register), "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert "## IV. Other activities" in result.stdout
    assert ("On 12 June 2018, the Working Group was briefed: a briefing by the Special "
            "Representative on the annual report") in result.stdout
    assert "outside the period" not in result.stdout


@pytest.mark.parametrize(("broken", "where", "says"), [
    (ACTIVITIES.replace("kind: briefing", "kind: brefing"), ":3:11:",
     "kind is one of: field-visit, briefing, meeting, other"),
    (ACTIVITIES.replace("source: https://example.org/visit", "source: a friend"), ":9:13:",
     "https://"),
    (ACTIVITIES.replace("    subject: outside", "    subjet: outside"), ":8:5:",
     "unknown field `subjet`"),
])
def test_a_broken_register_is_an_error_at_its_line(
        caac: Run, tmp_path: Path, broken: str, where: str, says: str) -> None:
    register = tmp_path / "activities.yaml"
    register.write_text(broken, encoding="utf-8")
    out = tmp_path / "report.docx"
    result = caac("draft", "annual-report", str(EXAMPLES), *YEAR_2018, "--activities",
                  str(register), "-o", str(out))
    assert result.exit_code == 1
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith(f"caac: error: {register}{where}") and says in line
    assert not out.exists()


def test_a_period_that_ends_before_it_starts_is_a_usage_error(caac: Run) -> None:
    result = caac("draft", "annual-report", str(EXAMPLES), "--from", "2018-12-31", "--to",
                  "2018-01-01")
    assert result.exit_code == 2
    assert "--from is after --to" in result.stderr


def test_diff_of_two_years_reports_tracks_the_yearly_changes(caac: Run, tmp_path: Path) -> None:
    """The editorial rule: last year's text reproduced with this year's changes marked."""
    reports = {}
    for year, issued in ((2017, "2018-01-15"), (2018, "2019-01-15")):
        reports[year] = tmp_path / f"report-{year}.docx"
        result = caac("draft", "annual-report", str(EXAMPLES), "--from", f"{year}-01-01", "--to",
                      f"{year}-12-31", "--date", issued, "-o", str(reports[year]))
        assert result.exit_code == 0, result.stderr
    redline = tmp_path / "redline.docx"
    result = caac("diff", str(reports[2017]), str(reports[2018]), "-o", str(redline))
    assert result.exit_code == 0, result.stderr
    word = docx.Document(io.BytesIO(redline.read_bytes()))
    body = word.element.body

    def tracked(tag: str, within: object = body) -> str:
        text = "t" if tag == "ins" else "delText"
        return "".join(t.text or "" for change in within.iter(f"{{*}}{tag}")  # type: ignore[attr-defined]
                       for t in change.iter(f"{{*}}{text}")).replace("\u2060", "")

    # The recurring text stays; the period's year is marked changed.
    title = next(p for p in word.paragraphs if p.text.startswith("Annual report"))
    assert (tracked("del", title._p), tracked("ins", title._p)) == ("20172017", "20182018")
    # One table: last year's rows deleted, this year's inserted, the header kept.
    table = word.tables[-1]._tbl
    assert len(word.tables) == 2  # the masthead and the conclusions
    assert "S/AC.51/2017/5" in tracked("del", table)  # Nigeria, 2017
    assert "S/AC.51/2018/1/Rev.1" in tracked("ins", table)
    assert "Symbol" not in tracked("ins", table) + tracked("del", table)
