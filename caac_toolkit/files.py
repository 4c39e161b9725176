"""Writing output files without ever leaving a partial file or replacing one unasked, and the
lock that keeps two builds out of one folder."""

from __future__ import annotations

import errno
import os
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from caac_toolkit.errors import CaacError, Place

LOCK = ".caac-build.lock"
LOCK_TIMEOUT = 30.0  # seconds a build waits for another one to finish


def write_error(exc: OSError, path: Path) -> CaacError:
    """One line for a write the system refused: a full disk, a folder nobody may write into."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return CaacError("no space left on the device", place=Place(str(path)),
                         hint="free some space, then try again")
    return CaacError(f"cannot write into {path.parent}: {exc.strerror}", place=Place(str(path)))


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path` through a temporary file and a rename.

    An existing file is kept unless `force`: people edit drafts by hand. The temporary file is
    removed whatever stops the write, Ctrl-C included.
    """
    if path.exists() and not force:
        raise CaacError(f"{path} already exists", hint="use --force to replace it")
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with temporary.open("xb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise write_error(exc, path) from None


@contextmanager
def locked(
    folder: Path, *, shared: bool = False, waiting: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold the lock of `folder` while inside: builds exclusively, checks `shared`.

    The lock file stays: removing it would let a build that waits for the old file and one that
    creates a new file both hold "the" lock. A check in a folder with no lock file has nothing of
    a build to wait for.
    """
    descriptor = _open_lock(folder / LOCK, shared)
    if descriptor is None:
        yield
        return
    try:
        _acquire(descriptor, shared, folder, waiting)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _open_lock(path: Path, shared: bool) -> int | None:
    """The lock file, created for a build; None for a check where no build ever ran."""
    try:
        if shared:
            return os.open(path, os.O_RDONLY)
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        if shared and isinstance(exc, FileNotFoundError):
            return None
        raise write_error(exc, path) from None


def _acquire(
    descriptor: int, shared: bool, folder: Path, waiting: Callable[[], None] | None
) -> None:
    import fcntl

    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    deadline = time.monotonic() + LOCK_TIMEOUT
    while True:
        try:
            fcntl.flock(descriptor, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if time.monotonic() > deadline:
            raise CaacError(
                f"another caac build into {folder} is still running after {LOCK_TIMEOUT:g} s",
                place=Place(str(folder / LOCK)), hint="try again when it has finished",
            )
        if waiting:
            waiting()
            waiting = None
        time.sleep(0.05)
