"""`caac validate` says what a build would draft: each gap at its file:line, notes apart from gaps,
--strict as on build, and two cases that claim one symbol or job number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CASE, Run

# No date and no meeting: two gaps. An action to a target outside its option's: a note.
GAPPY = """\
situation: the Sudan
report: S/2011/413
chair: {name: Peter Wittig}
actions:
  - option: demarches.letters-to-parties
    to: parties
    points: [Calling upon all parties to end violations]
  - option: assistance.letters-to-donors
    to: secretary-general
    points: [Appealing for support]
"""


@pytest.fixture
def gappy(tmp_path: Path) -> Path:
    path = tmp_path / "sudan.yaml"
    path.write_text(GAPPY, encoding="utf-8")
    return path


def test_validate_reports_each_gap_at_its_line(caac: Run, gappy: Path) -> None:
    result = caac("validate", str(gappy))
    assert result.exit_code == 0, result.stderr  # gaps are warnings until --strict
    assert f"caac: warning: {gappy}:1:1: missing date: the draft shows [date]" in result.stderr
    assert f"caac: warning: {gappy}:1:1: missing meeting: the draft shows [meeting]" \
        in result.stderr
    assert (f"caac: note: {gappy}: action 2: option 'assistance.letters-to-donors' is usually "
            "addressed to donors, not 'secretary-general'") in result.stderr
    strict = caac("validate", str(gappy), "--strict")
    assert strict.exit_code == 1
    errors = [line for line in strict.stderr.splitlines() if line.startswith("caac: error:")]
    assert errors == [f"caac: error: {gappy}:{place}: missing {fact}: the draft shows [{fact}] "
                      "(fill it in, or drop --strict)"
                      for place, fact in [("1:1", "date"),
                                          ("1:1", "representative"),  # no default speaker
                                          ("1:1", "meeting"),
                                          ("2:1", "resolutions"),  # cited by the report's date
                                          ("1:1", "signatory")]]  # the President's letter


def test_strict_fails_on_gaps_and_strict_notes_on_notes_too(caac: Run, tmp_path: Path) -> None:
    noted = tmp_path / "sudan.yaml"
    # A case with no gap: the report's date (S/2011/413 is of 5 July 2011, as cited in
    # shared research from its masthead) and nobody speaking for the country.
    complete = CASE.replace("report: S/2011/413",
                            "report: {symbol: S/2011/413, issued: 2011-07-05}").replace(
        "date: 2012-10-11", "date: 2012-10-11\nrepresentative: false")
    noted.write_text(complete + "  - {option: assistance.letters-to-donors, to: secretary-general, "
                     "sender: chair, points: [Appealing for support]}\n", encoding="utf-8")
    for command in (["validate", str(noted)],
                    ["build", str(noted), "--out", str(tmp_path / "out"), "-f", "md"]):
        assert caac(*command[:1], "--strict", *command[1:]).exit_code == 0, command
        failed = caac(*command, "--strict=notes")
        assert failed.exit_code == 1, command
        assert "usually addressed to donors" in failed.stderr
    assert (tmp_path / "out" / "sudan" / "conclusions.md").is_file()  # built by the first


def test_warnings_are_annotations_with_their_file_and_line(caac: Run, gappy: Path) -> None:
    result = caac("validate", str(gappy), "--output-format", "github")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert f"::warning file={gappy},line=1,col=1::missing date: the draft shows [date]" in lines
    assert any(line.startswith(f"::notice file={gappy}::action 2:") for line in lines)
    report = json.loads(caac("validate", str(gappy), "--output-format", "json").stdout)
    assert {"file": str(gappy), "line": 1, "column": 1, "kind": "gap", "hint": None,
            "message": "missing date: the draft shows [date]"} in report["warnings"]


def test_the_line_of_a_gap_is_where_its_fact_belongs(caac: Run, tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(CASE.replace("    points: [Calling upon all parties to end violations]\n", ""),
                    encoding="utf-8")
    result = caac("validate", str(path))
    assert f"caac: warning: {path}:6:1: missing point: the draft shows [point]" in result.stderr


@pytest.mark.parametrize("key", ["symbol: S/AC.51/2012/1", "job_number: 12-55555"])
def test_two_cases_with_one_symbol_or_job_number_are_noted(
    caac: Run, tmp_path: Path, key: str
) -> None:
    for name in ("sudan", "chad"):
        (tmp_path / f"{name}.yaml").write_text(f"{key}\n{CASE}", encoding="utf-8")
    result = caac("validate", str(tmp_path))
    assert result.exit_code == 0  # two rounds of one negotiation may share them
    name, value = key.split(": ")
    note = (f"{tmp_path / 'sudan.yaml'}:1:1: {name} {value} is also that of "
            f"{tmp_path / 'chad.yaml'}")
    assert f"caac: note: {note}" in result.stderr
    assert caac("validate", str(tmp_path), "--strict=notes").exit_code == 1
    build = caac("build", str(tmp_path), "--out", str(tmp_path / "out"), "--strict=notes")
    assert build.exit_code == 1
    assert f"caac: error: {note}" in build.stderr
    assert not (tmp_path / "out").exists()
    # The same document in another language shares its symbol.
    (tmp_path / "chad.yaml").write_text(f"{key}\nlanguage: fr\n{CASE}", encoding="utf-8")
    assert "is also that of" not in caac("validate", str(tmp_path)).stderr
