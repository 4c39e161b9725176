"""Who sends what through which channel: decided here once, printed by the templates.

- `statement`: the Chair's public statement (messages to the parties, or under addressee headings);
- `chair-letter`: a letter from the Chair, the Working Group's direct action;
- `chair-transmittal`: a recommendation that the Chair transmit the conclusions by letter;
- `president-letter`: a recommendation that the President of the Security Council write;
- `council`: a recommendation to the Security Council itself, which no letter carries.
"""

from __future__ import annotations

from typing import Literal

from caac_toolkit.toolkit import Option, Toolkit

Sender = Literal["chair", "president"]
Channel = Literal["statement", "chair-letter", "chair-transmittal", "president-letter", "council"]
COUNCIL_CHANNELS = frozenset({"chair-transmittal", "president-letter", "council"})


def sender(toolkit: Toolkit, target: str | None, options: list[Option],
           given: Sender | None = None) -> Sender:
    """The sender given, else the target's usual one, else the President when an option needs
    the Council (tier council), else the Chair."""
    if given:
        return given
    if target:
        usual = toolkit.target(target).sender
        if usual:
            return usual
    return "president" if any(o.tier == "council" for o in options) else "chair"


def channel(toolkit: Toolkit, target: str, option: Option, *, given: Sender | None,
            addressee: str | None, grouped: bool) -> Channel:
    """The channel of one action of a case."""
    if target == "security-council":
        return "council"
    chosen = sender(toolkit, target, [option], given)
    if chosen == "president":
        return "president-letter"
    if grouped or (target == "parties" and addressee is None):
        return "statement"
    usual = toolkit.target(target).sender
    if given is None and usual is None and option.tier == "council":
        return "chair-transmittal"
    return "chair-letter"


def signer(channel: Channel) -> Sender:
    return "president" if channel == "president-letter" else "chair"
