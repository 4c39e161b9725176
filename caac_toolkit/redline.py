"""Redlines between two versions of a document: paragraphs are aligned first, then words are
compared inside the paragraphs that changed.

Paragraphs are matched on their kind and text, not their number or letter: a paragraph that is
only renumbered because another was added or removed above it is not a change. Paragraphs that
differ are paired when their words are mostly the same and then marked word by word; the others
are inserted or deleted whole.

The standard library's difflib does both levels: its SequenceMatcher aligns any sequences of
hashable items (paragraph keys, then words), gives the same answer on every machine, and needs
no dependency; a conclusions document has a few hundred paragraphs, which it aligns in
milliseconds. Character-level libraries (diff-match-patch) split words in two, which reads badly
in a negotiated text.

The result is the new Document with the old text put back and marked: private-use characters
open and close each inserted or deleted stretch. Every writer lays it out as it lays out any
document; `render` then turns the marks into the format's own (`<ins>`/`<del>` in HTML,
CriticMarkup in Markdown, `[-…-]{+…+}` in text, w:ins/w:del runs in Word).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import zip_longest
from typing import TYPE_CHECKING, Literal

from caac_toolkit.document import Block, Document, Heading, Part, Point, Signature
from caac_toolkit.errors import UsageError

if TYPE_CHECKING:
    from caac_toolkit.writers import Format

Kind = Literal["equal", "insert", "delete"]

INSERT_OPEN, INSERT_CLOSE, DELETE_OPEN, DELETE_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
# At the start of a paragraph's text: the paragraph itself is new, or gone (its number too).
PARAGRAPH_INSERTED, PARAGRAPH_DELETED = "\ue004", "\ue005"
MARKS = frozenset(INSERT_OPEN + INSERT_CLOSE + DELETE_OPEN + DELETE_CLOSE
                  + PARAGRAPH_INSERTED + PARAGRAPH_DELETED)
_UNMARK = str.maketrans(dict.fromkeys(MARKS, "\ufffd"))
# Paragraphs with fewer than this share of their words in common are not the same paragraph
# edited, but one deleted and another inserted (difflib's own cut-off for similar lines).
SIMILAR = 0.6
_WORDS = re.compile(r"\w+|\s+|[^\w\s]")
_CONTEXT = 2  # unchanged lines shown around each change in the text format
_FORMAT_MARKS = {
    "md": {INSERT_OPEN: "{++", INSERT_CLOSE: "++}", DELETE_OPEN: "{--", DELETE_CLOSE: "--}"},
    "html": {INSERT_OPEN: "<ins>", INSERT_CLOSE: "</ins>", DELETE_OPEN: "<del>",
             DELETE_CLOSE: "</del>"},
    "text": {INSERT_OPEN: "{+", INSERT_CLOSE: "+}", DELETE_OPEN: "[-", DELETE_CLOSE: "-]"},
}
FORMATS = ("text", "md", "html", "docx")


@dataclass(frozen=True)
class Redline:
    document: Document  # the new document, with the old text put back and marked
    inserted: int  # paragraphs added whole
    deleted: int  # paragraphs removed whole
    changed: int  # paragraphs edited inside

    @property
    def changes(self) -> int:
        return self.inserted + self.deleted + self.changed

    def summary(self) -> str:
        return (f"{self.changed} paragraph(s) changed, {self.inserted} inserted, "
                f"{self.deleted} deleted")


@dataclass
class _Count:
    inserted: int = 0
    deleted: int = 0
    changed: int = 0


# Comparing --------------------------------------------------------------------------------------

def compare(old: Document, new: Document) -> Redline:
    """The redline of `old` against `new`: the new document's masthead and metadata, and every
    part's paragraphs with what was inserted, deleted or changed marked."""
    count = _Count()
    parts = []
    for old_part, new_part in zip_longest(old.parts, new.parts):
        if new_part is None:
            parts.append(_whole_part(old_part, deleted=True, count=count))
        elif old_part is None:
            parts.append(_whole_part(new_part, deleted=False, count=count))
        else:
            parts.append(_part(old_part, new_part, count))
    document = dataclasses.replace(new, parts=tuple(parts))
    return Redline(document, count.inserted, count.deleted, count.changed)


