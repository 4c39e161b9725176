"""Situations: the countries and areas on the Working Group's agenda, named in each language.

`data/situations.yaml` gives each situation's forms in the six languages of the UN (the name as
running text writes it, with the UN's article; the form after "in"; the form after "of"), each
with the public source that shows it, or marked missing with the reason. The one matcher here
finds a situation from any of those forms, whatever its case, accents or article: "Mali",
"the Sudan", "Sudan", "le Soudan", "au Soudan" and "в Судане" all name their entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import msgspec

from caac_toolkit.errors import InvalidInput, Place, Problem, UsageError, did_you_mean
from caac_toolkit.query import fold
from caac_toolkit.resources import data_dir
from caac_toolkit.toolkit import Text

if TYPE_CHECKING:
    from caac_toolkit import yamlfile

SECTION = "situations"
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")  # the six in which the UN issues every document
FORMS = ("name", "in", "of")

Url = Annotated[str, msgspec.Meta(pattern=r"^https?://\S+\Z")]
Slug = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*\Z")]


class _Strict(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pass


class Source(_Strict, frozen=True, kw_only=True):
    id: Slug
    url: Url
    shows: Text  # what this source shows, in a few words


class Form(_Strict, frozen=True, kw_only=True, omit_defaults=True):
    """One form in one language: its text and the id of the source showing it, or, where no
    source seen shows it, the reason it is missing."""

    text: Text | None = None
    source: Slug | None = None
    missing: Text | None = None


class Forms(_Strict, frozen=True, kw_only=True):
    name: Form
    in_: Form = msgspec.field(name="in")
    of: Form

    def get(self, which: str) -> Form:
        form: Form = self.in_ if which == "in" else getattr(self, which)
        return form


class Situation(_Strict, frozen=True, kw_only=True):
    id: Slug
    agenda: Slug  # the source showing a report of the Secretary-General on it to the Working Group
    aliases: list[Text] = []  # other spellings people type ("DRC")
    forms: dict[str, Forms]
    sources: list[Source] = []
    note: Text | None = None

    def form(self, lang: str, which: str = "name") -> str | None:
        """The text of a form, None where it is missing or the language is not in the table."""
        forms = self.forms.get(lang)
        return forms.get(which).text if forms else None

    @property
    def missing(self) -> list[tuple[str, str]]:
        """(language, form) of every form marked missing."""
        return [(lang, which) for lang, forms in self.forms.items() for which in FORMS
                if forms.get(which).text is None]


class Table(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, dict=True):
    schema_version: Literal[1] = 1
    sources: list[Source] = []  # shared by every entry (the UN's list of country names)
    situations: list[Situation]

    def source(self, situation: Situation, source_id: str) -> Source | None:
        return next((s for s in (*situation.sources, *self.sources) if s.id == source_id), None)

    def find(self, name: str) -> Situation | None:
        """The situation that `name` names by id, alias or any form in any language."""
        return self._index.get(key(name))

    def get(self, name: str) -> Situation:
        """The situation `name` names, or a usage error suggesting a near one."""
        found = self.find(name)
        if found is None:
            known = [s.form("en") or s.id for s in self.situations]
            hint = did_you_mean(name, known) or "see 'caac situations'"
            raise UsageError(f"no situation '{name}' in the table of situations", hint=hint)
        return found

    @cached_property
    def _index(self) -> dict[str, Situation]:
        return {key(name): situation for situation in self.situations
                for name in _keys(situation)}


# Articles the UN writes before a name, dropped for matching: "the Sudan" is "Sudan".
_ARTICLE = re.compile(r"^(?:the|le|la|les|l'|el|los|las)\s*(?<=\s|')")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})


def key(name: str) -> str:
    """What matching compares: folded case and accents, one kind of apostrophe and of space,
    no leading article."""
    text = " ".join(fold(name).translate(_APOSTROPHES).split())
    return _ARTICLE.sub("", text, count=1)


def _keys(situation: Situation) -> Iterator[str]:
    yield situation.id
    yield from situation.aliases
    for forms in situation.forms.values():
        for which in FORMS:
            text = forms.get(which).text
            if text:
                yield text


def bundled_file() -> Path:
    return data_dir() / "situations.yaml"


def is_situations(data: object) -> bool:
    return isinstance(data, dict) and SECTION in data


@cache
def bundled() -> Table:
    """The table that ships with caac (loaded once)."""
    from caac_toolkit import yamlfile

    try:
        return validate(yamlfile.load_trusted(bundled_file()))
    except InvalidInput:
        return validate(yamlfile.load(bundled_file()))  # again, to say where


def load(path: Path | None = None) -> Table:
    if path is None:
        return bundled()
    from caac_toolkit import yamlfile

    return validate(yamlfile.load(path))


def find(name: str) -> Situation | None:
    """The bundled table's situation that `name` names, if any."""
    return bundled().find(name)


