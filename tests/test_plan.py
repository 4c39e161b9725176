"""One plan, six phrasebooks: a document's structure is decided once in Python, a language only
words it, and a language in a new script (or a copy of English) needs no Python."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import CASE, ROOT, Run
from jinja2 import Environment, nodes

from caac_toolkit import case as case_module
from caac_toolkit import toolkit as toolkit_module
from caac_toolkit.drafting import Drafter
from caac_toolkit.kinds import COMMON, DOCUMENT_VALUES, KINDS
from caac_toolkit.templating import Templates

STRUCTURE = {"era", "channel", "modern", "headed", "council", "with_letter", "sections"}
PHRASEBOOKS = sorted((ROOT / "templates").glob("*/*.md.j2"))


def names(source: str) -> set[str]:
    """Every variable and attribute a template reads."""
    tree = Environment().parse(source)
    return ({node.name for node in tree.find_all(nodes.Name)}
            | {node.attr for node in tree.find_all(nodes.Getattr)})


@pytest.mark.parametrize("path", PHRASEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_phrase_reads_what_decides_the_structure(path: Path) -> None:
    assert not names(path.read_text(encoding="utf-8")) & STRUCTURE


def test_the_test_sees_a_template_that_branches_on_the_era() -> None:
    assert "era" in names("{% if era.modern %}x{% endif %}") & STRUCTURE


class Recording(Templates):
    """The bundled templates, keeping every phrase they are asked to word."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[str, str, Mapping[str, Any]]] = []  # kind, phrase, values

    def render_phrases(self, phrasebooks: tuple[str, ...],
                       phrases: Sequence[tuple[str, Mapping[str, Any]]],
                       known: Any) -> list[str]:
        kind = phrasebooks[0].split("/")[1].split(".")[0]
        self.asked += [(kind, phrase, values) for phrase, values in phrases]
        return super().render_phrases(phrasebooks, phrases, known)


