"""The values a plan hands to phrases, written in the document's language: dates, ordinals,
meetings, periods; and the facts a draft lacks, shown as placeholders and reported as warnings.

The language comes from the table handed down from the command line (`Languages`), never from a
module variable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from caac_toolkit.case import Meeting, Report
    from caac_toolkit.labels import Labels
    from caac_toolkit.languages import Language


@dataclass
class Gaps:
    """Facts a draft needs but was not given: shown as placeholders and reported as warnings."""

    labels: Labels
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # other warnings about the draft

    def fill(self, value: str | None, name: str) -> str:
        if value:
            return value
        placeholder = str(getattr(self.labels.placeholders, name))
        if name not in self.missing:
            self.missing.append(name)
        return placeholder

    def warnings(self) -> tuple[str, ...]:
        return (*(f"missing {name}: the draft shows {getattr(self.labels.placeholders, name)}"
                  for name in self.missing), *self.notes)


@dataclass
class Wording:
    """One document's language, labels and gaps, and the values it writes."""

    language: Language
    labels: Labels
    gaps: Gaps

    @property
    def lang(self) -> str:
        return self.language.code

    def fill(self, value: str | None, name: str) -> str:
        return self.gaps.fill(value, name)

    def date(self, value: dt.date) -> str:
        """'24 July 2007', '1er juillet 2006', '5 de octubre de 2012', '5 октября 2012 года'."""
        return self.language.format_date(value)

    def ordinal(self, number: int) -> str:
        """5 -> '5th' / '5e' (raised); 1 -> '1st' / '1re'."""
        return self.language.ordinal_of(number)

    def spelled(self, number: int) -> str:
        """34 -> 'thirty-fourth' / 'trente-quatrième', where the language spells them."""
        return self.language.spelled_ordinal(number)

    def period(self, report: Report | None, form: str = "from") -> dict[str, Any] | None:
        """The report's period; form: "from" ("covering the period from … to …"), "between"
        or "covers" (case.Choices.period)."""
        if report is None or report.period is None:
            return None
        period = report.period
        if period.months:
            start = self.language.format_month(period.start.year, period.start.month)
            end = self.language.format_month(period.end.year, period.end.month)
        else:
            start, end = self.date(period.start), self.date(period.end)
        return {"start": start, "end": end, "months": period.months, "form": form}

    def meeting(self, meeting: Meeting | None, *, spelled: bool = False) -> dict[str, Any]:
        """A meeting as phrases name it: its number (spelled out, or in figures), its date,
        whether it was a videoconference. A missing number is a gap, except at a
        videoconference; a meeting the case says has no number (`number: false`, "At its
        meeting on 12 April 2024", S/AC.51/2024/5) is no gap."""
        if meeting is None:
            return {"number": self.fill(None, "meeting"), "date": self.fill(None, "date"),
                    "videoconference": False}
        if meeting.number is False:
            number = None
        elif meeting.number is None:
            number = self.fill(None, "meeting") if meeting.kind == "meeting" else None
        else:
            number = (self.spelled if spelled else self.ordinal)(meeting.number)
        return {"number": number, "date": self.date(meeting.date),
                "videoconference": meeting.kind == "videoconference"}

    def addressee(self, target: str | None, given: str | None, situation: str) -> str | None:
        """The addressee given, else the target's usual one (labels, naming the situation with
        the slot {situation}), else None."""
        usual = self.labels.addressees.get(target or "")
        return given or (fill_situation(usual, situation) if usual else None)


def fill_situation(text: str, situation: str) -> str:
    """Drafting phrases and default addressees name the situation with the one slot {situation}."""
    return text.replace("{situation}", situation)
