"""What the global options decide, shared by every command."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import typer

from caac_toolkit import toolkit as toolkit_module


@dataclass
class State:
    data: Path | None = None
    debug: bool = False
    _toolkit: toolkit_module.Toolkit | None = field(default=None, repr=False)

    def toolkit(self) -> toolkit_module.Toolkit:
        if self._toolkit is None:
            self._toolkit = toolkit_module.load(self.data)
        return self._toolkit


def state(ctx: typer.Context) -> State:
    found = ctx.find_object(State)
    return found if found is not None else State()
