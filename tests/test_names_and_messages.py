"""What a user reads besides the documents: file names of letters, and the warnings of a draft."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CASE, ROOT, Run
from test_browse import installed_caac

COMMITTEE = ("the Chair of the Security Council Committee established pursuant to resolution 1533 "
             "(2004) concerning the Democratic Republic of the Congo")


def test_a_long_addressee_names_its_letter_to_the_end(caac: Run, tmp_path: Path) -> None:
    case = tmp_path / "drc.yaml"
    case.write_text(CASE + f"""\
  - option: other-measures.sanctions-committees
    to: sanctions-committee
    addressee: {COMMITTEE}
    points: [Forwarding the conclusions]
""", encoding="utf-8")
    result = caac("build", str(case), "--out", str(tmp_path / "out"), "--format", "md")
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out" / "drc").iterdir())
    assert ("letter-chair-security-council-committee-resolution-1533-2004-democratic-republic-"
            "congo.md") in names
    assert "letter-government-of-the-sudan.md" not in names  # short names keep every word
    assert any(name.startswith("statement") for name in names)


def test_a_russian_situation_without_its_preposition_says_what_to_write(caac: Run) -> None:
    """A situation the table of situations lacks, written without the preposition its Russian
    form after "в" needs: a gap that says where to give the form."""
    result = caac("draft", "letter", "--to", "donors", "--lang", "ru", "--situation", "Фридония",
                  "--signatory", "X")
    assert result.exit_code == 0
    assert ("caac: warning: situation 'Фридония' has no 'in' form in Russian "
            "(data/situations.yaml, or 'situation_forms:' in the case): the draft shows "
            "[ситуация]\n") in result.stderr
    assert caac("draft", "letter", "--to", "donors", "--lang", "ru", "--situation", "Фридония",
                "--signatory", "X", "--strict").exit_code == 1  # a gap in the draft
    fine = caac("draft", "letter", "--to", "donors", "--lang", "ru", "--situation", "в Фридонии",
                "--signatory", "X")
    assert "has no" not in fine.stderr and "в Фридонии" in fine.stdout
    table = caac("draft", "letter", "--to", "donors", "--lang", "ru", "--situation", "Мали",
                 "--signatory", "X")
    assert "has no" not in table.stderr and "в Мали" in table.stdout  # the table's form


@pytest.mark.parametrize(("typed", "expected"), [
    ("caac precedents demarches.", {"demarches.letters-to-parties",
                                    "demarches.justice-and-reconciliation"}),
    ("caac diff examples/mali-2018.yaml --document ", {"conclusions", "statement"}),
    ("caac preview examples/mali-2018.yaml --document s", {"statement"}),
])
def test_completion_offers_option_ids_and_a_case_s_documents(
    typed: str, expected: set[str]
) -> None:
    words = typed.split()
    env = {**os.environ, "_CAAC_COMPLETE": "complete_bash", "COMP_WORDS": typed,
           "COMP_CWORD": str(len(words) - (0 if typed.endswith(" ") else 1))}
    result = subprocess.run([installed_caac()], env=env, capture_output=True, text=True,
                            cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) >= expected


@pytest.mark.skipif(not shutil.which("pdfinfo") or not shutil.which("qpdf"),
                    reason="needs poppler's pdfinfo and qpdf")
def test_pdf_tools_read_a_pdf_without_a_syntax_error(caac: Run, tmp_path: Path) -> None:
    pdf = tmp_path / "mali.pdf"
    assert caac("draft", "conclusions", str(ROOT / "examples" / "mali-2018.yaml"),
                "-o", str(pdf)).exit_code == 0
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert info.stderr == ""  # poppler misreads "/Suspects false"; caac leaves it out
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.MULTILINE)
    check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True,
                           check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors found" in check.stdout
