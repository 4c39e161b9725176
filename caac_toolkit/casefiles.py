"""Which files are cases, and the names a build gives the documents a case drafts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from caac_toolkit.errors import CaacError, MissingFile, UsageError

if TYPE_CHECKING:
    from caac_toolkit.case import Case
    from caac_toolkit.document import Document
    from caac_toolkit.drafting import CaseDocument, Drafter

CASE_SUFFIXES = (".yaml", ".yml")
_SLUG_LENGTH = 80
_ARTICLES = re.compile(r"^(the|le|la|les|l)-")
# Dropped from a name too long for a file name, so that what is cut is not its end: "Chair of the
# Security Council Committee established pursuant to resolution 1533 (2004) concerning …".
_FILLERS = re.compile(r"-(?:of|the|to|and|for|on|in|pursuant|established|concerning|de|la|le|les"
                      r"|du|des|et|en|el|los|las|del|y|para|por|con)(?=-)")

Skipped = Callable[[Path, str], None]  # a file in a folder that is not a case, and why


def slug(text: str) -> str:
    """ASCII, lower case, [a-z0-9-]: 'the Government of the Sudan' -> 'government-of-the-sudan'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    words = _ARTICLES.sub("", words)
    if len(words) > _SLUG_LENGTH:
        words = _FILLERS.sub("", words)
    if len(words) > _SLUG_LENGTH:
        words = words[:_SLUG_LENGTH].rsplit("-", 1)[0]
    return words


def case_files(paths: Iterable[Path], skipped: Skipped | None = None) -> list[Path]:
    """The case files named, and the case files directly inside folders named: their *.yaml
    and *.yml files but hidden ones (.pre-commit-config.yaml) and YAML files that are not cases
    (a CI workflow), each passed to `skipped` with the reason."""
    found = []
    named = list(paths)
    for path in named:
        if path.is_dir():
            for item in sorted(p for p in path.iterdir()
                               if p.suffix.lower() in CASE_SUFFIXES and p.is_file()):
                why = _not_a_case(item)
                if why is None:
                    found.append(item)
                elif skipped is not None:
                    skipped(item, why)
        elif path.is_file():
            found.append(path)
        else:
            raise MissingFile(path, "case file or folder")
    if not found:
        # Building nothing would remove every document the last build made.
        raise UsageError("no case files in " + ", ".join(str(p) for p in named),
                         hint="give case files, or folders holding *.yaml or *.yml files")
    return found


def _not_a_case(path: Path) -> str | None:
    """Why a YAML file in a folder of cases is not one, None if it is (or is too broken to
    tell: loading it reports what is wrong)."""
    from caac_toolkit import case, yamlfile

    if path.name.startswith("."):
        return "a hidden file"
    try:
        if any(key in case.CASE_KEYS for key in yamlfile.top_keys(path)):
            return None
    except CaacError:
        return None
    return "not a case file (it has neither situation nor actions)"


def named_documents(drafter: Drafter, case: Case) -> dict[str, Document]:
    """A case's documents by the name a build gives their files, without the extension."""
    documents = drafter.case_documents(case)
    return {name: item.document
            for name, item in zip(file_names(documents), documents, strict=True)}


def file_names(documents: list[CaseDocument]) -> Iterator[str]:
    """conclusions, statement, letter-<addressee>; a number keeps two letters apart."""
    used: set[str] = set()
    for item in documents:
        name = item.kind
        if item.kind == "letter":
            name += "-" + (slug(item.addressee or "") or slug(item.target or "") or "addressee")
        unique, n = name, 1
        while unique in used:
            n += 1
            unique = f"{name}-{n}"
        used.add(unique)
        yield unique


def case_documents(text: str, name: str, drafter: Drafter) -> dict[str, Document]:
    """The documents drafted from a case file's text (`name` is where errors point), by the
    name a build gives their files: conclusions, statement, letter-…"""
    from caac_toolkit import case, yamlfile

    source = yamlfile.parse(text, name)
    return named_documents(drafter, case.validate(source, drafter.toolkit,
                                                  drafter.templates.languages))
