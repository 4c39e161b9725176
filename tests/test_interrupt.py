"""Builds that stop midway (Ctrl-C, SIGTERM, a full disk, a folder nobody may write into) and
builds that run at once into one folder: no partial or temporary file, no traceback, and the next
build and `--check` behave as if nothing had happened."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import Run, ended
from typer.testing import CliRunner

from caac_toolkit import files
from caac_toolkit.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
CAAC = Path(sys.executable).parent / "caac"
COPIES = 8  # of each example: 24 cases, about 340 files, a second to build
FORMATS = ("-f", "text", "-f", "md", "-f", "html")


def copy_cases(folder: Path, year: str | None = None) -> Path:
    """The examples, each under several names, dated (in `year`, so that the dated documents
    read differently)."""
    folder.mkdir()
    for example in EXAMPLES:
        text = example.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^date: .*\n", "", text) + f"date: {year or 2012}-10-11\n"
        for i in range(COPIES):
            (folder / f"{example.stem}-{i}.yaml").write_text(text, encoding="utf-8")
    return folder


def build_in_process(cases: Path, out: Path, *extra: str) -> int:
    result = CliRunner().invoke(app, ["build", str(cases), "--out", str(out), *FORMATS, *extra])
    assert "Traceback" not in result.stderr
    return result.exit_code


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != files.LOCK}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The cases, an older version of them, and a complete build of each."""
    folder = tmp_path_factory.mktemp("builds")
    paths = {"cases": copy_cases(folder / "cases"), "old cases": copy_cases(folder / "old", "2019")}
    for name, cases in (("new", paths["cases"]), ("old", paths["old cases"])):
        paths[name] = folder / f"{name}-out"
        assert build_in_process(cases, paths[name]) == 0
    return paths


def assert_consistent(out: Path, builds: dict[str, Path], *, before: Path | None) -> None:
    """No temporary file, each file as one complete build or the other made it; then the next
    build completes and `--check` passes."""
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    new, old = contents(builds["new"]), contents(before) if before else {}
    for name, data in contents(out).items():
        if name != "manifest.json":
            assert data in (new.get(name), old.get(name)), name
    assert build_in_process(builds["cases"], out, "--check") in (0, 1)
    assert build_in_process(builds["cases"], out) == 0
    assert build_in_process(builds["cases"], out, "--check") == 0
    built = contents(out)
    # The manifest names the cases from its own folder, which differs between the two builds.
    manifests = [json.loads(found.pop("manifest.json")) for found in (built, new)]
    assert manifests[0]["outputs"] == manifests[1]["outputs"]
    assert built == new


def start_build(cases: Path, out: Path, *extra: str, **popen: object) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.Popen(
        [str(CAAC), "build", str(cases), "--out", str(out), *FORMATS, *extra],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**env, "CI": "1"}, **popen,
    )


def wait_for_writing(out: Path, process: subprocess.Popen[str], seconds: float = 2) -> None:
    """Until the build writes its first file (the manifest, listing what it replaces), or for
    `seconds`, whichever comes first: on a fast machine the writing starts before two seconds."""
    manifest = out / "manifest.json"
    first = manifest.read_bytes() if manifest.exists() else None
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        if manifest.exists() and manifest.read_bytes() != first:
            return
        time.sleep(0.001)


@pytest.mark.parametrize("sent, previous", [
    (signal.SIGINT, None), (signal.SIGINT, "old"), (signal.SIGTERM, "old"),
], ids=["sigint-into-an-empty-folder", "sigint-over-a-build", "sigterm-over-a-build"])
def test_a_build_stopped_by_a_signal_leaves_no_partial_file(
    builds: dict[str, Path], tmp_path: Path, sent: signal.Signals, previous: str | None
) -> None:
    out = tmp_path / "out"
    if previous:
        shutil.copytree(builds[previous], out)
    process = start_build(builds["cases"], out)
    wait_for_writing(out, process)
    process.send_signal(sent)
    _, stderr = ended(process, 30)
    assert "Traceback" not in stderr
    assert process.returncode in (0, 130), stderr  # 0: it had finished before the signal came
    if process.returncode == 130:
        assert stderr.splitlines()[-1] == "caac: interrupted; nothing half-written"
    assert_consistent(out, builds, before=builds[previous] if previous else None)


