"""`caac build`: reproducible outputs, a manifest, --check for CI, and no hand edit lost."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import caac_toolkit
from caac_toolkit.cli import app
from caac_toolkit.files import LOCK

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SUDAN = EXAMPLES / "sudan-2012.yaml"
# The Chad case of 2011: the report and meeting of SC/10260 (press.un.org/en/2011/sc10260.doc.htm).
CASE = """\
situation: Chad
report: S/2011/64
meeting: {number: 30, date: 2011-05-02}
date: 2011-07-01
chair: {name: Peter Wittig}
actions:
  - option: demarches.letters-to-parties
    to: parties
    points: [Calling upon all parties to end the recruitment of children]
  - option: enhanced-monitoring.clarification-from-affected-state
    to: affected-state
    addressee: the Government of Chad
"""


def caac(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(app, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output + result.stderr
    return result


def build(*args: str, env: dict[str, str] | None = None) -> Result:
    return caac("build", *args, env=env)


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` and its sha256, but the lock file builds leave."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != LOCK}


@pytest.fixture
def built(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    result = build(str(EXAMPLES), "--out", str(out), "-f", "text", "-f", "md")
    assert result.exit_code == 0, result.stderr
    return out


def test_building_twice_gives_identical_trees_and_an_up_to_date_check(
    built: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    assert build(str(EXAMPLES), "--out", str(again), "-f", "text", "-f", "md",
                 "--jobs", "2").exit_code == 0
    assert tree(built) == tree(again)
    assert len(tree(built)) == 1 + 2 * (3 + 5 + 2 + 5)  # the manifest; two formats of 15 documents
    assert {"sudan-2012/letter-government-of-the-sudan.md", "drc-2018-fr/statement.txt",
            "colombia-2012/conclusions.md"} <= set(tree(built))
    check = build(str(EXAMPLES), "--out", str(built), "-f", "text", "-f", "md", "--check")
    assert check.exit_code == 0, check.stdout + check.stderr
    assert check.stdout == ""


def test_the_manifest_records_inputs_outputs_and_versions(built: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text())
    assert manifest["caac"] == caac_toolkit.__version__
    assert manifest["formats"] == ["text", "md"]
    assert manifest["toolkit"]["symbol"] == "S/AC.51/2007/2"
    bundled = (ROOT / "data" / "toolkit.yaml").read_bytes()
    assert manifest["toolkit"]["sha256"] == {"bundled": hashlib.sha256(bundled).hexdigest()}
    inputs = {Path(path).name: digest for path, digest in manifest["inputs"].items()}
    assert inputs["sudan-2012.yaml"] == hashlib.sha256(SUDAN.read_bytes()).hexdigest()
    files = tree(built)
    assert manifest["outputs"] == {k: v for k, v in files.items() if k != "manifest.json"}
    text = (built / "manifest.json").read_text()
    assert str(built) not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d", text)  # no timestamps


def test_a_hand_edit_stops_the_build_and_survives_until_force(built: Path) -> None:
    edited = built / "sudan-2012" / "letter-secretary-general.md"
    edited.write_text(edited.read_text() + "\nA paragraph added by hand.\n")
    before = tree(built)
    result = build(str(EXAMPLES), "--out", str(built), "-f", "text")  # would also remove .md files
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"caac: error: {edited}: edited since it was built, so left as it is "
        "(rename it to keep it, or use --force to rebuild it and keep it in .caac-orphans)")
    assert tree(built) == before  # nothing written, nothing removed
    check = build(str(EXAMPLES), "--out", str(built), "-f", "text", "-f", "md", "--check")
    assert check.exit_code == 1
    assert check.stdout == f"update\t{edited}\tedited by hand since it was built\n"
    forced = build(str(EXAMPLES), "--out", str(built), "-f", "text", "-f", "md", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "added by hand" not in edited.read_text()
    assert "added by hand" in (built / ".caac-orphans" / "sudan-2012" / edited.name).read_text()


def test_a_file_caac_did_not_write_is_kept(built: Path) -> None:
    (built / "manifest.json").unlink()
    stranger = built / "sudan-2012" / "statement.txt"
    stranger.write_text("someone else's file\n")
    result = build(str(SUDAN), "--out", str(built), "-f", "text", "-f", "md")
    assert result.exit_code == 1
    assert f"{stranger}: not built by caac" in result.stderr
    assert "sudan-2012/conclusions.md" not in result.stderr  # identical files are no loss
    assert stranger.read_text() == "someone else's file\n"


def test_outputs_no_longer_built_are_removed_and_check_lists_them(tmp_path: Path) -> None:
    case = tmp_path / "chad.yaml"
    case.write_text(CASE)
    out = tmp_path / "out"
    assert build(str(case), "--out", str(out), "-f", "text").exit_code == 0
    assert (out / "chad" / "letter-government-of-chad.txt").is_file()
    case.write_text(CASE.split("  - option: enhanced")[0])
    check = build(str(case), "--out", str(out), "-f", "text", "--check")
    assert check.exit_code == 1
    assert check.stdout.splitlines() == [
        f"update\t{out / 'chad' / 'conclusions.txt'}\t{case} changed",
        f"remove\t{out / 'chad' / 'letter-government-of-chad.txt'}\tthe case no longer gives "
        "this document",
        f"update\t{out / 'manifest.json'}\tit records what this build made",
    ]
    assert "3 file(s) in" in check.stderr
    assert build(str(case), "--out", str(out), "-f", "text").exit_code == 0
    assert sorted(tree(out)) == ["chad/conclusions.txt", "chad/statement.txt", "manifest.json"]


def test_file_names_come_from_the_addressee_and_stay_apart(tmp_path: Path) -> None:
    case = tmp_path / "Tchad (2011).yaml"
    case.write_text(CASE.replace("situation: Chad", "situation: au Tchad\nlanguage: fr")
                    + "  - option: enhanced-monitoring.field-trips\n    to: affected-state\n"
                    "    addressee: the Government of Chad\n    sender: president\n"
                    "  - option: assistance.humanitarian-coordination\n    to: un-entity\n"
                    "  - option: improvement-of-mandates.children-in-ddr\n    to: affected-state\n")
    out = tmp_path / "out"
    result = build(str(case), "--out", str(out), "-f", "text")
    assert result.exit_code == 0, result.stderr
    assert sorted(tree(out / "tchad-2011")) == [
        "conclusions.txt", "letter-entites-des-nations-unies-concernees.txt",
        "letter-gouvernement-situation.txt", "letter-government-of-chad-2.txt",
        "letter-government-of-chad.txt", "statement.txt",
    ]


def test_check_on_an_empty_folder_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(str(SUDAN), "--out", str(out), "-f", "md", "--check")
    assert result.exit_code == 1
    assert f"create\t{out / 'sudan-2012' / 'conclusions.md'}" in result.stdout
    assert not out.exists()


def test_word_and_pdf_outputs_are_byte_identical_too(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        result = build(str(SUDAN), "--out", str(out), "-f", "docx", "-f", "pdf")
        assert result.exit_code == 0, result.stderr
    assert tree(first) == tree(second)
    with zipfile.ZipFile(first / "sudan-2012" / "conclusions.docx") as docx:
        body = docx.read("word/document.xml").decode()
    assert "Conclusions on children and armed conflict in the Sudan" in body
    assert (first / "sudan-2012" / "statement.pdf").read_bytes().startswith(b"%PDF")


def test_an_output_folder_reached_through_a_link_outside_is_refused(tmp_path: Path) -> None:
    outside, out = tmp_path / "outside", tmp_path / "out"
    outside.mkdir()
    out.mkdir()
    (out / "sudan-2012").symlink_to(outside)
    result = build(str(SUDAN), "--out", str(out), "-f", "text")
    assert result.exit_code == 1
    assert "leads outside" in result.stderr
    assert list(outside.iterdir()) == []


def test_a_case_without_a_date_takes_source_date_epoch_else_a_placeholder(tmp_path: Path) -> None:
    case = tmp_path / "chad.yaml"
    case.write_text(CASE.replace("date: 2011-07-01\n", ""))
    out = tmp_path / "out"
    result = build(str(case), "--out", str(out), "-f", "text")
    assert result.exit_code == 0, result.stderr
    assert f"caac: warning: {case}: missing date: the draft shows [date]" in result.stderr
    letter = (out / "chad" / "letter-government-of-chad.txt").read_text()
    assert letter.startswith("Letter dated [date] from the Chair")  # never the clock's date
    assert build(str(case), "--out", str(tmp_path / "strict"), "--strict").exit_code == 1
    dated = build(str(case), "--out", str(out), "-f", "text", "--force",
                  env={"SOURCE_DATE_EPOCH": "1309478400"})
    assert dated.exit_code == 0, dated.stderr
    letter = (out / "chad" / "letter-government-of-chad.txt").read_text()
    assert letter.startswith("Letter dated 1 July 2011 from the Chair")


def test_invalid_cases_are_all_reported_and_nothing_is_built(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(CASE.replace("to: parties", "to: partys"))
    (tmp_path / "b.yaml").write_text(CASE.replace("situation: Chad", "situaton: Chad"))
    result = build(str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"{tmp_path / 'a.yaml'}:8:9: unknown target 'partys'" in result.stderr
    assert f"{tmp_path / 'b.yaml'}:1:1: unknown key 'situaton'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_two_cases_with_one_name_are_refused(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "Chad.yaml").write_text(CASE)
    result = build(str(tmp_path / "x"), str(tmp_path / "y"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "builds into the same folder 'chad'" in result.stderr


def test_strict_fails_on_missing_facts_and_writes_nothing(tmp_path: Path) -> None:
    case = tmp_path / "chad.yaml"
    case.write_text(CASE + "    sender: president\n")  # and no president to sign
    out = tmp_path / "out"
    warned = build(str(case), "--out", str(out), "-f", "text")
    assert warned.exit_code == 0
    assert (f"caac: warning: {case}: missing signatory: the draft shows [signatory]"
            in warned.stderr)
    strict = build(str(case), "--out", str(tmp_path / "strict"), "-f", "text", "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[1:] == [
        # Who spoke for Chad is not given either: no default speaker.
        f"caac: error: {case}: missing representative: the draft shows [representative]",
        f"caac: error: {case}: missing signatory: the draft shows [signatory]",
        "caac: error: --strict: drafts have missing facts; nothing was written "
        "(give them, or drop --strict)",
    ]
    assert not (tmp_path / "strict").exists()


def test_a_damaged_manifest_is_reported(built: Path) -> None:
    (built / "manifest.json").write_text("{not json")
    result = build(str(EXAMPLES), "--out", str(built), "-f", "text", "-f", "md")
    assert result.exit_code == 1
    assert "is not a caac manifest (remove it, or use --force)" in result.stderr
    assert build(str(EXAMPLES), "--out", str(built), "-f", "text", "-f", "md",
                 "--force").exit_code == 0


def test_the_installed_caac_builds_the_examples_with_plain_progress_lines(tmp_path: Path) -> None:
    program = Path(sys.executable).parent / "caac"
    env = {**os.environ, "CI": "true"}
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        [str(program), "build", "examples", "--out", str(tmp_path), "-f", "md", "--jobs", "2"],
        cwd=ROOT, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert {line.split()[2] for line in lines[:4]} == {"colombia-2012", "drc-2018-fr",
                                                       "mali-2018", "sudan-2012"}
    assert [line.split()[-1] for line in lines[:4]] == ["(1/4)", "(2/4)", "(3/4)", "(4/4)"]
    assert lines[-1] == f"caac: {tmp_path}: 16 written, 0 removed, 0 unchanged"
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    examples = Path(os.path.relpath(ROOT / "examples", tmp_path)).as_posix()
    assert sorted(manifest["inputs"]) == [f"{examples}/{name}.yaml" for name in (
        "colombia-2012", "drc-2018-fr", "mali-2018", "sudan-2012")]  # from the manifest's folder
