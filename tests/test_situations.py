"""The table of situations (data/situations.yaml): its checks, its one matcher, `caac situations`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, Run, plain

from caac_toolkit import precedents, situations

BUNDLED = ROOT / "data" / "situations.yaml"
# One valid entry; each test below breaks one thing in it.
VALID = """\
schema_version: 1
sources:
- {id: list, url: https://example.org/names, shows: the names}
situations:
- id: sudan
  agenda: report
  forms:
    en:
      name: {text: the Sudan, source: list}
      in: {text: in the Sudan, source: report}
      of: {missing: no source seen}
    fr: {name: {text: le Soudan, source: list}, in: {text: au Soudan, source: report}, of: {missing: none}}
    es: {name: {text: el Sudán, source: list}, in: {missing: none}, of: {missing: none}}
    ru: {name: {text: Судан, source: list}, in: {text: в Судане, source: report}, of: {missing: none}}
    ar: {name: {text: السودان, source: list}, in: {missing: none}, of: {missing: none}}
    zh: {name: {text: 苏丹, source: list}, in: {missing: none}, of: {missing: none}}
  sources:
  - {id: report, url: https://example.org/report, shows: the report's title}
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "situations.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_bundled_table_is_valid_and_every_form_sourced_or_marked_missing(caac: Run) -> None:
    table = situations.load()
    assert len(table.situations) >= 20
    for entry in table.situations:
        assert table.source(entry, entry.agenda) is not None
        assert set(situations.LANGUAGES) <= set(entry.forms)
        for forms in entry.forms.values():
            for which in situations.FORMS:
                form = forms.get(which)
                if form.text is None:
                    assert form.missing, (entry.id, which)
                else:
                    assert form.source is not None
                    found = table.source(entry, form.source)
                    assert found is not None and found.url.startswith(("https://", "http://"))
    result = caac("validate", str(BUNDLED))
    assert result.exit_code == 0, result.stderr
    assert f"situations, {len(table.situations)} entries" in result.stdout


@pytest.mark.parametrize(("name", "expected"), [
    ("Mali", "mali"),
    ("MALI", "mali"),
    ("au Mali", "mali"),
    ("Malí", "mali"),
    ("the Sudan", "sudan"),
    ("Sudan", "sudan"),
    ("  the   SUDAN ", "sudan"),
    ("le Soudan", "sudan"),
    ("au Soudan", "sudan"),
    ("Soudan", "sudan"),
    ("el Sudán", "sudan"),
    ("в Судане", "sudan"),
    ("Судан", "sudan"),
    ("South Sudan", "south-sudan"),
    ("the Democratic Republic of the Congo", "democratic-republic-of-the-congo"),
    ("en République démocratique du Congo", "democratic-republic-of-the-congo"),
    ("Cote d’Ivoire", "cote-d-ivoire"),
    ("the areas affected by the Lord's Resistance Army", "lra-affected-areas"),
])
def test_any_form_in_any_language_finds_its_situation(name: str, expected: str) -> None:
    found = situations.find(name)
    assert found is not None and found.id == expected


@pytest.mark.parametrize("name", ["Sudanese", "Congo-Brazzaville", "in", "the", "Narnia"])
def test_other_names_find_nothing(name: str) -> None:
    assert situations.find(name) is None


def test_the_readme_counts_the_forms_given() -> None:
    table = situations.load()
    total = sum(len(entry.forms) * len(situations.FORMS) for entry in table.situations)
    given = total - sum(len(entry.missing) for entry in table.situations)
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"{given} of the {total} forms are given ({len(table.situations)} situations)" in readme


def test_precedents_match_a_situation_by_any_of_its_forms(caac: Run) -> None:
    assert precedents.same_situation("the Sudan", "au Soudan")
    assert precedents.same_situation("в Судане", "Sudan")
    assert not precedents.same_situation("the Sudan", "South Sudan")
    # A situation not in the table keeps the old rule: case, accents and "the" aside.
    assert precedents.situation_key("the Republic of Narnia") == "republic of narnia"
    assert precedents.same_situation("the Republic of Narnia", "REPUBLIC OF NÁRNIA")
    english = caac("precedents", "--situation", "the Sudan", "--format", "json")
    french = caac("precedents", "--situation", "au Soudan", "--format", "json")
    assert english.exit_code == french.exit_code == 0, french.stderr
    found = json.loads(french.stdout)
    assert found and found == json.loads(english.stdout)
    assert {entry["situation"] for entry in found} == {"the Sudan"}


def test_a_valid_file_validates(tmp_path: Path, caac: Run) -> None:
    result = caac("validate", str(_write(tmp_path, VALID)))
    assert result.exit_code == 0, result.stderr
    assert "situations, 1 entries" in result.stdout


@pytest.mark.parametrize(("old", "new", "at", "message"), [
    ("of: {missing: no source seen}", "of: {text: of the Sudan}", "of: {text",
     "a form needs its text and its source"),
    ("of: {missing: no source seen}", "of: {text: of the Sudan, source: list, missing: x}",
     "of: {text", "either given or missing"),
    ("in: {text: in the Sudan, source: report}", "in: {text: in the Sudan, source: reprot}",
     "reprot", "unknown source 'reprot'"),
    ("agenda: report", "agenda: nowhere", "agenda:", "unknown source 'nowhere'"),
    ("    zh: {name", "    xx: {name", "  forms:", "no forms in 'zh'"),
    ("url: https://example.org/report", "url: example.org/report", "example.org/report",
     "not the URL of a public copy"),
    ("  agenda: report", "  agenda: report\n  colour: red", "colour", "unknown field `colour`"),
])
def test_a_broken_table_names_file_and_line(tmp_path: Path, caac: Run, old: str, new: str, at: str,
                                           message: str) -> None:
    text = VALID.replace(old, new, 1)
    assert text != VALID
    path = _write(tmp_path, text)
    result = caac("validate", str(path))
    assert result.exit_code == 1, result.stdout
    assert f"caac: error: {path}:{_line(text, at)}:" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_one_name_for_two_situations_is_refused_with_both_places(tmp_path: Path, caac: Run) -> None:
    other = VALID.split("situations:\n", 1)[1].replace("id: sudan", "id: south-sudan", 1)
    text = VALID + other.replace("in the Sudan", "in South Sudan")
    path = _write(tmp_path, text)
    result = caac("validate", str(path))
    assert result.exit_code == 1
    assert f"{path}:{_line(text, 'id: south-sudan')}:" in result.stderr
    assert f"'the Sudan' names 'south-sudan' here and 'sudan' at line {_line(text, 'id: sudan')}" \
        in result.stderr


def test_the_command_lists_every_situation_with_its_names(caac: Run) -> None:
    result = caac("situations")
    assert result.exit_code == 0, result.stderr
    out = plain(result.stdout)
    for entry in situations.load().situations:
        assert entry.id in out
    for name in ("the Sudan", "le Soudan", "el Sudán", "Мали", "مالي", "马里"):
        assert name in out


def test_the_command_shows_one_situation_by_any_form(caac: Run) -> None:
    result = caac("situations", "в Судане")
    assert result.exit_code == 0, result.stderr
    out = plain(result.stdout)
    assert out.splitlines()[0].strip() == "sudan"
    for form in ("the Sudan", "in the Sudan", "au Soudan", "в Судане"):
        assert form in out
    assert "https://" in out


def test_the_command_writes_json(caac: Run) -> None:
    everything = json.loads(caac("situations", "--format", "json").stdout)
    assert [e["id"] for e in everything] == [e.id for e in situations.load().situations]
    mali = json.loads(caac("situations", "au Mali", "-f", "json").stdout)
    assert mali["id"] == "mali"
    assert mali["forms"]["fr"]["in"]["text"] == "au Mali"
    assert mali["forms"]["fr"]["in"]["url"].startswith("https://")
    for forms in mali["forms"].values():
        for form in forms.values():
            assert ("url" in form) != ("missing" in form), form


def test_an_unknown_situation_is_a_usage_error_with_a_suggestion(caac: Run) -> None:
    result = caac("situations", "Sudann")
    assert result.exit_code == 2
    assert "no situation 'Sudann'" in result.stderr
    assert "did you mean" in result.stderr
