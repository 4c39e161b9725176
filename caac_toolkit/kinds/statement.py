"""The Chair's public statement, as the press releases of its year print it: SC/10813 (2012),
SC/11518 (2014), SC/13324 (2018), SC/14350 (2020), SC/15815 (2024). Which meeting it names, its
title and how its opening ends are the era's (`caac_toolkit.era`), unless the case chose
(`wording:`)."""

from __future__ import annotations

from collections.abc import Sequence

from caac_toolkit.case import Choices, Meeting, Report
from caac_toolkit.era import Era
from caac_toolkit.facts import Group
from caac_toolkit.kinds.common import addressed, punctuate
from caac_toolkit.plan import Line, Phrase, Plan, PlanPart, bullets, paragraph, points
from caac_toolkit.wording import Wording

NAME = "statement"
PHRASES = {
    # style: "long" ("Public Statement by Chair of Security Council Working Group …", from 2016,
    # SC/12662), "short" ("… by Chair of Working Group …", SC/15815), "short-lower" ("Public
    # statement by …", SC/15429), "short-with-situation" (the situation at the end, SC/15815 in
    # French), "chair" ("Statement by Chair of …", from 2013, SC/11228) or "chairman" ("Statement
    # by Chairman of …", to 2012, SC/10890).
    "title": ("style",),
    # The opening, naming the parties; meeting: number and date, or None where not named;
    # document: "(document S/…)" rather than "(S/…)".
    "opening": ("meeting", "report", "document", "ordinal", "period", "parties", "listed_in"),
    # The opening of messages under addressee headings; ending: how it ends
    # (case.Choices.statement_opening: "convey-colon", "address-full-stop" …).
    "opening_headed": ("meeting", "report", "document", "ordinal", "period", "ending"),
}


def plan(report: Report | None, meeting: Meeting | None, groups: Sequence[Group],
         parties: Sequence[str], listed_in: str | None, words: Wording, era: Era,
         choices: Choices) -> Plan:
    """`groups`: the messages, each to one addressee; a single group to all parties is printed
    without its heading before 2016; `meeting`: the meeting the conclusions name, printed only
    in the years when statements named one."""
    # Since 2016 every message has its heading, "To all parties …" included (SC/14350).
    headed = len(groups) > 1 or any(g.addressee for g in groups) or era.modern
    # Meeting numbers spelled out or in figures vary within a year (SC/13876 "82nd", 9 July 2019;
    # "eighty-third", 30 July 2019): the era's usual form unless the case chose.
    spelled = (choices.meeting_number == "words" if choices.meeting_number
               else not era.statement_meeting_in_figures)
    values = {
        "meeting": words.meeting(meeting, spelled=spelled)
        if meeting and era.statement_names_meeting else None,
        "report": report.symbol if report else None,
        "document": (choices.report or era.statement_report) == "document",
        "ordinal": words.report_ordinal(report.ordinal) if report and report.ordinal else None,
        "period": words.period(report) if era.statement_period else None,
    }
    items = bullets if (choices.statement_points or era.statement_points) == "bulleted" else points
    lines: list[Line]
    if headed:
        ending = choices.statement_opening or era.statement_opening
        lines = [paragraph(Phrase("opening_headed", {**values, "ending": ending})),
                 *addressed(groups, words, parties, items)]
    else:
        lines = [paragraph(Phrase("opening", {**values, "parties": list(parties),
                                              "listed_in": listed_in}))]
        lines += [line for group in groups for line in items(punctuate(group.points))]
    style = ((choices.statement_title or era.statement_title) if era.public_statement_title
             else "chairman" if era.chairman else "chair")
    return Plan(NAME, (PlanPart(Phrase("title", {"style": style}), tuple(lines)),))
