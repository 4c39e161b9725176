"""The document model every writer lays out: metadata, a masthead and parts made of blocks.

Wording is decided before a Document exists (templates and labels); writers only decide layout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from caac_toolkit.errors import Place


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = section heading ("I. Direct action"), 2 and 3 below it
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    number: int | None = None  # numbered paragraphs run 1, 2, 3 … through a part


@dataclass(frozen=True)
class Point:
    """A lettered subparagraph: (a), (b) …; `nested` when it belongs to a numbered paragraph."""

    label: str
    text: str
    nested: bool = False


@dataclass(frozen=True)
class Bullet:
    text: str


Block = Heading | Paragraph | Point | Bullet


@dataclass(frozen=True)
class Signature:
    """The right-aligned block after a letter: "(Signed) Name" and the title lines."""

    signed: str  # "(Signed)" / "(Signé)"
    name: str
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Part:
    """A titled stretch of a document: a letter, or the annex that follows it."""

    title: str | None
    blocks: tuple[Block, ...]
    signature: Signature | None = None
    new_page: bool = False


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

    # Numbered paragraphs' label, the letters of lettered points (none: a, b, c) and Word's
    # name for them; from the table of languages.
    number_label: str = "{}."
    letters: tuple[str, ...] = ()
    word_letters: str = "lowerLetter"

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
class Document:
    kind: str  # letter, statement, annex, conclusions
    lang: str  # a code of the table of languages: en, fr, es, ru …
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
