"""SOURCE_DATE_EPOCH sets the times inside the files a build writes (zip entries, Word's document
properties, the PDF's metadata), never the date a document prints: an undated case keeps its
[date] placeholder, and --strict fails on it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from conftest import CASE, Run

EPOCH = "1700000000"  # 14 November 2023, 22:13:20 UTC


def test_source_date_epoch_stamps_the_files_and_never_dates_a_document(
    caac: Run, tmp_path: Path
) -> None:
    case = tmp_path / "sudan.yaml"
    # With its symbol, the conclusions print their date in the masthead.
    case.write_text("symbol: S/AC.51/2012/1\n" + CASE.replace("date: 2012-10-11\n", ""),
                    encoding="utf-8")
    out = tmp_path / "out"
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    result = caac("build", str(case), "--out", str(out), "-f", "md", "-f", "docx", "-f", "pdf",
                  env=env)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out / "sudan" / "conclusions.docx") as word:
        assert {item.date_time for item in word.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        properties = word.read("docProps/core.xml").decode()
    assert ">2023-11-14T22:13:20Z</dcterms:created>" in properties
    assert ">2023-11-14T22:13:20Z</dcterms:modified>" in properties
    pdf = (out / "sudan" / "conclusions.pdf").read_bytes()
    assert re.search(rb"/CreationDate\s*\(D:20231114221320", pdf)
    # The documents themselves stay undated: the commit's day is not the document's.
    conclusions = (out / "sudan" / "conclusions.md").read_text(encoding="utf-8")
    assert "\\[date\\]" in conclusions and "November 2023" not in conclusions  # escaped in Markdown
    assert f"caac: warning: {case}:1:1: missing date: the draft shows [date]" in result.stderr
    strict = caac("build", str(case), "--out", str(tmp_path / "strict"), "-f", "md", "--strict",
                  env=env)
    assert strict.exit_code == 1
    assert not (tmp_path / "strict").exists()


def test_without_source_date_epoch_the_files_carry_the_document_s_date(
    caac: Run, tmp_path: Path
) -> None:
    case = tmp_path / "sudan.yaml"
    case.write_text(CASE, encoding="utf-8")
    out = tmp_path / "out"
    assert caac("build", str(case), "--out", str(out), "-f", "docx").exit_code == 0
    with zipfile.ZipFile(out / "sudan" / "conclusions.docx") as word:
        assert {item.date_time for item in word.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert ">2012-10-11T00:00:00Z</dcterms:created>" in word.read("docProps/core.xml").decode()
