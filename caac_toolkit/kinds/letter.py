"""A letter to one addressee, from the Chair of the Working Group or from the President of the
Security Council. A letter issued as a document (with a symbol) has neither salutation nor
complimentary close: those belong to correspondence."""

from __future__ import annotations

from collections.abc import Sequence

from caac_toolkit.document import Signature
from caac_toolkit.facts import Group
from caac_toolkit.kinds.common import addressed, punctuate
from caac_toolkit.plan import Line, Phrase, Plan, PlanPart, paragraph, points
from caac_toolkit.routing import Sender
from caac_toolkit.wording import Wording

NAME = "letter"
PHRASES = {
    "title": ("date", "sender", "addressee"),
    "salutation": ("salutation",),
    # The opening sentence, by who writes.
    "from_chair": (),
    "from_president": (),
    "report": ("report",),
    # Before the points: "In this regard, …"; speaker: "council" where the President writes,
    # for the Council, else "working-group".
    "convey": ("speaker",),
    # The parties, named only to the parties themselves.
    "parties": ("parties",),
    "close": ("salutation",),
}


def plan(*, sender: Sender, date: str, sender_text: str, addressee: str, salutation: str | None,
         report: str | None, paragraphs: Sequence[str], texts: Sequence[str],
         groups: Sequence[Group], parties: Sequence[str], words: Wording,
         signature: Signature) -> Plan:
    """`paragraphs`: the options' drafting sentences; `texts`: the points; `signature`: the
    signature block under the letter."""
    lines: list[Line] = []
    if salutation:
        lines.append(paragraph(Phrase("salutation", {"salutation": salutation})))
    lines.append(paragraph(Phrase("from_chair" if sender == "chair" else "from_president")))
    if report:
        lines.append(paragraph(Phrase("report", {"report": report})))
    lines += [paragraph(text) for text in paragraphs]
    grouped = addressed(groups, words)
    if texts or groups:
        lines += [paragraph(Phrase("convey", {
            "speaker": "council" if sender == "president" else "working-group"})),
                  *points(punctuate(texts)), *grouped]
    if parties:
        lines.append(paragraph(Phrase("parties", {"parties": list(parties)})))
    if salutation:
        lines.append(paragraph(Phrase("close", {"salutation": salutation})))
    title = Phrase("title", {"date": date, "sender": sender_text, "addressee": addressee})
    return Plan(NAME, (PlanPart(title, tuple(lines), signature=signature),))
