"""Start-up time of `caac list` and `caac --help` against a minimal Typer app, in one run.

The baseline is the smallest program that does the same visible job: a Typer app that prints a
26-row Rich table of the toolkit's options (and its --help). Both run cold, as new processes, with
the same interpreter, alternating, and the medians are compared. Goal: each ratio at most 1.3.

    python bench/bench_startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import caac_toolkit

BASELINE = '''
import typer
from rich.console import Console
from rich.table import Table

ROWS = {rows!r}
app = typer.Typer()


@app.command()
def main() -> None:
    """List the options."""
    table = Table("option", "targets")
    for option_id, text, targets in ROWS:
        table.add_row(option_id + "\\n" + text, targets)
    Console().print(table)


app()
'''


def _time(command: list[str], env: dict[str, str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs

    # An installed package has bytecode from install time; make a checkout comparable.
    compileall.compile_dir(Path(caac_toolkit.__file__).parent, quiet=1)
    env = {**os.environ, "COLUMNS": "100", "TERM": "dumb"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    listing = subprocess.run(
        [sys.executable, "-m", "caac_toolkit", "list", "--format", "json"],
        capture_output=True, check=True, text=True,
    )
    rows = [(o["id"], o["text"], "\n".join(o["targets"])) for o in json.loads(listing.stdout)]
    with tempfile.TemporaryDirectory() as folder:
        baseline = Path(folder) / "baseline.py"
        baseline.write_text(BASELINE.format(rows=rows), encoding="utf-8")
        compileall.compile_file(str(baseline), quiet=1)
        script = Path(sys.executable).parent / "caac"  # the installed console script
        caac = [str(script)] if script.exists() else [sys.executable, "-m", "caac_toolkit"]
        cases = {
            "list": ([*caac, "list"], [sys.executable, str(baseline)]),
            "--help": ([*caac, "--help"], [sys.executable, str(baseline), "--help"]),
        }
        print(f"{'command':<10}{'caac ms':>10}{'baseline ms':>13}{'ratio':>8}  (median of {runs})")
        for name, (ours, theirs) in cases.items():
            for command in (ours, theirs):  # warm the file cache
                _time(command, env, folder)
            mine, base = [], []
            for _ in range(runs):
                mine.append(_time(ours, env, folder))
                base.append(_time(theirs, env, folder))
            m, b = statistics.median(mine), statistics.median(base)
            print(f"{name:<10}{m * 1000:>10.0f}{b * 1000:>13.0f}{m / b:>8.2f}")


if __name__ == "__main__":
    main()
