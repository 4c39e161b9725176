"""What each output of a build folder held when it was last hashed, by its stamp: size,
modification and change times, and inode. A build re-hashes only the outputs whose stamp differs,
not gigabytes of unchanged documents; an edit by hand changes the change time, which no program
can set back, so it is still found.

The record lives in the folder's lock file, which a build holds while it reads and writes it:
nothing else in the folder changes, and deleting it costs one build a re-hash of everything.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path

Stamp = tuple[int, int, int, int]
MAX_RECORD = 16 * 1024 * 1024  # some 100,000 outputs


def stamp(path: Path) -> Stamp | None:
    """The stamp of the regular file at `path` (not followed if a link); None for anything else."""
    try:
        status = os.lstat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino


class Record:
    """The hashes of the outputs by path relative to the folder, each with the stamp it had."""

    def __init__(self, entries: Mapping[str, tuple[Stamp, str]] | None = None) -> None:
        self.entries = dict(entries or {})

    @classmethod
    def read(cls, descriptor: int | None) -> Record:
        """The record in the lock file; an empty one for none, or one damaged or too large."""
        if descriptor is None:
            return cls()
        try:
            os.lseek(descriptor, 0, os.SEEK_SET)
            raw = os.read(descriptor, MAX_RECORD + 1)
            if not raw or len(raw) > MAX_RECORD:
                return cls()
            entries = {name: ((int(a), int(b), int(c), int(d)), digest)
                       for name, ((a, b, c, d), digest) in json.loads(raw).items()
                       if isinstance(name, str) and isinstance(digest, str)}
        except (OSError, ValueError, TypeError, AttributeError, RecursionError):
            return cls()
        return cls(entries)

    def digest(self, relative: str, path: Path) -> str | None:
        """The hash `path` had when its stamp was the one recorded; None if it changed since."""
        entry = self.entries.get(relative)
        return entry[1] if entry is not None and entry[0] == stamp(path) else None

    def write(self, descriptor: int | None, out: Path, hashes: Mapping[str, str]) -> None:
        """Record `hashes` (what each output holds now) with the outputs' stamps now."""
        if descriptor is None:
            return
        entries = {name: [found, digest] for name, digest in hashes.items()
                   if (found := stamp(out / name)) is not None}
        data = json.dumps(entries, sort_keys=True).encode()
        if len(data) <= MAX_RECORD:
            os.ftruncate(descriptor, 0)
            os.lseek(descriptor, 0, os.SEEK_SET)
            os.write(descriptor, data)
