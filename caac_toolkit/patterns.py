"""The regular expressions of a table of languages (typography marks, contractions), which a
--templates folder may give: run by the `regex` module with a time bound, so that a pattern that
backtracks for ever ("(a|aa)+$") stops with one line, as does one that is not a pattern at all.
"""

from __future__ import annotations

import functools
from typing import Any

from caac_toolkit.errors import InvalidInput

# The bundled patterns take microseconds on a document's longest text; a user's that takes this
# long backtracks, and would take hours.
TIMEOUT = 1.0  # seconds
_WHERE = "correct it in the table of languages (languages.yaml)"


def substitute(pattern: str, replacement: str, text: str, count: int = 0) -> str:
    """`text` with `pattern` replaced by `replacement` (at most `count` times, 0 for all)."""
    import regex

    try:
        return str(_compiled(pattern).sub(replacement, text, count=count, timeout=TIMEOUT))
    except TimeoutError:
        raise InvalidInput(f"the pattern {pattern!r} ran for more than {TIMEOUT:g} s on one text",
                           hint="simplify it: a group repeated inside a repetition backtracks "
                           "for ever; " + _WHERE) from None
    except (regex.error, IndexError) as error:
        raise InvalidInput(f"the replacement {replacement!r} of the pattern {pattern!r}: "
                           f"{error}", hint=_WHERE) from None


@functools.cache
def _compiled(pattern: str) -> Any:
    import regex

    try:
        return regex.compile(pattern)
    except regex.error as error:
        raise InvalidInput(f"not a regular expression: {pattern!r} ({error})", hint=_WHERE
                           ) from None
