"""Tables in the terminal that never cut what people came to read.

No cell is cut short. Ids, symbols and dates (the columns named in `ids`) never break; the
other columns wrap between words or after a hyphen ("Secretary-" / "General"), and Chinese,
written without spaces, between characters. Each column is at least as wide as the longest piece
it cannot break; the rest of the terminal goes to the columns that want it. A terminal too narrow
even for that gets each row as a record: one 'column: value' line per column."""

import re
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported where a table is printed
    from rich.console import Console
    from rich.text import Text

    Cell = str | Text  # plain text, or text already styled

_OVERHEAD = 3  # between two columns: a space, the rule, a space
_WIDE = "\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef"  # CJK, kana, Hangul, full-width forms
# What a line of each kind of column cannot break: an id between spaces; a word up to and with
# its hyphen; one character of the scripts written without spaces.
_WHOLE = re.compile(rf"[{_WIDE}]|[^\s{_WIDE}]+")
_PIECES = re.compile(rf"[{_WIDE}]|[^\s{_WIDE}-]*-|[^\s{_WIDE}-]+")


def show(
    headings: Sequence[str], rows: "Sequence[Sequence[Cell]]", *, ids: Sequence[str] = (),
    right: Sequence[str] = (), title: str | None = None, caption: str | None = None,
) -> None:
    """Print `rows` under `headings`: the columns named in `ids` hold ids, symbols or dates,
    those in `right` are aligned right."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    pieces = [_WHOLE if heading in ids else _PIECES for heading in headings]
    least = [_width(heading, _WHOLE) for heading in headings]
    most = list(least)
    for row in rows:
        for i, cell in enumerate(row):
            text = _plain(cell)
            least[i] = max(least[i], _width(text, pieces[i]))
            most[i] = max(most[i], _width(text, None))
    available = console.width - _OVERHEAD * (len(headings) - 1)
    if sum(least) > available:
        _records(console, headings, rows, title)
        return
    widths = _shared(least, most, available)
    table = Table(title=title, caption=caption, header_style="bold", show_edge=False,
                  pad_edge=False)
    for heading, width in zip(headings, widths, strict=True):
        table.add_column(heading, width=width, overflow="fold",
                         justify="right" if heading in right else "left")
    for row in rows:
        table.add_row(*(_wrapped(cell, width) if heading not in ids else cell
                        for heading, cell, width in zip(headings, row, widths, strict=True)))
    console.print(table)


def _plain(cell: "Cell") -> str:
    return cell if isinstance(cell, str) else cell.plain


def _width(text: str, pieces: re.Pattern[str] | None) -> int:
    """The width of the longest piece of `text` (line, if `pieces` is None) in terminal cells."""
    from rich.cells import cell_len

    lines = text.splitlines()
    found = lines if pieces is None else [p for line in lines for p in pieces.findall(line)]
    return max(map(cell_len, found), default=0)


def _wrapped(cell: "Cell", width: int) -> "Cell":
    """Plain text wrapped between words and after hyphens; styled text and text in the scripts
    written without spaces are left to the table, which breaks them at the edge."""
    if not isinstance(cell, str) or re.search(f"[{_WIDE}]", cell):
        return cell
    return "\n".join(textwrap.fill(line, width, break_long_words=False, break_on_hyphens=True)
                     for line in cell.splitlines())


def _shared(least: list[int], most: list[int], available: int) -> list[int]:
    """Each column its least width, and the space left shared in proportion to what each
    column would take beyond it."""
    spare = available - sum(least)
    wants = [m - n for n, m in zip(least, most, strict=True)]
    if sum(wants) <= spare:
        return most
    return [n + spare * want // sum(wants) for n, want in zip(least, wants, strict=True)]


def _records(
    console: "Console", headings: Sequence[str], rows: "Sequence[Sequence[Cell]]",
    title: str | None,
) -> None:
    from rich.text import Text

    if title:
        console.print(Text(title, style="bold"))
    for number, row in enumerate(rows):
        if number:
            console.print()
        for heading, cell in zip(headings, row, strict=True):
            if not _plain(cell):
                continue
            # A list a table shows a line each, as a list; a value that does not fit beside its
            # heading goes under it.
            value = Text(", ".join(cell.splitlines())) if isinstance(cell, str) else cell
            if len(heading) + 2 + _width(value.plain, _WHOLE) > console.width:
                console.print(Text(f"{heading}:", style="bold"))
                console.print(Text.assemble("  ", value), overflow="fold")
            else:
                console.print(Text.assemble((f"{heading}: ", "bold"), value), overflow="fold")
