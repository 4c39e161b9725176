"""The toolkit's model (options and vocabularies), loaded from YAML and validated."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import msgspec

from caac_toolkit.errors import InvalidInput, Place, Problem, did_you_mean
from caac_toolkit.resources import toolkit_file

if TYPE_CHECKING:
    from caac_toolkit import yamlfile

Text = Annotated[str, msgspec.Meta(min_length=1, pattern=r"\S")]


class _Strict(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    pass


REFERENCE = "en"  # the language every text must have, and the one shown where another lacks it


class Localized(dict[str, str]):
    """A text by language code; English required, the others as translated."""

    def __call__(self, lang: str) -> str:
        return self.get(lang) or self[REFERENCE]


class LocalizedLines(dict[str, list[str]]):
    """Paragraphs by language code; English required."""

    def __call__(self, lang: str) -> list[str]:
        return list(self.get(lang) or self[REFERENCE])


def _decode(kind: type, value: Any) -> Any:
    """Localized and LocalizedLines from the mappings of a YAML or JSON file."""
    if kind not in (Localized, LocalizedLines):
        raise NotImplementedError
    if not isinstance(value, dict):
        raise ValueError(f"expected a mapping of language codes to {_WHAT[kind]}")
    lines = kind is LocalizedLines
    for code, text in value.items():
        items = text if lines and isinstance(text, list) else [text]
        if (lines and not isinstance(text, list)) or not all(isinstance(i, str) for i in items):
            raise ValueError(f"expected {_WHAT[kind]} under '{code}'")
        if not all(item.strip() for item in items):
            raise ValueError(f"empty text under '{code}'")
    if REFERENCE not in value:
        raise ValueError(f"missing the '{REFERENCE}' text")
    return kind(value)


_WHAT = {Localized: "text", LocalizedLines: "lists of paragraphs"}


class Term(_Strict, kw_only=True):
    """An entry of a vocabulary: an id, its labels, and other names people type for it."""

    id: Text
    label: Localized
    aliases: list[Text] = []


class Category(Term, kw_only=True):
    number: int


class Tier(Term, kw_only=True):
    heading: Localized
    actors: list[Text]


class Actor(Term, kw_only=True):
    pass


class Target(Term, kw_only=True):
    sender: Literal["chair", "president"] | None = None  # who writes to it, whatever the tier


class SourcePlace(_Strict, kw_only=True):
    page: int
    order: int


class Option(_Strict, kw_only=True):
    id: Text
    category: Text
    tier: Text
    source: SourcePlace
    texts: Localized  # the source's text; in other languages, a translation
    official: list[Text]  # the languages whose text is the official one
    targets: list[Text]
    entities: list[Text] = []
    drafting: Localized
    drafting_for: dict[str, Localized] = {}  # by target id, where a letter to it needs other words

    @property
    def text(self) -> str:
        """The English text, verbatim from the source."""
        return self.texts[REFERENCE]

    @property
    def text_fr(self) -> str:
        return self.texts("fr")

    def phrase(self, target: str | None, lang: str) -> str:
        """The operative sentence of a letter to `target`."""
        return self.drafting_for.get(target or "", self.drafting)(lang)


class SourceLetter(_Strict, kw_only=True):
    date: dt.date
    sender: Localized
    addressee: Localized
    signatory: Text
    signatory_titles: LocalizedLines
    paragraphs: LocalizedLines


class MandatePoint(_Strict, kw_only=True):
    label: Text
    text: Localized


class Mandate(_Strict, kw_only=True):
    heading: Localized
    lead: Localized
    points: list[MandatePoint]


class SourceDocument(_Strict, kw_only=True):
    symbol: Text
    previous_symbol: Text
    title: Localized
    adopted: dt.date
    meeting: int
    issued: dt.date
    job_number: Text
    original_language: Text
    letter: SourceLetter
    annex_heading: Localized
    mandate: Mandate
    introduction: LocalizedLines


class Toolkit(_Strict, kw_only=True, dict=True):
    schema_version: int
    document: SourceDocument
    categories: list[Category]
    tiers: list[Tier]
    actors: list[Actor]
    targets: list[Target]
    options: list[Option]

    @cached_property
    def by_id(self) -> dict[str, Option]:
        return {option.id: option for option in self.options}

    @cached_property
    def tier_by_id(self) -> dict[str, Tier]:
        return {tier.id: tier for tier in self.tiers}

    def category(self, option: Option) -> Category:
        return next(c for c in self.categories if c.id == option.category)

    def tier(self, option: Option) -> Tier:
        return self.tier_by_id[option.tier]

    def actors_of(self, option: Option) -> list[str]:
        return list(self.tier(option).actors)

    def target(self, target_id: str) -> Target:
        return next(t for t in self.targets if t.id == target_id)


VOCABULARIES = ("categories", "tiers", "actors", "targets")
_SECTIONS = (*VOCABULARIES, "options")
OVERLAY_KEY = "base"


def load(path: Path | None = None) -> Toolkit:
    """The bundled toolkit, or the file at `path`: a whole toolkit, or one with `base: bundled`
    whose entries add to or override the bundled one's by id."""
    if path is None:
        return _load_bundled()
    from caac_toolkit import yamlfile

    return from_document(yamlfile.load(path))


