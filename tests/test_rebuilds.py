"""Rebuilding what was built: redlines that stay, and files caac wrote that it may replace."""

from __future__ import annotations

from pathlib import Path

from conftest import Run
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
