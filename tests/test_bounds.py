"""Nothing hangs: text transforms are linear, templates are bounded in time, memory and output,
SIGTERM ends a run at once, drafting cannot make a document of megabytes, and no word runs off
a PDF page.

Bounds on time are checked without timing anything here: caac's own limits must fire (and say
so) before a generous timeout of the test's subprocess; linearity by input sizes at which a
quadratic transform would take hours, under a generous hypothesis deadline.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CASE, Run, ended
from hypothesis import given, settings
from hypothesis import strategies as st

from caac_toolkit import rendering, textfile
from caac_toolkit.document import Document, Paragraph, Part
from caac_toolkit.templating import escape_markdown, one_line
from caac_toolkit.writers import render
from caac_toolkit.writers.markdown import escape

CAAC = Path(sys.executable).parent / "caac"
TEMPLATE = "tpl/en/statement.md.j2"


# 8. Linear text transforms ---------------------------------------------------------------------

pieces = st.lists(st.sampled_from([" ", "\t", "\n", " \n", "x", "#", "1.", "-", "*", "\\"]),
                  min_size=1, max_size=6)


@settings(max_examples=20, deadline=dt.timedelta(seconds=10))
@given(pieces, st.sampled_from([" ", "\t", " \t"]))
def test_text_transforms_are_linear_on_long_runs_of_blanks(piece: list[str], blank: str) -> None:
    # A megabyte of blanks broken by the pieces: `[ \t]*\n` took time quadratic in the run.
    text = (blank * 200_000 + "".join(piece)) * 5
    flat = one_line(text)
    assert "\n" not in flat
    assert escape_markdown(text) and escape(flat)


def test_one_line_joins_each_run_of_blanks_holding_a_break_into_one_space() -> None:
    assert one_line("a \t\n \n\tb  c\n") == "a b  c "
    assert one_line("a  b") == "a  b"


# 9. Templates bounded in time, memory and output -----------------------------------------------

def write_template(folder: Path, body: str) -> None:
    path = folder / TEMPLATE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{% block title %}x{% endblock %}{% block opening_headed %}\n" + body +
                    "\n{% endblock %}", encoding="utf-8")


def draft(folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([str(CAAC), "draft", "statement", "--situation", "Chad", "-f", "md",
                             "--templates", str(folder / "tpl")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)


LOOPS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
RECURSION = ("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
             "{{ f(40) }}")


@pytest.mark.parametrize("body", [LOOPS, RECURSION], ids=["nested-loops", "macro-tree"])
def test_a_template_that_computes_for_hours_is_stopped_by_caac(tmp_path: Path, body: str) -> None:
    write_template(tmp_path, body)
    process = draft(tmp_path)
    stdout, stderr = ended(process, 120)  # caac's own limit must come first
    assert process.returncode == 1
    assert stdout == ""
    assert stderr.splitlines()[-1] == (
        f"caac: error: {tmp_path / TEMPLATE}: the template took longer than the "
        f"{rendering.SECONDS:g} s a document allows its templates (look for loops within loops)")


def worker_of(process: subprocess.Popen[str]) -> int:
    """The process that renders templates for `process`, once it has started."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    while process.poll() is None:
        found = children.read_text().split()
        if found:
            return int(found[0])
        time.sleep(0.01)
    raise AssertionError(process.communicate())


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux's /proc")
def test_sigterm_ends_a_run_stuck_in_a_template_and_its_worker(tmp_path: Path) -> None:
    write_template(tmp_path, LOOPS)
    process = draft(tmp_path)
    worker = worker_of(process)
    process.send_signal(signal.SIGTERM)
    # Well before the templates' time runs out: the signal, not that limit, ends the run.
    _, stderr = ended(process, rendering.SECONDS - 1)
    assert process.returncode == 130
    assert stderr.splitlines()[-1] == "caac: interrupted; nothing half-written"
    status = Path(f"/proc/{worker}/status")
    assert not status.exists() or "State:\tZ" in status.read_text()


MEMORY = {
    "center": "{{ 'x'|center(1000000000) }}",
    "format-padding": "{{ '{:>999999999}'.format(1) }}",
    "percent-padding": "{{ '%999999999d'|format(1) }}",
    "wide-characters": "{{ 'x'.center(300000000, '\u20ac') }}",
    "replace": "{{ ('x' * 10000)|replace('x', 'y' * 10000)|replace('y', 'z' * 10000) }}",
}


