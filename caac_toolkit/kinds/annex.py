"""The toolkit's annex in the structure of S/AC.51/2007/2; with its covering letter, the source
as issued: its letter, signature, footnote and masthead."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from caac_toolkit.document import Signature
from caac_toolkit.plan import Line, Phrase, Plan, PlanPart, bullets, heading, paragraph, points

NAME = "annex"
PHRASES = {
    # The covering letter's title, with the mark of its footnote; the footnote.
    "letter_title": ("date", "sender", "addressee"),
    "footnote": ("previous_symbol",),
    "annex_to_letter": ("date", "sender", "addressee"),
    # Said under the annex's title, and the covering letter's, where the texts are a
    # translation made for caac.
    "unofficial": (),
}


@dataclass(frozen=True)
class Section:
    """A category of the toolkit and, under each tier's heading, the texts of its options."""

    number: int
    label: str
    tiers: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Source:
    """The source's own texts, in the document's language."""

    title: str
    annex_heading: str
    mandate_heading: str
    mandate_lead: str
    mandate_points: tuple[str, ...]
    introduction: tuple[str, ...]
    unofficial: bool


@dataclass(frozen=True)
class Letter:
    """The covering letter as issued: its date, sender, addressee, text and signature."""

    date: str
    sender: str
    addressee: str
    paragraphs: tuple[str, ...]
    previous_symbol: str
    signature: Signature


def plan(source: Source, sections: Sequence[Section], letter: Letter | None) -> Plan:
    lines: list[Line] = [heading(source.title)]
    if source.unofficial:
        lines.append(paragraph(Phrase("unofficial")))
    lines += [paragraph(source.mandate_heading), paragraph(source.mandate_lead),
              *points(source.mandate_points), *(paragraph(text) for text in source.introduction)]
    for section in sections:
        lines.append(heading(f"{section.number}. {section.label}", 2))
        for tier, texts in section.tiers:
            lines += [heading(tier, 3), *bullets(texts)]
    if letter is None:
        return Plan(NAME, (PlanPart(source.annex_heading, tuple(lines)),))
    named = {"date": letter.date, "sender": letter.sender, "addressee": letter.addressee}
    # The covering letter is rendered like the annex: the mark opens it too, under the masthead
    # that names the document as issued.
    marked = [paragraph(Phrase("unofficial"))] if source.unofficial else []
    return Plan(NAME, (
        PlanPart(Phrase("letter_title", named),
                 (*marked, *(paragraph(p) for p in letter.paragraphs)),
                 signature=letter.signature),
        PlanPart(None, (paragraph(Phrase("footnote",
                                         {"previous_symbol": letter.previous_symbol})),)),
        PlanPart(Phrase("annex_to_letter", named), tuple(lines), new_page=True),
    ))