def _whole_part(part: Part, *, deleted: bool, count: _Count) -> Part:
    blocks = tuple(_whole(block, deleted=deleted) for block in part.blocks)
    if deleted:
        count.deleted += len(blocks)
    else:
        count.inserted += len(blocks)
    mark = _mark_whole(deleted=deleted)
    signature = part.signature and dataclasses.replace(
        part.signature, name=mark(part.signature.name), titles=tuple(map(mark, part.signature.titles)))
    return dataclasses.replace(part, title=part.title and mark(part.title), blocks=blocks,
                               signature=signature)


def _part(old: Part, new: Part, count: _Count) -> Part:
    from difflib import SequenceMatcher

    blocks: list[Block] = []
    old_keys, new_keys = [_key(b) for b in old.blocks], [_key(b) for b in new.blocks]
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            blocks += [_clean(block) for block in new.blocks[j1:j2]]
        else:
            blocks += _pair(old.blocks[i1:i2], new.blocks[j1:j2], count)
    title = _line(old.title, new.title)
    return dataclasses.replace(new, title=title, blocks=tuple(blocks),
                               signature=_signature(old.signature, new.signature))


def _key(block: Block) -> tuple[object, ...]:
    """What identifies a paragraph across versions: its kind and words, not its number."""
    level = block.level if isinstance(block, Heading) else block.nested if isinstance(block, Point) \
        else None
    return (type(block), level, " ".join(block.text.split()))


def _pair(old: Sequence[Block], new: Sequence[Block], count: _Count) -> list[Block]:
    """Replaced paragraphs: the most similar old and new pair is one paragraph edited; those
    before and after it are paired the same way; the rest are deleted and inserted whole."""
    best, where = SIMILAR, None
    for i, before in enumerate(old):
        for j, after in enumerate(new):
            if type(before) is type(after) and _similarity(before.text, after.text) >= best:
                best, where = _similarity(before.text, after.text), (i, j)
    if where is None:
        count.deleted += len(old)
        count.inserted += len(new)
        return [*(_whole(b, deleted=True) for b in old), *(_whole(b, deleted=False) for b in new)]
    i, j = where
    count.changed += 1
    edited = dataclasses.replace(new[j], text=mark_words(old[i].text, new[j].text))
    return [*_pair(old[:i], new[:j], count), edited, *_pair(old[i + 1:], new[j + 1:], count)]


def _similarity(old: str, new: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, _WORDS.findall(old), _WORDS.findall(new), autojunk=False).ratio()


def _clean(block: Block) -> Block:
    """The block with any of our marks in its own text made harmless."""
    return dataclasses.replace(block, text=block.text.translate(_UNMARK))


def _mark_whole(*, deleted: bool) -> Callable[[str], str]:
    def mark(text: str) -> str:
        text = text.translate(_UNMARK)
        if deleted:
            return f"{PARAGRAPH_DELETED}{DELETE_OPEN}{text}{DELETE_CLOSE}"
        return f"{PARAGRAPH_INSERTED}{INSERT_OPEN}{text}{INSERT_CLOSE}"

    return mark


def _whole(block: Block, *, deleted: bool) -> Block:
    return dataclasses.replace(block, text=_mark_whole(deleted=deleted)(block.text))


def _line(old: str | None, new: str | None) -> str | None:
    """A title or signature line: marked word by word when both versions have it."""
    if old is None or new is None:
        return new and new.translate(_UNMARK)
    return mark_words(old, new)


def _signature(old: Signature | None, new: Signature | None) -> Signature | None:
    if old is None or new is None:
        return new
    titles = tuple(_line(a, b) or "" for a, b in zip_longest(old.titles, new.titles) if b)
    return dataclasses.replace(new, name=mark_words(old.name, new.name), titles=titles)


def mark_words(old: str, new: str) -> str:
    """`new` with the words of `old` it lacks put back as deleted and its own new words marked
    inserted. Spaces alone between two changes join them: "[-a b-]{+x y+}", not four marks."""
    from difflib import SequenceMatcher

    a, b = _WORDS.findall(old.translate(_UNMARK)), _WORDS.findall(new.translate(_UNMARK))
    chunks: list[tuple[bool, str, str]] = []  # (unchanged, old text, new text)
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        joins = tag == "equal" and removed.isspace() and 0 < n < len(opcodes) - 1
        if tag == "equal" and not joins:
            chunks.append((True, removed, added))
        elif chunks and not chunks[-1][0]:
            _, before, after = chunks[-1]
            chunks[-1] = (False, before + removed, after + added)
        else:
            chunks.append((False, removed, added))
    out = []
    for unchanged, removed, added in chunks:
        if unchanged:
            out.append(added)
            continue
        if removed:
            out.append(f"{DELETE_OPEN}{removed}{DELETE_CLOSE}")
        if added:
            out.append(f"{INSERT_OPEN}{added}{INSERT_CLOSE}")
    return "".join(out)


