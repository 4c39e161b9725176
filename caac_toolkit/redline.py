"""Redlines between two versions of a document: paragraphs are aligned first, then words are
compared inside the paragraphs that changed.

Paragraphs are matched on their kind and text, not their number or letter: a paragraph that is
only renumbered because another was added or removed above it is not a change. Paragraphs that
differ are paired when their words are mostly the same and then marked word by word; the others
are inserted or deleted whole.

Both levels align as patience diff does: what the two versions share at the start and the end,
then the items found exactly once in each, in the order both keep, then the same again between
those anchors. What is left without an anchor (a run of repeated paragraphs or words) goes to
the standard library's difflib, whose SequenceMatcher gives the same answer on every machine but
takes time that grows with the square of repeated items; a stretch too long for it is compared
in order instead, and the redline says so. Character-level libraries (diff-match-patch) split
words in two, which reads badly in a negotiated text.

The result is the new Document with the old text put back as the model's spans: each inserted
or deleted stretch of text is marked (caac_toolkit.document), and each block or part inserted or
deleted whole says so. Every writer lays a redline out as it lays out any document.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import TYPE_CHECKING, Literal

from caac_toolkit.document import (
    DELETED,
    DELETED_END,
    INSERTED,
    INSERTED_END,
    Block,
    Change,
    Document,
    Heading,
    Masthead,
    Part,
    Point,
    Revision,
    Signature,
    unmarked,
)

if TYPE_CHECKING:
    from difflib import SequenceMatcher

Tag = Literal["equal", "replace", "delete", "insert"]
Opcode = tuple[Tag, int, int, int, int]

# Paragraphs with fewer than this share of their words in common are not the same paragraph
# edited, but one deleted and another inserted (difflib's own cut-off for similar lines).
SIMILAR = 0.6
_WORDS = re.compile(r"\w+|\s+|[^\w\s]")
_TOKENS = re.compile(r"\w+|[^\w\s]")  # what paragraphs are compared on: words, not spaces
_BAND = 8  # paragraphs either side of the diagonal that may pair with one another
# The most pairs of items difflib compares in one stretch without an anchor (some 0.1 s), and
# the most pairs of paragraphs searched for the best edited one; longer stretches are compared
# in order.
BOUND = 250_000


@dataclass(frozen=True)
class Redline:
    document: Document  # the new document, with the old text put back and marked
    inserted: int  # paragraphs added whole
    deleted: int  # paragraphs removed whole
    changed: int  # paragraphs edited inside, titles and the masthead's lines included
    notes: tuple[str, ...] = ()  # where the comparison was coarser than word by word

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
    notes: list[str] = field(default_factory=list)

    def words_coarse(self) -> None:
        note = "a paragraph with many repeated words was marked whole rather than word by word"
        if note not in self.notes:
            self.notes.append(note)


# Comparing --------------------------------------------------------------------------------------

def compare(old: Document, new: Document) -> Redline:
    """The redline of `old` against `new`: the new document's masthead and metadata, and every
    part's paragraphs with what was inserted, deleted or changed marked."""
    count = _Count()
    parts = []
    for old_part, new_part in zip_longest(old.parts, new.parts):
        if new_part is None:
            parts.append(_whole_part(old_part, "deleted", count))
        elif old_part is None:
            parts.append(_whole_part(new_part, "inserted", count))
        else:
            parts.append(_part(old_part, new_part, count))
    # A document's changes are laid out only with a revision: this one until the caller's.
    document = dataclasses.replace(new, parts=tuple(parts), revision=Revision("caac"),
                                   masthead=_masthead(old.masthead, new.masthead, count))
    return Redline(document, count.inserted, count.deleted, count.changed, tuple(count.notes))


def _whole_part(part: Part, change: Change, count: _Count) -> Part:
    blocks = tuple(_whole(block, change) for block in part.blocks)
    if change == "deleted":
        count.deleted += len(blocks)
    else:
        count.inserted += len(blocks)
    signature = part.signature and dataclasses.replace(
        part.signature, name=_marked(part.signature.name, change),
        titles=tuple(_marked(title, change) for title in part.signature.titles))
    return dataclasses.replace(part, title=part.title and _marked(part.title, change),
                               blocks=blocks, signature=signature, change=change)


