"""`caac preview`: the pages of a document as PNG images, laid out as its PDF."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import time
from pathlib import Path

import pytest
from conftest import ROOT, Run

MALI = ROOT / "examples" / "mali-2018.yaml"


def size(png: Path) -> tuple[int, int]:
    """Width and height in pixels, from the PNG's header."""
    data = png.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert found is not None
    return int(found.group(1))


def test_preview_writes_each_page_of_the_pdf_as_a_png(caac: Run, tmp_path: Path) -> None:
    out = tmp_path / "preview"
    result = caac("preview", str(MALI), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    caac("draft", "conclusions", str(MALI), "-o", str(tmp_path / "mali.pdf"))
    count = pdf_pages(tmp_path / "mali.pdf")
    assert count >= 2
    assert sorted(p.name for p in out.iterdir()) == [f"conclusions-{n}.png"
                                                     for n in range(1, count + 1)]
    for page in out.iterdir():
        assert size(page) == (794, 1123)  # A4 at 96 pixels to the inch
    assert f"caac: wrote {count} page(s): {out / 'conclusions-1.png'}" in result.stderr
    sharper = caac("preview", str(MALI), "--out", str(out), "--ppi", "144")
    assert sharper.exit_code == 0
    assert size(out / "conclusions-1.png") == (1191, 1684)


def test_a_shorter_document_leaves_no_page_of_the_last_preview(caac: Run, tmp_path: Path) -> None:
    out = tmp_path / "preview"
    caac("preview", str(MALI), "--out", str(out))
    (out / "conclusions-9.png").write_bytes((out / "conclusions-1.png").read_bytes())
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = caac("preview", str(MALI), "--out", str(out), "--document", "statement")
    assert result.exit_code == 0, result.stderr
    again = caac("preview", str(MALI), "--out", str(out))
    assert again.exit_code == 0
    assert not (out / "conclusions-9.png").exists()
    assert (out / "statement-1.png").is_file() and (out / "notes.txt").read_text() == "mine"


def test_open_shows_the_first_page(
    caac: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = tmp_path / "opened"
    viewer = tmp_path / "bin" / "xdg-open"
    viewer.parent.mkdir()
    viewer.write_text(f'#!/bin/sh\necho "$1" > {opened}\n', encoding="utf-8")
    viewer.chmod(0o755)
    monkeypatch.setenv("PATH", f"{viewer.parent}{os.pathsep}{os.environ['PATH']}")
    out = tmp_path / "preview"
    assert caac("preview", str(MALI), "--out", str(out), "--open").exit_code == 0
    for _ in range(100):
        if opened.exists() and opened.read_text():
            break
        time.sleep(0.05)
    assert opened.read_text().strip() == str(out / "conclusions-1.png")


@pytest.mark.parametrize(("args", "message"), [
    (["--document", "letter-nobody"], "has no document 'letter-nobody' (its documents: "
     "conclusions, statement)"),
    (["--out", str(MALI)], "is a file, not a folder to write pages into"),
])
def test_preview_refuses_what_it_cannot_show(caac: Run, args: list[str], message: str) -> None:
    result = caac("preview", str(MALI), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
