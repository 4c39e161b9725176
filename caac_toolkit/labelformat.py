"""The labels of numbered paragraphs and lettered points ("{}.", "({})"), which a table of
languages in a --templates folder may give. They are not format strings of Python objects: a
label holds its number or letter once, as `{}`, and nothing else in braces: no attribute or index
(`{0.__class__}` would print Python's internals), no width (`{:>300000000}` would print 300 MB).
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from typing import Any

from caac_toolkit.errors import InvalidInput


class _Refused(Exception):
    pass


class _Sandbox(string.Formatter):
    """A formatter that takes only `{}` (or `{0}`), once."""

    def __init__(self) -> None:
        self.fields = 0

    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]
                  ) -> tuple[Any, str]:
        self.fields += 1
        if field_name != "0" or self.fields > 1:
            raise _Refused
        return args[0], field_name

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion:
            raise _Refused
        return value

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec:
            raise _Refused
        return str(value)


def check(label: str, name: str) -> None:
    """Refuse `label` (the table's `name`: point_label …) unless it is text around one `{}`."""
    sandbox = _Sandbox()
    try:
        sandbox.format(label, "a")
    except (_Refused, ValueError, IndexError, KeyError):  # ValueError: a lone "{" or "}"
        pass
    else:
        if sandbox.fields == 1:
            return
    raise InvalidInput(f"{name} {label!r}: a label holds its number or letter once, as {{}}, "
                       "and nothing else in braces", hint="write braces as {{ and }}; correct "
                       "it in the table of languages (languages.yaml)")
