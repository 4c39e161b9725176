"""Puts caac_toolkit/data/toolkit.json into the wheel: data/toolkit.yaml as JSON.

`caac` loads the JSON when it matches the YAML beside it (by CRC-32), which spares every command
the import of PyYAML and the parse: most of `caac list`'s start-up beyond Typer's own.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import zlib
from pathlib import Path
from typing import Any

import yaml
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


class ToolkitJson(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        source = Path(self.root, "data", "toolkit.yaml").read_bytes()
        payload = {
            "crc32": zlib.crc32(source),
            "toolkit": yaml.safe_load(source),
        }
        folder = Path(tempfile.mkdtemp(prefix="caac-build-"))
        target = folder / "toolkit.json"
        target.write_text(json.dumps(payload, default=_iso, ensure_ascii=False), encoding="utf-8")
        build_data["force_include"][str(target)] = "caac_toolkit/data/toolkit.json"
