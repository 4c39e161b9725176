"""Case files: validation with every problem at its place, the JSON Schema, `caac init`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import CASE
from typer.testing import CliRunner, Result

from caac_toolkit.cli import app, cases

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def caac(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> Result:
    result = CliRunner().invoke(app, list(args), env=env, input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output + result.stderr
    return result


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("caac: error: ")]


def write(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_case_and_the_toolkit_validate_together(tmp_path: Path) -> None:
    case = write(tmp_path, CASE)
    result = caac("validate", str(case), str(ROOT / "data" / "toolkit.yaml"))
    assert result.exit_code == 0, result.stderr
    assert f"ok: {case} (case, 1 actions)" in result.stdout
    assert "(toolkit, 26 options)" in result.stdout


def test_a_misspelt_option_is_named_at_its_line_and_column_with_the_closest_id(
    tmp_path: Path,
) -> None:
    case = write(tmp_path, CASE.replace("demarches.letters-to-parties",
                                        "demarches.leters-to-parties"))
    result = caac("validate", str(case))
    assert result.exit_code == 1
    assert errors(result) == [
        f"caac: error: {case}:7:13: unknown option 'demarches.leters-to-parties' "
        "(did you mean 'demarches.letters-to-parties'?)"
    ]


def test_every_problem_in_every_file_is_reported_not_only_the_first(tmp_path: Path) -> None:
    broken = write(tmp_path, """\
situation: the Sudan
report: S/2011/413
symbol: S/AC.51/2012
meeting: {number: 0, date: 2012-10-05}
dat: 2012-10-11
chair: {name: Peter Wittig}
actions:
  - option: demarches.letters-to-parties
    to: partys
  - option: assistance.letters-to-donors
    to: secretary-general
    sender: king
    points: [Welcoming, 3]
""")
    other = write(tmp_path, CASE.replace("to: parties", "to: sanction-comittee"), "other.yaml")
    result = caac("validate", str(broken), str(other))
    assert result.exit_code == 1
    assert errors(result) == [f"caac: error: {line}" for line in (
        f"{broken}:3:9: expected text like S/AC.51/2012/1",
        f"{broken}:4:19: expected `int` >= 1",
        f"{broken}:5:1: unknown key 'dat' (did you mean 'date'?)",
        f"{broken}:9:9: unknown target 'partys' (did you mean 'parties'?)",
        f"{broken}:12:13: invalid enum value 'king' (choose one of: chair, president)",
        f"{broken}:13:25: expected `str`, got `int`",
        f"{other}:8:9: unknown target 'sanction-comittee' (did you mean 'sanctions-committee'?)",
    )]


def test_missing_keys_wrong_types_and_aliases(tmp_path: Path) -> None:
    case = write(tmp_path, "situation: the Sudan\nmeeting: {number: 34, date: 5 October}\n"
                 "actions:\n  - {option: other-measures.sanctions-committees, "
                 "to: Sanctions-Committees}\n")
    result = caac("validate", str(case))
    assert result.exit_code == 1
    assert f"{case}:2:29: invalid RFC3339 encoded date (write it as YYYY-MM-DD)" in result.stderr
    assert "missing key 'chair'" not in result.stderr  # a case without one drafts a placeholder
    assert "Sanctions-Committees" not in result.stderr  # an alias, in any case, is a target


@pytest.mark.parametrize("text, message", [
    ("options: [1]\n", "Expected `object`, got `int`"),
    ("- a list\n", "neither a case file"),
    ("situation: [unclosed\n", "invalid YAML"),
])
def test_files_that_are_no_case_get_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    result = caac("validate", str(write(tmp_path, text)))
    assert result.exit_code == 1
    assert message in result.stderr


def test_a_missing_file_is_a_usage_error_reported_with_the_others(tmp_path: Path) -> None:
    broken = write(tmp_path, CASE.replace("to: parties", "to: partys"))
    result = caac("validate", str(tmp_path / "nope.yaml"), str(broken))
    assert result.exit_code == 2
    assert len(errors(result)) == 2


# The JSON Schema --------------------------------------------------------------------------------

def _as_editors_see_it(path: Path) -> object:
    """YAML dates are strings to a JSON Schema validator, as they are to yaml-language-server."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def test_the_schema_is_valid_draft_2020_12_and_accepts_every_example() -> None:
    result = caac("schema", "case")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert len(examples) >= 3
    for example in examples:
        assert list(validator.iter_errors(_as_editors_see_it(example))) == [], example
    assert json.loads((EXAMPLES / "case.schema.json").read_text()) == schema, (
        "examples/case.schema.json is stale: caac schema case > examples/case.schema.json")


