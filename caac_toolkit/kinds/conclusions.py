"""The conclusions on one situation: how the report was examined, the members' welcome and
observations, then what the Working Group does itself and what it recommends to the Security
Council. Models: S/AC.51/2018/1/Rev.1 (Mali), S/AC.51/2018/3 (South Sudan), S/AC.51/2020/7
(the Sudan: videoconference, the country's statement annexed), S/AC.51/2019/1 (the Syrian Arab
Republic: no welcome of the report), S/AC.51/2024/5 (the Central African Republic: a meeting
without a number).

Paragraph 1 names only the meeting that examined the report, who introduced it and who spoke
for the country: no paragraph 1 read, 2016-2024, says when the conclusions were adopted
(S/AC.51/2018/1/Rev.1, S/AC.51/2019/1 …; docs/real-documents.md, rule 2). The adoption is in the
statement's opening (to 2019), the masthead's date, the manifest and `caac status`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from caac_toolkit.case import Case, Report
from caac_toolkit.era import Era, resolutions
from caac_toolkit.facts import Message
from caac_toolkit.kinds.common import addressed, punctuate
from caac_toolkit.plan import Line, Phrase, Plan, PlanPart, heading, numbered, paragraph, points
from caac_toolkit.wording import Wording

NAME = "conclusions"
PHRASES = {
    "title": (),
    # Paragraph 1. meeting: number (None where not printed), date, videoconference; formal: "At
    # its 58th formal meeting on …" (S/AC.51/2016/3); body: "short", "security-council" or
    # "of-security-council" (case.Choices.body); ordinal: "second", spelled; period: start, end,
    # months, form ("from", "between", "covers"); representative: None where nobody spoke for
    # the country; annexed: the country's statement is annexed.
    "examined": ("meeting", "formal", "body", "report", "ordinal", "period", "representative",
                 "annexed"),
    # noted: "analysis-and-recommendations" (from 2009) or "recommendations"; submitted: "the
    # report …, submitted in accordance with …" (2016 to September 2018).
    "welcomed": ("resolutions", "noted", "submitted"),
    # previous: symbol, annex; cited_as: "symbols" ("A, B and C", SC/12936, 2017) or
    # "documents" ("documents A, annex; B; and C", SC/10813, 2012).
    "recalled": ("previous", "cited_as"),
    "further": (),
    "direct_action": (),
    "recommendations": (),
    # The action paragraphs, one per channel; introduces: points or headings follow.
    "to_all_parties": ("parties", "listed_in", "introduces"),
    "public_statement": ("introduces",),
    "chair_letter": ("addressee", "introduces"),
    "transmittal": ("addressee", "introduces"),
    # president: the Council's President named by the gender the case gives ("la Présidente"),
    # None when it gives none (the documents' usual "le Président").
    "president_letter": ("addressee", "introduces", "president"),
    "council": (),
    "annex_title": (),
    "country_statement": ("representative",),
}

# The action paragraph of each channel.
_CHANNEL_PHRASES = {"chair-letter": "chair_letter", "chair-transmittal": "transmittal",
                    "president-letter": "president_letter", "council": "council"}


def plan(case: Case, messages: Sequence[Message], words: Wording, era: Era, *,
         until: dt.date | None, representative: str | None,
         statement: Sequence[str]) -> Plan:
    """`until`: the day of the meeting, up to which the report may cite resolutions;
    `statement`: the paragraphs of the country's statement, annexed when there are any."""
    words.situation()  # a case without one: the first gap reported
    parties = [str(party) for party in case.parties]
    actions: list[Line] = []
    for council, title in ((False, "direct_action"), (True, "recommendations")):
        section = [m for m in messages if m.council == council]
        if section:
            actions.append(heading(Phrase(title)))
        for message in section:
            actions += _action(message, case, words, parties)
    report, choices = case.report, case.wording
    lines = [numbered(Phrase("examined", {
        "report": words.fill(report.symbol if report else None, "report"),
        "meeting": words.meeting(case.meeting),
        "formal": choices.meeting_form == "formal",
        # The body's name varies within a year (docs/real-documents.md, rule 9).
        "body": choices.body or "security-council",
        "ordinal": words.report_ordinal(report.ordinal) if report and report.ordinal else None,
        "period": words.period(report, choices.period or "from"),
        "representative": representative,
        "annexed": bool(statement),
    }))]
    # Not every set of conclusions welcomes the report, in the same years (S/AC.51/2019/1 does
    # not, S/AC.51/2020/2 does): the case says (rule 1).
    if case.welcome:
        lines.append(numbered(Phrase("welcomed", {
            "resolutions": _cited(report, until, words),
            "noted": "analysis-and-recommendations" if era.analysis else "recommendations",
            "submitted": (choices.welcome_verb or era.welcome_verb) == "submitted",
        })))
    lines += [numbered(observation) for observation in case.observations]
    if case.previous:
        lines.append(numbered(Phrase("recalled", {
            "previous": [{"symbol": p.symbol, "annex": p.annex} for p in case.previous],
            "cited_as": "symbols" if era.modern else "documents",
        })))
    if era.modern:
        lines.append(numbered(Phrase("further")))
    parts = [PlanPart(Phrase("title"), (*lines, *actions))]
    if statement:
        parts.append(PlanPart(Phrase("annex_title"), (
            heading(Phrase("country_statement", {"representative": representative})),
            *(paragraph(text) for text in statement)), new_page=True))
    return Plan(NAME, tuple(parts))


def _cited(report: Report | None, until: dt.date | None, words: Wording) -> list[str]:
    """The resolutions the report was submitted under; those adopted between the date it is
    known to follow and the meeting are a gap ("[resolutions]") with a warning naming them."""
    cited, later = resolutions(report, until)
    if report is None or later:
        cited.append(words.fill(None, "resolutions"))
    if later:
        words.gaps.notes.append(
            f"resolutions: {', '.join(later)} may be cited or not: give report.issued, the "
            "report's date")
    return cited


def _action(message: Message, case: Case, words: Wording, parties: list[str]) -> list[Line]:
    """One action paragraph, its points, and its points under addressee headings."""
    request = message.request
    texts = request.points
    if message.channel in ("statement", "council") and not texts and not message.groups:
        texts = (words.fill(None, "point"),)
    introduces = bool(texts or message.groups)
    values: dict[str, Any]
    if message.channel == "statement":
        if message.groups:
            phrase = "public_statement"
            values = {"introduces": introduces}
        else:
            phrase = "to_all_parties"
            values = {"parties": parties, "listed_in": case.parties_listed_in,
                      "introduces": introduces}
    else:
        phrase = _CHANNEL_PHRASES[message.channel]
        values = {} if phrase == "council" else {"introduces": introduces, "addressee": words.fill(
            words.addressee(request.target, request.addressee), "addressee")}
        if phrase == "president_letter":
            gender = case.president.gender if case.president else None
            values["president"] = words.labels.senders.president(gender) if gender else None
    return [numbered(Phrase(phrase, values)), *points(punctuate(texts), nested=True),
            *addressed(message.groups, words, parties)]
