"""The conclusions on one situation: how the report was examined, the members' welcome and
observations, then what the Working Group does itself and what it recommends to the Security
Council. Models: S/AC.51/2018/1/Rev.1 (Mali), S/AC.51/2018/3 (South Sudan), S/AC.51/2020/7
(the Sudan: videoconference, the country's statement annexed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from caac_toolkit.case import Case
from caac_toolkit.era import Era, resolutions
from caac_toolkit.facts import Message
from caac_toolkit.kinds.common import addressed, punctuate
from caac_toolkit.plan import Line, Phrase, Plan, PlanPart, heading, numbered, paragraph, points
from caac_toolkit.wording import Wording

NAME = "conclusions"
PHRASES = {
    "title": (),
    # Paragraph 1. meeting and adopted: number (None where not printed), date, videoconference;
    # ordinal: "second", spelled; period: start, end, months; representative: None where nobody
    # spoke for the country; annexed: the country's statement is annexed.
    "examined": ("meeting", "report", "ordinal", "period", "representative", "annexed",
                 "adopted"),
    # noted: "analysis-and-recommendations" (from 2009) or "recommendations".
    "welcomed": ("resolutions", "noted"),
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
    "president_letter": ("addressee", "introduces"),
    "council": (),
    "annex_title": (),
    "country_statement": ("representative",),
}

# The action paragraph of each channel.
_CHANNEL_PHRASES = {"chair-letter": "chair_letter", "chair-transmittal": "transmittal",
                    "president-letter": "president_letter", "council": "council"}


def plan(case: Case, messages: Sequence[Message], words: Wording, era: Era, *,
         cited_before: dt.date | None, representative: str | None,
         statement: Sequence[str]) -> Plan:
    """`cited_before`: the resolutions cited are those adopted before it (None: not known);
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
    report = case.report
    lines = [numbered(Phrase("examined", {
        "report": words.fill(report.symbol if report else None, "report"),
        "meeting": words.meeting(case.meeting),
        "ordinal": words.spelled(report.ordinal) if report and report.ordinal else None,
        "period": words.period(report),
        "representative": representative,
        "annexed": bool(statement),
        "adopted": words.meeting(case.adopted, numbered=False) if case.adopted else None,
    })), numbered(Phrase("welcomed", {
        # With no date to count from, which resolutions it cites is not known.
        "resolutions": resolutions(cited_before) if cited_before
        else [words.fill(None, "resolutions")],
        "noted": "analysis-and-recommendations" if era.analysis else "recommendations",
    }))]
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
    return [numbered(Phrase(phrase, values)), *points(punctuate(texts), nested=True),
            *addressed(message.groups, words, parties)]
