"""Time per document of one case in the six languages and five formats, against English.

Each language runs in a process of its own, so that its PDF time includes loading its fonts
(the Chinese face is a 20 MB collection): the process drafts the case's documents (conclusions,
statement, letter) and lays each out in every format, `--rounds` times with a new situation each
round, so that no cache helps. It reports the median time per document of each format and, for
PDF, the time per page with the first round's font loading spread over all rounds' pages. Ratios
are against English measured in the same run. Goal: Arabic and Chinese within 2x of English per
PDF page.

    python bench/bench_languages.py [--rounds 10]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SITUATIONS = {"en": "Situation {}", "fr": "au Pays {}", "es": "País {}", "ru": "в Стране {}",
              "ar": "البلد {}", "zh": "国家{}"}
POINTS = {"en": "Calling upon all parties to end violations, in accordance with resolution 1612 (2005)",
          "fr": "Demandant à toutes les parties de mettre fin aux violations",
          "es": "Exhortando a todas las partes a poner fin a las violaciones",
          "ru": "Призывая все стороны положить конец нарушениям",
          "ar": "دعوة جميع الأطراف إلى وضع حد للانتهاكات، وفقا للقرار 1612 (2005)",
          "zh": "呼吁所有各方根据第1612(2005)号决议停止侵害行为"}
CASE = """\
situation: {situation}
report: S/2011/413
meeting: {{number: 34, date: 2012-10-05}}
date: 2012-10-11
language: {lang}
symbol: S/AC.51/2012/3
job_number: 12-54321
chair: {{name: Peter Wittig}}
actions:
  - option: demarches.letters-to-parties
    to: parties
    points: [{point}, {point}, {point}]
  - option: assistance.letters-to-donors
    to: donors
"""


def one_language(lang: str, rounds: int) -> dict[str, object]:
    """Run in the child process: the timings of `lang`."""
    from caac_toolkit import build, toolkit
    from caac_toolkit.drafting import Drafter
    from caac_toolkit.writers import FORMATS, render

    started = time.perf_counter()
    drafter = Drafter(toolkit.load())
    folder = Path(tempfile.mkdtemp())
    times: dict[str, list[float]] = {fmt.name: [] for fmt in FORMATS.values()}
    pages = 0
    pdf_total = 0.0
    for i in range(rounds):
        path = folder / f"case-{i}.yaml"
        path.write_text(CASE.format(situation=json.dumps(SITUATIONS[lang].format(i + 1),
                                                         ensure_ascii=False),
                                    lang=lang, point=json.dumps(POINTS[lang], ensure_ascii=False)),
                        encoding="utf-8")
        (source,) = build.load_sources([path], drafter.toolkit, drafter.templates.languages)
        for item in drafter.case_documents(source.case):
            for fmt in FORMATS.values():
                start = time.perf_counter()
                data = render(item.document, fmt)
                spent = time.perf_counter() - start
                times[fmt.name].append(spent)
                if fmt is FORMATS["pdf"]:
                    pdf_total += spent
                    pages += len(re.findall(rb"/Type\s*/Page(?![a-z])", data))
    return {"median": {f: statistics.median(t) for f, t in times.items()},
            "pdf_per_page": pdf_total / max(pages, 1), "pages": pages,
            "process": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_language(args.child, args.rounds)))
        return
    results = {}
    for lang in ("en", "fr", "es", "ru", "ar", "zh"):
        out = subprocess.run([sys.executable, __file__, "--child", lang, "--rounds",
                              str(args.rounds)], check=True, capture_output=True, text=True)
        results[lang] = json.loads(out.stdout)
    english = results["en"]
    formats = list(english["median"])
    print(f"ms per document (median of {args.rounds} rounds x 3 documents); ratio to English;"
          " PDF per page with font loading")
    print(f"{'lang':<6}" + "".join(f"{f:>14}" for f in formats) + f"{'pdf ms/page':>18}")
    for lang, row in results.items():
        cells = []
        for f in formats:
            mine, base = row["median"][f], english["median"][f]
            cells.append(f"{mine * 1000:>7.1f} ({mine / base:4.2f})")
        page, base_page = row["pdf_per_page"], english["pdf_per_page"]
        print(f"{lang:<6}" + "".join(f"{c:>14}" for c in cells)
              + f"{page * 1000:>9.1f} ({page / base_page:4.2f}x)"
              + f"  {row['pages']} pages")


if __name__ == "__main__":
    main()
