"""The values a plan hands to phrases, written in the document's language: dates, ordinals,
meetings, periods; and the facts a draft lacks, shown as placeholders and reported as warnings.

The language comes from the table handed down from the command line (`Languages`), never from a
module variable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from caac_toolkit.document import Notice

if TYPE_CHECKING:
    from caac_toolkit.case import Meeting, Report
    from caac_toolkit.labels import Labels
    from caac_toolkit.languages import Language


# Where a case file gives each fact a placeholder stands for, so that a warning can name its line;
# the case as a whole for the others (the signatory: the Chair or the President).
_CASE_KEYS: dict[str, tuple[str, ...]] = {
    "situation": ("situation",), "report": ("report",), "meeting": ("meeting",),
    "date": ("date",), "resolutions": ("report",), "addressee": ("actions",),
    "point": ("actions",),
}


@dataclass
class Gaps:
    """What a draft lacks, and what is worth a second look, reported as Notices: a missing fact
    (shown as its placeholder) and `lacking` (the case's texts with no version in the language)
    are gaps; `notes` (an unusual addressee, a name that may lack its article) are notes."""

    labels: Labels
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lacking: list[str] = field(default_factory=list)

    def fill(self, value: str | None, name: str) -> str:
        if value:
            return value
        placeholder = str(getattr(self.labels.placeholders, name))
        if name not in self.missing:
            self.missing.append(name)
        return placeholder

    def warnings(self) -> tuple[Notice, ...]:
        return (*(Notice(f"missing {name}: the draft shows "
                         f"{getattr(self.labels.placeholders, name)}", "gap",
                         _CASE_KEYS.get(name, ()))
                  for name in self.missing),
                *(Notice(text, "gap") for text in self.lacking),
                *(Notice(note, "note") for note in self.notes))


# The values that name the situation, as phrases and the {…} slots of labels and option texts
# read them: its name in running text, the form after "in" and the form after a noun it
# qualifies ("of the Sudan", "du Soudan", Russian genitive).
FORMS = {"situation": "name", "in_situation": "in", "of_situation": "of"}


@dataclass(frozen=True)
class Named:
    """The situation in the document's language: each form, None where no source gives it."""

    given: str | None  # as the case or flag wrote it
    forms: dict[str, str | None]  # by FORMS' keys

    def values(self, placeholder: str) -> dict[str, str]:
        return {slot: form or placeholder for slot, form in self.forms.items()}

    def lacking(self, needed: set[str]) -> list[str]:
        """The forms (name, in, of) that `needed` slots want and no source gives."""
        return [FORMS[slot] for slot, form in self.forms.items()
                if slot in needed and form is None]


@dataclass
class Wording:
    """One document's language, labels and gaps, and the values it writes."""

    language: Language
    labels: Labels
    gaps: Gaps
    named: Named = Named(None, dict.fromkeys(FORMS))
    used: set[str] = field(default_factory=set)  # the situation's slots its texts filled

    def situation(self) -> dict[str, str]:
        """The values naming the situation; "[situation]" for each form nobody gave."""
        if self.named.given is None:
            self.fill(None, "situation")
        return self.named.values(str(self.labels.placeholders.situation))

    def fill_situation(self, text: str) -> str:
        self.used |= slots(text)
        return fill_situation(text, self.situation())

    def situation_notes(self, needed: set[str]) -> list[Notice]:
        """A gap, at the case's situation, for each form of a named situation that the document
        needs and no source gives in its language."""
        if self.named.given is None:
            return []
        placeholder = self.labels.placeholders.situation
        return [Notice(f"situation '{self.named.given}' has no '{form}' form in "
                       f"{self.language.name} (data/situations.yaml, or 'situation_forms:' in the "
                       f"case): the draft shows {placeholder}", "gap", ("situation",))
                for form in self.named.lacking(needed | self.used)]

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

    def report_ordinal(self, number: int) -> str:
        """2 -> 'second' / 'deuxième' / 'segundo' / '第二次'."""
        return self.language.report_ordinal(number)

    def period(self, report: Report | None, form: str = "from") -> dict[str, Any] | None:
        """The report's period; form: "from" ("covering the period from … to …"), "between"
        or "covers" (case.Choices.period)."""
        if report is None or report.period is None:
            return None
        period = report.period
        if period.months:
            start = self.language.format_month(period.start.year, period.start.month)
            end = self.language.format_month(period.end.year, period.end.month, ending=True)
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

    def addressee(self, target: str | None, given: str | None, *,
                  title: bool = False) -> str | None:
        """The addressee given, else the target's usual one (labels, naming the situation with
        the slots of FORMS), else None; `title`: in the form a letter's title wants."""
        usual = ((self.labels.title_addressees if title else {}).get(target or "")
                 or self.labels.addressees.get(target or ""))
        return given or (self.fill_situation(usual) if usual else None)


def fill_situation(text: str, situation: Mapping[str, str]) -> str:
    """Drafting phrases and default addressees name the situation with the slots {situation},
    {in_situation} and {of_situation}."""
    for slot, form in situation.items():
        text = text.replace("{" + slot + "}", form)
    return text


def slots(text: str) -> set[str]:
    """The situation's slots a text of labels or of the toolkit uses."""
    return {slot for slot in FORMS if "{" + slot + "}" in text}
