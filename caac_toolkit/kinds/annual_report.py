"""The Working Group's annual report to the Security Council: a covering letter from the Chair to
the President of the Council asking that it be issued as a Council document, then the report,
titled with its period: "I. Introduction" recalling resolution 1612 (2005) and its paragraph 8
(a) and (b), the meetings held, the conclusions adopted (a table: symbol, situation, report
examined, meeting of adoption, public statement) and the other activities the user's register
records.

Models: the report for 1 July 2008 to 30 June 2009, under the letter of 20 July 2009 from the
Chair (https://unispal.un.org/DPA/DPR/unispal.nsf/0/DA5723B3E708A5BF85257607006CB798): the
letter's two paragraphs, "(Signed)", the title with the period in parentheses on a line of its
own, "I. Introduction" and its paragraphs 1 (resolution 1612 (2005), adopted on 26 July 2005)
and 2 (paragraph 8, with points (a) and (b)); its letter refers to the previous report, S/2008/455
(letter of 11 July 2008, https://www.undemocracy.com/meeting_5936/). Only the opening of the 2009
report could be read: the headings after the introduction are not theirs, and stay in the
phrasebooks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from caac_toolkit.document import Signature
from caac_toolkit.plan import Line, Phrase, Plan, PlanPart, heading, numbered, paragraph, points, table

NAME = "annual_report"
PHRASES = {
    # The covering letter: its title (date, sender, addressee), what it transmits (start, end:
    # the period) and the request to issue it as a document of the Council (gender: the
    # signatory's, female, male or None, for "reconnaissant" / "reconnaissante").
    "letter_title": ("date", "sender", "addressee"),
    "transmits": ("start", "end"),
    "circulate": ("gender",),
    # The report's title, with its period.
    "title": ("start", "end"),
    "introduction": (),
    # Paragraph 1: resolution 1612 (2005), adopted on 26 July 2005; paragraph 2: its paragraph 8,
    # then points (a) and (b).
    "resolution": (),
    "mandate": (),
    "mandate_a": (),
    "mandate_b": (),
    "period": ("start", "end"),
    "meetings": (),
    # The meetings held: how many are recorded; then one point per meeting: meeting (number,
    # None where not known; date), considered and adopted (each a list of {symbol, report,
    # situation, in_situation}), last (the last point ends with a full stop).
    "meetings_held": ("count",),
    "meeting": ("meeting", "considered", "adopted", "last"),
    "conclusions": (),
    # How many sets were adopted in the period, before the table.
    "adopted": ("count",),
    # The table's header cells, then a cell naming the meeting of adoption (number, date).
    "column_symbol": (),
    "column_situation": (),
    "column_report": (),
    "column_meeting": (),
    "column_statement": (),
    "adopted_at": ("meeting",),
    "activities": (),
    # One point per activity of the register: date, kind (field-visit, briefing, meeting,
    # other), subject.
    "activity": ("date", "kind", "subject"),
}

_COLUMNS = ("column_symbol", "column_situation", "column_report", "column_meeting",
            "column_statement")


@dataclass(frozen=True)
class Row:
    """A set of conclusions, in the document's language: symbol, situation (its name), report,
    the meeting of adoption ({number, date}) and the public statement; a placeholder where the
    facts lack one."""

    symbol: str
    situation: str
    report: str
    meeting: dict[str, Any]
    statement: str


@dataclass(frozen=True)
class Meeting:
    """A meeting of the period and what it did, in the document's language."""

    meeting: dict[str, Any]  # number (None where not known), date
    considered: tuple[dict[str, Any], ...]  # {symbol, report, situation, in_situation}
    adopted: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Activity:
    date: str
    kind: str
    subject: str


def plan(*, letter_date: str, sender: str, addressee: str, start: str, end: str,
         rows: Sequence[Row], meetings: Sequence[Meeting], activities: Sequence[Activity],
         signature: Signature, gender: str | None) -> Plan:
    """`start` and `end`: the period's first and last days, as the language writes dates. The
    table shows a dash where no public statement is recorded."""
    period = {"start": start, "end": end}
    letter = PlanPart(
        Phrase("letter_title", {"date": letter_date, "sender": sender, "addressee": addressee}),
        (paragraph(Phrase("transmits", period)), paragraph(Phrase("circulate", {"gender": gender}))),
        signature=signature)
    lines: list[Line] = [
        heading(Phrase("introduction")),
        numbered(Phrase("resolution")),
        numbered(Phrase("mandate")),
        *points([Phrase("mandate_a"), Phrase("mandate_b")], nested=True),
        numbered(Phrase("period", period)),
        heading(Phrase("meetings")),
        numbered(Phrase("meetings_held", {"count": len(meetings)})),
        *points([Phrase("meeting", {"meeting": m.meeting, "considered": list(m.considered),
                                    "adopted": list(m.adopted), "last": n == len(meetings) - 1})
                 for n, m in enumerate(meetings)], nested=True),
        heading(Phrase("conclusions")),
        numbered(Phrase("adopted", {"count": len(rows)})),
    ]
    if rows:
        lines.append(table(
            [Phrase(column) for column in _COLUMNS],
            [(row.symbol, row.situation, row.report,
              Phrase("adopted_at", {"meeting": row.meeting}), row.statement or "—")
             for row in rows]))
    if activities:
        lines += [heading(Phrase("activities")),
                  *(numbered(Phrase("activity", {"date": a.date, "kind": a.kind,
                                                 "subject": a.subject})) for a in activities)]
    return Plan(NAME, (letter, PlanPart(Phrase("title", period), tuple(lines), new_page=True)))
