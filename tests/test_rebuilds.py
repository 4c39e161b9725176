"""Rebuilding what was built: redlines that stay, and files caac wrote that it may replace."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest
from conftest import CASE, Run
from test_redline import EPOCH, checkout  # noqa: F401  (a fixture: a case committed twice)


def test_a_plain_rebuild_keeps_the_redlines(caac: Run, checkout: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "out"
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    first = caac("build", str(checkout), "--out", str(out), "--format", "md",
                 "--redline-against", "HEAD~1", env=env)
    assert first.exit_code == 0, first.stderr
    redline = out / "sudan" / "conclusions-redline.docx"
    sent = redline.read_bytes()
    check = caac("build", str(checkout), "--out", str(out), "--format", "md", "--check", env=env)
    assert check.exit_code == 0, check.stdout
    plain = caac("build", str(checkout), "--out", str(out), "--format", "md", env=env)
    assert plain.exit_code == 0, plain.stderr
    assert "removing" not in plain.stderr
    assert redline.read_bytes() == sent
    assert '"sudan/conclusions-redline.docx"' in (out / "manifest.json").read_text("utf-8")
    # Removed by the user, it stays removed; a new --redline-against makes the new set.
    redline.unlink()
    assert caac("build", str(checkout), "--out", str(out), "--format", "md",
                env=env).exit_code == 0
    assert not redline.exists()
    assert "conclusions-redline" not in (out / "manifest.json").read_text("utf-8")
    again = caac("build", str(checkout), "--out", str(out), "--format", "md",
                 "--redline-against", "HEAD", env=env)
    assert again.exit_code == 0, again.stderr
    assert not list((out / "sudan").glob("*-redline.docx"))  # nothing changed since HEAD


@pytest.mark.parametrize("name", ["sudan.docx", "sudan.pdf"])
def test_a_word_or_pdf_file_caac_wrote_is_replaced_without_force(
    caac: Run, tmp_path: Path, name: str
) -> None:
    case = tmp_path / "sudan.yaml"
    case.write_text(CASE, encoding="utf-8")
    output = tmp_path / name
    assert caac("draft", "conclusions", str(case), "-o", str(output)).exit_code == 0
    case.write_text(CASE.replace("end violations", "end all violations"), encoding="utf-8")
    again = caac("draft", "conclusions", str(case), "-o", str(output))
    assert again.exit_code == 0, again.stderr
    assert "end all violations" in text_of(output)


@pytest.mark.parametrize("name", ["sudan.docx", "sudan.pdf"])
def test_an_edited_word_or_pdf_file_needs_force_and_is_refused_before_any_work(
    caac: Run, tmp_path: Path, name: str
) -> None:
    case = tmp_path / "sudan.yaml"
    case.write_text(CASE, encoding="utf-8")
    output = tmp_path / name
    caac("draft", "conclusions", str(case), "-o", str(output))
    if output.suffix == ".docx":  # saved again by another program, as Word does
        word = docx.Document(str(output))
        word.add_paragraph("A delegation's comment")
        word.save(str(output))
    else:
        output.write_bytes(output.read_bytes().replace(b"/Title", b"/Title ", 1))
    edited = output.read_bytes()
    refused = caac("draft", "conclusions", str(case), "-o", str(output))
    assert refused.exit_code == 1
    assert refused.stderr == (f"caac: error: {output} already exists (use --force to replace "
                              "it; it was edited since caac wrote it, or caac did not write it)\n")
    assert output.read_bytes() == edited
    assert caac("draft", "conclusions", str(case), "-o", str(output), "--force").exit_code == 0


def test_text_markdown_and_html_keep_needing_force(caac: Run, tmp_path: Path) -> None:
    case = tmp_path / "sudan.yaml"
    case.write_text(CASE, encoding="utf-8")
    for name in ("sudan.txt", "sudan.md", "sudan.html"):
        output = tmp_path / name
        assert caac("draft", "conclusions", str(case), "-o", str(output)).exit_code == 0
        again = caac("draft", "conclusions", str(case), "-o", str(output))
        assert again.exit_code == 1
        assert again.stderr == f"caac: error: {output} already exists (use --force to replace it)\n"


def test_a_case_is_never_replaced_by_its_draft(caac: Run, tmp_path: Path) -> None:
    case = tmp_path / "sudan.docx"  # a case file, whatever its name says
    case.write_text(CASE, encoding="utf-8")
    result = caac("draft", "conclusions", str(case), "-o", str(case), "--force")
    assert result.exit_code == 2
    assert case.read_text(encoding="utf-8") == CASE


def text_of(path: Path) -> str:
    if path.suffix == ".docx":
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout.replace("\n", " ")
