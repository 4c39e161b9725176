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


class Person(_Strict, frozen=True, kw_only=True):
    name: Annotated[Text, _about("The name after '(Signed)'.")]
    title: Annotated[Text, _about("A signature title instead of the usual one.")] | None = None


class Meeting(_Strict, frozen=True, kw_only=True):
    number: Annotated[int, msgspec.Meta(ge=1), _about("The Working Group's meeting number.")]
    date: Annotated[dt.date, _about("The meeting's date, YYYY-MM-DD.")]


class Party(_Strict, frozen=True, kw_only=True):
    name: Annotated[Text, _about("The party in full, as in the report of the Secretary-General.")]
    acronym: Annotated[Text, _about("Written in parentheses after the name.")] | None = None

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


Sender = Literal["chair", "president"]


class Action(_Strict, frozen=True, kw_only=True):
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


class Case(_Strict, frozen=True, kw_only=True):
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
    if document.data is None:
        raise InvalidInput("the file is empty", place=document.place(()),
                           hint="'caac init' writes a starter case file")
    problems: list[Problem] = []
    _check(document, document.data, Case, (), problems)
    targets = _target_names(toolkit)
    actions = document.data.get("actions") if isinstance(document.data, dict) else None
    for i, action in enumerate(actions if isinstance(actions, list) else []):
        if isinstance(action, dict):
            problems += _references(document, toolkit, targets, ("actions", i), action)
    if problems:
        problems.sort(key=lambda p: (p.place.line or 0, p.place.column or 0) if p.place else (0, 0))
        raise InvalidInput(problems[0].message, problems=problems)
    case = msgspec.convert(document.data, Case, strict=True)
    return msgspec.structs.replace(case, actions=[
        msgspec.structs.replace(a, to=_target(targets, a.to) or a.to) for a in case.actions
    ])


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
    inner, _ = _unwrap(kind)
    if isinstance(value, dict) and isinstance(inner, type) and issubclass(inner, msgspec.Struct):
        _check_fields(document, value, inner, path, problems)
    elif isinstance(value, list) and typing.get_origin(inner) is list:
        (item,) = typing.get_args(inner)
        for i, entry in enumerate(value):
            _check(document, entry, item, (*path, i), problems)
    if len(problems) == found:
        problems.append(_problem(document, path, error, kind))


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


def _unwrap(kind: Any) -> tuple[Any, list[msgspec.Meta]]:
    """list[Action] from Annotated[list[Action], Meta(…)], Person from Person | None; and the
    Meta annotations met on the way."""
    metas: list[msgspec.Meta] = []
    while True:
        origin = typing.get_origin(kind)
        if origin is Annotated:
            kind, *extra = typing.get_args(kind)
            metas += [m for m in extra if isinstance(m, msgspec.Meta)]
        elif origin in (typing.Union, types.UnionType):
            others = [a for a in typing.get_args(kind) if a is not type(None)]
            if len(others) != 1:
                return kind, metas
            kind = others[0]
        else:
            return kind, metas


def _problem(
    document: yamlfile.YamlDocument, path: yamlfile.Path_, error: str, kind: Any
) -> Problem:
    """msgspec's message at its place; its `$…` path is relative to `path`."""
    prefix = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    located = error.replace("at `$", f"at `{prefix}", 1) if " - at `$" in error else (
        f"{error} - at `{prefix}`")
    message, place = yamlfile.locate(document, located)
    message, hint = _reword(message[0].lower() + message[1:], kind)
    return Problem(message, place, hint)


def _reword(message: str, kind: Any) -> tuple[str, str | None]:
    """The message said for people rather than with regular expressions, and a hint."""
    inner, metas = _unwrap(kind)
    examples = [e for meta in metas for e in (meta.examples or [])]
    if message.startswith("expected `str` ") and ("regex" in message or "length" in message):
        if examples:
            return f"expected text like {examples[0]}", None
        return "expected some text", "give it some text"
    if typing.get_origin(inner) is list and "length" in message:
        return message, "give at least one"
    if typing.get_origin(inner) is Literal:
        return message, "choose one of: " + ", ".join(map(str, typing.get_args(inner)))
    if inner is dt.date:
        return message, "write it as YYYY-MM-DD"
    return message, None


# References to the toolkit --------------------------------------------------------------------

def _target_names(toolkit: Toolkit) -> dict[str, str]:
    """Target ids by every name a case may use for them: the id or an alias."""
    return {name: t.id for t in toolkit.targets for name in (t.id, *t.aliases)}


