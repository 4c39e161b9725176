"""The document model every writer lays out: metadata, a masthead and parts made of blocks,
whose texts hold spans.

Wording is decided before a Document exists (templates and labels); writers only decide layout.

A text is plain Unicode with spans marked by private-use characters that no language writes:
RAISED … END, a superscript ("5e", "1er"); KEEP … END, text that never breaks across lines (a
symbol such as "S/AC.51/2007/17"); INSERTED … INSERTED_END and DELETED … DELETED_END, a redline's
tracked changes, which may open and close inside the others. Writers split a text with `spans`
and lay out every kind; `plain` is the text without its marks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from caac_toolkit.errors import Place

RAISED, KEEP, END = "\ue000", "\ue001", "\ue002"
INSERTED, INSERTED_END, DELETED, DELETED_END = "\ue010", "\ue011", "\ue012", "\ue013"
CHANGE_MARKS = INSERTED + INSERTED_END + DELETED + DELETED_END
_MARKS = re.compile(f"[{RAISED}{KEEP}{END}{CHANGE_MARKS}]")
_STYLED = re.compile(f"([{RAISED}{KEEP}])(.*?){END}", re.DOTALL)
_UNMARK = str.maketrans(dict.fromkeys(CHANGE_MARKS, "\ufffd"))

Style = Literal["", "raised", "keep"]
Change = Literal["inserted", "deleted"]


class Span(NamedTuple):
    text: str
    style: Style = ""
    change: Change | None = None  # a redline's insertion or deletion


def spans(text: str) -> list[Span]:
    """The pieces of `text`, each plain, raised or kept on one line, and inserted, deleted or
    neither; a RAISED or KEEP mark without its END is dropped."""
    styled = list(_STYLED.finditer(text))
    if not changed(text):
        pieces: list[Span] = []
        at = 0
        for match in styled:
            if match.start() > at:
                pieces.append(Span(plain(text[at : match.start()])))
            pieces.append(Span(plain(match.group(2)), _style(match.group(1))))
            at = match.end()
        if at < len(text):
            pieces.append(Span(plain(text[at:])))
        return [piece for piece in pieces if piece.text]
    # A change may open or close inside a styled stretch: character by character.
    opens = {match.start(): _style(match.group(1)) for match in styled}
    closes = {match.end() - 1 for match in styled}
    found: list[Span] = []
    style: Style = ""
    change: Change | None = None
    current: list[str] = []
    for at, char in enumerate(text):
        if not _MARKS.match(char):
            current.append(char)
            continue
        if current:
            found.append(Span("".join(current), style, change))
            current = []
        if at in opens:
            style = opens[at]
        elif at in closes:
            style = ""
        elif char in CHANGE_MARKS:
            change = "inserted" if char == INSERTED else "deleted" if char == DELETED else None
    if current:
        found.append(Span("".join(current), style, change))
    return found


def raised(text: str) -> str:
    """`text` as a superscript ("5e", "1er")."""
    return f"{RAISED}{text}{END}"


def _style(mark: str) -> Style:
    return "raised" if mark == RAISED else "keep"


def changed(text: str) -> bool:
    """Whether `text` holds a redline's insertion or deletion (a close without its open
    changes nothing). Two searches for a character: several times faster than a pattern's, on
    every text every writer lays out."""
    return INSERTED in text or DELETED in text


def unmarked(text: str) -> str:
    """`text` with any marks of changes it holds of its own made harmless (U+FFFD): what a
    version of a document says is never taken for a change."""
    return text.translate(_UNMARK)


def plain(text: str) -> str:
    """`text` without its marks."""
    return _MARKS.sub("", text)


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = section heading ("I. Direct action"), 2 and 3 below it
    text: str
    change: Change | None = None  # in a redline: the whole block inserted or deleted


@dataclass(frozen=True)
class Paragraph:
    text: str
    number: int | None = None  # numbered paragraphs run 1, 2, 3 … through a part
    change: Change | None = None


@dataclass(frozen=True)
class Point:
    """A lettered subparagraph: (a), (b) …; `nested` when it belongs to a numbered paragraph."""

    label: str
    text: str
    nested: bool = False
    change: Change | None = None


@dataclass(frozen=True)
class Bullet:
    text: str
    change: Change | None = None


@dataclass(frozen=True)
class Table:
    """Rows of cells under a header row, each cell a text: the conclusions an annual report
    lists (symbol, situation, report, meeting, public statement)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    change: Change | None = None

    @property
    def cells(self) -> tuple[str, ...]:
        """Every cell, the header's first, row by row."""
        return (*self.header, *(cell for row in self.rows for cell in row))


Block = Heading | Paragraph | Point | Bullet | Table


