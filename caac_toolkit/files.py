"""Writing output files without ever leaving a partial file or replacing one unasked, and the
lock that keeps two builds out of one folder."""

from __future__ import annotations

import errno
import os
import secrets
import signal
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from caac_toolkit.errors import CaacError, Place, UsageError

LOCK = ".caac-build.lock"
LOCK_TIMEOUT = 30.0  # seconds a build waits for another one to finish
# Temporary files are named apart from the file they become: a name of 255 bytes, the most a
# file system allows, leaves no room to add to it.
TEMPORARY_PREFIX = ".caac-"


class Inputs:
    """Every file a command reads, known before it writes anything: the files named, and every
    file inside the folders named (a template is read by another process, a labels file only
    for the language a case asks for). Files are known as the system knows them, by device and
    number, so no name, link or hard link to one of them passes for another file."""

    def __init__(self, files: Iterable[Path | None] = (),
                 folders: Iterable[Path | None] = ()) -> None:
        self._known: set[tuple[int, int]] = set()
        for path in files:
            if path is not None:
                self._add(path)
        for folder in folders:
            if folder is not None and folder.is_dir():
                for path in folder.rglob("*"):
                    self._add(path)

    def _add(self, path: Path) -> None:
        identity = _identity(path)
        if identity is not None:
            self._known.add(identity)

    def __contains__(self, path: Path) -> bool:
        identity = _identity(path)
        return identity is not None and identity in self._known

    def refuse(self, output: Path, command: str, hint: str) -> None:
        """An output that is one of the inputs, under any name: writing it would lose that."""
        if output in self:
            raise UsageError(f"this file is an input of the {command}, and inputs are never "
                             "outputs", place=Place(str(output)), hint=hint)


def command_inputs(*files: Path | None, data: Path | None = None,
                   templates: Path | None = None) -> Inputs:
    """The inputs of a drafting command (draft, diff, build): the `files` it names (cases,
    documents, a reference document), the toolkit (`data`, else the bundled one), the templates,
    phrasebooks, tables and labels of the user's folder and the bundled one, and the bundled
    data drafting reads (the tables of situations and languages)."""
    from caac_toolkit.resources import data_dir, templates_dir, toolkit_file

    return Inputs([*files, data or toolkit_file()], [templates, templates_dir(), data_dir()])


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except (OSError, ValueError):  # none, or a name the system cannot hold
        return None
    return (status.st_dev, status.st_ino) if stat.S_ISREG(status.st_mode) else None


def within(folder: Path, path: Path) -> Path:
    """`path`, a file of the user's `folder`, unless a link leads it out of the folder: through
    one, a table from a pull request could have caac read, and name in its errors, any file."""
    if not path.resolve().is_relative_to(folder.resolve()):
        raise CaacError(f"leads outside {folder}", place=Place(str(path)),
                        hint="copy the file there instead of linking to it")
    return path


def write_error(exc: OSError, path: Path) -> CaacError:
    """One line for a write the system refused: a full disk, a folder nobody may write into."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return CaacError("no space left on the device", place=Place(str(path)),
                         hint="free some space, then try again")
    return CaacError(f"cannot write into {path.parent}: {exc.strerror}", place=Place(str(path)))


@contextmanager
def stops_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back until the block ends, in the threads and processes it starts
    too (they inherit the mask): a stop that lands inside one of the threading module's locks
    leaves the lock taken, and the threads that wait for it wait for ever. A stop held back takes
    effect as the block ends. (Systems without signal masks, Windows, hold nothing back.)"""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path` through a temporary file and a rename.

    An existing file (or link, even one that leads nowhere) is kept unless `force`: people edit
    drafts by hand. A terminal, /dev/null or a pipe is written to as a stream, never replaced;
    a folder or another kind of device is refused. The temporary file is removed whatever stops
    the write, Ctrl-C included.
    """
    try:
        mode = path.stat().st_mode  # through a link: /dev/stdout is one
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise write_error(exc, path) from None
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        _write_stream(path, data)
        return
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a device"
        raise CaacError(f"this is {kind}, not a file to write", place=Place(str(path)),
                        hint="give the name of a file")
    if os.path.lexists(path) and not force:
        raise CaacError(f"{path} already exists", hint="use --force to replace it")
    temporary = path.with_name(f"{TEMPORARY_PREFIX}{secrets.token_hex(8)}.tmp")
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


def _write_stream(path: Path, data: bytes) -> None:
    """`data` written to a device or a pipe. Opening a pipe no program reads from would wait for
    one for ever: it is opened without waiting, and refused."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise CaacError("no program reads from this pipe", place=Place(str(path)),
                            hint="start the reader first") from None
        raise write_error(exc, path) from None
    try:
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
    except OSError as exc:
        raise write_error(exc, path) from None


def remove_temporary_files(folder: Path) -> None:
    """The temporary files of writes that were killed before they could remove their own."""
    for path in folder.glob(f"{TEMPORARY_PREFIX}*.tmp"):
        if path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)


@contextmanager
def locked(
    folder: Path, *, shared: bool = False, waiting: Callable[[], None] | None = None
) -> Iterator[int | None]:
    """Hold the lock of `folder` while inside: builds exclusively, checks `shared`. The lock
    file's descriptor is given, None for a check where no build ever ran.

    The lock file stays: removing it would let a build that waits for the old file and one that
    creates a new file both hold "the" lock. A check in a folder with no lock file has nothing of
    a build to wait for.
    """
    descriptor = _open_lock(folder / LOCK, shared)
    if descriptor is None:
        yield None
        return
    try:
        _acquire(descriptor, shared, folder, waiting)
        yield descriptor
    finally:
        os.close(descriptor)  # releases the lock


def _open_lock(path: Path, shared: bool) -> int | None:
    """The lock file, created for a build; None for a check where no build ever ran.

    Never through a link (it would create a file wherever it leads), and only a regular file:
    opening a pipe would wait for a writer for ever, so it is opened without waiting, then refused.
    """
    flags = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        if shared:
            descriptor = os.open(path, os.O_RDONLY | flags)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | flags, 0o666)
    except OSError as exc:
        if shared and isinstance(exc, FileNotFoundError):
            return None
        if path.is_symlink():
            raise CaacError("the lock file is a link", place=Place(str(path)),
                            hint="remove it; a build creates its own") from None
        raise write_error(exc, path) from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise CaacError("the lock file is not a regular file", place=Place(str(path)),
                        hint="remove it; a build creates its own")
    return descriptor


def _acquire(
    descriptor: int, shared: bool, folder: Path, waiting: Callable[[], None] | None
) -> None:
    import portalocker

    flags = portalocker.LockFlags
    mode = flags.SHARED if shared else flags.EXCLUSIVE
    deadline = time.monotonic() + LOCK_TIMEOUT
    while True:
        try:
            portalocker.lock(descriptor, mode | flags.NON_BLOCKING)  # flock where there is one
            return
        except portalocker.AlreadyLocked:
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
