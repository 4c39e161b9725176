"""Case files: one country situation, the actions chosen from the toolkit, the facts to draft with.

Validation reports every problem at once, each at its file:line:column: a person fixing a case
in CI should not have to run it once per typo.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from caac_toolkit import yamlfile
from caac_toolkit.errors import InvalidInput, Problem, did_you_mean
from caac_toolkit.query import fold
from caac_toolkit.toolkit import Text, Toolkit

Symbol = Annotated[str, msgspec.Meta(pattern=r"^S/AC\.51/\d{4}/\d+$", examples=["S/AC.51/2012/1"])]
JobNumber = Annotated[str, msgspec.Meta(pattern=r"^\d{2}-\d{5}$", examples=["12-54321"])]


def _about(text: str) -> msgspec.Meta:
    """A field's description, for editors that complete from the JSON Schema."""
    return msgspec.Meta(description=text)


class _Strict(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pass


class Person(_Strict, kw_only=True):
    name: Annotated[Text, _about("The name after '(Signed)'.")]
    title: Annotated[Text, _about("A signature title instead of the usual one.")] | None = None


class Meeting(_Strict, kw_only=True):
    number: Annotated[int, msgspec.Meta(ge=1), _about("The Working Group's meeting number.")]
    date: Annotated[dt.date, _about("The meeting's date, YYYY-MM-DD.")]


class Party(_Strict, kw_only=True):
    name: Annotated[Text, _about("The party in full, as in the report of the Secretary-General.")]
    acronym: Annotated[Text, _about("Written in parentheses after the name.")] | None = None

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


Sender = Literal["chair", "president"]


class Action(_Strict, kw_only=True):
    option: Annotated[Text, _about("A toolkit option id: see 'caac list --format ids'.")]
    to: Annotated[Text, _about("A target id: parties, donors, secretary-general, "
                               "affected-state … (see 'caac targets').")]
    addressee: Annotated[
        Text, _about("The exact addressee, e.g. 'the Government of the Sudan'.")
    ] | None = None
    sender: Annotated[
        Sender, _about("Who writes: chair (direct action) or president (a recommendation to the "
                       "Security Council); by default from the option's tier.")
    ] | None = None
    points: Annotated[
        list[Text], _about("The situation's own lettered points, each opening with a participle.")
    ] = []


class Case(_Strict, kw_only=True):
    situation: Annotated[Text, _about("The country as it reads after 'in' ('the Sudan'); in "
                                      "French with its preposition ('au Soudan').")]
    report: Annotated[Text, _about("Symbol of the Secretary-General's report, e.g. S/2012/413.")]
    symbol: Annotated[Symbol, _about("Symbol of the conclusions; adds the masthead.")] | None = None
    meeting: Meeting
    date: Annotated[dt.date, _about("The documents' date, YYYY-MM-DD.")] | None = None
    language: Annotated[Literal["en", "fr"], _about("The documents' language.")] = "en"
    chair: Annotated[Person, _about("The Chair of the Working Group, who signs its letters.")]
    president: Annotated[
        Person, _about("The President of the Security Council, who signs its letters.")
    ] | None = None
    parties: Annotated[
        list[Party], _about("Parties named in the report, cited in the public statement.")
    ] = []
    previous: Annotated[
        list[Symbol], _about("Earlier conclusions on the situation, cited by symbol.")
    ] = []
    job_number: Annotated[
        JobNumber, _about("Job number YY-NNNNN for the first page's footer.")
    ] | None = None
    actions: Annotated[
        list[Action], msgspec.Meta(min_length=1),
        _about("What the Working Group decided: one entry per option and addressee."),
    ]


def is_case(data: Any) -> bool:
    """A case file is a mapping with actions or a situation (a toolkit has options)."""
    return isinstance(data, dict) and ("actions" in data or "situation" in data)


def load(path: Path, toolkit: Toolkit) -> Case:
    return validate(yamlfile.load(path), toolkit)


def validate(document: yamlfile.YamlDocument, toolkit: Toolkit) -> Case:
    """The case in `document` with target aliases resolved to ids, or an InvalidInput listing
    every problem."""
    problems: list[Problem] = []
    _check(document, document.data, Case, (), problems)
    if problems:
        raise InvalidInput(problems[0].message, problems=problems)
    case = msgspec.convert(document.data, Case, strict=True)
    actions = [_resolve(document, toolkit, i, action, problems)
               for i, action in enumerate(case.actions)]
    if problems:
        raise InvalidInput(problems[0].message, problems=problems)
    return msgspec.structs.replace(case, actions=actions)


def schema(toolkit: Toolkit) -> dict[str, Any]:
    """The JSON Schema of case files, for editors (yaml-language-server) and CI; it lists the
    toolkit's option and target ids so that editors complete them."""
    import msgspec.json

    generated = msgspec.json.schema(Case)
    action = generated["$defs"]["Action"]["properties"]
    action["option"]["enum"] = [o.id for o in toolkit.options]
    action["to"]["enum"] = [name for t in toolkit.targets for name in (t.id, *t.aliases)]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **generated}


