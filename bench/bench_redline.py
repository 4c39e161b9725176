"""A redline of two versions of a ten-page conclusions against building the conclusions' DOCX
once, in one run. Goal: the redline within 3x.

Both sides start from validated cases, as `caac diff` and `caac build` do after loading them:
- baseline: draft the new conclusions and write them as DOCX;
- redline: draft the old and the new conclusions, align their paragraphs and words, and write
  the redline as DOCX with tracked changes.

The new version edits every fifth point, drops one action and adds another. Each figure is the
median of --runs, the two alternating.

    python bench/bench_redline.py [--runs 15]
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from caac_toolkit import case as case_module
from caac_toolkit import redline, toolkit
from caac_toolkit.case import Action, Case
from caac_toolkit.document import Revision
from caac_toolkit.drafting import Drafter
from caac_toolkit.writers import render

SENTENCE = ("to ensure that children separated from armed forces and groups receive support for "
            "their reintegration, including education, vocational training and psychosocial care, "
            "with particular attention to girls and to children with disabilities")
OPTIONS = [  # (option, target, sender): actions the conclusions address one by one
    ("demarches.letters-to-parties", "parties", None),
    ("demarches.justice-and-reconciliation", "affected-state", "president"),
    ("improvement-of-mandates.mission-mandates", "secretary-general", "president"),
    ("assistance.letters-to-donors", "donors", "chair"),
    ("assistance.requests-to-un-bodies", "un-entity", "chair"),
    ("assistance.technical-assistance", "affected-state", "chair"),
]


def cases() -> tuple[Case, Case]:
    """Two versions of a case whose conclusions run to about ten pages."""
    base = case_module.load(Path(__file__).resolve().parent.parent / "examples" / "sudan-2012.yaml",
                            toolkit.load())
    actions = [
        Action(option=option, to=to, sender=sender, addressee=f"Addressee {i}",
               points=[f"Calling upon addressee {i}, in point {j}, {SENTENCE}" for j in range(8)])
        for i in range(14) for option, to, sender in [OPTIONS[i % len(OPTIONS)]]
        if not (option == "demarches.letters-to-parties" and i)
    ]
    old = msgspec.structs.replace(base, actions=actions)
    edited = [msgspec.structs.replace(a, points=[
        p.replace("support", "sustained support") if j % 5 == 0 else p
        for j, p in enumerate(a.points)]) for a in actions]
    added = Action(option="assistance.requests-to-un-bodies", to="un-entity", sender="chair",
                   addressee="the Executive Director of UNICEF", points=[f"Requesting {SENTENCE}"])
    new = msgspec.structs.replace(base, actions=[*edited[:3], *edited[4:], added])
    return old, new


def pages(drafter: Drafter, case: Case) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(render(drafter.conclusions(case), "pdf"))).pages)


def timed(job: Callable[[], Any]) -> float:
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    drafter = Drafter(toolkit.load())
    old, new = cases()

    def build_once() -> bytes:
        return render(drafter.conclusions(new), "docx")

    def redline_once() -> bytes:
        result = redline.compare(drafter.conclusions(old), drafter.conclusions(new))
        return render(dataclasses.replace(result.document, revision=Revision("bench")), "docx")

    result = redline.compare(drafter.conclusions(old), drafter.conclusions(new))
    print(f"conclusions: {pages(drafter, new)} pages as PDF; redline: {result.summary()}")
    build_once(), redline_once()  # warm-up: imports, templates, the DOCX template
    builds, redlines = [], []
    for _ in range(runs):
        builds.append(timed(build_once))
        redlines.append(timed(redline_once))
    base, mine = statistics.median(builds), statistics.median(redlines)
    print(f"{'build the DOCX once':<24}{base * 1000:>8.1f} ms")
    print(f"{'redline as DOCX':<24}{mine * 1000:>8.1f} ms")
    print(f"{'ratio':<24}{mine / base:>8.2f}  (goal: under 3)")


if __name__ == "__main__":
    main()
