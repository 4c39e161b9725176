"""Property-based tests: whatever a case file holds, loading, validating and building it ends in a
clear answer (exit 0, 1 or 2), never an uncaught exception; and any printable text a case gives
is printed as given."""

from __future__ import annotations

import contextlib
import copy
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from caac_toolkit import case as case_module
from caac_toolkit import toolkit as toolkit_module
from caac_toolkit.cli import app
from caac_toolkit.errors import CaacError
from caac_toolkit.textfile import UNPRINTABLE

TOOLKIT = toolkit_module.load()
VALID: dict[str, Any] = {
    "situation": "the Sudan",
    "report": "S/2011/413",
    "meeting": {"number": 34, "date": "2012-10-05"},
    "date": "2012-10-11",
    "chair": {"name": "Peter Wittig"},
    "parties": [{"name": "Justice and Equality Movement", "acronym": "JEM"}],
    "actions": [
        {"option": "demarches.letters-to-parties", "to": "parties",
         "points": ["Calling upon all parties to end violations"]},
        {"option": "demarches.justice-and-reconciliation", "to": "affected-state",
         "addressee": "the Government of the Sudan", "sender": "chair",
         "points": ["Urging the Government to end impunity"]},
    ],
}
QUICK = settings(max_examples=40, deadline=None)

scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
           | st.dates().map(str) | st.sampled_from(["parties", "donors", "chair", "president",
                                                     "demarches.letters-to-parties", "en", "fr"]))
structures = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from([*VALID, "option", "to", "points", "name", "number", "x"]) | st.text(),
        inner, max_size=5),
    max_leaves=20,
)


def replace_at(data: Any, path: list[int], value: Any) -> Any:
    """`data` with the value that `path` leads to (each step an index into a mapping's keys or a
    list) replaced by `value`."""
    if not path or not isinstance(data, dict | list) or not data:
        return value
    changed = copy.copy(data)
    key = list(data)[path[0] % len(data)] if isinstance(data, dict) else path[0] % len(data)
    changed[key] = replace_at(data[key], path[1:], value)
    return changed


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.stderr
    return result


def check_case_file(text: str | bytes) -> None:
    """Load, validate and build one case file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.yaml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        with contextlib.suppress(CaacError):  # the loader raises only errors it explains
            case_module.load(path, TOOLKIT)
        run("validate", str(path))
        built = run("build", str(path), "--out", str(Path(folder) / "out"), "-f", "text",
                    "-f", "md", "-f", "html")
        if built.exit_code:
            assert not (Path(folder) / "out").exists()  # an invalid case writes nothing


@QUICK
@given(structures)
def test_any_yaml_structure_gets_a_clear_answer(data: Any) -> None:
    check_case_file(yaml.safe_dump(data, allow_unicode=True))


@QUICK
@given(st.lists(st.integers(min_value=0), max_size=5), structures)
def test_a_valid_case_with_any_part_replaced_gets_a_clear_answer(path: list[int], value: Any) -> None:
    check_case_file(yaml.safe_dump(replace_at(VALID, path, value), allow_unicode=True))


@QUICK
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_any_bytes_or_text_get_a_clear_answer(content: bytes | str) -> None:
    check_case_file(content)


printable = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=60).filter(
    lambda text: text.strip() and not UNPRINTABLE.search(text))


@settings(max_examples=25, deadline=None)
@given(printable, printable, printable)
def test_printable_text_builds_in_every_format_and_reads_as_given(
    situation: str, point: str, name: str
) -> None:
    case = copy.deepcopy(VALID)
    case["situation"], case["chair"]["name"] = situation, name
    case["actions"][0]["points"] = [point]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.yaml"
        path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
        out = Path(folder) / "out" / "case"
        result = run("build", str(path), "--out", str(out.parent))
        assert result.exit_code == 0, result.stderr
        statement = words((out / "statement.txt").read_text(encoding="utf-8"))
        assert words(situation) in statement
        assert words(point.rstrip(" ;.,:")) in statement  # lettered points end in ; or .
        assert words(name) in words((out / "letter-government-of-the-sudan.txt").read_text())


def words(text: str) -> str:
    """Text with its white space as writers wrap and join it."""
    return " ".join(text.split())