def spans(text: str) -> tuple[Kind | None, list[tuple[Kind, str]]]:
    """A marked paragraph's text as stretches of equal, inserted and deleted text; and whether
    the paragraph itself was inserted or deleted (then every stretch, its number too, is)."""
    whole: Kind | None = None
    pieces: list[tuple[Kind, str]] = []
    kind: Kind = "equal"
    current: list[str] = []
    for char in text:
        if char not in MARKS:
            current.append(char)
            continue
        if current:
            pieces.append((kind, "".join(current)))
            current = []
        if char == PARAGRAPH_INSERTED:
            whole = "insert"
        elif char == PARAGRAPH_DELETED:
            whole = "delete"
        else:
            kind = "insert" if char == INSERT_OPEN else "delete" if char == DELETE_OPEN else "equal"
    if current:
        pieces.append((kind, "".join(current)))
    if whole is not None:
        pieces = [(whole, piece) for _, piece in pieces]
    return whole, pieces


# Writing ----------------------------------------------------------------------------------------

def revision_date() -> dt.datetime:
    """When the changes were made, as Word records it: SOURCE_DATE_EPOCH when set, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH is not a number of seconds: '{epoch}'",
                         hint="unset it or give an integer") from None


def render(
    redline: Redline, fmt: Format, *, author: str = "caac", date: dt.datetime | None = None,
    names: tuple[str, str] = ("old", "new"),
) -> bytes:
    """The redline laid out by the writer of `fmt`: text, md, html or docx. `author` and `date`
    go into Word's tracked changes; `names` head the text format's unified diff."""
    from caac_toolkit.writers import render as write

    if fmt.value not in FORMATS:
        raise UsageError(f"a redline cannot be written as {fmt.value}",
                         hint="use " + ", ".join(FORMATS))
    if fmt.value == "docx":
        from caac_toolkit.writers import docx

        return docx.render(redline.document, tracked=docx.Tracked(author, date or revision_date()))
    laid_out = write(redline.document, fmt).decode()
    if fmt.value == "text":
        return _unified(laid_out, names).encode()
    return _replace_marks(laid_out, _FORMAT_MARKS[fmt.value]).encode()


def _replace_marks(text: str, marks: dict[str, str]) -> str:
    table = {ord(mark): marks.get(mark, "") for mark in MARKS}
    return text.translate(table)


def _unified(text: str, names: tuple[str, str]) -> str:
    """Only the lines that changed, with a little context, in hunks as `diff -u` prints them;
    words marked as `git diff --word-diff=plain` marks them."""
    lines = text.splitlines()
    changed = list(_changed_lines(lines))
    out = [f"--- {names[0]}", f"+++ {names[1]}"]
    for first, last in _hunks(changed, len(lines)):
        out.append(f"@@ lines {first + 1}-{last} @@")
        out += [_replace_marks(line, _FORMAT_MARKS["text"]) for line in lines[first:last]]
    return "\n".join(out) + "\n" if changed else ""


def _changed_lines(lines: list[str]) -> Iterator[int]:
    """Lines holding a mark, or inside a stretch a mark opened on an earlier line."""
    inside = False
    for number, line in enumerate(lines):
        marked = inside
        for char in line:
            if char in MARKS:
                marked = True
                inside = char in (INSERT_OPEN, DELETE_OPEN)
        if marked:
            yield number


def _hunks(changed: list[int], total: int) -> Iterator[tuple[int, int]]:
    """(first, end) line ranges around the changed lines, merged where their context meets."""
    start = end = None
    for number in changed:
        low, high = max(0, number - _CONTEXT), min(total, number + _CONTEXT + 1)
        if end is not None and low <= end:
            end = high
            continue
        if start is not None and end is not None:
            yield start, end
        start, end = low, high
    if start is not None and end is not None:
        yield start, end
