"""Reading the text people give caac (case files, toolkit files, templates, flags) as data that
every document format can show: bounded in size, UTF-8, and free of control characters.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from caac_toolkit.bounded import mebibytes
from caac_toolkit.errors import CaacError, InvalidInput, MissingFile, Place

# A case file is a few kilobytes and the whole toolkit 44 KiB. The bound also bounds the work: a
# mebibyte of text takes seconds to typeset as PDF, and ten would take minutes and gigabytes.
MAX_BYTES = 1024 * 1024
# One value: a lettered point runs to a few thousand characters at most. A situation's name is
# repeated through every document, so its length multiplies.
MAX_TEXT = 10_000
# One document as drafted, in characters: a hundred pages, which typst lays out in under a second
# (and a mebibyte in seconds). A toolkit or template that repeats a long value makes more.
MAX_DOCUMENT = 200_000
# C0 and C1 controls other than tab and newline, the bidirectional overrides and isolates that
# can make text read differently from what it is, and the private-use marks caac sets text with
# (typography: raised, kept on one line, their end), which in a value would be markup. Letters of
# right-to-left scripts are fine.
UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ue000-\ue002\ufffe\uffff]")
_UNSHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file at `path`, or one clear error: missing, a folder, a device
    or a pipe (opened without waiting for a writer, then refused), larger than `limit`."""
    name = str(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise MissingFile(path) from None
    except PermissionError:
        raise InvalidInput("cannot read the file (permission denied)", place=Place(name)) from None
    except OSError as exc:  # a loop of links, a name too long …
        raise InvalidInput(f"cannot read the file: {exc.strerror}", place=Place(name)) from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        kind = "a folder" if stat.S_ISDIR(status.st_mode) else "a device or a pipe"
        raise InvalidInput(f"this is {kind}, not a file", place=Place(name),
                           hint="give a regular file")
    with os.fdopen(descriptor, "rb") as stream:
        # Its size when opened is checked first (a sparse file of gigabytes is not read), and
        # what is read is bounded: its size then says nothing of its size now.
        raw = b"" if status.st_size > limit else stream.read(limit + 1)
    if status.st_size > limit or len(raw) > limit:
        raise InvalidInput(f"file larger than the limit of {mebibytes(limit)}",
                           place=Place(name), hint="split it, or shorten it")
    return raw


def read_text(path: Path) -> str:
    """The text of the file at `path`, or one clear error: missing, a folder or device, too large,
    binary, not UTF-8, or holding a control character (each with its line and column)."""
    return decode(read_bytes(path), str(path))


def decode(raw: bytes, name: str) -> str:
    """The text of a file's bytes read from elsewhere (a git revision), with the same checks."""
    if len(raw) > MAX_BYTES:
        raise InvalidInput(f"file larger than the limit of {mebibytes(MAX_BYTES)}",
                           place=Place(name), hint="split it, or shorten it")
    if b"\x00" in raw:
        raise InvalidInput("this is a binary file, not text", place=Place(name))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        valid = raw[: exc.start].decode("utf-8-sig")
        raise InvalidInput("the file is not UTF-8 text", place=Place(name, *_position(valid)),
                           hint="save it as UTF-8") from None
    text = text.replace("\r\n", "\n")
    if bad := UNPRINTABLE.search(text):
        check_text(bad.group(), Place(name, *_position(text[: bad.start()])))
    return text


def check_text(text: str, place: Place, error: type[CaacError] = InvalidInput) -> None:
    """Refuse a value no document can show: a control character, or the length of a book."""
    if bad := UNPRINTABLE.search(text):
        raise error(f"control character U+{ord(bad.group()):04X} in text", place=place,
                    hint="remove it; documents cannot show it")
    if len(text) > MAX_TEXT:
        raise error(f"text of {len(text):,} characters; the limit is {MAX_TEXT:,}", place=place,
                    hint="shorten it")


def printable(text: str) -> str:
    """`text` for a message: a name may hold a line break or a control character, which would
    start a line of its own in a terminal or a CI log (`::error::…` in GitHub's), escaped."""
    return _UNSHOWN.sub(lambda match: repr(match.group())[1:-1], text)


def _position(before: str) -> tuple[int, int]:
    """The line and column just after `before`, the text that precedes a place in a file."""
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
