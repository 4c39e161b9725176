"""Shared test helpers: run the real CLI in-process, with stable terminal settings."""

from __future__ import annotations

import os
import re
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from caac_toolkit.cli import app

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "source" / "S_AC.51_2007_2.txt"  # the toolkit as published
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# The smallest valid case file (the report and meeting of SC/10813; the report's symbol as in
# S/2017/191, which SC/10813 misprints as S/2012/413).
CASE = """\
situation: the Sudan
report: S/2011/413
meeting: {number: 34, date: 2012-10-05}
date: 2012-10-11
chair: {name: Peter Wittig}
actions:
  - option: demarches.letters-to-parties
    to: parties
    points: [Calling upon all parties to end violations]
"""


@pytest.fixture(autouse=True)
def _stable_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMINAL_WIDTH", "3000")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")
    for name in ("CAAC_DATA", "CAAC_TEMPLATES", "CAAC_PRECEDENTS", "SOURCE_DATE_EPOCH", "FORCE_COLOR",
                 "GITHUB_ACTIONS", "PY_COLORS"):
        monkeypatch.delenv(name, raising=False)


Run = Callable[..., Result]


@pytest.fixture
def caac() -> Run:
    """Run `caac ARGS…`; fails the test on a traceback, which a user must never see."""

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        result = CliRunner().invoke(app, list(args), env=env)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert "Traceback" not in result.stderr
        return result

    return run


def ended(process: subprocess.Popen[str], seconds: float) -> tuple[str, str]:
    """What a program started by a test printed (stdout, stderr), once it has ended. One still
    running after `seconds` fails the test and is killed, with the processes of its session if it
    leads one, rather than outlive the test and fail the next."""
    try:
        return process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        if os.getsid(process.pid) == process.pid:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.communicate()
        pytest.fail(f"{' '.join(map(str, process.args))} still ran after {seconds:g} s")


def plain(text: str) -> str:
    return ANSI.sub("", text)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    """In CI every check runs: a test skipped for a missing program (LibreOffice, poppler, git)
    fails there instead, so that a green CI never hides an unread document."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.skipped and os.environ.get("CI"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every check must run: {report.longrepr}"
