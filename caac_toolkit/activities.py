"""The register of the Working Group's other activities that a user keeps beside the case files:
field visits, briefings and meetings, each with its date, subject and the public source that shows
it. An annual report lists those of its period (`caac draft annual-report --activities FILE`).

    activities:
      - date: 2018-06-12
        kind: field-visit
        subject: the Working Group's visit to …
        source: https://…

The file is checked as a case is: unknown keys, a kind that is none of KINDS, an empty subject or a
source that is no URL are errors at their file:line:column.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal, get_args

import msgspec

from caac_toolkit.errors import InvalidInput
from caac_toolkit.precedents import Url
from caac_toolkit.toolkit import Text

Kind = Literal["field-visit", "briefing", "meeting", "other"]
KINDS: tuple[str, ...] = get_args(Kind)


class Activity(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    date: dt.date
    kind: Kind
    subject: Text  # as the report prints it, in the report's language
    source: Url  # where the activity is shown: a press release, a statement, a news item


class Register(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    activities: list[Activity] = []


def load(path: Path) -> list[Activity]:
    """The activities in the register at `path`, by date; an InvalidInput at the file, line and
    column of the first problem."""
    from caac_toolkit import yamlfile

    document = yamlfile.load(path)
    try:
        register = msgspec.convert(document.data, Register, strict=True)
    except msgspec.ValidationError as exc:
        message, place = yamlfile.locate(document, str(exc))
        raise InvalidInput(message, place=place, hint=_hint(message)) from None
    return sorted(register.activities, key=lambda activity: activity.date)


def in_period(activities: list[Activity], start: dt.date, end: dt.date) -> list[Activity]:
    return [activity for activity in activities if start <= activity.date <= end]


def _hint(message: str) -> str | None:
    if message.startswith("Invalid enum value"):
        return f"kind is one of: {', '.join(KINDS)}"
    if "matching regex '^https?" in message:
        return "give the address of a public source, https://…"
    if "unknown field" in message:
        return "a register has 'activities:', each with date, kind, subject and source"
    if "missing required field" in message:
        return "add it"
    if "`str` of length >= 1" in message:
        return "give it some text"
    return None
