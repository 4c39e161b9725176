"""Writing output files without ever leaving a partial file or replacing one unasked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from caac_toolkit.errors import CaacError, Place


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path` through a temporary file and a rename.

    An existing file is kept unless `force`: people edit drafts by hand.
    """
    if path.exists() and not force:
        raise CaacError(f"{path} already exists", hint="use --force to replace it")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise CaacError(f"cannot write into {folder}: {exc.strerror}", place=Place(str(path))) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CaacError(f"cannot write {path}: {exc.strerror}", place=Place(str(path))) from None
        raise