def test_ctrl_c_stops_every_worker_of_a_parallel_build_quietly(
    builds: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    # In a session of its own, like a terminal's process group: the signal reaches every worker.
    process = start_build(builds["cases"], out, "-f", "docx", "-f", "pdf", "--jobs", "2",
                          start_new_session=True)
    assert process.stderr is not None
    first = process.stderr.readline()  # a case is built: the workers are at work
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = ended(process, 30)
    assert first.startswith("caac: built ")
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert not out.exists() or not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_ctrl_c_at_a_terminal_stops_a_build_that_draws_its_progress(
    builds: dict[str, Path], tmp_path: Path
) -> None:
    """At a terminal a build draws a progress bar as it goes; a Ctrl-C while it writes its files
    ends it as quietly as in CI."""
    out = tmp_path / "out"
    shutil.copytree(builds["old"], out)
    screen, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "SOURCE_DATE_EPOCH")}
    process = subprocess.Popen(
        [str(CAAC), "build", str(builds["cases"]), "--out", str(out), *FORMATS],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=terminal, text=True, env=env)
    os.close(terminal)
    shown: list[bytes] = []
    reader = threading.Thread(target=read_terminal, args=(screen, shown))
    reader.start()
    wait_for_writing(out, process)
    process.send_signal(signal.SIGINT)
    ended(process, 30)
    reader.join()
    assert process.returncode in (0, 130)  # 0: it had finished before the signal came
    if process.returncode == 130:
        assert b"caac: interrupted; nothing half-written" in b"".join(shown)
    assert_consistent(out, builds, before=builds["old"])


def read_terminal(screen: int, shown: list[bytes]) -> None:
    """What a program prints to a terminal, until it closes it; read as it comes, so that the
    program never waits for the terminal."""
    with contextlib.suppress(OSError):  # EIO: the program has ended
        while chunk := os.read(screen, 65536):
            shown.append(chunk)
    os.close(screen)


def test_two_builds_at_once_into_one_folder_wait_for_each_other(
    builds: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    processes = [start_build(builds["cases"], out) for _ in range(2)]
    results = [(ended(p, 60)[1], p.returncode) for p in processes]
    for stderr, code in results:
        assert "Traceback" not in stderr
        assert code == 0 or (code == 1 and "another caac build into" in stderr), stderr
    assert 0 in [code for _, code in results]
    assert build_in_process(builds["cases"], out, "--check") == 0


@pytest.fixture
def held_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An output folder whose lock another build holds, and a short wait for it."""
    monkeypatch.setattr(files, "LOCK_TIMEOUT", 0.2)
    out = tmp_path / "out"
    out.mkdir()
    with (out / files.LOCK).open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield out


@pytest.mark.parametrize("check", [False, True], ids=["build", "check"])
def test_a_build_or_check_gives_up_on_a_folder_another_build_holds(
    caac: Run, held_lock: Path, check: bool
) -> None:
    result = caac("build", str(EXAMPLES[0]), "--out", str(held_lock), "-f", "text",
                  *(["--check"] if check else []))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        f"caac: waiting for another build into {held_lock} to finish",
        f"caac: error: {held_lock / files.LOCK}: another caac build into {held_lock} is still "
        "running after 0.2 s (try again when it has finished)",
    ]
    assert [p.name for p in held_lock.iterdir()] == [files.LOCK]


def fail_after(calls: int, error: BaseException) -> Callable[[str, str], None]:
    """os.replace that fails from its `calls`+1-th call on, as a disk fills up midway."""
    real, done = os.replace, []

    def replace(source: str, target: str) -> None:
        if len(done) >= calls:
            raise error
        done.append(target)
        real(source, target)

    return replace


@pytest.mark.parametrize("error, code, line", [
    (KeyboardInterrupt(), 130, "caac: interrupted; nothing half-written"),
    (OSError(errno.ENOSPC, "No space left on device"), 1,
     r"caac: error: OUT/\S+: no space left on the device \(free some space, then try again\)"),
    (PermissionError(errno.EACCES, "Permission denied"), 1,
     r"caac: error: OUT/(\S+)/\S+: cannot write into OUT/\1: Permission denied"),
    (OSError(errno.EROFS, "Read-only file system"), 1,
     r"caac: error: OUT/(\S+)/\S+: cannot write into OUT/\1: Read-only file system"),
], ids=["ctrl-c", "disk-full", "permission-denied", "read-only"])
def test_a_build_that_fails_midway_says_why_in_one_line_and_the_next_completes_it(
    caac: Run, builds: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    error: BaseException, code: int, line: str,
) -> None:
    out = tmp_path / "out"
    shutil.copytree(builds["old"], out)
    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", fail_after(10, error))
        result = caac("build", str(builds["cases"]), "--out", str(out), *FORMATS)
    assert result.exit_code == code
    assert re.fullmatch(line.replace("OUT", re.escape(str(out))), result.stderr.splitlines()[-1])
    assert_consistent(out, builds, before=builds["old"])
