"""Throughput of `caac build` on 200 cases, against bare Jinja2, measured in one run.

- documents per second for text, md and docx;
- the speed-up of --jobs 2 over --jobs 1 (goal: at least 1.6 on 2 cores);
- the whole build (a new `caac build` process: load and validate the cases, draft, lay out,
  write atomically, hash, write the manifest) against the baseline, a new process that renders
  the same templates with the same values with bare Jinja2 and writes each result to a file
  (goal: under 3 for text and for md).

The cases vary the examples/ (meeting numbers, points); every figure is the fastest of --runs
cold runs, alternating, into fresh folders: on a shared machine the fastest run is the one the
other programs disturbed least.

    python bench/bench_build.py [--cases 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from caac_toolkit import build, case, toolkit
from caac_toolkit.drafting import Drafter
from caac_toolkit.resources import templates_dir
from caac_toolkit.templating import Templates

ROOT = Path(__file__).resolve().parent.parent
CAAC = Path(sys.executable).parent / "caac"

# The baseline: the same phrases, values and Jinja2 options, no sandbox and nothing around: each
# document's phrases rendered and joined into one file.
BASELINE = r"""
import pickle, sys
from pathlib import Path
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from caac_toolkit import templating

renders = pickle.loads(Path(sys.argv[1]).read_bytes())
out = Path(sys.argv[3])
environment = Environment(
    loader=FileSystemLoader(sys.argv[2]), undefined=StrictUndefined, keep_trailing_newline=True,
    trim_blocks=True, lstrip_blocks=True, finalize=templating.escape_markdown,
)
environment.filters.update(templating.Templates().environment.filters)  # caac's own filters
for i, document in enumerate(renders):
    text = "\n\n".join(
        "".join(template.blocks[block](template.new_context(context)))
        for template, block, context in (
            (environment.get_template(name), block, context) for name, block, context in document)
    )
    (out / f"{i:05}.md").write_text(text, encoding="utf-8")
"""


def make_cases(folder: Path, count: int) -> None:
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    for i in range(count):
        data = yaml.safe_load(examples[i % len(examples)].read_text(encoding="utf-8"))
        if data.get("meeting", {}).get("number"):
            data["meeting"]["number"] += i
        for action in data["actions"]:
            for holder in (action, *action.get("messages", [])):
                holder["points"] = [f"{point} ({i})" for point in holder.get("points", [])]
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / f"case-{i:03}.yaml").write_text(text, encoding="utf-8")


class _Recording(Templates):
    """Templates that remember each document's phrases: the file that words each, its block and
    its values."""

    def __init__(self) -> None:
        super().__init__()
        self.renders: list[list[tuple[str, str, dict[str, Any]]]] = []

    def render_phrases(self, phrasebooks: tuple[str, ...],
                       phrases: Sequence[tuple[str, Any]], known: Any) -> list[str]:
        self.renders.append([(self._phrasebook(phrasebooks, block), block, dict(values))
                             for block, values in phrases])
        return super().render_phrases(phrasebooks, phrases, known)


def record_renders(cases: Path, into: Path) -> int:
    templates = _Recording()
    drafter = Drafter(toolkit.load(), templates)
    for path in build.case_files([cases]):
        drafter.case_documents(case.load(path, drafter.toolkit))
    into.write_bytes(pickle.dumps(templates.renders))
    return len(templates.renders)


def timed(command: list[str], out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    os.sync()  # so that no run pays for writing back the files of the one before
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   stdin=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        cases, renders, out = work / "cases", work / "renders.pickle", work / "out"
        cases.mkdir()
        make_cases(cases, args.cases)
        documents = record_renders(cases, renders)
        baseline = [sys.executable, "-c", BASELINE, str(renders), str(templates_dir()), str(out)]
        builds = {
            "text": ["-f", "text"],
            "md": ["-f", "md"],
            "text+md+docx, --jobs 1": ["-f", "text", "-f", "md", "-f", "docx", "--jobs", "1"],
            "text+md+docx, --jobs 2": ["-f", "text", "-f", "md", "-f", "docx", "--jobs", "2"],
        }
        commands = {"bare Jinja2 (baseline)": baseline} | {
            f"caac build, {name}": [str(CAAC), "build", str(cases), "--out", str(out), *flags]
            for name, flags in builds.items()
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command, out))
    fastest = {name: min(values) for name, values in times.items()}
    base = fastest["bare Jinja2 (baseline)"]
    print(f"{args.cases} cases, {documents} documents; fastest of {args.runs} runs\n")
    print(f"{'':36} {'seconds':>8} {'files':>6} {'files/s':>8} {'x baseline':>11}")
    for name, seconds in fastest.items():
        formats = 3 if "docx" in name else 1
        files = documents * formats
        print(f"{name:36} {seconds:8.2f} {files:6} {files / seconds:8.0f} {seconds / base:11.2f}")
    one = fastest["caac build, text+md+docx, --jobs 1"]
    two = fastest["caac build, text+md+docx, --jobs 2"]
    print(f"\nspeed-up of --jobs 2 over --jobs 1: {one / two:.2f} (goal >= 1.6 on 2 cores)")
    print(f"whole build / bare Jinja2: text {fastest['caac build, text'] / base:.2f}, "
          f"md {fastest['caac build, md'] / base:.2f} (goal < 3)")


if __name__ == "__main__":
    main()
