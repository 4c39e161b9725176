"""The faces a PDF is set in: the first installed of each list the language gives, or an error
naming the Debian package to install.

A language names faces for its Latin text (symbols, figures) and, where it writes another script
(Arabic, Chinese), faces for that script (data/languages.yaml). typst would quietly set a missing
face in another one; caac refuses instead, unless fallback is allowed (--allow-font-fallback), and
says which faces it used, with their versions, which the build manifest records: a PDF that
changes because a font was updated says so in `caac build --check`.

typst finds fonts as its command line does: the system's, plus the folders in TYPST_FONT_PATHS,
without the system's when TYPST_IGNORE_SYSTEM_FONTS is set.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from caac_toolkit.errors import CaacError

if TYPE_CHECKING:
    from collections.abc import Callable

    from caac_toolkit.document import Layout
    from caac_toolkit.languages import Languages

_fallback = False
_warn: Callable[[str], None] | None = None
_warned: set[str] = set()


class MissingFont(CaacError):
    """None of the faces a language names is installed."""


def allow_fallback(allowed: bool, warn: Callable[[str], None] | None = None) -> None:
    """Whether a missing face may be replaced by another (--allow-font-fallback); `warn` is
    told, once a process, of each face that was."""
    global _fallback, _warn
    _fallback, _warn = allowed, warn


def fallback_allowed() -> bool:
    return _fallback


@dataclass(frozen=True)
class Face:
    family: str
    version: str  # as the font file names it: "Version 2.00.1", or "" when it names none

    def __str__(self) -> str:
        return f"{self.family} {self.version}".strip()


@cache
def installed() -> Any:
    """typst's view of the installed fonts (a typst.Fonts), scanned once per process."""
    import typst

    paths = [p for p in os.environ.get("TYPST_FONT_PATHS", "").split(os.pathsep) if p]
    ignore = os.environ.get("TYPST_IGNORE_SYSTEM_FONTS", "") not in ("", "0", "false")
    return typst.Fonts(include_system_fonts=not ignore, font_paths=paths)


@cache
def _faces() -> dict[str, Face]:
    """Each installed family's regular face, by family name."""
    found: dict[str, Face] = {}
    for info in sorted(installed().fonts(), key=lambda i: (i.family, abs(i.weight - 400),
                                                          i.style != "normal")):
        if info.family not in found:
            found[info.family] = Face(info.family, _version(info.path, info.index))
    return found


def choose(layout: Layout) -> list[Face]:
    """The face of each of the layout's lists (Latin, then its script's) that typst will use:
    the first installed. A list with none installed is an error naming its package, unless
    fallback is allowed; then that list is left to typst's own fallback."""
    faces = _faces()
    chosen: list[Face] = []
    lists = [("Latin", layout.fonts)]
    if layout.script_fonts:
        lists.append((layout.script or "the script's", layout.script_fonts))
    for script, families in lists:
        face = next((faces[f] for f in families if f in faces), None)
        if face is not None:
            chosen.append(face)
        elif not fallback_allowed():
            raise missing(script, families)
        elif _warn is not None and script not in _warned:
            _warned.add(script)
            _warn(f"no font for {script} text in the PDF: none of {', '.join(families)} is "
                  f"installed; typst sets it in another face ({_install(families)})")
    return chosen


def missing(script: str, families: tuple[str, ...] | list[str]) -> MissingFont:
    """The error for a list of faces none of which is installed: it names the package of the
    last (the freely installable one) where data/fonts.yaml knows it."""
    return MissingFont(
        f"no font for {script} text in the PDF: none of {', '.join(families)} is installed",
        hint=f"{_install(families)}, or pass --allow-font-fallback to let typst use another face")


def _install(families: tuple[str, ...] | list[str]) -> str:
    package = _packages().get(families[-1])
    return (f"install the Debian package {package}" if package
            else f"install a package that provides {families[-1]}")


@cache
def _packages() -> dict[str, str]:
    from caac_toolkit import yamlfile
    from caac_toolkit.resources import data_dir

    data = yamlfile.load(data_dir() / "fonts.yaml").data
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _version(path: str | None, index: int) -> str:
    """The version string (name 5) of the face at `index` of a font file; "" when unreadable."""
    if not path:
        return "built into typst"
    try:
        with open(path, "rb") as file:
            data = file.read()
        offset = 0
        if data[:4] == b"ttcf":
            offset = struct.unpack_from(">I", data, 12 + 4 * index)[0]
        (tables,) = struct.unpack_from(">H", data, offset + 4)
        for i in range(tables):
            tag, _, start, _ = struct.unpack_from(">4sIII", data, offset + 12 + 16 * i)
            if tag == b"name":
                return _name(data, start, 5)
    except (OSError, struct.error, UnicodeDecodeError):
        pass
    return ""


def _name(data: bytes, start: int, wanted: int) -> str:
    _, count, strings = struct.unpack_from(">HHH", data, start)
    for i in range(count):
        platform, _, _, name, length, at = struct.unpack_from(">6H", data, start + 6 + 12 * i)
        if name == wanted:
            raw = data[start + strings + at : start + strings + at + length]
            text = raw.decode("utf-16-be") if platform in (0, 3) else raw.decode("latin-1")
            return text.split(";")[0].strip()
    return ""


def versions(codes: list[str | None], table: Languages) -> dict[str, str]:
    """The installed faces the languages `codes` (None: English) may set a PDF in, with their
    versions, for the build manifest."""
    faces = _faces()
    found: dict[str, str] = {}
    for code in sorted({c or "en" for c in codes}):
        language = table.get(code)
        families = [*language.fonts, *(language.script.fonts if language.script else [])]
        found.update({f: faces[f].version for f in families if f in faces})
    return dict(sorted(found.items()))
