"""Filtering and searching the toolkit's options: pure functions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from caac_toolkit.errors import UsageError, did_you_mean
from caac_toolkit.toolkit import Option, Term, Toolkit


def fold(text: str) -> str:
    """Lower case without accents, for matching what people type: 'Démarches' -> 'demarches'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _slug(text: str) -> str:
    return re.sub(r"[\s_]+", "-", fold(text).strip())


def resolve(terms: Sequence[Term], value: str, kind: str, flag: str) -> str:
    """The id of the term that `value` names by id, label or alias; a usage error otherwise."""
    wanted = _slug(value)
    for term in terms:
        names = [term.id, *term.label.values(), *term.aliases]
        if wanted in {_slug(name) for name in names}:
            return term.id
    ids = [term.id for term in terms]
    suggestion = did_you_mean(wanted, ids + [a for t in terms for a in t.aliases])
    hint = f"{suggestion} " if suggestion else ""
    raise UsageError(
        f"unknown {kind} '{value}' for {flag}",
        hint=f"{hint}choose one of: {', '.join(ids)}",
    )


@dataclass(frozen=True)
class Filters:
    """What `caac list` selects: OR within one field, AND across fields."""

    categories: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    search: str | None = None
    ids: tuple[str, ...] = field(default=())

    @classmethod
    def parse(
        cls,
        toolkit: Toolkit,
        *,
        categories: Iterable[str] = (),
        tiers: Iterable[str] = (),
        actors: Iterable[str] = (),
        targets: Iterable[str] = (),
        search: str | None = None,
    ) -> Filters:
        """Filters from what a person typed, each value resolved against its vocabulary."""
        return cls(
            categories=tuple(resolve(toolkit.categories, v, "category", "--category") for v in categories),
            tiers=tuple(resolve(toolkit.tiers, v, "tier", "--tier") for v in tiers),
            actors=tuple(resolve(toolkit.actors, v, "actor", "--actor") for v in actors),
            targets=tuple(resolve(toolkit.targets, v, "target", "--target") for v in targets),
            search=search,
        )


def select(toolkit: Toolkit, filters: Filters) -> list[Option]:
    """The options that pass every filter, in source order."""
    needle = _words(filters.search) if filters.search else None
    chosen = []
    for option in sorted(toolkit.options, key=lambda o: o.source.order):
        if filters.categories and option.category not in filters.categories:
            continue
        if filters.tiers and option.tier not in filters.tiers:
            continue
        if filters.actors and not set(filters.actors) & set(toolkit.actors_of(option)):
            continue
        if filters.targets and not set(filters.targets) & set(option.targets):
            continue
        if needle and not needle.search(_haystack(option)):
            continue
        chosen.append(option)
    return chosen


def _words(search: str) -> re.Pattern[str] | None:
    """What `--search` finds: its words in a row, each starting a word of the text, so that
    "DDR" finds "DDR" and "sanction" finds "sanctions", but "DDR" does not find "address"."""
    words = fold(search).split()
    return re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words))) if words else None


def _haystack(option: Option) -> str:
    return fold(" ".join([option.id, *option.texts.values(), *option.entities]))


def find(toolkit: Toolkit, wanted: str) -> Option:
    """The option with id `wanted`, or the only one whose id starts with it."""
    if wanted in toolkit.by_id:
        return toolkit.by_id[wanted]
    prefix = fold(wanted)
    matches = [o for o in toolkit.options if o.id.startswith(prefix)]
    if len(matches) == 1:
        return matches[0]
    ids = [o.id for o in toolkit.options]
    if matches:
        raise UsageError(
            f"option id '{wanted}' is ambiguous",
            hint="it starts " + ", ".join(o.id for o in matches),
        )
    raise UsageError(
        f"unknown option '{wanted}'",
        hint=did_you_mean(wanted, ids) or "see 'caac list --format ids'",
    )


def counts(toolkit: Toolkit, vocabulary: str) -> dict[str, int]:
    """How many options each id of a vocabulary (categories, tiers, actors, targets) has."""
    result: dict[str, int] = {}
    for option in toolkit.options:
        if vocabulary == "actors":
            values = toolkit.actors_of(option)
        elif vocabulary == "targets":
            values = option.targets
        else:
            values = [option.category if vocabulary == "categories" else option.tier]
        for value in values:
            result[value] = result.get(value, 0) + 1
    return result