def from_document(document: yamlfile.YamlDocument) -> Toolkit:
    """The toolkit a loaded toolkit file describes, the bundled one beneath it if it says so."""
    from caac_toolkit import yamlfile

    if not isinstance(document.data, dict):
        raise InvalidInput(
            "a toolkit file is a mapping with the keys " + ", ".join(_SECTIONS),
            place=document.place(()),
        )
    if OVERLAY_KEY in document.data:
        base = document.data[OVERLAY_KEY]
        if base != "bundled":
            raise InvalidInput(
                f"unknown base '{base}'", place=document.place((OVERLAY_KEY,)),
                hint="the only base is 'bundled'",
            )
        document = overlay(yamlfile.load(toolkit_file()), document)
    return validate(document)


def is_toolkit(data: Any) -> bool:
    """A toolkit file is a mapping with its sections, or an overlay on the bundled one."""
    return isinstance(data, dict) and any(k in data for k in (*_SECTIONS, OVERLAY_KEY, "document"))


class _Compiled(msgspec.Struct):
    crc32: int  # of the YAML it was made from; a check that they match, not a seal
    toolkit: Toolkit


def _load_bundled() -> Toolkit:
    """The bundled toolkit, by the quickest way that is sure to match data/toolkit.yaml."""
    source = toolkit_file()
    compiled = source.with_suffix(".json")  # made from the YAML when the wheel is built
    if compiled.is_file():
        import zlib

        import msgspec.json

        try:
            payload = msgspec.json.decode(compiled.read_bytes(), type=_Compiled, strict=False,
                                          dec_hook=_decode)
        except msgspec.DecodeError:
            payload = None
        matches = payload is not None and payload.crc32 == zlib.crc32(source.read_bytes())
        if payload and matches and not any(_reference_problems(payload.toolkit, None)):
            return payload.toolkit
    from caac_toolkit import yamlfile

    try:
        return validate(yamlfile.load_trusted(source))
    except InvalidInput:
        return validate(yamlfile.load(source))  # again, to say where


