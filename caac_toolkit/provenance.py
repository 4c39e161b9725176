"""Which DOCX and PDF files caac wrote and nobody edited since: each carries, in its own metadata
(the Word file's identifier, the PDF's keywords), the hash of its content without that hash.

A writer puts PLACEHOLDER in the metadata and `seal`s what it made; `unedited` tells a file whose
content still gives the hash it carries, which a draft may then replace without --force. Word or
another program that saves the file changes its content, hence the hash."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from caac_toolkit import textfile

_PREFIX = b"caac-sha256:"
PLACEHOLDER = (_PREFIX + b"0" * 64).decode()
_SEAL = re.compile(re.escape(_PREFIX) + rb"[0-9a-f]{64}")
_LIMIT = 64 * textfile.MAX_BYTES  # as large as any output a build writes


def _digest(pieces: Sequence[bytes]) -> bytes:
    total = hashlib.sha256()
    for piece in pieces:
        total.update(len(piece).to_bytes(8, "big"))
        total.update(piece)
    return total.hexdigest().encode()


def seal(pieces: Sequence[bytes]) -> list[bytes]:
    """`pieces` (a file, or a Word file's part names and parts) with PLACEHOLDER replaced by the
    hash of them all as they are with it."""
    stamp = _PREFIX + _digest(pieces)
    return [piece.replace(PLACEHOLDER.encode(), stamp) for piece in pieces]


def _opened(pieces: Sequence[bytes]) -> bool:
    """Whether pieces that carry a seal still give it."""
    found = {m.group() for piece in pieces for m in _SEAL.finditer(piece)}
    if len(found) != 1:
        return False
    stamp = found.pop()
    return stamp == _PREFIX + _digest([_SEAL.sub(PLACEHOLDER.encode(), p) for p in pieces])


def unedited(path: Path) -> bool:
    """Whether `path` is a DOCX or PDF file caac wrote, as it wrote it."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > _LIMIT:
            return False
        data = path.read_bytes()
        if path.suffix.lower() == ".pdf":
            return _opened([data])
        if path.suffix.lower() == ".docx":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                pieces = [piece for item in archive.infolist()
                          for piece in (item.filename.encode(), archive.read(item))]
            return _opened(pieces)
    except (OSError, zipfile.BadZipFile, ValueError, RuntimeError):
        return False
    return False