def _part(old: Part, new: Part, count: _Count) -> Part:
    blocks: list[Block] = []
    old_keys, new_keys = [_key(b) for b in old.blocks], [_key(b) for b in new.blocks]
    for tag, i1, i2, j1, j2 in opcodes(old_keys, new_keys, lambda: count.notes.append(
            f"{len(old.blocks)} and {len(new.blocks)} paragraphs, many alike: some were "
            "compared in order rather than aligned")):
        if tag == "equal":
            blocks += [_clean(block) for block in new.blocks[j1:j2]]
        else:
            blocks += _pair(old.blocks[i1:i2], new.blocks[j1:j2], count)
    return dataclasses.replace(new, title=_line(old.title, new.title, count), blocks=tuple(blocks),
                               signature=_signature(old.signature, new.signature, count))


def _key(block: Block) -> tuple[object, ...]:
    """What identifies a paragraph across versions: its kind and words, not its number."""
    level = block.level if isinstance(block, Heading) else block.nested if isinstance(block, Point) \
        else None
    return (type(block), level, " ".join(block.text.split()))


def opcodes(
    a: Sequence[Hashable], b: Sequence[Hashable], coarse: Callable[[], None] = lambda: None,
) -> list[Opcode]:
    """How `a` becomes `b`, in difflib's opcodes, aligned as patience diff does (see above);
    `coarse` is called once if a stretch was too long to align and is left replaced whole."""
    from difflib import SequenceMatcher

    found: list[Opcode] = []
    noted = False
    # Depth first, with a stack of its own: an opcode found, or a stretch (i1, i2, j1, j2) to
    # align; pushed in reverse, so that opcodes come off it in order.
    stack: list[Opcode | tuple[int, int, int, int]] = [(0, len(a), 0, len(b))]
    while stack:
        item = stack.pop()
        if len(item) == 5:
            tag, i1, i2, j1, j2 = item
            if found and tag == "equal" == found[-1][0]:  # one run of equal items, as difflib's
                found[-1] = ("equal", found[-1][1], i2, found[-1][3], j2)
            elif i1 < i2 or j1 < j2:
                found.append(item)
            continue
        i1, i2, j1, j2 = item
        ahead: list[Opcode | tuple[int, int, int, int]] = []
        start_i, start_j, end_i, end_j = i1, j1, i2, j2
        while i1 < i2 and j1 < j2 and a[i1] == b[j1]:
            i1, j1 = i1 + 1, j1 + 1
        while i2 > i1 and j2 > j1 and a[i2 - 1] == b[j2 - 1]:
            i2, j2 = i2 - 1, j2 - 1
        if i1 > start_i:
            ahead.append(("equal", start_i, i1, start_j, j1))
        if i1 == i2 and j1 < j2:
            ahead.append(("insert", i1, i2, j1, j2))
        elif j1 == j2 and i1 < i2:
            ahead.append(("delete", i1, i2, j1, j2))
        elif i1 < i2 and (anchors := _anchors(a, b, i1, i2, j1, j2)):
            at_i, at_j = i1, j1
            for i, j in anchors:
                ahead += [(at_i, i, at_j, j), ("equal", i, i + 1, j, j + 1)]
                at_i, at_j = i + 1, j + 1
            ahead.append((at_i, i2, at_j, j2))
        elif i1 < i2 and (i2 - i1) * (j2 - j1) <= BOUND:
            matcher = SequenceMatcher(None, a[i1:i2], b[j1:j2], autojunk=False)
            ahead += [(tag, i1 + k1, i1 + k2, j1 + l1, j1 + l2)
                      for tag, k1, k2, l1, l2 in matcher.get_opcodes()]
        elif i1 < i2:
            ahead.append(("replace", i1, i2, j1, j2))
            if not noted:
                noted = True
                coarse()
        if i2 < end_i:
            ahead.append(("equal", i2, end_i, j2, end_j))
        stack += reversed(ahead)
    return found


