"""`caac stats` and `caac followup`: figures and follow-up drawn from the recorded precedents."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import ROOT, Run, plain

# Three sets of one made-up record: both dates for two (61 and 122 days, 2.0 and 4.0 months),
# none for the third; two, one and no recorded options.
RECORD = """\
precedents:
  - symbol: S/AC.51/2011/1
    situation: Chad
    adopted: 2011-03-03
    report: S/2011/10
    report_issued: {date: 2011-01-01, source: https://example.org/report-1}
    actions:
      - {option: demarches.letters-to-parties, to: all parties, sender: chair,
         source: https://example.org/1}
      - {option: assistance.letters-to-donors, to: donors, sender: chair,
         source: https://example.org/1}
    actions_complete: true
    sources: [https://example.org/1]
  - symbol: S/AC.51/2011/2
    situation: Nepal
    adopted: 2011-05-03
    report_issued: {date: 2011-01-01, source: https://example.org/report-2}
    actions:
      - {option: demarches.letters-to-parties, to: all parties, sender: chair,
         source: https://example.org/2}
    actions_complete: false
    sources: [https://example.org/2]
  - symbol: S/AC.51/2012/1
    situation: Nepal
    year: 2012
    actions_complete: false
    sources: [https://example.org/3]
"""


def _record(tmp_path: Path) -> Path:
    path = tmp_path / "record.yaml"
    path.write_text(RECORD, encoding="utf-8")
    return path


def test_the_csv_has_one_row_per_recorded_set_with_its_dates(caac: Run) -> None:
    result = caac("stats", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    listed = json.loads(caac("precedents", "--format", "json").stdout)
    assert len(rows) == len(listed)
    myanmar = next(row for row in rows if row["symbol"] == "S/AC.51/2009/4")
    assert myanmar == {
        "year": "2009", "symbol": "S/AC.51/2009/4", "reference": "S/AC.51/2009/4",
        "situation": "Myanmar", "report": "S/2009/278", "report_issued": "2009-06-01",
        "examined": "2009-07-01", "adopted": "2009-10-12", "cited": "", "days_to_adoption": "133",
        "options": "", "options_complete": "false", "options_count": "0",
    }


def test_per_year_figures_say_how_many_sets_they_come_from(caac: Run, tmp_path: Path) -> None:
    path = _record(tmp_path)
    result = caac("stats", "--by", "year", "--file", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    year_2011, year_2012 = shown["years"]
    assert year_2011["months_median"] == {"value": 3.0, "sets": 2, "of": 2}
    assert year_2011["options_mean"] == {"value": 1.5, "sets": 2, "of": 2}
    assert year_2011["options_complete"] == 1
    assert year_2012["months_median"] == {"value": None, "sets": 0, "of": 1}
    assert shown["all"]["period"] == "2011-2012"
    assert shown["all"]["months_median"] == {"value": 3.0, "sets": 2, "of": 3}
    table = plain(caac("stats", "--by", "year", "--file", str(path)).stdout)
    assert "3 (from 2 of 3)" in table and "1.5 (from 2 of 3)" in table
    assert "1 of 3 sets list all their actions" in " ".join(table.split())
    rows = list(csv.DictReader(io.StringIO(
        caac("stats", "--by", "year", "--file", str(path), "-f", "csv").stdout)))
    assert [(r["period"], r["months_median"], r["months_median_from"]) for r in rows] == [
        ("2011", "3.0", "2"), ("2012", "", "0"), ("2011-2012", "3.0", "2")]


def test_sets_are_chosen_by_year_and_situation(caac: Run, tmp_path: Path) -> None:
    path = _record(tmp_path)
    result = caac("stats", "--file", str(path), "--since", "2011", "--until", "2011",
                  "--situation", "nepal", "-f", "json")
    rows = json.loads(result.stdout)
    assert [(r["symbol"], r["days_to_adoption"]) for r in rows] == [("S/AC.51/2011/2", 122)]
    table = plain(caac("stats", "--file", str(path)).stdout)
    assert "S/AC.51/2011/1" in table and "2 (complete)" in table and "1 (at least)" in table
    none = caac("stats", "--file", str(path), "--since", "2020")
    assert none.exit_code == 0 and "no recorded conclusions match" in none.stderr


def test_bad_input_to_stats_is_one_line_with_its_place(caac: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(RECORD.replace("2011-03-03", "2011-13-03"), encoding="utf-8")
    result = caac("stats", "--file", str(broken))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"caac: error: {broken}:4:")
    assert len(result.stderr.splitlines()) == 1
    assert caac("stats", "--by", "decade").exit_code == 2


def test_followup_lists_each_recommendation_and_what_became_of_it(caac: Run) -> None:
    result = caac("followup", "s/ac.51/2007/9")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "S/AC.51/2007/9: conclusions on Sri Lanka, on the report S/2006/1006"
    assert "there may be others" in lines[1]
    assert lines[2].startswith("1. demarches.letters-to-parties (chair): to the leadership of")
    assert sum(line.startswith("   follow-up: S/2007/758, summary: partly") for line in lines) == 2
    shown = json.loads(caac("followup", "S/AC.51/2007/9", "-f", "json").stdout)
    assert set(shown["actions"][0]["followup"][0]) == {"report", "paragraph", "status", "source",
                                                       "note"}
    by_statement = caac("followup", "SC/11116")
    assert "S/2017/1099, summary: partly" in by_statement.stdout
    silent = caac("followup", "S/AC.51/2018/1/Rev.1").stdout
    assert "follow-up: no later report seen says what became of it" in silent


def test_followup_of_an_unknown_symbol_names_the_nearest(caac: Run) -> None:
    result = caac("followup", "S/AC.51/2007/99")
    assert result.exit_code == 2
    assert result.stderr == ("caac: error: no recorded conclusions have the symbol or statement "
                             "S/AC.51/2007/99 (did you mean 'S/AC.51/2007/9'?)\n")


def test_a_followup_status_is_one_of_four(caac: Run, tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(RECORD.replace(
        "         source: https://example.org/1}\n      - {option: assistance",
        "         source: https://example.org/1, followup: [{report: S/2012/5, paragraph: "
        "para. 3, status: done, source: https://example.org/f}]}\n      - {option: assistance",
    ), encoding="utf-8")
    result = caac("validate", str(path))
    assert result.exit_code == 1
    assert f"{path}:" in result.stderr and "implemented" in result.stderr


def test_the_readme_comparison_with_watchlist_quotes_the_current_figures(caac: Run) -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    shown = json.loads(caac("stats", "--by", "year", "--until", "2013", "-f", "json").stdout)
    whole = shown["all"]
    assert whole["period"] == "2006-2013"
    assert (f"It holds {whole['sets']} sets for 2006-2013 and both dates for "
            f"{whole['months_median']['sets']} of them: a median of "
            f"{whole['months_median']['value']:g} months and a mean of "
            f"{whole['months_mean']['value']:g}.") in readme
    assert (f"{whole['options_mean']['value']:g} per set from the "
            f"{whole['options_mean']['sets']} sets with any recorded action") in readme
