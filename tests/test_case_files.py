"""Which files are cases: in a folder, hidden files and YAML files that are not cases are skipped,
by build, validate and status alike, and each command says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CASE, ROOT, Run

WORKFLOW = "name: documents\non: [push]\njobs: {}\n"
HOOKS = "repos:\n  - repo: local\n    hooks: []\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "sudan.yaml").write_text(CASE, encoding="utf-8")
    (cases / ".pre-commit-config.yaml").write_text(HOOKS, encoding="utf-8")
    (cases / "ci.yml").write_text(WORKFLOW, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", [["build", "--out", "OUT", "--format", "md"], ["validate"],
                                     ["status"]])
def test_a_folder_of_cases_skips_what_is_not_a_case(
    caac: Run, project: Path, command: list[str]
) -> None:
    args = [a.replace("OUT", str(project / "out")) for a in command]
    result = caac(args[0], str(project / "cases"), *args[1:])
    assert result.exit_code == 0, result.stderr
    assert f"caac: skipped {project / 'cases' / '.pre-commit-config.yaml'}: a hidden file" \
        in result.stderr
    assert f"caac: skipped {project / 'cases' / 'ci.yml'}: not a case file" in result.stderr
    assert "sudan" in (result.stdout + result.stderr).lower()


def test_a_broken_case_in_a_folder_is_reported_not_skipped(caac: Run, project: Path) -> None:
    (project / "cases" / "mali.yaml").write_text("situation: Mali\nactions: [\n", encoding="utf-8")
    result = caac("validate", str(project / "cases"))
    assert result.exit_code == 1
    assert f"{project / 'cases' / 'mali.yaml'}:" in result.stderr


def test_status_from_the_project_root_reads_its_cases_folder(
    caac: Run, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    result = caac("status", "--format", "json", "--as-of", "2012-12-01")
    assert result.exit_code == 0, result.stderr
    assert [row["case"] for row in json.loads(result.stdout)] == ["cases/sudan.yaml"]


def test_an_adoption_after_the_as_of_date_is_not_yet_one(caac: Run) -> None:
    mali = str(ROOT / "examples" / "mali-2018.yaml")  # report issued 2018-02-21, adopted 2018-05-04
    before = json.loads(caac("status", mali, "--format", "json", "--as-of", "2018-04-01").stdout)
    assert before[0]["adopted"] is None
    assert before[0]["target"]["status"] == "pending"
    late = json.loads(caac("status", mali, "--format", "json", "--as-of", "2018-05-01").stdout)
    assert (late[0]["adopted"], late[0]["target"]["status"]) == (None, "overdue")
    after = json.loads(caac("status", mali, "--format", "json", "--as-of", "2018-06-01").stdout)
    assert (after[0]["adopted"], after[0]["target"]["status"]) == ("2018-05-04", "missed")
    table = caac("status", mali, "--as-of", "2018-04-01").stdout
    assert "missed" not in table and "pending" in table