def overlay(base: yamlfile.YamlDocument, extra: yamlfile.YamlDocument) -> yamlfile.YamlDocument:
    """`base` with `extra`'s entries merged in by id; places follow the values they describe."""
    from caac_toolkit import yamlfile

    merged = yamlfile.YamlDocument(extra.name, _deep_copy(base.data))
    merged.places.update(base.places)
    merged.key_places.update(base.key_places)

    def adopt(src: tuple[str | int, ...], dst: tuple[str | int, ...]) -> None:
        for table_from, table_to in (
            (extra.places, merged.places),
            (extra.key_places, merged.key_places),
        ):
            for path, place in table_from.items():
                if path[: len(src)] == src:
                    table_to[dst + path[len(src) :]] = place

    for key, value in extra.data.items():
        if key == OVERLAY_KEY:
            continue
        if key in _SECTIONS and isinstance(value, list) and isinstance(merged.data.get(key), list):
            entries: list[Any] = merged.data[key]
            index = {e.get("id"): i for i, e in enumerate(entries) if isinstance(e, dict)}
            for j, entry in enumerate(value):
                i = index.get(entry.get("id")) if isinstance(entry, dict) else None
                if i is None:
                    i = len(entries)
                    entries.append(entry)
                else:
                    entries[i] = _deep_merge(entries[i], entry)
                adopt((key, j), (key, i))
        elif isinstance(value, dict) and isinstance(merged.data.get(key), dict):
            merged.data[key] = _deep_merge(merged.data[key], value)
            adopt((key,), (key,))
        else:
            merged.data[key] = value
            adopt((key,), (key,))
    return merged


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value


def _deep_merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        return {**base, **{k: _deep_merge(base.get(k), v) for k, v in extra.items()}}
    return extra


def validate(document: yamlfile.YamlDocument) -> Toolkit:
    """The toolkit in `document`, or an InvalidInput listing every problem with its place."""
    from caac_toolkit import yamlfile

    try:
        toolkit = msgspec.convert(document.data, Toolkit, strict=True, dec_hook=_decode)
    except msgspec.ValidationError as exc:
        message, place = yamlfile.locate(document, str(exc))
        if "matching regex" in message or "length >= 1" in message:
            message = "empty text"
        raise InvalidInput(message, place=place, hint=_hint(message)) from None
    problems = list(_reference_problems(toolkit, document))
    if problems:
        raise InvalidInput(problems[0].message, problems=problems)
    return toolkit


def _hint(message: str) -> str | None:
    if "unknown field" in message:
        return "remove it or correct its spelling"
    if "missing required field" in message:
        return "add it"
    if message == "empty text":
        return "give it some text"
    return None


def _reference_problems(toolkit: Toolkit, document: yamlfile.YamlDocument | None) -> Any:
    """Duplicate ids and references to unknown terms; with places when `document` is given."""

    def place(path: tuple[str | int, ...]) -> Place | None:
        return document.place(path) if document else None

    for section in _SECTIONS:
        seen: set[str] = set()
        for i, entry in enumerate(getattr(toolkit, section)):
            if entry.id in seen:
                yield Problem(
                    f"duplicate id '{entry.id}' in {section}",
                    place((section, i, "id")),
                    "give each entry its own id",
                )
            seen.add(entry.id)

    def check(kind: str, known: list[str], value: str, path: tuple[str | int, ...]) -> Any:
        if value not in known:
            hint = did_you_mean(value, known) or "known: " + ", ".join(known)
            yield Problem(f"unknown {kind} '{value}'", place(path), hint)

    actors = [a.id for a in toolkit.actors]
    for i, tier in enumerate(toolkit.tiers):
        for j, actor in enumerate(tier.actors):
            yield from check("actor", actors, actor, ("tiers", i, "actors", j))
    categories = [c.id for c in toolkit.categories]
    tiers = [t.id for t in toolkit.tiers]
    targets = [t.id for t in toolkit.targets]
    for i, option in enumerate(toolkit.options):
        yield from check("category", categories, option.category, ("options", i, "category"))
        yield from check("tier", tiers, option.tier, ("options", i, "tier"))
        for j, target in enumerate(option.targets):
            yield from check("target", targets, target, ("options", i, "targets", j))
        for j, code in enumerate(option.official):
            yield from check("language with a text", list(option.texts), code,
                             ("options", i, "official", j))
        for target in option.drafting_for:
            yield from check("target", targets, target, ("options", i, "drafting_for", target))
