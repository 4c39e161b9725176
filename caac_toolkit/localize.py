"""A case's own texts in other languages than its own.

Every text a case writes in its own words (points, observations, addressees, party names …) may
be given per language, `{en: Calling upon …, fr: Demandant …}`. The case keeps the text in its own
language and a table of the other versions (`translations`); a document in another language
prints each text's version in it, or, where the case gives none, the case's own text marked
`[en: …]` for the translator: caac never translates a text itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import msgspec

# The texts a case writes in its own words, by the part of the case that holds them, and the
# parts within parts.
FREE = {
    "Case": ("observations", "representative", "country_statement", "parties_listed_in"),
    "Party": ("name",),
    "Action": ("points", "addressee"),
    "AddressedPoints": ("points", "addressee"),
    "Person": ("title",),
}
_PARTS = {
    "Case": {"parties": "Party", "actions": "Action", "chair": "Person", "president": "Person"},
    "Action": {"messages": "AddressedPoints"},
}

Path = tuple[str | int, ...]

# The opening of a text printed for the translator, "[en: ", with a code of the table of languages.
_MARKER = re.compile(r"\[[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*: ")


def free_texts(data: Any, part: str = "Case", path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """(path, value) of every free text in a case file's data, lists item by item."""
    if not isinstance(data, dict):
        return
    for key in FREE.get(part, ()):
        value = data.get(key)
        if isinstance(value, list):
            yield from (((*path, key, i), item) for i, item in enumerate(value))
        elif key in data:
            yield (*path, key), value
    for key, inner in _PARTS.get(part, {}).items():
        value = data.get(key)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            yield from free_texts(item, inner, (*path, key) if i is None else (*path, key, i))


def split(data: dict[str, Any], own: str,
          problem: Callable[[Path, str, str], None]) -> dict[str, dict[str, str]]:
    """Replace, in `data`, each text given per language by its version in `own`, the case's
    language; the other versions, by that text. `problem(path, message, hint)` reports a text
    that lacks its own version."""
    translations: dict[str, dict[str, str]] = {}
    for path, value in list(free_texts(data)):
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            continue
        if own not in value:
            problem(path, f"this text has no version in the case's language '{own}'",
                    f"add '{own}: …' beside the others")
            _set(data, path, "")  # reported once, not again as a text of the wrong type
            continue
        _set(data, path, value[own])
        others = {lang: text for lang, text in value.items() if lang != own}
        if others:
            translations.setdefault(value[own], {}).update(others)
    return translations


def _set(data: Any, path: Path, value: str) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def in_language(case: Any, lang: str) -> tuple[Any, list[str]]:
    """The case with each of its texts in `lang`, and the texts it has no version of (printed
    as `[xx: …]`, xx being the case's language)."""
    if lang == case.language:
        return case, []
    missing: list[str] = []

    def version(text: str) -> str:
        found: str | None = case.translations.get(text, {}).get(lang)
        if found is None:
            missing.append(text)
            return f"[{case.language}: {text}]"
        return found

    return _each(case, version), missing


def untranslated(text: str) -> Iterator[tuple[int, int, int]]:
    """Where `text` holds a case's own texts printed for the translator, `[en: …]`: the start of
    each marker, and the start and end of the text inside it, up to the bracket that closes it."""
    start = 0
    while match := _MARKER.search(text, start):
        depth = 1
        for end in range(match.end(), len(text)):
            depth += {"[": 1, "]": -1}.get(text[end], 0)
            if depth == 0:
                yield match.start(), match.end(), end
                break
        else:
            return
        start = end + 1


def _each(part: Any, version: Callable[[str], str]) -> Any:
    """`part` (a struct of the case) with `version` applied to each of its free texts."""
    name = type(part).__name__
    changes: dict[str, Any] = {}
    for key in FREE.get(name, ()):
        value = getattr(part, key)
        if isinstance(value, str):
            changes[key] = version(value)
        elif isinstance(value, list):
            changes[key] = [version(v) for v in value]
    for key in _PARTS.get(name, {}):
        value = getattr(part, key)
        if isinstance(value, list):
            changes[key] = [_each(v, version) for v in value]
        elif value is not None:
            changes[key] = _each(value, version)
    return msgspec.structs.replace(part, **changes) if changes else part
