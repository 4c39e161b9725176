"""Lint, types and the generated CLI reference: the checks CI runs with the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_cli_reference_is_current() -> None:
    result = run("cogapp", "--check", "docs/cli.md")
    assert result.returncode == 0, "docs/cli.md is stale: run `cog -r docs/cli.md`\n" + result.stderr