def _anchors(
    a: Sequence[Hashable], b: Sequence[Hashable], i1: int, i2: int, j1: int, j2: int
) -> list[tuple[int, int]]:
    """The items found once in a[i1:i2] and once in b[j1:j2], as (i, j) pairs: the longest
    run of them that both keep in the same order (patience sorting)."""
    import bisect

    def once(items: Sequence[Hashable], start: int, end: int) -> dict[Hashable, int]:
        seen: dict[Hashable, int] = {}
        for index in range(start, end):
            seen[items[index]] = -1 if items[index] in seen else index
        return {item: index for item, index in seen.items() if index >= 0}

    in_b = once(b, j1, j2)
    pairs = [(i, in_b[item]) for item, i in once(a, i1, i2).items() if item in in_b]
    pairs.sort()
    # The longest increasing run of j: piles' tops, each pair linked to the one before it.
    tops: list[int] = []
    top_pairs: list[int] = []
    before: list[int] = []
    for index, (_, j) in enumerate(pairs):
        pile = bisect.bisect_left(tops, j)
        before.append(top_pairs[pile - 1] if pile else -1)
        if pile == len(tops):
            tops.append(j)
            top_pairs.append(index)
        else:
            tops[pile], top_pairs[pile] = j, index
    run: list[tuple[int, int]] = []
    index = top_pairs[-1] if top_pairs else -1
    while index >= 0:
        run.append(pairs[index])
        index = before[index]
    return run[::-1]


def _pair(old: Sequence[Block], new: Sequence[Block], count: _Count) -> list[Block]:
    """Replaced paragraphs: the most similar old and new pair is one paragraph edited; those
    before and after it are paired the same way; the rest are deleted and inserted whole. Only
    pairs near the diagonal are compared: a paragraph edited in a long replaced stretch stays
    near its place, and comparing every pair would take minutes when a whole draft is rewritten.
    A stretch longer than BOUND allows is paired in order."""
    from difflib import SequenceMatcher

    if len(old) * len(new) > BOUND:
        blocks: list[Block] = []
        for before, after in zip_longest(old, new):
            if after is None:
                count.deleted += 1
                blocks.append(_whole(before, "deleted"))
            elif before is None:
                count.inserted += 1
                blocks.append(_whole(after, "inserted"))
            elif type(before) is type(after) and _similarity(
                    _TOKENS.findall(before.text), _TOKENS.findall(after.text)) >= SIMILAR:
                count.changed += 1
                text = mark_words(before.text, after.text, count.words_coarse)
                blocks.append(dataclasses.replace(after, text=text))
            else:
                count.deleted, count.inserted = count.deleted + 1, count.inserted + 1
                blocks += [_whole(before, "deleted"), _whole(after, "inserted")]
        return blocks

    words = [_TOKENS.findall(block.text) for block in old]
    new_words = [_TOKENS.findall(block.text) for block in new]
    matchers = [SequenceMatcher(None, b=tokens, autojunk=False) for tokens in new_words]
    scores: dict[tuple[int, int], float] = {}

    def similarity(i: int, j: int) -> float:
        """As difflib's own Differ does, the cheap upper bounds first."""
        if (i, j) not in scores:
            scores[i, j] = 0.0 if type(old[i]) is not type(new[j]) else _similarity(
                words[i], new_words[j], matchers[j])
        return scores[i, j]

    def best_pair(i1: int, i2: int, j1: int, j2: int) -> tuple[int, int] | None:
        best, where = SIMILAR, None
        for i in range(i1, i2):
            middle = j1 + (i - i1) * (j2 - j1) // max(i2 - i1, 1)
            for j in range(max(j1, middle - _BAND), min(j2, middle + _BAND + 1)):
                if similarity(i, j) > best or (where is None and similarity(i, j) == best):
                    best, where = similarity(i, j), (i, j)
        return where

    # Depth first, with a stack of its own: a long draft edited throughout would be as deep.
    blocks = []
    stack: list[tuple[int, int, int, int] | Block] = [(0, len(old), 0, len(new))]
    while stack:
        task = stack.pop()
        if not isinstance(task, tuple):
            blocks.append(task)
            continue
        i1, i2, j1, j2 = task
        where = best_pair(i1, i2, j1, j2)
        if where is None:
            count.deleted += i2 - i1
            count.inserted += j2 - j1
            blocks += [*(_whole(b, "deleted") for b in old[i1:i2]),
                       *(_whole(b, "inserted") for b in new[j1:j2])]
            continue
        i, j = where
        count.changed += 1
        edited = dataclasses.replace(new[j], text=mark_words(old[i].text, new[j].text, count.words_coarse))
        stack += [(i + 1, i2, j + 1, j2), edited, (i1, i, j1, j)]
    return blocks


