"""Files as a git revision holds them: the earlier versions `caac diff --rev` and
`caac build --redline-against` compare with."""

from __future__ import annotations

import os
from pathlib import Path

from caac_toolkit.errors import MissingFile, Place, UsageError


def committed(path: Path, rev: str) -> bytes | None:
    """The bytes of `path` as git revision `rev` holds it; None when that revision has no such
    file. Errors say when git is missing, `path` is outside a checkout or `rev` is unknown."""
    import subprocess

    if rev.startswith("-") or not rev:
        raise UsageError(f"not a git revision: '{rev}'", hint="give a commit, branch or tag: HEAD~1")
    folder = path.parent
    if not folder.is_dir():
        raise MissingFile(folder, "folder")
    try:
        shown = subprocess.run(
            ["git", "-C", str(folder), "show", f"{rev}:./{path.name}"], capture_output=True,
            check=False, env={**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat"},
        )
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
