"""Reading what caac does not trust, bounded: zip archives (Word documents) checked member by
member while they inflate, and files committed to git read no further than a limit.

Each limit can be lowered (never raised) by an environment variable CAAC_LIMIT_<NAME> in bytes,
so that the tests of a bound need not make files of its size.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from caac_toolkit.errors import InvalidInput, Place

if TYPE_CHECKING:
    import subprocess

MiB = 1024 * 1024
# A Word document as caac builds it inflates to well under a mebibyte; one edited in Word, with
# a few pictures, to a few. A build's outputs are bounded at 64 MiB each.
MAX_DOCX = 64 * MiB
# A reference document lends its styles, page set-up, headers and footers (a logo at most) to
# every document built: what it adds is added to each of them.
MAX_REFERENCE = 8 * MiB
MAX_MEMBERS = 10_000
_CHUNK = MiB


def limit(name: str, default: int) -> int:
    """The bound `name`, lowered by CAAC_LIMIT_<NAME> when that is a smaller number of bytes."""
    value = os.environ.get(f"CAAC_LIMIT_{name}", "")
    return min(default, int(value)) if value.isascii() and value.isdigit() else default


def mebibytes(size: int) -> str:
    return f"{size / MiB:.3g} MiB" if size >= MiB else f"{size:,} bytes"


def check_zip(data: bytes, name: str, bound: int, what: str, hint: str) -> None:
    """Refuse the zip archive `data` (the file `name`, a `what` such as "Word document") if its
    members inflate to more than `bound` bytes in all: first by the sizes it declares, then by
    what inflating actually gives, stopped as soon as it passes the bound. `hint` is for a file
    that is no zip archive at all."""
    import io
    import zipfile
    import zlib

    place = Place(name)
    too_large = InvalidInput(f"this {what} inflates to more than {mebibytes(bound)}",
                             place=place, hint="remove large pictures or embedded files from it")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise InvalidInput(f"this {what} has more than {MAX_MEMBERS:,} parts",
                                   place=place)
            if sum(member.file_size for member in members) > bound:
                raise too_large
            total = 0
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        total += len(chunk)
                        if total > bound:
                            raise too_large
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, ValueError,
            RuntimeError):  # a damaged, encrypted or unsupported archive
        raise InvalidInput(f"not a {what}", place=place, hint=hint) from None


def git_show(folder: Path, revision: str, name: str, bound: int) -> subprocess.CompletedProcess[bytes]:
    """`git show REVISION:./NAME` run in `folder`, its output read no further than `bound` bytes:
    a larger committed file is refused before it is read whole."""
    import subprocess

    with subprocess.Popen(
        ["git", "-C", str(folder), "show", f"{revision}:./{name}"], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env={**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat"},
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        shown = process.stdout.read(bound + 1)
        if len(shown) > bound:
            process.kill()
            raise InvalidInput(f"the file as committed in {revision} is larger than "
                               f"{mebibytes(bound)}", place=Place(str(folder / name)),
                               hint="compare a smaller file")
        errors = process.stderr.read(64 * 1024)
        returncode = process.wait()
    return subprocess.CompletedProcess(process.args, returncode, shown, errors)