def _similarity(
    old: list[str], new: list[str], matcher: SequenceMatcher[str] | None = None
) -> float:
    """How alike two paragraphs' words are (`matcher`: one whose second sequence is `new`); as
    difflib's own Differ does, the cheap upper bounds first. Paragraphs too long to align word
    by word within BOUND are compared by how many of their words they share."""
    from difflib import SequenceMatcher

    matcher = matcher or SequenceMatcher(None, b=new, autojunk=False)
    matcher.set_seq1(old)
    if matcher.real_quick_ratio() < SIMILAR or (quick := matcher.quick_ratio()) < SIMILAR:
        return 0.0
    return matcher.ratio() if len(old) * len(new) <= BOUND else quick


def _clean(block: Block) -> Block:
    """The block with any of our marks in its own text made harmless."""
    return dataclasses.replace(block, text=unmarked(block.text))


def _marked(text: str, change: Change) -> str:
    """`text` inserted or deleted whole."""
    text = unmarked(text)
    if change == "deleted":
        return f"{DELETED}{text}{DELETED_END}"
    return f"{INSERTED}{text}{INSERTED_END}"


def _whole(block: Block, change: Change) -> Block:
    return dataclasses.replace(block, text=_marked(block.text, change), change=change)


def _line(old: str | None, new: str | None, count: _Count) -> str | None:
    """A title or signature line: marked word by word when both versions have it, and counted
    as a paragraph changed when it did."""
    if old is None or new is None:
        return new and unmarked(new)
    marked = mark_words(old, new, count.words_coarse)
    if marked != unmarked(new):
        count.changed += 1
    return marked


def _masthead(old: Masthead | None, new: Masthead | None, count: _Count) -> Masthead | None:
    """The new masthead with its lines marked where they changed (the date, most often)."""
    if old is None or new is None:
        return new

    def lines(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_line(a, b, count) or "" for a, b in zip_longest(before, after)
                     if b is not None)

    return dataclasses.replace(new, left=lines(old.left, new.left), right=lines(old.right, new.right),
                               symbol=_line(old.symbol, new.symbol, count) or "",
                               organ=_line(old.organ, new.organ, count))


def _signature(old: Signature | None, new: Signature | None, count: _Count) -> Signature | None:
    if old is None or new is None:
        return new
    titles = tuple(_line(a, b, count) or "" for a, b in zip_longest(old.titles, new.titles) if b)
    return dataclasses.replace(new, name=_line(old.name, new.name, count) or "", titles=titles)


def mark_words(old: str, new: str, coarse: Callable[[], None] = lambda: None) -> str:
    """`new` with the words of `old` it lacks put back as deleted and its own new words marked
    inserted. Spaces alone between two changes join them: "[-a b-]{+x y+}", not four marks.
    `coarse` is called when a stretch was too long to compare word by word."""
    a, b = _WORDS.findall(unmarked(old)), _WORDS.findall(unmarked(new))
    chunks: list[tuple[bool, str, str]] = []  # (unchanged, old text, new text)
    found = opcodes(a, b, coarse)
    for n, (tag, i1, i2, j1, j2) in enumerate(found):
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        joins = tag == "equal" and removed.isspace() and 0 < n < len(found) - 1
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
            out.append(f"{DELETED}{removed}{DELETED_END}")
        if added:
            out.append(f"{INSERTED}{added}{INSERTED_END}")
    return "".join(out)
