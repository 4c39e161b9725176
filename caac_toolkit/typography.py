"""Typography by language, and the two inline marks writers lay out.

A Document's text is plain Unicode with the language's own spaces (no-break U+00A0, narrow
no-break U+202F), quotation marks and apostrophes, plus two of the model's spans
(caac_toolkit.document): RAISED … END, a superscript ("5e", "1er"), and KEEP … END, text that
never breaks across lines (a symbol such as "S/AC.51/2007/17", a resolution's "1882 (2009)", a
month's two names "حزيران/يونيه").
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from caac_toolkit import localize
from caac_toolkit.document import END, KEEP, plain
from caac_toolkit.patterns import substitute

if TYPE_CHECKING:
    from caac_toolkit.document import Document
    from caac_toolkit.languages import Language

# UN document symbols: S/2012/413, S/AC.51/2007/17, A/RES/51/77, S/AC.51/2018/1/Rev.1.
_SYMBOL = re.compile(r"\b[A-Z]+(?:/(?:[A-Z][A-Za-z]*\.)?[A-Z0-9]+(?:\.\d+)*)+\b")
_STRAIGHT_QUOTES = re.compile(r'"([^"]*)"')
_LTR_ISOLATE, _POP_ISOLATE = "\u2066", "\u2069"
_GUILLEMETS = re.compile(r"«\s*(.*?)\s*»", re.DOTALL)


def apply(text: str, language: Language, renames: Sequence[tuple[str, str]] = ()) -> str:
    """`text` set in the language's typography, its symbols kept whole, the official names in
    force (`renames`: older name, newer name) in place of older ones."""
    for older, newer in renames:
        text = text.replace(older, newer)
    found = [(begin, end) for _, begin, end in localize.untranslated(text)]
    if found:  # each text printed for the translator ("[en: a, b]") keeps its own marks
        hole = _hole(text)
        kept = iter([text[begin:end] for begin, end in found])
        bounds = [0, *(at for stretch in found for at in stretch), len(text)]
        outside = hole.join(text[begin:end] for begin, end in zip(bounds[::2], bounds[1::2], strict=True))
        text = re.sub(hole, lambda _: next(kept, ""), _typeset(outside, language))
    else:
        text = _typeset(text, language)
    if language.direction == "rtl":
        text = _isolated(text)
    if "/" in text:
        text = _SYMBOL.sub(lambda m: f"{KEEP}{m.group(0)}{END}", text)
    whole = _whole(tuple(language.typography.whole), tuple(language.date.months or ()))
    return whole.sub(lambda m: f"{KEEP}{m.group(0)}{END}", text) if whole else text


def _isolated(text: str) -> str:
    """Each text printed for the translator, marker and all, set apart left to right (Unicode's
    LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE): in a right-to-left paragraph its brackets
    and its closing full stop would otherwise stand at the wrong end."""
    pieces, at = [], 0
    for start, _, end in localize.untranslated(text):
        pieces += [text[at:start], _LTR_ISOLATE, text[start:end + 1], _POP_ISOLATE]
        at = end + 1
    return "".join(pieces) + text[at:] if pieces else text


def _typeset(text: str, language: Language) -> str:
    """`text` with the language's quotation marks, apostrophe, marks and spaces."""
    rules = language.typography
    if rules.apostrophe:
        text = text.replace("'", rules.apostrophe)
    if rules.quotes:  # each expression only where its marks are: most texts have none
        opening, closing = rules.quotes
        if '"' in text:
            text = _STRAIGHT_QUOTES.sub(lambda m: f"{opening}{m.group(1).strip()}{closing}", text)
        if opening.startswith("«") and "«" in text:  # a space set inside guillemets replaces any space there
            text = _GUILLEMETS.sub(lambda m: f"{opening}{m.group(1)}{closing}", text)
    for mark, own in rules.marks.items():
        text = substitute(mark, own, text)
    if text[-1:] in rules.ends:
        text = text[:-1] + rules.ends[text[-1]]
    for mark, space in rules.space_before.items():
        if mark in text:
            text = _space_before(mark).sub(space, text)
    return text


def _hole(text: str) -> str:
    """A private-use character that `text` does not hold (one of len(text) + 1 is not in it)."""
    return next(c for c in map(chr, range(0xF0000, 0xF0000 + len(text) + 1)) if c not in text)


@functools.cache
def _whole(patterns: tuple[str, ...], months: tuple[str, ...]) -> re.Pattern[str] | None:
    """The language's unbreakable stretches, and a date with a month name of its table ("12
    آذار/مارس 2018", "حزيران/يونيه 2017")."""
    if months:
        names = "|".join(map(re.escape, sorted(months, key=len, reverse=True)))
        patterns = (*patterns, rf"(?:(?<!\d)\d{{1,2}} )?(?:{names})(?: \d{{4}}(?!\d))?")
    return re.compile("|".join(patterns)) if patterns else None


@functools.cache
def _space_before(mark: str) -> re.Pattern[str]:
    """The space before `mark`, or where there is none after a letter or a bracket; not inside
    a URL ("https:") or a time ("10:30")."""
    return re.compile(rf"(?:[ \u00a0\u202f]+|(?<=[^\W\d_]))(?={re.escape(mark)}(?:\s|$))")


def apply_document(document: Document, language: Language) -> Document:
    """Every text of `document` set by `apply`, with the official names in force on its date;
    the symbol fields, which are not prose, stay."""
    renames = language.renames_on(document.date) if document.date else []

    def walk(value: Any) -> Any:
        """`value` typeset; itself where nothing in it changes, so that nothing is copied."""
        if isinstance(value, str):
            typeset = apply(value, language, renames)
            return value if typeset == value else typeset
        if isinstance(value, tuple):
            items = tuple(walk(item) for item in value)
            return value if all(map(operator.is_, items, value)) else items
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = {name: walk(getattr(value, name)) for name in _prose_fields(type(value))}
            if all(text is getattr(value, name) for name, text in fields.items()):
                return value
            return dataclasses.replace(value, **fields)
        return value

    typeset: Document = walk(document)
    return dataclasses.replace(typeset, title=plain(typeset.title))  # the file's metadata


@functools.cache
def _prose_fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind) if f.name in _PROSE)


# The fields of the Document model that hold prose; the others are codes, symbols and labels.
_PROSE = frozenset(("title", "parts", "blocks", "text", "signature", "signed", "name", "titles",
                    "masthead", "left", "right", "organ", "header", "rows"))