def test_the_schema_rejects_a_broken_case(tmp_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(caac("schema", "case").stdout))
    broken = _as_editors_see_it(write(tmp_path, CASE.replace("demarches.letters-to-parties",
                                                             "demarches.leters") + "extra: 1\n"))
    messages = [error.message for error in validator.iter_errors(broken)]
    assert any("'extra' was unexpected" in m for m in messages)
    assert any(m.startswith("'demarches.leters' is not one of") for m in messages)


# caac init --------------------------------------------------------------------------------------

def test_init_in_a_script_never_asks_and_writes_a_case_that_validates(tmp_path: Path) -> None:
    path = tmp_path / "mali.yaml"
    # The Mali meeting of SC/11518 (48th, 7 July 2014); Luxembourg chaired the Working Group.
    result = caac("init", str(path), "--situation", "au Mali", "--lang", "fr",
                  "--meeting", "48", "--meeting-date", "2014-07-07", "--chair", "Sylvie Lucas",
                  env={"SOURCE_DATE_EPOCH": "1403222400"})
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# A case file")
    assert "# yaml-language-server: $schema=case.schema.json" in text
    assert 'situation: "au Mali"' in text
    assert "meeting: {number: 48, date: 2014-07-07}" in text
    assert "\ndate:" not in text  # the documents' date was not given: not even the epoch's
    assert caac("validate", str(path)).exit_code == 0


def test_init_writes_no_fact_it_was_not_given(tmp_path: Path) -> None:
    path = tmp_path / "somalia.yaml"
    assert caac("init", str(path), "--situation", "Somalia").exit_code == 0
    text = path.read_text(encoding="utf-8")
    facts = [line for line in text.splitlines() if line and not line.lstrip().startswith("#")]
    assert facts == ['situation: "Somalia"  # as it reads after "in": "the Sudan"; in French with '
                     'its preposition: "au Soudan"', "language: en  # a code of the table of "
                     "languages: en, fr, es, ru, ar, zh", "parties: []  # named in the public statement as "
                     "they read in running text: {name: …, acronym: …}", "previous: []  # earlier "
                     "conclusions on the situation: [S/AC.51/YYYY/N]", "actions:  # one entry per "
                     "option and addressee; see `caac list` and `caac targets`",
                     "  - option: demarches.letters-to-parties",
                     "    to: parties  # to the parties from the Chair: the public statement",
                     "    points: []  # the situation's own lettered points, each opening with a "
                     "participle"]
    assert caac("validate", str(path)).exit_code == 0
    build = caac("build", str(path), "--out", str(tmp_path / "out"), "--strict", "-f", "text")
    assert build.exit_code == 1
    for gap in ("report", "meeting", "date", "point"):
        assert f"missing {gap}" in build.stderr


def test_init_with_ci_set_does_not_prompt_even_with_input_waiting(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    result = caac("init", str(path), env={"CI": "true"}, stdin="the Congo\n")
    assert result.exit_code == 0
    assert "the Congo" not in path.read_text(encoding="utf-8")
    assert caac("validate", str(path)).exit_code == 0


def test_init_on_a_terminal_asks_for_what_the_flags_do_not_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cases, "interactive", lambda stream=None: True)
    path = tmp_path / "case.yaml"
    answers = "au Tchad\nS/2011/64\n30\n2011-05-02\nfr\n"  # SC/10260
    result = caac("init", str(path), "--chair", "Peter Wittig", stdin=answers)
    assert result.exit_code == 0, result.stderr
    assert "Situation, as it reads after 'in' (blank to fill in later):" in result.stdout
    assert "Chair of the Working Group" not in result.stdout
    text = path.read_text(encoding="utf-8")
    assert 'situation: "au Tchad"' in text and "language: fr" in text
    assert "meeting: {number: 30, date: 2011-05-02}" in text
    assert 'chair: {name: "Peter Wittig"}' in text


def test_init_keeps_an_existing_file(tmp_path: Path) -> None:
    path = write(tmp_path, "mine\n")
    result = caac("init", str(path))
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert path.read_text() == "mine\n"
    assert caac("init", str(path), "--force").exit_code == 0


def test_init_rejects_a_bad_language_or_date(tmp_path: Path) -> None:
    assert caac("init", str(tmp_path / "a.yaml"), "--lang", "de").exit_code == 2
    result = caac("init", str(tmp_path / "b.yaml"), "--meeting-date", "5 October")
    assert result.exit_code == 2
    assert re.search(r"Invalid value for '--meeting-date'", result.stderr)
