"""Every command the README and the help show, run as written: the README's commands and the
examples in each command's help (docs/cli.md prints them) in a folder holding the files they
name, and the README's walkthrough from a fresh clone."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import typer.main
from conftest import ROOT

from caac_toolkit.cli import app

README = ROOT / "README.md"
WALKTHROUGH = "mkdir mali-desk"  # the first line of the README's walkthrough
GIT = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def shell_blocks(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [block.replace("\\\n", " ") for block in re.findall(r"```sh\n(.*?)```", text, re.S)]


def readme_commands() -> list[str]:
    return [line.strip() for block in shell_blocks(README) if WALKTHROUGH not in block
            for line in block.splitlines() if line.startswith("caac ")]


def help_examples() -> list[str]:
    """The lines of each command's help, and of caac's, that are commands."""
    found = []

    def visit(command: typer.main.click.Command) -> None:  # type: ignore[name-defined]
        for text in (command.help or "", command.epilog or ""):
            found.extend(line.strip() for line in text.splitlines()
                         if line.strip().startswith("caac "))
        for sub in getattr(command, "commands", {}).values():
            visit(sub)

    visit(typer.main.get_command(app))
    return list(dict.fromkeys(found))


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                   env={**os.environ, **GIT})


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A desk's repository with the files the commands name: the examples, a templates folder,
    cases (a Mali case in two rounds, without a symbol, as under negotiation), two commits (the
    first is origin/main), a case changed since, built Word documents and one a delegation
    edited."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "examples", root / "examples")
    shutil.copytree(ROOT / "templates", root / "templates")
    cases = root / "cases"
    cases.mkdir()
    mali = (ROOT / "examples" / "mali-2018.yaml").read_text(encoding="utf-8")
    shutil.copy(ROOT / "examples" / "sudan-2012.yaml", cases / "sudan.yaml")
    (cases / "mali.yaml").write_text(mali, encoding="utf-8")
    draft = re.sub(r"(?m)^symbol: .*\n", "", mali)
    (cases / "mali-round1.yaml").write_text(draft, encoding="utf-8")
    (cases / "mali-round2.yaml").write_text(draft.replace("end and prevent", "end"), "utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "first round")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    (cases / "mali.yaml").write_text(mali.replace("end and prevent", "end at once and prevent"),
                                     encoding="utf-8")
    git(root, "commit", "-qam", "second round")
    (cases / "mali.yaml").write_text(mali.replace("end and prevent", "immediately end"),
                                     encoding="utf-8")  # the third, not yet committed
    assert run("caac build cases --out documents --format docx", root).returncode == 0
    # A register of activities (fictional) and two years' annual reports, as the README's
    # annual report commands name them.
    (root / "activities.yaml").write_text(
        "activities:\n  - {date: 2009-02-01, kind: briefing, subject: a briefing,"
        " source: https://example.org/briefing}\n", encoding="utf-8")
    for year in (2017, 2018):
        assert run(f"caac draft annual-report examples --from {year}-01-01 --to {year}-12-31"
                   f" -o report-{year}.docx", root).returncode == 0
    edited = docx.Document(str(root / "documents" / "mali" / "conclusions.docx"))
    edited.add_paragraph("A delegation's own paragraph.")
    edited.save(str(root / "edited-by-a-delegation.docx"))
    viewer = root.parent / "bin" / "xdg-open"  # --open opens no window in a test
    viewer.parent.mkdir(exist_ok=True)
    viewer.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    viewer.chmod(0o755)
    return root


def run(line: str, folder: Path, path: Path | None = None) -> subprocess.CompletedProcess[str]:
    bin_folders = [*([path] if path else []), Path(sys.executable).parent, folder.parent / "bin"]
    env = {**os.environ, **GIT, "COLUMNS": "100",
           "PATH": os.pathsep.join([*map(str, bin_folders), os.environ["PATH"]])}
    for name in ("SOURCE_DATE_EPOCH", "CAAC_DATA", "CAAC_TEMPLATES", "VIRTUAL_ENV"):
        env.pop(name, None)
    return subprocess.run(["bash", "-eo", "pipefail", "-c", line], cwd=folder, env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)


def files(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file() and ".git" not in p.parts}


@pytest.mark.parametrize("line", readme_commands() + help_examples())
def test_a_command_of_the_docs_runs_as_written(project: Path, tmp_path: Path, line: str) -> None:
    folder = tmp_path / "project"
    shutil.copytree(project, folder, symlinks=True)
    (tmp_path / "bin").symlink_to(project.parent / "bin")
    command = line.split(" #", 1)[0]
    assert " | caac" not in command, "a pipe into caac shows only the last command's output"
    before = files(folder)
    result = run(command, folder)
    allowed = {0, 1} if "exit 1" in line else {0}
    assert result.returncode in allowed, (line, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert "caac: no " not in result.stderr, (line, result.stderr)  # "no option matches" …
    # It shows something, or writes it.
    assert result.stdout.strip() or files(folder) != before, (line, result.stderr)


def test_the_docs_show_commands_to_run() -> None:
    commands = readme_commands() + help_examples()
    assert len(commands) > 40
    shown = {line.split()[1] for line in commands}
    every = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert every <= shown, f"no example of {sorted(every - shown)}"


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("git") or not shutil.which("perl"),
                    reason="git and perl are not installed")
def test_the_readme_quick_start_and_walkthrough_run_from_a_fresh_clone(tmp_path: Path) -> None:
    clone = tmp_path / "caac"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    quick_start = shell_blocks(clone / "README.md")[0].strip()
    assert quick_start.startswith("python3 -m venv .venv")
    installed = run(quick_start.replace("python3 ", f"{sys.executable} ", 1), clone)
    assert installed.returncode == 0, installed.stderr
    assert (clone / "out" / "manifest.json").is_file()
    walkthrough = next(b for b in shell_blocks(clone / "README.md") if WALKTHROUGH in b)
    desk = tmp_path / "desk"
    desk.mkdir()
    (tmp_path / "bin").mkdir()
    result = run(walkthrough, desk, path=clone / ".venv" / "bin")
    assert result.returncode == 0, (result.stdout, result.stderr)
    mali = desk / "mali-desk" / "documents" / "mali"
    assert sorted(p.name for p in mali.iterdir()) == [
        "conclusions-redline.docx", "conclusions.docx", "conclusions.md",
        "statement-redline.docx", "statement.docx", "statement.md"]
    assert "{++immediately ++}end and prevent{++ all++}" in result.stdout
    assert re.search(r"Mali\s+│\s+S/2018/136\s+│\s+2018-02-21\s+│\s+–\s+│\s+72\s+│\s+overdue",
                     result.stdout)