def keys(value: Any) -> Iterator[str]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key)
            yield from keys(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from keys(item)


@pytest.mark.parametrize("example", sorted((ROOT / "examples").glob("*.yaml")),
                         ids=lambda p: p.stem)
def test_phrases_are_given_only_what_they_print(example: Path) -> None:
    templates = Recording()
    drafter = Drafter(toolkit_module.load(None), templates)
    case = case_module.load(example, drafter.toolkit)
    documents = drafter.case_documents(case)
    assert len(documents) >= 2 and templates.asked
    assert {kind for kind, _, _ in templates.asked} >= {"conclusions", "statement"}
    for kind, phrase, values in templates.asked:
        assert not set(keys(values)) & STRUCTURE, phrase
        declared = COMMON[phrase] if phrase in COMMON else KINDS[kind].phrases[phrase]
        assert set(values) == {*DOCUMENT_VALUES, *declared}, phrase


# A language in a script caac has never seen, from a folder and a table entry ------------------

HEBREW_TABLE = """\
he:
  name: Hebrew
  locale: he
  direction: rtl
  date: {pattern: "d MMMM y"}
  ordinal: {default: "", spelled: false}
  point_label: "({})"
  fonts: [Liberation Serif]
  script: {name: Hebrew, fonts: [Noto Serif Hebrew], word: cs, tag: he-IL,
           ranges: [[U+0590, U+05FF], [U+FB1D, U+FB4F]]}
"""
HEBREW_TITLE = "מכתב"  # "letter"
HEBREW_CONCLUSIONS = "מסקנות"  # "conclusions"


def hebrew_folder(tmp_path: Path) -> Path:
    templates = tmp_path / "tpl"
    shutil.copytree(ROOT / "templates" / "en", templates / "he")
    letter = templates / "he" / "letter.md.j2"
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "{% block title %}Letter dated", "{% block title %}" + HEBREW_TITLE), encoding="utf-8")
    conclusions = templates / "he" / "conclusions.md.j2"
    conclusions.write_text(conclusions.read_text(encoding="utf-8").replace(
        "{% block title %}Conclusions", "{% block title %}" + HEBREW_CONCLUSIONS),
        encoding="utf-8")
    labels = templates / "he" / "labels.yaml"
    labels.write_text(labels.read_text(encoding="utf-8").replace(
        '  fr: "Original: French"', '  fr: "Original: French"\n  he: "Original: Hebrew"'),
        encoding="utf-8")
    (templates / "languages.yaml").write_text(HEBREW_TABLE, encoding="utf-8")
    return templates


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_a_hebrew_language_from_a_folder_drafts_and_builds(
        caac: Run, tmp_path: Path, suffix: str) -> None:
    templates = hebrew_folder(tmp_path)
    drafted = tmp_path / f"letter{suffix}"
    result = caac("draft", "letter", "--to", "donors", "--lang", "he", "--templates",
                  str(templates), "--symbol", "S/2012/1", "--date", "2012-10-05", "--situation",
                  "the Sudan", "-o", str(drafted))
    assert result.exit_code == 0, result.stderr
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "sudan.yaml").write_text(CASE + "language: he\n", encoding="utf-8")
    fmt = {".txt": "text"}.get(suffix, suffix[1:])
    built = caac("build", str(cases), "--out", str(tmp_path / "out"), "-f", fmt,
                 "--templates", str(templates))
    assert built.exit_code == 0, built.stderr
    conclusions = tmp_path / "out" / "sudan" / f"conclusions{suffix}"
    for path, title in ((drafted, HEBREW_TITLE), (conclusions, HEBREW_CONCLUSIONS)):
        if suffix == ".docx":
            word = docx.Document(str(path))
            found = next(p for p in word.paragraphs if title in p.text)
            assert found._p.pPr.find(f"{{{W}}}bidi") is not None  # set right to left
            assert any(run._r.rPr is not None and run._r.rPr.find(f"{{{W}}}rtl") is not None
                       for run in found.runs if title in run.text)
        elif suffix == ".pdf":
            assert title in pdf_text(path)
        else:
            assert title in path.read_text(encoding="utf-8")


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_a_script_range_that_ends_before_it_starts_is_named(caac: Run, tmp_path: Path) -> None:
    templates = hebrew_folder(tmp_path)
    table = templates / "languages.yaml"
    table.write_text(HEBREW_TABLE.replace("[U+0590, U+05FF]", "[U+05FF, U+0590]"),
                     encoding="utf-8")
    result = caac("draft", "letter", "--to", "donors", "--lang", "he", "--templates",
                  str(templates))
    assert result.exit_code == 1
    assert f"{table}:" in result.stderr and "ends before it starts" in result.stderr


# A language added as the README says: a copy of en/ and a table entry ------------------------

def test_a_copy_of_english_builds_or_validate_names_what_it_lacks(
        caac: Run, tmp_path: Path) -> None:
    templates = tmp_path / "tpl"
    shutil.copytree(ROOT / "templates" / "en", templates / "pt")
    (templates / "languages.yaml").write_text(
        "pt:\n  name: Portuguese\n  locale: pt\n  date: {pattern: \"d 'de' MMMM 'de' y\"}\n"
        "  ordinal: {default: \"º\"}\n  point_label: \"({})\"\n  fonts: [Liberation Serif]\n",
        encoding="utf-8")
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "sudan.yaml").write_text(CASE + "language: pt\nsymbol: S/AC.51/2012/9\n",
                                      encoding="utf-8")
    drafted = caac("draft", "conclusions", str(cases / "sudan.yaml"), "--templates",
                   str(templates))
    built = caac("build", str(cases), "--out", str(tmp_path / "out"), "-f", "md",
                 "--templates", str(templates))
    # The masthead's "Original: …" is a label the copy lacks in its own language: both commands
    # say so, at the labels file, and write nothing.
    for result in (drafted, built):
        assert result.exit_code == 1
        assert f"{templates / 'pt' / 'labels.yaml'}" in result.stderr
        assert "no original language 'pt'" in result.stderr
    assert not (tmp_path / "out" / "sudan").exists()
    validated = caac("validate", str(templates / "pt"))
    assert validated.exit_code == 1
    assert "the labels name no original language 'pt'" in validated.stderr
    assert "has no texts in 'pt'" in validated.stderr
