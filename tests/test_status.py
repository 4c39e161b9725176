"""`caac status`: the clock of each case against the two-month target, and what it recalls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, Run, plain

CASE = """\
situation: the Sudan
report: {{symbol: S/2011/413{report}}}
{extra}chair: {{name: Peter Wittig}}
date: 2012-10-11
actions:
  - option: demarches.letters-to-parties
    to: parties
    points: [Calling upon all parties to end violations]
"""


def write(folder: Path, name: str, report: str = "", extra: str = "") -> Path:
    path = folder / name
    path.write_text(CASE.format(report=report, extra=extra), encoding="utf-8")
    return path


def status(caac: Run, *args: str) -> list[dict[str, object]]:
    result = caac("status", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    records: list[dict[str, object]] = json.loads(result.stdout)
    return records


def test_examples_print_a_table(caac: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = caac("status", "examples", "--as-of", "2018-06-01")
    assert result.exit_code == 0, result.stderr
    lines = plain(result.stdout).splitlines()
    assert "Conclusions against the 2-month target, as of 2018-06-01" in lines[0]
    mali = next(line for line in lines if "S/2018/136" in line)
    # Issued 21 February 2018, adopted at the 71st meeting on 4 May 2018: 72 days, two
    # months ran out on 21 April.
    assert [cell.strip() for cell in mali.split("│")] == [
        "Mali", "S/2018/136", "2018-02-21", "2018-05-04", "72", "missed"]


def test_json_of_an_adopted_case(caac: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    (mali,) = status(caac, "examples/mali-2018.yaml", "--as-of", "2018-06-01")
    assert mali == {
        "case": "examples/mali-2018.yaml",
        "situation": "Mali",
        "report": "S/2018/136",
        "symbol": "S/AC.51/2018/1/Rev.1",
        "issued": "2018-02-21",
        "introduced": None,
        "adopted": "2018-05-04",
        "days_since_issued": 100,
        "days_since_introduced": None,
        "days_to_adoption": 72,
        "target": {"months": 2, "deadline": "2018-04-21", "within": False, "status": "missed",
                   "source": "https://watchlist.org/watchlist-introduces-two-new-publications"},
        "as_of": "2018-06-01",
    }


def test_a_case_under_negotiation_is_pending_then_overdue(caac: Run, tmp_path: Path) -> None:
    case = write(tmp_path, "drc.yaml", ", issued: 2024-01-10, introduced: 2024-02-05")
    (before,) = status(caac, str(case), "--as-of", "2024-03-10")
    assert before["adopted"] is None and before["days_to_adoption"] is None
    assert (before["days_since_issued"], before["days_since_introduced"]) == (60, 34)
    assert before["target"] == {"months": 2, "deadline": "2024-03-10", "within": None,
                                "status": "pending", "source": before["target"]["source"]}
    (after,) = status(caac, str(case), "--as-of", "2024-03-11")
    assert (after["target"]["status"], after["target"]["within"]) == ("overdue", False)
    table = plain(caac("status", str(case), "--as-of", "2024-03-10").stdout)
    assert "60 │ pending, by 2024-03-10" in table


def test_the_clock_starts_at_introduction_when_the_issue_date_is_unknown(
    caac: Run, tmp_path: Path
) -> None:
    case = write(tmp_path, "a.yaml", ", introduced: 2019-12-31",
                 "adopted: {number: 80, date: 2020-02-29}\n")
    (met,) = status(caac, str(case))
    # Two calendar months from 31 December end on the last day of February.
    assert met["target"]["deadline"] == "2020-02-29"
    assert (met["days_to_adoption"], met["target"]["status"]) == (60, "met")
    late = write(tmp_path, "b.yaml", ", introduced: 2019-12-31",
                 "adopted: {number: 80, date: 2020-03-01}\n")
    assert status(caac, str(late))[0]["target"]["status"] == "missed"


def test_adoption_is_the_meeting_only_once_the_conclusions_have_a_symbol(
    caac: Run, tmp_path: Path
) -> None:
    meeting = "meeting: {number: 34, date: 2012-10-05}\n"
    issued = ", issued: 2012-08-01"
    draft = write(tmp_path, "draft.yaml", issued, meeting)
    adopted = write(tmp_path, "adopted.yaml", issued, meeting + "symbol: S/AC.51/2012/1\n")
    records = {Path(str(r["case"])).name: r for r in status(caac, str(tmp_path))}
    assert records[draft.name]["adopted"] is None
    assert records[adopted.name]["adopted"] == "2012-10-05"
    assert records[adopted.name]["days_to_adoption"] == 65


def test_no_report_date_leaves_the_target_unknown(caac: Run, tmp_path: Path) -> None:
    (record,) = status(caac, str(write(tmp_path, "a.yaml")))
    assert record["target"]["status"] == "unknown" and record["target"]["within"] is None
    assert record["target"]["deadline"] is None


def test_previous_lists_the_conclusions_a_case_recalls(caac: Run, tmp_path: Path) -> None:
    case = write(tmp_path, "sudan.yaml", extra="previous: [S/AC.51/2009/5, "
                 "{symbol: S/AC.51/2007/5, annex: true}]\n")
    (record,) = status(caac, str(case), "--previous")
    assert record["previous"] == [{"symbol": "S/AC.51/2009/5", "annex": False},
                                  {"symbol": "S/AC.51/2007/5", "annex": True}]
    table = plain(caac("status", str(case), "--previous").stdout)
    assert "S/AC.51/2009/5, S/AC.51/2007/5 (annex)" in " ".join(table.split())


def test_invalid_cases_are_reported_all_at_once(caac: Run, tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", ", issued: 2024-02-30")
    write(tmp_path, "b.yaml", ", introduced: soon")
    result = caac("status", str(tmp_path))
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 2 and all(line.startswith("caac: error: ") for line in errors)
    assert str(tmp_path / "a.yaml") + ":2:" in errors[0]
    assert str(tmp_path / "b.yaml") + ":2:" in errors[1]


def test_the_build_manifest_records_the_clock(caac: Run, tmp_path: Path) -> None:
    case = write(tmp_path, "sudan.yaml", ", issued: 2012-07-05",
                 "adopted: {number: 35, date: 2012-10-05}\n")
    result = caac("build", str(case), "--out", str(tmp_path / "out"), "--format", "md",
                  env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    (record,) = manifest["clock"].values()
    assert record["as_of"] == "2023-11-14"
    assert record["days_to_adoption"] == 92
    assert record["target"]["status"] == "missed"


def test_the_readme_shows_the_json_as_it_is(caac: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### The clock against the two-month target"):]
    documented = json.loads(section[section.index("```json") + 7:section.index("\n```\n")])
    assert documented == status(caac, "examples/mali-2018.yaml", "--as-of", "2018-06-01")


def test_a_case_that_names_no_report_yet(caac: Run, tmp_path: Path) -> None:
    case = tmp_path / "new.yaml"
    case.write_text(CASE.format(report="", extra="").replace("report: {symbol: S/2011/413}\n", "")
                    .replace("situation: the Sudan\n", ""), encoding="utf-8")
    (record,) = status(caac, str(case))
    assert (record["situation"], record["report"], record["target"]["status"]) == (
        None, None, "unknown")
    assert caac("status", str(case)).exit_code == 0
    assert caac("status", str(case), "--previous").exit_code == 0
