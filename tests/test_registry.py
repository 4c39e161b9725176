"""A new format is one writer module plus one line in the registry: this module is the writer
of a toy format, registered by the test alone, and the CLI builds, drafts and checks it."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import pytest
from conftest import CASE, Run

from caac_toolkit.document import Document, plain
from caac_toolkit.writers import FORMATS, Format


def render(document: Document) -> bytes:
    """The toy format: the title, then each block's kind and plain text, one a line."""
    lines = [document.title] + [f"{type(block).__name__}: {plain(block.text)}"
                                for part in document.parts for block in part.blocks]
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> Format:
    fmt = Format("toy", __name__, (".toy",), libraries=("PyYAML",))
    monkeypatch.setitem(FORMATS, fmt.name, fmt)  # the one line
    return fmt


@pytest.fixture
def case(tmp_path: Path) -> Path:
    (tmp_path / "sudan.yaml").write_text(CASE, encoding="utf-8")
    return tmp_path / "sudan.yaml"


def test_a_registered_format_is_built_by_default_and_recorded(
    caac: Run, toy: Format, case: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = caac("build", str(case), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    built = (out / "sudan" / "conclusions.toy").read_text(encoding="utf-8")
    assert built.splitlines()[0].startswith("Conclusions on children and armed conflict in the Sudan")
    assert "Point: Calling upon all parties to end violations." in built.splitlines()
    assert (out / "sudan" / "conclusions.docx").exists()  # the others are still made
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["formats"] == ["text", "md", "html", "docx", "pdf", "toy"]
    assert manifest["libraries"]["PyYAML"] == version("PyYAML")
    assert caac("build", str(case), "--out", str(out), "--check").exit_code == 0


def test_a_registered_format_is_chosen_by_name_and_by_extension(
    caac: Run, toy: Format, case: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = caac("build", str(case), "--out", str(out), "--format", "toy")
    assert result.exit_code == 0, result.stderr
    assert {p.suffix for p in (out / "sudan").iterdir()} == {".toy"}
    drafted = caac("draft", "conclusions", str(case), "-o", str(tmp_path / "c.toy"))
    assert drafted.exit_code == 0, drafted.stderr
    assert (tmp_path / "c.toy").read_bytes() == (out / "sudan" / "conclusions.toy").read_bytes()
    printed = caac("draft", "conclusions", str(case), "--format", "toy")
    assert printed.stdout.encode() == (tmp_path / "c.toy").read_bytes()


def test_an_unregistered_format_is_refused(caac: Run, case: Path, tmp_path: Path) -> None:
    result = caac("build", str(case), "--out", str(tmp_path / "out"), "--format", "toy")
    assert result.exit_code == 2
    assert "'toy' is not one of 'text', 'md', 'html', 'docx', 'pdf'" in result.stderr
    drafted = caac("draft", "conclusions", str(case), "-o", str(tmp_path / "c.toy"))
    assert drafted.exit_code == 2
    assert "the extension .toy names no format" in drafted.stderr