# Structure ------------------------------------------------------------------------------------

def _check(
    document: yamlfile.YamlDocument, value: Any, kind: Any, path: yamlfile.Path_,
    problems: list[Problem],
) -> None:
    """Convert `value` to `kind`; on failure look inside mappings and lists so that each wrong
    field is reported, not only the first."""
    try:
        msgspec.convert(value, kind, strict=True)
        return
    except msgspec.ValidationError as exc:
        error = str(exc)
    found = len(problems)
    inner = _unwrap(kind)
    if isinstance(value, dict) and isinstance(inner, type) and issubclass(inner, msgspec.Struct):
        _check_fields(document, value, inner, path, problems)
    elif isinstance(value, list) and typing.get_origin(inner) is list:
        (item,) = typing.get_args(inner)
        for i, entry in enumerate(value):
            _check(document, entry, item, (*path, i), problems)
    if len(problems) == found:
        problems.append(_problem(document, path, error))


def _check_fields(
    document: yamlfile.YamlDocument, value: dict[str, Any], struct: type[msgspec.Struct],
    path: yamlfile.Path_, problems: list[Problem],
) -> None:
    fields = {f.name: f for f in msgspec.structs.fields(struct)}
    for key, entry in value.items():
        if key in fields:
            _check(document, entry, fields[key].type, (*path, key), problems)
        else:
            problems.append(Problem(
                f"unknown key '{key}'", document.place((*path, key), key=True),
                did_you_mean(key, list(fields)) or "known keys: " + ", ".join(fields),
            ))
    for name, field in fields.items():
        if field.required and name not in value:
            problems.append(Problem(f"missing key '{name}'", document.place(path), "add it"))


def _unwrap(kind: Any) -> Any:
    """list[Action] from Annotated[list[Action], …]; Person from Person | None."""
    while True:
        origin = typing.get_origin(kind)
        if origin is Annotated:
            kind = typing.get_args(kind)[0]
        elif origin in (typing.Union, types.UnionType):
            others = [a for a in typing.get_args(kind) if a is not type(None)]
            if len(others) != 1:
                return kind
            kind = others[0]
        else:
            return kind


def _problem(document: yamlfile.YamlDocument, path: yamlfile.Path_, error: str) -> Problem:
    """msgspec's message, its `$…` path made relative to the whole file, at its place."""
    prefix = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    located = error.replace("at `$", f"at `{prefix}", 1) if " - at `$" in error else (
        f"{error} - at `{prefix}`")
    message, place = yamlfile.locate(document, located)
    hint = "write it as YYYY-MM-DD" if "`date`" in message else None
    if "match pattern" in message:
        hint = "a symbol like S/AC.51/2012/1, a job number like 12-54321"
    return Problem(message[0].lower() + message[1:], place, hint)


# References to the toolkit --------------------------------------------------------------------

def _resolve(
    document: yamlfile.YamlDocument, toolkit: Toolkit, index: int, action: Action,
    problems: list[Problem],
) -> Action:
    """The action with its target's id for an alias (sanctions-committees), checked against the
    toolkit: the option exists and is addressed to that target."""
    path: yamlfile.Path_ = ("actions", index)
    option = toolkit.by_id.get(action.option)
    if option is None:
        ids = [o.id for o in toolkit.options]
        problems.append(Problem(
            f"unknown option '{action.option}'", document.place((*path, "option")),
            did_you_mean(action.option, ids) or "see 'caac list --format ids'",
        ))
    names = {fold(name): t.id for t in toolkit.targets for name in (t.id, *t.aliases)}
    target = names.get(fold(action.to))
    if target is None:
        problems.append(Problem(
            f"unknown target '{action.to}'", document.place((*path, "to")),
            did_you_mean(action.to, list(names)) or "see 'caac targets'",
        ))
    elif option is not None and target not in option.targets:
        problems.append(Problem(
            f"option '{option.id}' is not addressed to '{target}'",
            document.place((*path, "to")), "its targets: " + ", ".join(option.targets),
        ))
    return msgspec.structs.replace(action, to=target or action.to)
