"""Inputs at the edges that once gave wrong output or none: dates from an empty SOURCE_DATE_EPOCH,
YAML 1.1 numbers, a hundred paragraphs in Markdown, stdout that cannot write UTF-8, newlines in
flags, and an empty folder of cases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CASE, Run

from caac_toolkit.document import Document, Paragraph, Part, Point
from caac_toolkit.writers import render

CAAC = Path(sys.executable).parent / "caac"


@pytest.mark.parametrize("epoch", ["", " ", "1_000", "+5", "١٢"], ids=repr)
def test_an_empty_or_invalid_source_date_epoch_is_an_error_not_today(
    caac: Run, tmp_path: Path, epoch: str
) -> None:
    (tmp_path / "case.yaml").write_text(CASE.replace("date: 2012-10-11\n", ""), encoding="utf-8")
    result = caac("build", str(tmp_path / "case.yaml"), "--out", str(tmp_path / "out"),
                  "-f", "text", env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 2
    assert result.stderr == (f"caac: error: SOURCE_DATE_EPOCH is not a number of seconds: "
                             f"{epoch!r} (unset it or give an integer)\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("number", ["1:30", "0x1F", "1_000", "0o17", "+0b1"])
def test_integers_are_plain_digits_not_yaml_1_1_numbers(
    caac: Run, tmp_path: Path, number: str
) -> None:
    (tmp_path / "case.yaml").write_text(CASE.replace("number: 34", f"number: {number}"))
    result = caac("validate", str(tmp_path / "case.yaml"))
    assert result.exit_code == 1
    assert "case.yaml:3:19: expected `bool | int | null`, got `str`" in result.stderr


def test_an_integer_with_a_leading_zero_is_decimal(caac: Run, tmp_path: Path) -> None:
    (tmp_path / "case.yaml").write_text(CASE.replace("number: 34", "number: 017"))
    out = tmp_path / "out"
    result = caac("build", str(tmp_path / "case.yaml"), "--out", str(out), "-f", "text")
    assert result.exit_code == 0, result.stderr
    assert "17th meeting" in " ".join((out / "case" / "conclusions.txt").read_text().split())


def test_lettered_points_after_paragraph_100_stay_points_in_markdown() -> None:
    from markdown_it import MarkdownIt

    blocks = []
    for number in range(1, 1002):
        blocks += [Paragraph(f"Paragraph {number}", number), Point("a", f"Point of {number}", True)]
    document = Document("conclusions", "en", "t", (Part(None, tuple(blocks)),))
    tokens = MarkdownIt().parse(render(document, "md").decode())
    assert not [t for t in tokens if t.type in ("code_block", "fence")]
    points = [t.content for t in tokens if t.type == "inline" and t.content.startswith("(a)")]
    assert len(points) == 1001
    # Each point continues its numbered paragraph's list item.
    assert max(t.level for t in tokens if t.type == "inline") == 3


def test_an_empty_folder_of_cases_is_an_error_and_the_last_build_stays(
    caac: Run, tmp_path: Path
) -> None:
    cases, out = tmp_path / "cases", tmp_path / "out"
    cases.mkdir()
    (cases / "case.yaml").write_text(CASE, encoding="utf-8")
    assert caac("build", str(cases), "--out", str(out), "-f", "text").exit_code == 0
    built = sorted(out.rglob("*"))
    (cases / "case.yaml").unlink()
    (cases / "sub").mkdir()
    (cases / "sub" / "case.yaml").write_text(CASE, encoding="utf-8")
    result = caac("build", str(cases), "--out", str(out), "-f", "text")
    assert result.exit_code == 2
    assert result.stderr == (f"caac: error: no case files in {cases} (give case files, or "
                             "folders holding *.yaml or *.yml files)\n")
    assert sorted(out.rglob("*")) == built


def test_case_file_suffixes_match_in_any_case(caac: Run, tmp_path: Path) -> None:
    cases, out = tmp_path / "cases", tmp_path / "out"
    cases.mkdir()
    (cases / "sudan.YAML").write_text(CASE, encoding="utf-8")
    (cases / "chad.Yml").write_text(CASE.replace("the Sudan", "Chad"), encoding="utf-8")
    result = caac("build", str(cases), "--out", str(out), "-f", "text")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["chad", "sudan"]


@pytest.mark.parametrize("command", [["list", "--format", "json"], ["show", "demarches.letters-to-parties"],
                                     ["categories"]], ids=" ".join)
@pytest.mark.parametrize("locale", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C"}],
                         ids=lambda env: " ".join(env))
def test_output_is_utf_8_whatever_the_locale(command: list[str], locale: dict[str, str]) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIO"))}
    result = subprocess.run([str(CAAC), *command], env={**env, **locale}, capture_output=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode("utf-8")
    assert "Démarches" in text
    if "json" in command:
        assert json.loads(text)


@pytest.mark.parametrize("flag, value", [
    ("--symbol", "S/AC.51/2007/17\n"), ("--symbol", "S/AC.51/2007/17\n# Heading"),
    ("--symbol", "S/AC.51/2007/17 x"), ("--job-number", "07-43210\n"),
    ("--job-number", "07-43210\n\n1. Injected"),
])
def test_symbol_and_job_number_flags_are_whole_values_without_newlines(
    caac: Run, flag: str, value: str
) -> None:
    result = caac("draft", "statement", "--situation", "Chad", flag, value, "-f", "md")
    assert result.exit_code == 2
    assert result.stdout == ""
    what = flag[2:].replace("-", " ")
    assert result.stderr.startswith(f"caac: error: {what} {value!r} is not "), result.stderr


@pytest.mark.parametrize("flag, value", [("--symbol", "S/AC.51/2018/1/Rev.1"),
                                         ("--symbol", "S/2011/413"), ("--job-number", "07-43210")])
def test_symbol_and_job_number_flags_take_good_values(caac: Run, flag: str, value: str) -> None:
    result = caac("draft", "statement", "--situation", "Chad", flag, value, "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert value.split("-")[-1] in result.stdout


@pytest.mark.parametrize("key, value", [("symbol", "S/AC.51/2012/1"), ("job_number", "12-54321")])
def test_symbol_and_job_number_in_a_case_refuse_a_trailing_newline(
    caac: Run, tmp_path: Path, key: str, value: str
) -> None:
    (tmp_path / "case.yaml").write_text(CASE + f'{key}: "{value}\\n"\n', encoding="utf-8")
    result = caac("validate", str(tmp_path / "case.yaml"))
    assert result.exit_code == 1
    assert "case.yaml:10:" in result.stderr
