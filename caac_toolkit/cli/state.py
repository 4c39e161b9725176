"""What the global options decide, shared by every command."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from caac_toolkit.toolkit import Toolkit


@dataclass
class State:
    data: Path | None = None
    templates: Path | None = None  # --templates given to caac rather than to a command
    debug: bool = False
    output_format: str = "text"  # how errors are reported: text, github or json (cli.report)
    report: dict[str, Any] = field(default_factory=dict)  # what a json report says besides them
    _toolkit: "Toolkit | None" = field(default=None, repr=False)

    def toolkit(self) -> "Toolkit":
        if self._toolkit is None:
            from caac_toolkit import toolkit

            self._toolkit = toolkit.load(self.data)
        return self._toolkit


def state(ctx: typer.Context) -> State:
    found = ctx.find_object(State)
    return found if found is not None else State()