@dataclass(frozen=True)
class Signature:
    """The right-aligned block after a letter: "(Signed) Name" and the title lines."""

    signed: str  # "(Signed)" / "(Signé)"
    name: str
    titles: tuple[str, ...] = ()

    @property
    def line(self) -> str:
        """"(Signed) Name"; a full-width bracket carries its own space: "（签名）王五"."""
        return self.signed + ("" if self.signed.endswith(FULL_WIDTH_CLOSE) else " ") + self.name


# Full-width closing brackets (CJK): no space follows them.
FULL_WIDTH_CLOSE = ("）", "】", "」", "』", "〕")


@dataclass(frozen=True)
class Part:
    """A titled stretch of a document: a letter, or the annex that follows it."""

    title: str | None
    blocks: tuple[Block, ...]
    signature: Signature | None = None
    new_page: bool = False
    change: Change | None = None  # in a redline: the whole part inserted or deleted


@dataclass(frozen=True)
class Masthead:
    """The first page's heading, already worded in the document's language."""

    left: tuple[str, ...]  # ("United Nations", "Security Council")
    symbol: str
    right: tuple[str, ...]  # ("Distr.: General", "24 July 2007", "Original: English")
    organ: str | None = None  # "Working Group on Children and Armed Conflict"


@dataclass(frozen=True)
class Layout:
    """What writers take from the document's language (data/languages.yaml), not its words."""

    point_label: str = "({})"  # "(a)"; the UN's French "a)" is "{})"
    direction: str = "ltr"  # or "rtl"
    fonts: tuple[str, ...] = ("Times New Roman", "Liberation Serif")  # the first found is used
    # The script the language writes beside Latin, where it has one (data/languages.yaml):
    # its name ("Arabic"), its faces, Word's slot for it (cs, eastAsia) and language tag.
    script: str | None = None
    script_fonts: tuple[str, ...] = ()
    script_slot: str | None = None
    script_tag: str | None = None
    script_ranges: tuple[tuple[int, int], ...] = ()  # the script's letters, first to last

    # Numbered paragraphs' label, the letters of lettered points (none: a, b, c) and Word's
    # name for them; from the table of languages. None where no Word sequence gives the
    # letters: the DOCX writer then types each point's label.
    number_label: str = "{}."
    letters: tuple[str, ...] = ()
    word_letters: str | None = "lowerLetter"

    def __post_init__(self) -> None:
        from caac_toolkit.labelformat import check

        check(self.point_label, "point_label")
        check(self.number_label, "number_label")

    def point(self, letter: str) -> str:
        """The label of the point lettered `letter` (a, b … z, aa …) in the language."""
        if self.letters and letter.isascii() and letter.isalpha():
            letter = letter.casefold()
            index = (len(letter) - 1) * 26 + ord(letter[0]) - ord("a")
            if len(set(letter)) == 1 and index < len(self.letters):
                letter = self.letters[index]
        return self.point_label.format(letter)

    def number(self, number: int) -> str:
        return self.number_label.format(number)


@dataclass(frozen=True)
class Notice:
    """A warning about a draft. A `gap` is something the draft lacks or prints wrongly (a
    placeholder, untranslated text, an unsourced name): `--strict` fails on it. A `note` is worth
    a second look (an unusual addressee, a name that may lack its article): only
    `--strict=notes` fails on it."""

    text: str
    kind: Literal["gap", "note"] = "gap"
    # Where in a case file the fact belongs, when drafting knows: ("date",), ("report",). The
    # build, which has the file, turns it into a file:line.
    key: tuple[str | int, ...] | None = None
    place: Place | None = None  # the file:line of `key`, once a build has found it

    def __str__(self) -> str:
        return f"{self.place}: {self.text}" if self.place else self.text


@dataclass(frozen=True)
class Revision:
    """Who made a redline's changes, and when (None: undated), as Word records them."""

    author: str
    date: dt.datetime | None = None
    versions: tuple[str, str] = ("old", "new")  # their names, as a unified diff heads them


@dataclass(frozen=True)
class Document:
    kind: str  # letter, statement, annex, conclusions
    lang: str  # a code of the table of languages: en, fr, es, ru, ar, zh …
    title: str  # for the file's metadata
    parts: tuple[Part, ...]
    masthead: Masthead | None = None
    symbol: str | None = None  # repeated at the top of continuation pages
    job_line: str | None = None  # first-page footer: "07-43210 (E) 240707"
    date: dt.date | None = None
    subject: str | None = None
    author: str | None = None
    warnings: tuple[Notice, ...] = field(default=(), compare=False)
    layout: Layout = Layout()
    revision: Revision | None = None  # a redline's: its texts hold inserted and deleted spans
    original: str | None = None  # the code of the language it was written in; not `lang`: a translation
