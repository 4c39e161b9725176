"""Nothing lost: a hand edit survives every sequence of builds, forced builds, interrupts and
edits; a build writes only regular files inside its folder, never its own inputs, and reads its
manifest and lock as bounded, regular files."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import CASE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from caac_toolkit import files
from caac_toolkit.build import ORPHANS
from caac_toolkit.cli import app

CAAC = Path(sys.executable).parent / "caac"
TEXT = ("-f", "text")
EDIT = b"A hand edit that must not be lost\n"


def build(cases: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["build", str(cases), "--out", str(out), *TEXT, *extra])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


def one_case(folder: Path, text: str = CASE) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "case.yaml").write_text(text, encoding="utf-8")
    return folder / "case.yaml"


def kept(out: Path, data: bytes) -> list[Path]:
    """Where in `out` a file holds exactly `data`."""
    return [p for p in out.rglob("*") if p.is_file() and p.read_bytes() == data]


@contextmanager
def interrupted_after(replacements: int) -> Iterator[None]:
    """Ctrl-C arrives once `replacements` files have been put in place."""
    real = os.replace
    done: list[str] = []

    def replace(source: str, target: str) -> None:
        if len(done) >= replacements:
            raise KeyboardInterrupt
        done.append(target)
        real(source, target)

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(os, "replace", replace)
        yield


# 1. An interrupted --force build --------------------------------------------------------------

@pytest.mark.parametrize("replacements", [0, 1])
def test_an_interrupted_force_build_does_not_launder_a_hand_edit(
    tmp_path: Path, replacements: int
) -> None:
    case, out = one_case(tmp_path / "cases"), tmp_path / "out"
    assert build(case, out)[0] == 0
    statement = out / "case" / "statement.txt"
    statement.write_bytes(EDIT)
    with interrupted_after(replacements):
        assert build(case, out, "--force")[0] == 130
    code, stderr = build(case, out)
    # Either the edit is where it was, and the plain build refuses to touch it; or --force had
    # already moved it aside, and said so.
    assert kept(out, EDIT), stderr
    if statement.read_bytes() == EDIT:
        assert code == 1
        assert f"{statement}: edited since it was built, so left as it is" in stderr


def test_a_force_build_killed_anywhere_leaves_every_hand_edit_for_the_next_build(
    tmp_path: Path
) -> None:
    cases, out = tmp_path / "cases", tmp_path / "out"
    cases.mkdir()
    for i in range(40):
        (cases / f"case-{i}.yaml").write_text(CASE, encoding="utf-8")
    assert build(cases, out)[0] == 0
    edits = {}
    for i, path in enumerate(sorted(out.rglob("statement.txt"))):
        edits[path] = EDIT + b"%d\n" % i
        path.write_bytes(edits[path])
    manifest = (out / "manifest.json").read_bytes()
    process = subprocess.Popen([str(CAAC), "build", str(cases), "--out", str(out), *TEXT,
                                "--force"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "CI": "1"})
    while process.poll() is None and (out / "manifest.json").read_bytes() == manifest:
        pass  # until it writes the manifest of what it will replace
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    untouched = [path for path, data in edits.items() if path.is_file() and
                 path.read_bytes() == data]
    code, stderr = build(cases, out)
    for path, data in edits.items():
        assert kept(out, data), path
    for path in untouched:
        assert f"{path}: edited since it was built" in stderr
    assert code == (1 if untouched else 0)


# 2. What --force does with a hand edit ---------------------------------------------------------

def test_force_moves_a_hand_edit_no_longer_built_aside_and_says_so(tmp_path: Path) -> None:
    case, out = one_case(tmp_path / "cases"), tmp_path / "out"
    case.write_text(CASE + "  - {option: enhanced-monitoring.clarification-from-affected-state, "
                    "to: affected-state, addressee: the Government of the Sudan}\n")
    assert build(case, out)[0] == 0
    letter = out / "case" / "letter-government-of-the-sudan.txt"
    letter.write_bytes(EDIT)
    case.write_text(CASE.replace("the Sudan", "Chad") + "  - {option: enhanced-monitoring."
                    "clarification-from-affected-state, to: affected-state, addressee: the "
                    "Government of Chad}\n")
    code, stderr = build(case, out)
    assert code == 1
    assert f"{letter}: edited since it was built, so left as it is" in stderr
    code, stderr = build(case, out, "--force")
    assert code == 0, stderr
    aside = out / ORPHANS / "case" / letter.name
    assert f"caac: warning: {letter}: edited by hand; --force moved it to {aside}" in stderr
    assert aside.read_bytes() == EDIT
    assert not letter.exists()
    assert build(case, out, "--check")[0] == 0


def test_force_moves_a_replaced_hand_edit_aside_under_a_new_name_each_time(
    tmp_path: Path
) -> None:
    case, out = one_case(tmp_path / "cases"), tmp_path / "out"
    assert build(case, out)[0] == 0
    statement = out / "case" / "statement.txt"
    built = statement.read_bytes()
    for i in (1, 2):
        statement.write_bytes(EDIT * i)
        assert build(case, out, "--force")[0] == 0
        assert statement.read_bytes() == built
    assert (out / ORPHANS / "case" / "statement.txt").read_bytes() == EDIT
    assert (out / ORPHANS / "case" / "statement.2.txt").read_bytes() == EDIT * 2


def test_a_tampered_manifest_cannot_get_a_file_removed(tmp_path: Path) -> None:
    case, out = one_case(tmp_path / "cases"), tmp_path / "out"
    assert build(case, out)[0] == 0
    notes = out / "case" / "notes.txt"
    notes.write_bytes(b"My notes\n")
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["outputs"]["case/notes.txt"] = "0" * 64
    (out / "manifest.json").write_text(json.dumps(manifest))
    code, stderr = build(case, out)
    assert code == 1
    assert f"{notes}: edited since it was built, so left as it is" in stderr
    assert build(case, out, "--force")[0] == 0
    assert (out / ORPHANS / "case" / "notes.txt").read_bytes() == b"My notes\n"


def test_orphans_never_leave_the_output_folder(tmp_path: Path) -> None:
    case, out, elsewhere = one_case(tmp_path / "cases"), tmp_path / "out", tmp_path / "elsewhere"
    assert build(case, out)[0] == 0
    elsewhere.mkdir()
    (out / ORPHANS).symlink_to(elsewhere)
    (out / "case" / "statement.txt").write_bytes(EDIT)
    code, stderr = build(case, out, "--force")
    assert code == 1
    assert f"caac: error: {out / ORPHANS}: not a folder of this build" in stderr
    assert list(elsewhere.iterdir()) == []
    assert kept(out, EDIT)


# 4. Inputs are never outputs --------------------------------------------------------------------

@pytest.mark.parametrize("name", ["statement/statement.txt", "manifest.json"])
def test_an_input_at_an_output_path_is_never_overwritten(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    case = out / name
    case.parent.mkdir(parents=True)
    case.write_text(CASE, encoding="utf-8")
    code, stderr = build(case, out, "--force")
    assert code == 2
    assert stderr.splitlines()[-1].startswith(f"caac: error: {case}: this file is an input of "
                                              "the build")
    assert case.read_text(encoding="utf-8") == CASE


def test_a_manifest_cannot_get_an_input_removed(tmp_path: Path) -> None:
    out = tmp_path
    case = one_case(tmp_path / "cases")
    assert build(case, out)[0] == 0
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["outputs"]["cases/case.yaml"] = files_hash(case)
    (out / "manifest.json").write_text(json.dumps(manifest))
    code, stderr = build(case, out, "--force")
    assert code == 2, stderr
    assert "this file is an input of the build" in stderr
    assert case.read_text(encoding="utf-8") == CASE


def files_hash(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


# 6, 11. The lock and the manifest --------------------------------------------------------------

def test_a_lock_linked_elsewhere_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    case, out = one_case(tmp_path / "cases"), tmp_path / "out"
    out.mkdir()
    (out / files.LOCK).symlink_to(tmp_path / "created-elsewhere")
    for extra in ((), ("--check",)):
        code, stderr = build(case, out, *extra)
        assert code == 1
        assert f"caac: error: {out / files.LOCK}: the lock file is a link" in stderr
    assert not (tmp_path / "created-elsewhere").exists()


def run_with_timeout(*args: str, seconds: float = 20) -> subprocess.CompletedProcess[str]:
    """The installed caac, which must answer well before `seconds` (else the test fails)."""
    return subprocess.run([str(CAAC), *args], capture_output=True, text=True, timeout=seconds,
                          stdin=subprocess.DEVNULL, check=False)


@pytest.mark.parametrize("check", [False, True], ids=["build", "check"])
@pytest.mark.parametrize("what", ["lock", "manifest"])
def test_a_pipe_for_a_lock_or_manifest_is_refused_at_once(
    tmp_path: Path, what: str, check: bool
) -> None:
    case, out = one_case(tmp_path / "cases"), tmp_path / "out"
    out.mkdir()
    if what == "manifest":
        (out / files.LOCK).touch()
    path = out / (files.LOCK if what == "lock" else "manifest.json")
    os.mkfifo(path)
    result = run_with_timeout("build", str(case), "--out", str(out), *TEXT,
                              *(["--check"] if check else []))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith(f"caac: error: {path}: ")
    assert stat.S_ISFIFO(path.lstat().st_mode)


def test_a_manifest_linked_to_an_endless_device_is_refused(tmp_path: Path) -> None:
    case, out = one_case(tmp_path / "cases"), tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").symlink_to("/dev/zero")
    code, stderr = build(case, out)
    assert code == 1
    assert f"caac: error: {out / 'manifest.json'}: this is a device or a pipe" in stderr


@pytest.mark.parametrize("content", [b"[" * 200_000, b'{"outputs": ' + b"[" * 100_000,
                                     b" " * (17 * 1024 * 1024)],
                         ids=["deep", "deep-inside", "huge"])
def test_a_deep_or_huge_manifest_is_not_a_manifest(
    tmp_path: Path, content: bytes
) -> None:
    case, out = one_case(tmp_path / "cases"), tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_bytes(content)
    code, stderr = build(case, out)
    assert code == 1
    assert "is not a caac manifest (remove it, or use --force)" in stderr
    assert build(case, out, "--force")[0] == 0


# 19. Leftovers of killed builds, and --jobs --------------------------------------------------

def test_a_build_removes_the_temporary_files_of_killed_builds(tmp_path: Path) -> None:
    case, out = one_case(tmp_path / "cases"), tmp_path / "out"
    assert build(case, out)[0] == 0
    leftovers = [out / f"{files.TEMPORARY_PREFIX}0123456789abcdef.tmp",
                 out / "case" / f"{files.TEMPORARY_PREFIX}fedcba9876543210.tmp"]
    for path in leftovers:
        path.write_bytes(b"half")
    mine = out / "case" / "notes.tmp"
    mine.write_bytes(b"mine")
    assert build(case, out)[0] == 0
    assert not [p for p in leftovers if p.exists()]
    assert mine.exists()


def test_jobs_beyond_the_processors_are_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing.process

    def start(self: object) -> None:
        raise AssertionError("no process is started on a single processor")

    cases = tmp_path / "cases"
    cases.mkdir()
    for i in range(3):
        (cases / f"case-{i}.yaml").write_text(CASE, encoding="utf-8")
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", start)
    assert build(cases, tmp_path / "out", "--jobs", "64")[0] == 0


# The acceptance property ------------------------------------------------------------------------

steps = st.lists(st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 50), st.binary(min_size=1, max_size=20)),
    st.tuples(st.just("build"), st.booleans(), st.none() | st.integers(0, 6), st.booleans()),
), min_size=1, max_size=6)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps)
def test_no_sequence_of_edits_forced_builds_and_interrupts_loses_a_hand_edit(
    tmp_path_factory: pytest.TempPathFactory, sequence: list[tuple[Any, ...]]
) -> None:
    root = tmp_path_factory.mktemp("sequence")
    cases, out = root / "cases", root / "out"
    one_case(cases)
    (cases / "other.yaml").write_text(CASE.replace("the Sudan", "Chad"), encoding="utf-8")
    victim = root / "victim.txt"
    victim.write_bytes(b"outside\n")
    assert build(cases, out)[0] == 0
    edits: dict[Path, bytes] = {}  # the hand edit of each file that the user still has
    for step in sequence:
        if step[0] == "edit":
            _, index, data = step
            outputs = sorted(p for p in out.rglob("*.txt") if ORPHANS not in p.parts)
            if outputs:
                path = outputs[index % len(outputs)]
                path.write_bytes(EDIT + data)
                edits[path] = path.read_bytes()
        else:
            _, force, interrupt, rename = step
            if rename:
                (cases / "case.yaml").write_text(CASE.replace("Wittig", "Wittig Jr"))
            with interrupted_after(interrupt) if interrupt is not None else contextlib.nullcontext():
                build(cases, out, *(["--force"] if force else []))
        for path, data in edits.items():
            assert kept(out, data), (path, step)
    assert sorted(p.name for p in root.iterdir()) == ["cases", "out", "victim.txt"]
    assert sorted(p.name for p in cases.iterdir()) == ["case.yaml", "other.yaml"]
    assert victim.read_bytes() == b"outside\n"


@pytest.mark.parametrize("target", ["case", "hard link to the case", "toolkit"])
def test_a_draft_never_overwrites_its_own_input(tmp_path: Path, target: str) -> None:
    case = one_case(tmp_path / "cases")
    toolkit = tmp_path / "toolkit.yaml"
    toolkit.write_text("base: bundled\n", encoding="utf-8")
    output = {"case": case, "toolkit": toolkit}.get(target, tmp_path / "linked.yaml")
    if target == "hard link to the case":
        os.link(case, output)
    before = output.read_bytes()
    result = CliRunner().invoke(app, ["--data", str(toolkit), "draft", "conclusions", str(case),
                                      "-f", "text", "-o", str(output), "--force"])
    assert result.exit_code == 2
    assert result.stderr.endswith(f"caac: error: {output}: this file is an input of the draft, "
                                  "and inputs are never outputs (give another -o file)\n")
    assert output.read_bytes() == before


def test_orphans_never_leave_the_output_folder_through_a_case_folder(tmp_path: Path) -> None:
    case, out, elsewhere = one_case(tmp_path / "cases"), tmp_path / "out", tmp_path / "elsewhere"
    assert build(case, out)[0] == 0
    elsewhere.mkdir()
    (out / ORPHANS).mkdir()
    (out / ORPHANS / "case").symlink_to(elsewhere)
    (out / "case" / "statement.txt").write_bytes(EDIT)
    code, stderr = build(case, out, "--force")
    assert code == 1
    assert f"caac: error: {out / ORPHANS / 'case'}: not a folder of this build" in stderr
    assert list(elsewhere.iterdir()) == []
    assert kept(out, EDIT)