def validate(document: yamlfile.YamlDocument) -> Table:
    """The table in `document`, or an InvalidInput listing every problem at its file:line."""
    from caac_toolkit import yamlfile

    try:
        table = msgspec.convert(document.data, Table, strict=True)
    except msgspec.ValidationError as exc:
        message, place = yamlfile.locate(document, str(exc))
        message, hint = _explain(message)
        raise InvalidInput(message, place=place, hint=hint) from None
    problems = list(_problems(table, document))
    if problems:
        raise InvalidInput(problems[0].message, problems=problems)
    return table


def _explain(message: str) -> tuple[str, str | None]:
    if "matching regex '^https?" in message:
        return "not the URL of a public copy", "give its address, https://…"
    if "matching regex '^[a-z0-9]" in message:
        return "not an id", "lower-case letters and digits joined by hyphens: 'south-sudan'"
    if "matching regex '\\\\S'" in message or "length >= 1" in message:
        return "empty text", "give it some text"
    if "unknown field" in message:
        return message, "remove it or correct its spelling"
    if "missing required field" in message:
        return message, "add it"
    return message, None


def _problems(table: Table, document: yamlfile.YamlDocument) -> Iterator[Problem]:
    def at(*path: str | int) -> Place:
        return document.place(path)

    shared = {s.id for s in table.sources}
    owners: dict[str, tuple[str, int | None]] = {}
    ids: set[str] = set()
    for i, situation in enumerate(table.situations):
        known = shared | {s.id for s in situation.sources}
        if situation.id in ids:
            yield Problem(f"duplicate id '{situation.id}'", at(SECTION, i, "id"),
                          "give each situation its own id")
        ids.add(situation.id)
        if situation.agenda not in known:
            yield Problem(f"unknown source '{situation.agenda}'", at(SECTION, i, "agenda"),
                          did_you_mean(situation.agenda, sorted(known)) or "add it to sources")
        for lang in LANGUAGES:
            if lang not in situation.forms:
                yield Problem(f"no forms in '{lang}'",
                              document.place((SECTION, i, "forms"), key=True),
                              "give each form, or mark it missing: {missing: why}")
        for lang, forms in situation.forms.items():
            for which in FORMS:
                yield from _form_problems(forms.get(which), known,
                                          at(SECTION, i, "forms", lang, which))
        for name in _keys(situation):
            owner, line = owners.setdefault(key(name), (situation.id, at(SECTION, i, "id").line))
            if owner != situation.id:
                yield Problem(f"'{name}' names '{situation.id}' here and '{owner}' at line {line}",
                              at(SECTION, i, "id"), "one name, one situation: remove it from one")


def _form_problems(form: Form, known: set[str], place: Place) -> Iterator[Problem]:
    if form.missing is not None:
        if form.text is not None or form.source is not None:
            yield Problem("a form is either given or missing, not both", place,
                          "remove 'missing', or 'text' and 'source'")
        return
    if form.text is None or form.source is None:
        yield Problem("a form needs its text and its source, or 'missing' and why", place,
                      "e.g. {text: au Mali, source: report-fr}, or {missing: no source seen}")
    elif form.source not in known:
        yield Problem(f"unknown source '{form.source}'", place,
                      did_you_mean(form.source, sorted(known)) or "add it to sources")
