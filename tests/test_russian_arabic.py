"""Russian and Arabic drafts read as a UN editor reads them (issue 22): each test drafts through
the real CLI and reads the document back."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, Run

MALI = str(ROOT / "examples" / "mali-2018.yaml")


def draft(caac: Run, *args: str) -> str:
    result = caac("draft", *args, "--format", "md")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_russian_period_ends_with_the_month_in_the_nominative(caac: Run) -> None:
    text = draft(caac, "conclusions", MALI, "--lang", "ru")
    assert "период с января 2014 года по июнь 2017 года" in text