@pytest.mark.parametrize("body", MEMORY.values(), ids=MEMORY.keys())
def test_a_template_that_fills_memory_is_stopped_with_a_line_naming_it(
    caac: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write_template(tmp_path, body)
    result = caac("draft", "statement", "--situation", "Chad", "-f", "md", "--templates", "tpl")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"caac: error: {TEMPLATE}:2: "), result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("body", [
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "{{ 'x'|center(100000000) }}",
    "{% for i in range(100000) %}{{ 'x'|center(99999) }}{% endfor %}",
], ids=["loops", "one-value", "padded-values"])
def test_a_template_that_writes_megabytes_is_stopped_early(
    caac: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write_template(tmp_path, body)
    result = caac("draft", "statement", "--situation", "Chad", "-f", "md", "--templates", "tpl",
                  "-o", "statement.md")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"caac: error: {TEMPLATE}"), result.stderr
    assert "characters" in result.stderr
    assert not (tmp_path / "statement.md").exists()


def test_templates_still_render_in_a_build_with_several_processes(
    caac: Run, tmp_path: Path
) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.yaml").write_text(CASE, encoding="utf-8")
    out = tmp_path / "out"
    result = caac("build", str(tmp_path), "--out", str(out), "-f", "md", "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    assert len(list(out.glob("*/statement.md"))) == 3


# 10. What drafting makes is bounded ------------------------------------------------------------

def overlay(folder: Path) -> Path:
    """A toolkit whose drafting text names the situation 800 times, in three options."""
    phrase = "I call upon the parties " + "{situation} " * 800 + "to act."
    text = "base: bundled\noptions:\n"
    for option in ("demarches.letters-to-parties", "demarches.demarches-to-listed-parties",
                   "enhanced-monitoring.clarification-from-affected-state"):
        text += f"  - id: {option}\n    drafting:\n      en: \"{phrase}\"\n"
    (folder / "toolkit.yaml").write_text(text, encoding="utf-8")
    return folder / "toolkit.yaml"


@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_drafting_text_repeating_a_value_cannot_make_a_huge_document(
    caac: Run, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"letter.{fmt}"
    result = caac("--data", str(overlay(tmp_path)), "draft", "letter", "--to", "parties",
                  "--situation", "x" * 150, "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith("caac: error: the letter would be ")
    assert f"more than the {textfile.MAX_DOCUMENT:,} of a document" in result.stderr
    assert not out.exists()


def test_a_build_names_the_case_whose_document_would_be_too_large(
    caac: Run, tmp_path: Path
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(CASE.replace("the Sudan", "x" * 300) + "  - {option: enhanced-monitoring."
                    "clarification-from-affected-state, to: affected-state}\n", encoding="utf-8")
    result = caac("--data", str(overlay(tmp_path)), "build", str(case), "--out",
                  str(tmp_path / "out"), "-f", "text")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(f"caac: error: {case}: the ")
    assert not (tmp_path / "out").exists()


# 18. A word longer than a line in PDF ----------------------------------------------------------

def test_a_word_longer_than_the_line_breaks_inside_the_pdf_page() -> None:
    from pypdf import PdfReader

    word = "abcdefghij" * 1000
    document = Document("letter", "en", "t", (Part(None, (
        Paragraph(f"Start {word} end", 1), Paragraph("An ordinary paragraph " * 40))),))
    reader = PdfReader(io.BytesIO(render(document, "pdf")))
    text = "".join(page.extract_text() for page in reader.pages)
    # An A4 line holds some ninety letters: a word that ran off the page would be one line.
    assert max(len(line) for line in text.splitlines()) < 120
    assert text.count("j") == 1000  # every letter of the word, and nothing between them
    assert "\u200b" not in text


def descendants(pid: int) -> set[int]:
    found = set()
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        found |= {int(child), *descendants(int(child))}
    return found


def alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "State:\tZ" not in status.read_text()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux's /proc")
def test_sigterm_ends_a_parallel_build_stuck_in_templates_and_every_process(
    tmp_path: Path
) -> None:
    write_template(tmp_path, LOOPS)
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(CASE, encoding="utf-8")
    process = subprocess.Popen(
        [str(CAAC), "build", str(tmp_path), "--out", str(tmp_path / "out"), "-f", "md",
         "--jobs", "2", "--templates", str(tmp_path / "tpl")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
        env={**os.environ, "CI": "1"})
    # Two build workers, each with its renderer (one renderer on a single processor).
    expected = 4 if (os.cpu_count() or 1) > 1 else 1
    family: set[int] = set()
    while process.poll() is None and len(family) < expected:
        family = descendants(process.pid)
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    _, stderr = ended(process, rendering.SECONDS - 1)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    for pid in family:
        for _ in range(100):  # the system may take a moment to take a killed process away
            if not alive(pid):
                break
            time.sleep(0.01)
        assert not alive(pid)
