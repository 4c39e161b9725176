"""Situations as data: any case in any of the six languages, and the case's own texts per
language."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import CASE, ROOT, Run

MALI = ROOT / "examples" / "mali-2018.yaml"
# Mali named in each language's own forms (data/situations.yaml cites each).
FORMS = {"fr": ("au Mali", "du Mali"), "es": ("Malí",), "ru": ("в Мали", "Мали"),
         "ar": ("مالي",), "zh": ("马里",)}
PLACEHOLDER = re.compile(r"\\\[([^\]]*?)\\\]")  # a bracketed text in Markdown: \[…\]


def placeholders(markdown: str) -> set[str]:
    """The bracketed texts of a draft that are neither the case's own text awaiting its
    translation ([en: …]) nor an official name kept bracketed for want of a source."""
    return {p for p in PLACEHOLDER.findall(markdown) if not p.startswith("en:")}


def labels_placeholders(lang: str) -> dict[str, str]:
    import yaml

    data = yaml.safe_load((ROOT / "templates" / lang / "labels.yaml").read_text(encoding="utf-8"))
    return {key: value.strip("[]") for key, value in data["placeholders"].items()}


@pytest.mark.parametrize("lang", sorted(FORMS))
def test_an_english_case_drafts_in_each_language(caac: Run, lang: str) -> None:
    english = caac("draft", "conclusions", str(MALI), "-f", "md")
    drafted = caac("draft", "conclusions", str(MALI), "--lang", lang, "-f", "md")
    assert drafted.exit_code == 0, drafted.stderr
    for form in FORMS[lang]:
        assert form in drafted.stdout
    # No gap the English draft does not have: the same placeholders, in the language's words.
    own, theirs = labels_placeholders("en"), labels_placeholders(lang)
    gaps = {name for name, text in own.items() if text in placeholders(english.stdout)}
    assert {name for name, text in theirs.items() if text in placeholders(drafted.stdout)} == gaps
    # The case's own texts, which it gives only in English, are marked for the translator.
    assert re.search(r"\[en[\s\u00a0\u202f]*: Permanent Representative\\\]",
                     drafted.stdout.replace("\\[", "["))
    assert "have no" in drafted.stderr and "version" in drafted.stderr
    assert caac("draft", "conclusions", str(MALI), "--lang", lang, "--strict").exit_code == 1


def test_a_text_given_per_language_is_printed_in_each(caac: Run, tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(CASE.replace(
        "points: [Calling upon all parties to end violations]",
        "points:\n      - {en: Calling upon all parties to end violations,"
        " fr: Demandant à toutes les parties de mettre fin aux violations}"),
        encoding="utf-8")
    english = caac("draft", "conclusions", str(case), "-f", "md")
    french = caac("draft", "conclusions", str(case), "--lang", "fr", "-f", "md")
    assert "Calling upon all parties to end violations." in english.stdout
    assert "Demandant à toutes les parties de mettre fin aux violations." in french.stdout
    assert "Calling upon" not in french.stdout
    assert "au Soudan" in french.stdout  # the situation in its French form
    schema = json.loads(caac("schema", "case").stdout)
    points = schema["$defs"]["Action"]["properties"]["points"]["items"]["anyOf"]
    assert {branch["type"] for branch in points} == {"string", "object"}


def test_a_text_without_its_own_language_is_named(caac: Run, tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(CASE.replace("points: [Calling upon all parties to end violations]",
                                 "points:\n      - {fr: Demandant}"), encoding="utf-8")
    result = caac("validate", str(case))
    assert result.exit_code == 1
    assert re.search(r"case\.yaml:10:\d+: this text has no version in the case's language 'en'",
                     result.stderr)


def test_a_situation_the_table_lacks_takes_the_forms_the_case_gives(
        caac: Run, tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(CASE.replace("situation: the Sudan", "situation: Freedonia"),
                    encoding="utf-8")
    bare = caac("draft", "conclusions", str(case), "--lang", "fr", "-f", "md")
    assert bare.exit_code == 0
    assert "situation 'Freedonia' has no 'in' form in French" in bare.stderr
    assert "English" not in bare.stderr  # English needs only the name, which the case gives
    case.write_text(case.read_text(encoding="utf-8") + "situation_forms:\n  fr: {name: la "
                    "Freedonie, in: en Freedonie, of: de la Freedonie}\n", encoding="utf-8")
    given = caac("draft", "conclusions", str(case), "--lang", "fr", "-f", "md")
    assert "en Freedonie" in given.stdout and "has no" not in given.stderr.split("texts")[0]


def test_build_writes_each_case_in_each_language(caac: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = caac("build", str(MALI), "--out", str(out), "-f", "md", "--lang", "all")
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (out / "mali-2018").iterdir())
    assert names == sorted(f"{kind}{'' if lang == 'en' else '.' + lang}.md"
                           for kind in ("conclusions", "statement")
                           for lang in ("en", "fr", "es", "ru", "ar", "zh"))
    assert "au Mali" in (out / "mali-2018" / "conclusions.fr.md").read_text(encoding="utf-8")
    french_only = caac("build", str(MALI), "--out", str(tmp_path / "fr"), "-f", "md", "-l", "fr")
    assert french_only.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "fr" / "mali-2018").iterdir()) == [
        "conclusions.fr.md", "statement.fr.md"]


def test_a_folder_built_before_languages_is_understood(caac: Run, tmp_path: Path) -> None:
    """A manifest written by caac 0.1, before documents had languages in their names: a plain
    build replaces its outputs as caac's own (no --force), which it would refuse for files it
    did not know it wrote."""
    out = tmp_path / "built"
    shutil.copytree(ROOT / "tests" / "fixtures" / "built-by-0.1", out)
    shutil.copy(MALI, tmp_path / "mali-2018.yaml")
    result = caac("build", str(tmp_path / "mali-2018.yaml"), "--out", str(out), "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert "edited" not in result.stderr
