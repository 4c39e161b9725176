"""What a drafter is asked for and knows: the facts of a situation, a letter's request, the
messages of a case by channel."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from caac_toolkit.case import Choices, Gender, Meeting, Report
from caac_toolkit.errors import UsageError
from caac_toolkit.routing import COUNCIL_CHANNELS, Channel, Sender

DISTRIBUTIONS = ("general", "limited", "restricted")
JOB_NUMBER = re.compile(r"^(\d{2})-(\d{5})(?![\s\S])")


@dataclass(frozen=True)
class Facts:
    """What the drafter knows about the situation; None where nobody said."""

    lang: str = "en"
    situation: str | None = None
    # The language the situation is written in, where it is not the document's ("au Soudan" in a
    # French case drafted in English), and forms the case gives by language ({name, in, of}).
    situation_language: str | None = None
    situation_forms: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)
    original: str | None = None  # the language the facts were written in, where not `lang`
    parties: tuple[str, ...] = ()
    report: Report | None = None
    meeting: Meeting | None = None  # the meeting a public statement names
    date: dt.date | None = None
    symbol: str | None = None
    job_number: str | None = None
    signatory: str | None = None
    signatory_title: str | None = None  # instead of the sender's usual title line
    signatory_gender: Gender | None = None
    chair_gender: Gender | None = None  # how the statement names the Chair
    parties_listed_in: str | None = None  # where the parties are listed, if not in the report
    distribution: str = "general"
    choices: Choices = Choices()  # the forms the case chose, where the era's usual one is not
    today: bool = True  # with no date, today's; else SOURCE_DATE_EPOCH's or a placeholder

    def __post_init__(self) -> None:
        if self.distribution not in DISTRIBUTIONS:
            raise UsageError(
                f"unknown distribution '{self.distribution}'", hint="use " + ", ".join(DISTRIBUTIONS)
            )
        if self.job_number is not None and not JOB_NUMBER.match(self.job_number):
            raise UsageError(
                f"job number '{self.job_number}' is not of the form YY-NNNNN", hint="e.g. 07-43210"
            )


@dataclass(frozen=True)
class LetterRequest:
    """Which options go into a letter, and to whom."""

    target: str | None = None
    options: tuple[str, ...] = ()
    addressee: str | None = None
    sender: Sender | None = None
    salutation: str | None = None
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    """Points under one addressee heading ("To the Government of Mali")."""

    target: str
    addressee: str | None
    points: tuple[str, ...]


@dataclass(frozen=True)
class Message:
    """What a case says through one channel to one addressee: the Chair's public statement,
    one letter gathering every action for the same target, addressee and sender, or a
    recommendation to the Council."""

    request: LetterRequest  # the sender decided; the points of all those actions
    channel: Channel
    groups: tuple[Group, ...] = ()  # points under addressee headings, instead of request.points

    @property
    def statement(self) -> bool:
        return self.channel == "statement"

    @property
    def council(self) -> bool:
        """A recommendation to the Security Council, not direct action."""
        return self.channel in COUNCIL_CHANNELS


