"""Per-document time of the docx, pdf and html writers against the bare libraries, in one run.

Each writer lays out the Sanctions Committee letter (a new situation each time, so no cache
helps); the baselines do the least the same library can do with the same text: bare python-docx
adds the same paragraphs to its default document and saves it; bare typst compiles the writer's
own source with `typst.compile`. Goal: each writer within 1.5x of its baseline.

    python bench/bench_writers.py [--documents 40]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import time
from collections.abc import Callable

from caac_toolkit import toolkit
from caac_toolkit.document import Document
from caac_toolkit.drafting import Drafter, Facts, LetterRequest
from caac_toolkit.writers import render


def letters(count: int) -> list[Document]:
    drafter = Drafter(toolkit.load())
    return [
        drafter.letter(
            Facts(situation=f"Situation {i}", date=dt.date(2007, 7, 24), signatory="A. Chair",
                  symbol=f"S/AC.51/2007/{i}", job_number="07-43210"),
            LetterRequest(target="sanctions-committee", points=tuple(f"Point {j}" for j in range(4))),
        )
        for i in range(count)
    ]


def texts(document: Document) -> list[str]:
    lines = [*document.masthead.left, document.masthead.symbol, *document.masthead.right] \
        if document.masthead else []
    for part in document.parts:
        lines += [part.title or ""] + [block.text for block in part.blocks]
        if part.signature:
            lines += [f"{part.signature.signed} {part.signature.name}", *part.signature.titles]
    return lines


def bare_docx(document: Document) -> bytes:
    import docx

    word = docx.Document()
    for line in texts(document):
        word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def bare_typst(document: Document) -> bytes:
    import typst

    from caac_toolkit.writers import pdf

    program, inputs = pdf.source(document)
    return bytes(typst.compile(program, format="pdf", sys_inputs=inputs))


def per_document(job: Callable[[Document], bytes], documents: list[Document]) -> float:
    job(documents[0])  # warm-up: imports, templates, fonts
    timings = []
    for document in documents:
        start = time.perf_counter()
        job(document)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=40)
    documents = letters(parser.parse_args().documents)
    rows = [
        ("docx", lambda d: render(d, "docx"), "bare python-docx", bare_docx),
        ("pdf", lambda d: render(d, "pdf"), "bare typst.compile", bare_typst),
        ("html", lambda d: render(d, "html"), None, None),
    ]
    print(f"{'writer':<8}{'ms/doc':>8}  {'baseline':<20}{'ms/doc':>8}{'ratio':>8}")
    for name, job, base_name, base_job in rows:
        mine = per_document(job, documents)
        if base_job is None:
            print(f"{name:<8}{mine * 1000:>8.2f}")
            continue
        base = per_document(base_job, documents)
        print(f"{name:<8}{mine * 1000:>8.2f}  {base_name:<20}{base * 1000:>8.2f}{mine / base:>8.2f}")


if __name__ == "__main__":
    main()