def _target(names: dict[str, str], name: str) -> str | None:
    """The id `name` stands for, in any case and with or without accents."""
    if name in names:
        return names[name]
    wanted = fold(name)
    return next((target for other, target in names.items() if fold(other) == wanted), None)


def _references(
    document: yamlfile.YamlDocument, toolkit: Toolkit, names: dict[str, str],
    path: yamlfile.Path_, action: dict[str, Any],
) -> list[Problem]:
    """What is wrong with the option and target an action names: unknown, or not addressed
    to each other."""
    problems = []
    option_id, to = action.get("option"), action.get("to")
    option = toolkit.by_id.get(option_id) if isinstance(option_id, str) else None
    if isinstance(option_id, str) and option is None:
        problems.append(Problem(
            f"unknown option '{option_id}'", document.place((*path, "option")),
            did_you_mean(option_id, list(toolkit.by_id)) or "see 'caac list --format ids'",
        ))
    if not isinstance(to, str):
        return problems
    target = _target(names, to)
    if target is None:
        problems.append(Problem(
            f"unknown target '{to}'", document.place((*path, "to")),
            did_you_mean(to, [t.id for t in toolkit.targets]) or did_you_mean(to, list(names))
            or "see 'caac targets'",
        ))
    elif option is not None and target not in option.targets:
        problems.append(Problem(
            f"option '{option.id}' is not addressed to '{target}'",
            document.place((*path, "to")), "its targets: " + ", ".join(option.targets),
        ))
    return problems


# A starter case -------------------------------------------------------------------------------

_STARTER = """\
# A case file: one situation, the actions the Working Group chose from its toolkit, and the
# facts its documents need. Check it with `caac validate {name}`; build its documents with
# `caac build {name} --out out`. For completion in editors (yaml-language-server), write the
# schema beside it with `caac schema case > case.schema.json`:
# yaml-language-server: $schema=case.schema.json

situation: {situation}  # as it reads after "in"; in French with its preposition: "au Soudan"
report: {report}  # the symbol of the Secretary-General's report considered
# symbol: S/AC.51/2012/1  # of the conclusions; adds the masthead
meeting: {{number: {meeting_number}, date: {meeting_date}}}
date: {date}  # the documents' date
language: {language}  # en | fr
chair: {{name: {chair}}}  # signs the Chair's letters; `title:` replaces the usual title line
# president: {{name: …}}  # signs the letters of the President of the Security Council
parties:  # named in the public statement, in full, as in the report
  - {{name: {party}, acronym: {acronym}}}
previous: []  # earlier conclusions on the situation, by symbol: [S/AC.51/2009/5]
# job_number: 12-54321  # for the first page's footer

actions:  # one entry per option and addressee; see `caac list` and `caac targets`
  - option: demarches.letters-to-parties
    to: parties  # to the parties from the Chair: the public statement
    points:  # the situation's own lettered points, each opening with a participle
      - {point}
  - option: demarches.justice-and-reconciliation
    to: affected-state
    addressee: {government}
    sender: president  # chair (direct action) | president (a recommendation to the Council)
    points:
      - {point}
"""

_STARTER_WORDS = {
    "en": {"party": "Justice and Equality Movement", "acronym": "JEM",
           "point": "Strongly condemning all violations and abuses committed against children",
           "government": "the Government of {situation}"},
    "fr": {"party": "Mouvement pour la justice et l'égalité", "acronym": "MJE",
           "point": "Condamnant fermement toutes les violations et atteintes commises contre des "
                    "enfants",
           "government": "le Gouvernement concerné"},
}


def starter(
    name: str, *, situation: str, report: str, meeting_number: int, meeting_date: dt.date,
    date: dt.date, language: str, chair: str,
) -> str:
    """The text of a commented case file that validates, for `caac init`."""
    import json

    words = _STARTER_WORDS[language]
    values = {
        "situation": situation, "report": report, "chair": chair, "party": words["party"],
        "acronym": words["acronym"], "point": words["point"],
        "government": words["government"].format(situation=situation),
    }
    quoted = {key: json.dumps(value, ensure_ascii=False) for key, value in values.items()}
    return _STARTER.format(name=name, meeting_number=meeting_number,
                           meeting_date=meeting_date.isoformat(), date=date.isoformat(),
                           language=language, **quoted)
