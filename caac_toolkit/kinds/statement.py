"""The Chair's public statement, as the press releases of its year print it: SC/10813 (2012),
SC/11518 (2014), SC/13324 (2018), SC/14350 (2020)."""

from __future__ import annotations

from collections.abc import Sequence

from caac_toolkit.case import Meeting, Report
from caac_toolkit.era import Era
from caac_toolkit.facts import Group
from caac_toolkit.kinds.common import addressed, punctuate
from caac_toolkit.plan import Line, Phrase, Plan, PlanPart, paragraph, points
from caac_toolkit.wording import Wording

NAME = "statement"
PHRASES = {
    # style: "public-statement" ("Public Statement by Chair of …", from 2016, SC/12662),
    # "chair" ("Statement by Chair of …", from 2013, SC/11228) or "chairman" ("Statement by
    # Chairman of …", to 2012, SC/10890).
    "title": ("style",),
    # The opening, naming the parties; meeting: number and date, or None where not named.
    "opening": ("meeting", "report", "ordinal", "period", "parties", "listed_in"),
    # The opening of messages under addressee headings.
    "opening_headed": ("meeting", "report", "ordinal", "period"),
}


def plan(report: Report | None, meeting: Meeting | None, groups: Sequence[Group],
         parties: Sequence[str], listed_in: str | None, words: Wording, era: Era) -> Plan:
    """`groups`: the messages, each to one addressee; a single group to all parties is printed
    without its heading before 2016."""
    # Since 2016 every message has its heading, "To all parties …" included (SC/14350).
    headed = len(groups) > 1 or any(g.addressee for g in groups) or era.modern
    values = {
        "meeting": words.meeting(meeting, spelled=not era.statement_meeting_in_figures)
        if meeting else None,
        "report": report.symbol if report else None,
        "ordinal": words.spelled(report.ordinal) if report and report.ordinal else None,
        "period": words.period(report),
    }
    lines: list[Line]
    if headed:
        lines = [paragraph(Phrase("opening_headed", values)),
                 *addressed(groups, words, parties)]
    else:
        lines = [paragraph(Phrase("opening", {**values, "parties": list(parties),
                                              "listed_in": listed_in}))]
        lines += [line for group in groups for line in points(punctuate(group.points))]
    style = ("public-statement" if era.public_statement_title
             else "chairman" if era.chairman else "chair")
    return Plan(NAME, (PlanPart(Phrase("title", {"style": style}), tuple(lines)),))
