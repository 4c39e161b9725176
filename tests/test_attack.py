"""What a hostile or careless user tried on caac, and what caac must do instead: lose nothing,
bound all its work, and answer every mistake with one line. Each test runs the attack's own
input through the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CASE, ROOT, Run


@pytest.fixture
def case(tmp_path: Path) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    return path


@pytest.fixture
def reference(caac: Run, tmp_path: Path) -> Path:
    path = tmp_path / "ref.docx"
    assert caac("templates", "--export-reference-docx", str(path)).exit_code == 0
    return path


# Data loss: no command writes over a file it read, under any name ------------------------------

def test_diff_never_writes_its_redline_over_a_case_file(caac: Run, tmp_path: Path, case: Path
                                                        ) -> None:
    new = tmp_path / "new.yaml"
    new.write_text(CASE.replace("end violations", "end all violations"), encoding="utf-8")
    before = new.read_bytes()
    result = caac("diff", str(case), str(new), "-o", str(new), "--format", "md", "--force")
    assert result.exit_code == 2
    assert f"{new}: this file is an input of the draft" in result.stderr
    assert new.read_bytes() == before


def test_a_draft_never_replaces_its_reference_document(caac: Run, reference: Path) -> None:
    before = reference.read_bytes()
    result = caac("draft", "statement", "--situation", "the Sudan", "-o", str(reference),
                  "--reference-docx", str(reference), "--force")
    assert result.exit_code == 2
    assert "is an input of the draft" in result.stderr
    assert reference.read_bytes() == before


def test_a_draft_never_replaces_a_template_only_the_template_process_reads(
    caac: Run, tmp_path: Path
) -> None:
    templates = tmp_path / "t"
    (templates / "en").mkdir(parents=True)
    template = templates / "en" / "letter.md.j2"
    shutil.copy(ROOT / "templates" / "en" / "letter.md.j2", template)
    before = template.read_bytes()
    result = caac("draft", "letter", "--to", "parties", "--templates", str(templates),
                  "-o", str(template), "--format", "md", "--force")
    assert result.exit_code == 2
    assert "is an input of the draft" in result.stderr
    assert template.read_bytes() == before


def test_a_build_never_writes_one_case_over_another_through_a_link(
    caac: Run, tmp_path: Path
) -> None:
    cases, out = tmp_path / "cases", tmp_path / "out"
    cases.mkdir()
    for name in ("sudan-2012", "mali-2018"):
        shutil.copy(ROOT / "examples" / f"{name}.yaml", cases)
    assert caac("build", str(cases / "sudan-2012.yaml"), "--out", str(out), "-f", "md"
                ).exit_code == 0
    sudan = {p.name: p.read_bytes() for p in (out / "sudan-2012").iterdir()}
    (out / "mali-2018").symlink_to(out / "sudan-2012")
    result = caac("build", str(cases), "--out", str(out), "-f", "md", "--force")
    assert result.exit_code == 1
    assert f"{out / 'mali-2018'}: a link to {out / 'sudan-2012'}" in result.stderr
    assert {p.name: p.read_bytes() for p in (out / "sudan-2012").iterdir()} == sudan


def test_a_build_never_writes_over_its_reference_document(
    caac: Run, tmp_path: Path, case: Path, reference: Path
) -> None:
    out = tmp_path / "out"
    assert caac("build", str(case), "--out", str(out), "-f", "docx").exit_code == 0
    shutil.copy(reference, out / "case" / "conclusions.docx")
    kept = out / "case" / "conclusions.docx"
    before = kept.read_bytes()
    result = caac("build", str(case), "--out", str(out), "-f", "docx", "--force",
                  "--reference-docx", str(kept))
    assert result.exit_code == 2
    assert f"{kept}: this file is an input of the build" in result.stderr
    assert kept.read_bytes() == before
