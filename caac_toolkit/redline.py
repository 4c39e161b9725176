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
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from caac_toolkit.document import (
    Block,
    Bullet,
    Document,
    Heading,
    Masthead,
    Paragraph,
    Part,
    Point,
    Signature,
)
from caac_toolkit.errors import InvalidInput, MissingFile, Place, UsageError
from caac_toolkit.templating import epoch_date

if TYPE_CHECKING:
    from caac_toolkit.drafting import Drafter
    from caac_toolkit.writers import Format

Kind = Literal["equal", "insert", "delete"]

# Private-use characters after those of caac_toolkit.typography (U+E000 to U+E002).
INSERT_OPEN, INSERT_CLOSE, DELETE_OPEN, DELETE_CLOSE = "\ue010", "\ue011", "\ue012", "\ue013"
# At the start of a paragraph's text: the paragraph itself is new, or gone (its number too).
PARAGRAPH_INSERTED, PARAGRAPH_DELETED = "\ue014", "\ue015"
MARKS = frozenset(INSERT_OPEN + INSERT_CLOSE + DELETE_OPEN + DELETE_CLOSE
                  + PARAGRAPH_INSERTED + PARAGRAPH_DELETED)
_UNMARK = str.maketrans(dict.fromkeys(MARKS, "\ufffd"))
# Paragraphs with fewer than this share of their words in common are not the same paragraph
# edited, but one deleted and another inserted (difflib's own cut-off for similar lines).
SIMILAR = 0.6
_WORDS = re.compile(r"\w+|\s+|[^\w\s]")
_TOKENS = re.compile(r"\w+|[^\w\s]")  # what paragraphs are compared on: words, not spaces
_BAND = 8  # paragraphs either side of the diagonal that may pair with one another
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
    document = dataclasses.replace(new, parts=tuple(parts),
                                   masthead=_masthead(old.masthead, new.masthead))
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
    before and after it are paired the same way; the rest are deleted and inserted whole. Only
    pairs near the diagonal are compared: a paragraph edited in a long replaced stretch stays
    near its place, and comparing every pair would take minutes when a whole draft is rewritten."""
    from difflib import SequenceMatcher

    matchers = [SequenceMatcher(None, b=_TOKENS.findall(block.text), autojunk=False)
                for block in new]
    words = [_TOKENS.findall(block.text) for block in old]
    scores: dict[tuple[int, int], float] = {}

    def similarity(i: int, j: int) -> float:
        """As difflib's own Differ does, the cheap upper bounds first."""
        if (i, j) not in scores:
            matcher = matchers[j]
            matcher.set_seq1(words[i])
            scores[i, j] = 0.0 if type(old[i]) is not type(new[j]) or (
                matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR
            ) else matcher.ratio()
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
    blocks: list[Block] = []
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
            blocks += [*(_whole(b, deleted=True) for b in old[i1:i2]),
                       *(_whole(b, deleted=False) for b in new[j1:j2])]
            continue
        i, j = where
        count.changed += 1
        edited = dataclasses.replace(new[j], text=mark_words(old[i].text, new[j].text))
        stack += [(i + 1, i2, j + 1, j2), edited, (i1, i, j1, j)]
    return blocks


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


def _masthead(old: Masthead | None, new: Masthead | None) -> Masthead | None:
    """The new masthead with its lines marked where they changed (the date, most often)."""
    if old is None or new is None:
        return new

    def lines(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_line(a, b) or "" for a, b in zip_longest(before, after) if b is not None)

    return dataclasses.replace(new, left=lines(old.left, new.left), right=lines(old.right, new.right),
                               symbol=mark_words(old.symbol, new.symbol),
                               organ=_line(old.organ, new.organ))


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


def whole(text: str) -> Kind | None:
    """Whether a marked paragraph was inserted or deleted whole (its number too)."""
    return ("insert" if PARAGRAPH_INSERTED in text else "delete" if PARAGRAPH_DELETED in text
            else None)


