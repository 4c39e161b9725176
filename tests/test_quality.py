"""Lint, types and the generated CLI reference: the checks CI runs with the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_ruff() -> None:
    result = run("ruff", "check", "caac_toolkit", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_on_the_library() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("page", ["docs/cli.md", "docs/modern-case.md"])
def test_generated_docs_are_current(page: str) -> None:
    result = run("cogapp", "--check", page)
    assert result.returncode == 0, f"{page} is stale: run `cog -r {page}`\n" + result.stderr