def spans(text: str, kind: Kind = "equal") -> tuple[list[tuple[Kind, str]], Kind]:
    """A marked text as stretches of equal, inserted and deleted text, and the kind still open
    at its end; `kind` is the one open at its start (a paragraph's runs are read in turn)."""
    pieces: list[tuple[Kind, str]] = []
    current: list[str] = []
    for char in text:
        if char not in MARKS:
            current.append(char)
            continue
        if current:
            pieces.append((kind, "".join(current)))
            current = []
        if char in (INSERT_OPEN, DELETE_OPEN, INSERT_CLOSE, DELETE_CLOSE):
            kind = "insert" if char == INSERT_OPEN else "delete" if char == DELETE_OPEN else "equal"
    if current:
        pieces.append((kind, "".join(current)))
    return pieces, kind


# Writing ----------------------------------------------------------------------------------------

def revision_date() -> dt.datetime:
    """When the changes were made, as Word records them: the day of SOURCE_DATE_EPOCH when set,
    else now."""
    day = epoch_date()
    if day is not None:
        return dt.datetime.combine(day, dt.time(), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def render(
    redline: Redline, fmt: Format, *, date: dt.datetime | None, author: str = "caac",
    names: tuple[str, str] = ("old", "new"), reference: bytes | None = None,
) -> bytes:
    """The redline laid out by the writer of `fmt`: text, md, html or docx. `author` and `date`
    (None: undated) go into Word's tracked changes, laid out on the `reference` Word document if
    given; `names` head the text format's unified diff."""
    from caac_toolkit.writers import render as write

    if fmt.value not in FORMATS:
        raise UsageError(f"a redline cannot be written as {fmt.value}",
                         hint="use " + ", ".join(FORMATS))
    if fmt.value == "docx":
        from caac_toolkit.writers import docx

        return docx.render(redline.document, reference=reference,
                           tracked=docx.Tracked(author, date))
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


# Versions ---------------------------------------------------------------------------------------

def committed(path: Path, rev: str) -> bytes | None:
    """The bytes of `path` as git revision `rev` holds it; None when that revision has no such
    file. Errors say when git is missing, `path` is outside a checkout or `rev` is unknown."""
    from caac_toolkit.bounded import MAX_DOCX, git_show, limit

    if rev.startswith("-") or not rev or ".." in rev or ":" in rev:
        raise UsageError(f"not a git revision: '{rev}'", hint="give a commit, branch or tag: HEAD~1")
    folder = path.parent
    if not folder.is_dir():
        raise MissingFile(folder, "folder")
    try:
        shown = git_show(folder, rev, path.name, limit("DOCX", MAX_DOCX))
    except FileNotFoundError:
        raise UsageError("git is not installed, or not on the PATH", hint="install git, or give "
                         "both versions as files: caac diff OLD NEW") from None
    if shown.returncode == 0:
        return shown.stdout
    message = shown.stderr.decode(errors="replace").strip()
    if "not a git repository" in message:
        raise UsageError("not in a git checkout", place=Place(str(path)),
                         hint="give both versions as files: caac diff OLD NEW")
    if "exists on disk, but not in" in message or "does not exist in" in message:
        return None
    if "invalid object name" in message or "unknown revision" in message:
        raise UsageError(f"unknown git revision '{rev}'", hint="give a commit, branch or tag: "
                         "HEAD~1, main, v1.0")
    raise UsageError(f"git show {rev}:{path.name} failed: {message.splitlines()[-1]}"
                     if message else f"git show {rev}:{path.name} failed", place=Place(str(path)))


def case_documents(text: str, name: str, drafter: Drafter) -> dict[str, Document]:
    """The documents drafted from a case file's text (`name` is where errors point), by the
    name a build gives their files: conclusions, statement, letter-…"""
    from caac_toolkit import case, yamlfile
    from caac_toolkit.build import named_documents

    source = yamlfile.parse(text, name)
    return named_documents(drafter, case.validate(source, drafter.toolkit))


def against(
    rev: str, path: Path, documents: dict[str, Document], drafter: Drafter,
    date: dt.datetime | None, reference: bytes | None = None,
) -> dict[str, bytes]:
    """Word redlines of a case's `documents` against those the case file drafted in git
    revision `rev`, by document name: one for each document both have and that changed. The
    earlier case is drafted with today's toolkit and templates, so only the case's changes show."""
    from caac_toolkit.textfile import decode
    from caac_toolkit.writers import Format

    earlier = committed(path, rev)
    if earlier is None:
        return {}
    name = f"{rev}:{path}"
    before = case_documents(decode(earlier, name), name, drafter)
    redlines = {}
    for document_name, document in documents.items():
        if document_name in before:
            result = compare(before[document_name], document)
            if result.changes:
                redlines[document_name] = render(result, Format.docx, date=date,
                                                 reference=reference)
    return redlines


def read_docx(data: bytes, name: str) -> Document:
    """A Word document caac built (or one edited from it) read back into a Document, by its
    paragraphs' UN styles: the masthead table, titles, headings, numbered paragraphs, points,
    bullets and signatures. Text inside tracked deletions is left out, tracked insertions kept."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from caac_toolkit.body import letter

    try:
        word = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, ValueError, KeyError, zipfile.BadZipFile):
        raise InvalidInput("not a Word document (.docx)", place=Place(name),
                           hint="give a .docx file, or a case file (.yaml)") from None
    parts: list[Part] = []
    title: str | None = None
    blocks: list[Block] = []
    signature: Signature | None = None
    new_page = False
    number = points = 0

    def close() -> None:
        if title is not None or blocks or signature is not None:
            parts.append(Part(title, tuple(blocks), signature, new_page))

    for paragraph in word.paragraphs:
        text = _docx_text(paragraph._p)
        style = paragraph.style.name if paragraph.style is not None else ""
        if not text or style == "UN Organ":
            continue
        if style == "UN Title":
            close()
            title, blocks, signature, number = text, [], None, 0
            new_page = bool(paragraph.paragraph_format.page_break_before)
        elif style.startswith("UN Heading "):
            blocks.append(Heading(int(style[-1]), text))
        elif style == "UN Numbered Paragraph":
            number, points = number + 1, 0
            blocks.append(Paragraph(text, number))
        elif style in ("UN Point", "UN Nested Point"):
            blocks.append(Point(letter(points), text, style == "UN Nested Point"))
            points += 1
        elif style == "UN Bullet":
            blocks.append(Bullet(text))
        elif style == "UN Signature":
            signed, _, signer = text.partition(" ")
            signature = Signature(signed, signer)
        elif style == "UN Signature Title" and signature is not None:
            signature = dataclasses.replace(signature, titles=(*signature.titles, text))
        else:
            blocks.append(Paragraph(text))
    close()
    return Document(kind="document", lang=_docx_language(word), title=word.core_properties.title,
                    parts=tuple(parts), masthead=_docx_masthead(word),
                    symbol=_first_line(word, "header").split("\t")[0] or None,
                    job_line=_first_line(word, "first_page_footer") or None)


def _first_line(word: Any, part: str) -> str:
    """The first paragraph of the first section's `part` (header …); none in a document without
    sections, or with an emptied header."""
    paragraphs = getattr(word.sections[0], part).paragraphs if word.sections else []
    return _docx_text(paragraphs[0]._p) if paragraphs else ""


def _docx_text(paragraph: Any) -> str:
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    pieces = []
    for element in paragraph.iter(f"{w}t", f"{w}tab"):
        if any(parent.tag == f"{w}del" for parent in element.iterancestors()):
            continue
        pieces.append("\t" if element.tag == f"{w}tab" else element.text or "")
    return "".join(pieces).translate(_UNMARK)


def _docx_language(word: Any) -> str:
    languages = word.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    return str(languages[0]) if languages else "en"


def _docx_masthead(word: Any) -> Masthead | None:
    """The masthead from the first table, two rows of two cells, as the DOCX writer lays it."""
    if not word.tables or len(word.tables[0].rows) != 2:
        return None
    cells = [[[_docx_text(p._p) for p in cell.paragraphs] for cell in row.cells]
             for row in word.tables[0].rows]
    if any(len(row) != 2 for row in cells):
        return None
    (top_left, symbol), (left, right) = cells
    organ = next((_docx_text(p._p) for p in word.paragraphs if p.style is not None
                  and p.style.name == "UN Organ"), None)
    return Masthead(left=tuple(top_left + left), symbol="".join(symbol), right=tuple(right),
                    organ=organ or None)
