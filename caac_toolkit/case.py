"""Case files: one country situation, the actions chosen from the toolkit, the facts to draft with.

Validation reports every problem at once, each at its file:line:column: a person fixing a case
in CI should not have to run it once per typo.
"""

from __future__ import annotations

import copy
import datetime as dt
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from caac_toolkit import languages, localize, yamlfile
from caac_toolkit.errors import InvalidInput, Problem, did_you_mean
from caac_toolkit.query import fold
from caac_toolkit.toolkit import Text, Toolkit

# A revision is part of a symbol: "S/AC.51/2018/1/Rev.1".
_REVISION = r"(?:/Rev\.[0-9]+)?"  # ASCII digits: `\d` would take "٢٠٢٠" and "２０２０"
# The very end of the text: `$` would let a trailing newline through, and `\Z` is not a JSON
# Schema (ECMA-262) pattern.
_END = r"(?![\s\S])"
Symbol = Annotated[str, msgspec.Meta(pattern=rf"^S/AC\.51/[0-9]{{4}}/[0-9]+{_REVISION}{_END}",
                                     examples=["S/AC.51/2012/1", "S/AC.51/2018/1/Rev.1"])]
ReportSymbol = Annotated[str, msgspec.Meta(pattern=rf"^S/[0-9]{{4}}/[0-9]+{_REVISION}{_END}",
                                           examples=["S/2011/413"])]
JobNumber = Annotated[str, msgspec.Meta(pattern=rf"^[0-9]{{2}}-[0-9]{{5}}{_END}",
                                        examples=["12-54321"])]


# The Working Group held its 100th meeting in 2022: a number beyond this is a slip, and one of
# thousands of digits cannot be spelled out.
MAX_NUMBER = 99_999
# Dates a case may give: the Council's first year to a year no calendar arithmetic (days to
# adoption, deadlines) takes past 9999.
FIRST_DAY, LAST_DAY = dt.date(1945, 1, 1), dt.date(2999, 12, 31)


def _about(text: str) -> msgspec.Meta:
    """A field's description, for editors that complete from the JSON Schema."""
    return msgspec.Meta(description=text)


class _Strict(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pass


Gender = Literal["female", "male"]


class Person(_Strict, frozen=True, kw_only=True):
    name: Annotated[Text, _about("The name after '(Signed)'.")]
    title: Annotated[Text, _about("A signature title instead of the usual one.")] | None = None
    gender: Annotated[
        Gender, _about("female or male: the French 'Présidente' or 'Président'.")
    ] | None = None


class Meeting(_Strict, frozen=True, kw_only=True):
    number: Annotated[
        int, msgspec.Meta(ge=1, le=MAX_NUMBER), _about("The Working Group's meeting number.")
    ] | Annotated[
        Literal[False], _about("false where the document names the meeting without a number "
                               "('At its meeting on 12 April 2024', S/AC.51/2024/5); left out, "
                               "the number is unknown and shows as a placeholder.")
    ] | None = None
    date: Annotated[dt.date, _about("The meeting's date, YYYY-MM-DD.")]
    kind: Annotated[
        Literal["meeting", "videoconference"],
        _about("meeting, or videoconference for 'a closed videoconference meeting held on …'."),
    ] = "meeting"


class Period(_Strict, frozen=True, kw_only=True, rename={"start": "from", "end": "to"}):
    start: Annotated[dt.date, _about("The first day the report covers, YYYY-MM-DD.")]
    end: Annotated[dt.date, _about("The last day it covers, YYYY-MM-DD.")]
    months: Annotated[bool, _about("True where the report gives its period in months: 'from "
                                   "January 2014 to June 2017'.")] = False


class Report(_Strict, frozen=True, kw_only=True):
    symbol: Annotated[ReportSymbol, _about("Symbol of the Secretary-General's report.")]
    ordinal: Annotated[
        int, msgspec.Meta(ge=1, le=MAX_NUMBER), _about("Its rank among the reports on the "
                                                       "situation: 6 for "
                                        "'the sixth report'.")
    ] | None = None
    period: Annotated[Period, _about("The period the report covers.")] | None = None
    issued: Annotated[dt.date, _about("The report's date, YYYY-MM-DD.")] | None = None
    introduced: Annotated[
        dt.date, _about("When it was introduced to the Working Group, YYYY-MM-DD.")
    ] | None = None


class Choices(_Strict, frozen=True, kw_only=True):
    """Wording that varies within the same years, so that no era decides it alone: the case
    says which form its documents use; left out, the era's usual one (docs/real-documents.md)."""

    body: Annotated[
        Literal["short", "security-council", "of-security-council"],
        _about("The body in paragraph 1 of the conclusions: short 'the Working Group on Children "
               "and Armed Conflict' (S/AC.51/2020/7), security-council 'the Security Council "
               "Working Group …' (S/AC.51/2019/1, the default), of-security-council 'the Working "
               "Group … of the Security Council' (S/AC.51/2024/5)."),
    ] | None = None
    period: Annotated[
        Literal["from", "between", "covers"],
        _about("The report's period in the conclusions: from 'covering the period from … to …' "
               "(the default), between 'covering the period between … and …' (S/AC.51/2024/5), "
               "covers '…, which covers the period from … to … and was introduced by' "
               "(S/AC.51/2020/2)."),
    ] | None = None
    report: Annotated[
        Literal["plain", "document"],
        _about("The report in the public statement: plain '(S/2024/93)' or document '(document "
               "S/2020/614)' (the default up to 2020; plain from 2021)."),
    ] | None = None
    meeting_number: Annotated[
        Literal["words", "figures"],
        _about("The meeting number in the public statement: words 'fifty-eighth' (SC/12492) or "
               "figures '82nd' (SC/13876; the default from 2014)."),
    ] | None = None
    statement_title: Annotated[
        Literal["long", "short", "short-lower", "short-with-situation"],
        _about("The public statement's title: long 'Public Statement by Chair of Security "
               "Council Working Group …' (to 2021), short '… by Chair of Working Group …' "
               "(SC/14383; the default from 2022), short-lower 'Public statement by …' "
               "(SC/15429), short-with-situation naming the situation at the end (SC/15815, "
               "French)."),
    ] | None = None
    statement_opening: Annotated[
        Literal["address-issued-full-stop", "address-issued-colon", "convey-colon",
                "convey-full-stop", "address-colon", "address-full-stop", "after-adoption",
                "decided-colon"],
        _about("How the public statement's opening ends: 'agreed to address … through a public "
               "statement issued by the Chair …' with a full stop (SC/13070) or a colon "
               "(SC/12662); 'agreed to convey …:' (SC/12942 to 2023, the default from 2017); "
               "'… Working Group.' (SC/14508); 'agreed to address …:' (SC/15747) or '.' "
               "(SC/15815, the default from 2024); after-adoption 'After the examination … and "
               "the adoption of conclusions …' (S/2024/443); decided-colon, French 'a décidé … "
               "d'adresser …:' (SC/15815)."),
    ] | None = None
    statement_points: Annotated[
        Literal["lettered", "bulleted"],
        _about("The public statement's points: lettered '(a)' (SC/12936, to June 2017) or "
               "bulleted '•' (SC/13876, the default from July 2017)."),
    ] | None = None
    welcome_verb: Annotated[
        Literal["submitted", "in-accordance"],
        _about("The welcome of the report: submitted 'the report …, submitted in accordance "
               "with …' (S/AC.51/2018/1/Rev.1; the default from 2016 to September 2018) or "
               "in-accordance 'the report …, in accordance with …' (S/AC.51/2018/3)."),
    ] | None = None
    meeting_form: Annotated[
        Literal["formal", "plain"],
        _about("Paragraph 1's meeting: formal 'At its 58th formal meeting on 17 May 2016' "
               "(S/AC.51/2016/3) or plain 'At its 70th meeting, on …' (the default)."),
    ] | None = None


class Previous(_Strict, frozen=True, kw_only=True):
    symbol: Annotated[Symbol, _about("Symbol of earlier conclusions on the situation.")]
    annex: Annotated[bool, _about("True where those conclusions are an annex to the "
                                  "document with that symbol.")] = False


class Party(_Strict, frozen=True, kw_only=True):
    name: Annotated[Text, _about("The party in full, as in the report of the Secretary-General.")]
    acronym: Annotated[Text, _about("Written in parentheses after the name.")] | None = None

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


Sender = Literal["chair", "president"]


class AddressedPoints(_Strict, frozen=True, kw_only=True):
    to: Annotated[Text, _about("A target id (see 'caac targets').")]
    addressee: Annotated[
        Text, _about("The heading's addressee: 'the Government of Mali', 'all armed groups "
                     "mentioned in the report'.")
    ] | None = None
    points: Annotated[list[Text], msgspec.Meta(min_length=1),
                      _about("The lettered points under that heading.")]


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
    messages: Annotated[
        list[AddressedPoints],
        _about("Instead of points: points grouped under addressee headings ('To the Government "
               "of Mali'), as in the public statements since 2014."),
    ] = []


class SituationForms(_Strict, frozen=True, kw_only=True):
    name: Annotated[Text, _about("The name as running text writes it: 'the Sudan', 'le "
                                 "Soudan'.")] | None = None
    in_: Annotated[Text, _about("The form after 'in', with its preposition: 'au Soudan'.")] | None = (
        msgspec.field(default=None, name="in"))
    of: Annotated[Text, _about("The form after a noun it qualifies: 'du Soudan'.")] | None = None


class Case(_Strict, frozen=True, kw_only=True):
    situation: Annotated[Text, _about(
        "The situation, in any of its forms in any language ('Mali', 'the Sudan', 'au Soudan'): "
        "its forms in each language come from the table of situations ('caac situations').")
    ] | None = None
    situation_forms: Annotated[
        dict[languages.Code, SituationForms],
        _about("Forms of a situation the table lacks, by language: {fr: {name: …, in: …, of: "
               "…}}."),
    ] = {}
    report: Annotated[
        Report, _about("The Secretary-General's report: its symbol, or {symbol, ordinal, period, "
                       "issued, introduced}.")
    ] | None = None
    symbol: Annotated[Symbol, _about("Symbol of the conclusions; adds the masthead.")] | None = None
    meeting: Annotated[Meeting, _about("The meeting that examined the report.")] | None = None
    adopted: Annotated[
        Meeting, _about("The meeting that adopted the conclusions, when not the one that "
                        "examined the report.")
    ] | None = None
    date: Annotated[dt.date, _about("The documents' date, YYYY-MM-DD.")] | None = None
    language: Annotated[
        languages.Code, _about("The documents' language: a code of the table of languages "
                               "(en, fr, es, ru, ar, zh; data/languages.yaml).")
    ] = "en"
    chair: Annotated[
        Person, _about("The Chair of the Working Group, who signs its letters.")
    ] | None = None
    president: Annotated[
        Person, _about("The President of the Security Council, who signs its letters.")
    ] | None = None
    representative: Annotated[
        Text | Literal[False],
        _about("How the country's speaker is described: 'Permanent Representative', 'Deputy "
               "Permanent Representative'; one that opens with an article is printed as written "
               "('A representative from the Permanent Mission', S/AC.51/2016/3). Left out, it "
               "shows as a placeholder: false when nobody spoke for the country."),
    ] | None = None
    welcome: Annotated[
        bool, _about("false where the conclusions do not welcome the report (S/AC.51/2019/1 goes "
                     "from paragraph 1 to the members' observations).")
    ] = True
    wording: Annotated[
        Choices, _about("Wording that varies within the same years: body, period, report, "
                        "meeting_number, statement_title, statement_opening, statement_points, "
                        "welcome_verb, "
                        "meeting_form; left out, the era's usual form.")
    ] = Choices()
    country_statement: Annotated[
        Text, _about("The country's statement to the Working Group, printed as the annex.")
    ] | None = None
    observations: Annotated[
        list[Text], _about("The members' own views, numbered paragraphs after the welcome of "
                           "the report.")
    ] = []
    parties: Annotated[
        list[Party], _about("Parties named in the report, cited in the public statement.")
    ] = []
    parties_listed_in: Annotated[
        Text, _about("Where the parties are listed when not in the report examined, as it reads "
                     "after 'mentioned in': 'annex II to the annual report of the "
                     "Secretary-General on children and armed conflict (S/2012/261)'.")
    ] | None = None
    previous: Annotated[
        list[Previous], _about("Earlier conclusions on the situation: symbols, or {symbol, "
                               "annex: true}.")
    ] = []
    job_number: Annotated[
        JobNumber, _about("Job number YY-NNNNN for the first page's footer.")
    ] | None = None
    actions: Annotated[
        list[Action], msgspec.Meta(min_length=1),
        _about("What the Working Group decided: one entry per option and addressee."),
    ]
    translations: Annotated[
        dict[Text, dict[languages.Code, Text]],
        _about("Other languages' versions of the case's own texts, by text. Filled from texts "
               "written {en: …, fr: …}; a document in a language a text lacks prints it "
               "[en: …] for the translator."),
    ] = {}

def _expand_shorthands(data: Any) -> Any:
    """`report: S/2011/413` as `report: {symbol: S/2011/413}`; likewise each `previous` entry."""
    if not isinstance(data, dict):
        return data
    expanded = dict(data)
    if isinstance(expanded.get("report"), str):
        expanded["report"] = {"symbol": expanded["report"]}
    if isinstance(expanded.get("previous"), list):
        expanded["previous"] = [{"symbol": p} if isinstance(p, str) else p
                                for p in expanded["previous"]]
    return expanded


CASE_KEYS = ("actions", "situation")  # a case file's mapping has one of them (a toolkit has options)


def is_case(data: Any) -> bool:
    return isinstance(data, dict) and any(key in data for key in CASE_KEYS)


def load(path: Path, toolkit: Toolkit, table: languages.Languages | None = None) -> Case:
    """The case file at `path`; its language must be in `table` (the bundled one by default)."""
    return validate(yamlfile.load(path), toolkit, table)


def validate(document: yamlfile.YamlDocument, toolkit: Toolkit,
             table: languages.Languages | None = None) -> Case:
    """The case in `document` with target aliases resolved to ids, or an InvalidInput listing
    every problem."""
    if document.data is None:
        raise InvalidInput("the file is empty", place=document.place(()),
                           hint="'caac init' writes a starter case file")
    problems: list[Problem] = []
    data = document.data
    if any(isinstance(text, dict) for _, text in localize.free_texts(data)):
        data = copy.deepcopy(data)  # its texts per language are split in place below
    data = _expand_shorthands(data)
    if isinstance(data, dict):
        own = data.get("language", "en")
        found = localize.split(data, own if isinstance(own, str) else "en",
                               lambda path, message, hint: problems.append(
                                   Problem(message, document.place(path), hint)))
        given = data.get("translations")
        if found and (given is None or isinstance(given, dict)):
            data["translations"] = {**found, **(given or {})}
    _check(document, data, Case, (), problems)
    language = data.get("language") if isinstance(data, dict) else None
    codes = (table or languages.bundled()).codes
    if isinstance(language, str) and language not in codes:
        problems.append(Problem(f"unknown language '{language}'", document.place(("language",)),
                                did_you_mean(language, codes) or "known: " + ", ".join(codes)))
    targets = _target_names(toolkit)
    actions = document.data.get("actions") if isinstance(document.data, dict) else None
    for i, action in enumerate(actions if isinstance(actions, list) else []):
        if isinstance(action, dict):
            problems += _references(document, toolkit, targets, ("actions", i), action)
    if not problems:
        problems += _dates(document, msgspec.convert(data, Case, strict=True))
    if problems:
        problems.sort(key=lambda p: (p.place.line or 0, p.place.column or 0) if p.place else (0, 0))
        raise InvalidInput(problems[0].message, problems=problems)
    case = msgspec.convert(data, Case, strict=True)

    def resolved(name: str) -> str:
        return _target(targets, name) or name

    return msgspec.structs.replace(case, actions=[
        msgspec.structs.replace(a, to=resolved(a.to), messages=[
            msgspec.structs.replace(m, to=resolved(m.to)) for m in a.messages
        ]) for a in case.actions
    ])


def _dates(document: yamlfile.YamlDocument, case: Case) -> list[Problem]:
    """Dates out of any range a document could have, and dates in the wrong order: a period
    that ends before it starts, a report examined or conclusions adopted before it was issued."""
    report = case.report
    given = {
        ("date",): case.date,
        ("meeting", "date"): case.meeting.date if case.meeting else None,
        ("adopted", "date"): case.adopted.date if case.adopted else None,
        ("report", "issued"): report.issued if report else None,
        ("report", "introduced"): report.introduced if report else None,
        ("report", "period", "from"): report.period.start if report and report.period else None,
        ("report", "period", "to"): report.period.end if report and report.period else None,
    }
    problems = [Problem(f"the date {day} is not between {FIRST_DAY} and {LAST_DAY}",
                        document.place(path), "check the year")
                for path, day in given.items() if day and not FIRST_DAY <= day <= LAST_DAY]
    if problems:
        return problems
    orders = [
        (("report", "period", "from"), ("report", "period", "to"), "the period ends before it "
         "starts"),
        (("report", "issued"), ("report", "introduced"), "introduced before it was issued"),
        (("report", "issued"), ("meeting", "date"), "the report was examined before it was "
         "issued"),
        (("report", "issued"), ("adopted", "date"), "the conclusions were adopted before the "
         "report was issued"),
        (("meeting", "date"), ("adopted", "date"), "the conclusions were adopted before the "
         "meeting that examined the report"),
    ]
    for earlier, later, message in orders:
        first, then = given[earlier], given[later]
        if first and then and then < first:
            problems.append(Problem(f"{message} ({then} < {first})", document.place(later),
                                    f"check this date and {'.'.join(earlier)}"))
    return problems


def _per_language(node: Any) -> Any:
    """A free text's schema, which may also be given per language: {en: …, fr: …}."""
    if node.get("type") == "string":
        text = {k: v for k, v in node.items() if k != "description"}
        per_language = {"type": "object", "minProperties": 1, "additionalProperties": text,
                        "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"}}
        described = {"description": node["description"]} if "description" in node else {}
        return {**described, "anyOf": [text, per_language]}
    if node.get("type") == "array":
        return {**node, "items": _per_language(node["items"])}
    if "anyOf" in node:
        return {**node, "anyOf": [_per_language(branch) for branch in node["anyOf"]]}
    return node


def schema(toolkit: Toolkit) -> dict[str, Any]:
    """The JSON Schema of case files, for editors (yaml-language-server) and CI; it lists the
    toolkit's option and target ids so that editors complete them."""
    import msgspec.json

    generated = msgspec.json.schema(Case)
    # A report or a previous entry may also be written as its bare symbol.
    definitions = generated["$defs"]
    for name in ("Report", "Previous"):
        reference = {"$ref": f"#/$defs/{name}"}
        shorthand = {"anyOf": [definitions[name]["properties"]["symbol"], reference]}
        _replace(definitions["Case"]["properties"], reference, shorthand)
    for part, fields in localize.FREE.items():
        for name in fields:
            properties = definitions[part]["properties"]
            properties[name] = _per_language(properties[name])
    action = generated["$defs"]["Action"]["properties"]
    action["option"]["enum"] = [o.id for o in toolkit.options]
    action["to"]["enum"] = [name for t in toolkit.targets for name in (t.id, *t.aliases)]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **generated}


def _replace(tree: Any, old: Any, new: Any) -> None:
    """Every `old` inside the JSON value `tree` replaced by `new`, in place."""
    items = tree.items() if isinstance(tree, dict) else enumerate(tree) if isinstance(
        tree, list) else ()
    for key, value in list(items):
        if value == old:
            tree[key] = new
        else:
            _replace(value, old, new)


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
    """What is wrong with the option and targets an action names: unknown ones. (A target
    outside the option's usual ones is only unusual: drafting warns about it.)"""
    problems = []
    option_id = action.get("option")
    if isinstance(option_id, str) and option_id not in toolkit.by_id:
        problems.append(Problem(
            f"unknown option '{option_id}'", document.place((*path, "option")),
            did_you_mean(option_id, list(toolkit.by_id)) or "see 'caac list --format ids'",
        ))
    places = [(*path, "to")]
    messages = action.get("messages")
    if isinstance(messages, list):
        places += [(*path, "messages", i, "to") for i, m in enumerate(messages) if isinstance(m, dict)]
    for place in places:
        to = _value(action, place[len(path):])
        if isinstance(to, str) and _target(names, to) is None:
            problems.append(Problem(
                f"unknown target '{to}'", document.place(place),
                did_you_mean(to, [t.id for t in toolkit.targets]) or did_you_mean(to, list(names))
                or "see 'caac targets'",
            ))
    return problems


def _value(data: Any, path: yamlfile.Path_) -> Any:
    """The value at `path` below `data`, None where there is none."""
    for step in path:
        if not isinstance(data, dict | list):
            return None
        data = data.get(step) if isinstance(data, dict) else data[step]  # type: ignore[index]
    return data


# A starter case -------------------------------------------------------------------------------

_STARTER = """\
# A case file: one situation, the actions the Working Group chose from its toolkit, and the
# facts its documents need. Check it with `caac validate {name}`; build its documents with
# `caac build {name} --out out`. A fact left out shows as a [placeholder] in the drafts, with a
# warning; `caac build --strict` fails on them. For completion in editors (yaml-language-server),
# write the schema beside it with `caac schema case > case.schema.json`:
# yaml-language-server: $schema=case.schema.json

{situation}  # as it reads after "in": "the Sudan"; in French with its preposition: "au Soudan"
{report}  # or {{symbol: …, ordinal: 6, period: {{from: YYYY-MM-DD, to: YYYY-MM-DD}}, issued: YYYY-MM-DD}}
# symbol: S/AC.51/YYYY/N  # of the conclusions; adds the masthead
{meeting}  # the meeting that examined the report; kind: videoconference
# adopted: {{number: N, date: YYYY-MM-DD}}  # the meeting that adopted the conclusions, if another
# date: YYYY-MM-DD  # the documents' date
language: {language}  # a code of the table of languages: {codes}
{chair}  # signs the Chair's letters; gender: female | male
# president: {{name: …}}  # signs the letters of the President of the Security Council
# representative: Deputy Permanent Representative  # who spoke for the country; false for nobody
# welcome: false  # where the conclusions do not welcome the report of the Secretary-General
# wording: {{body: short, period: between, report: plain}}  # forms that vary: see the schema
parties: []  # named in the public statement as they read in running text: {{name: …, acronym: …}}
previous: []  # earlier conclusions on the situation: [S/AC.51/YYYY/N]
# observations: []  # the members' own views, one paragraph each

actions:  # one entry per option and addressee; see `caac list` and `caac targets`
  - option: demarches.letters-to-parties
    to: parties  # to the parties from the Chair: the public statement
    points: []  # the situation's own lettered points, each opening with a participle
    # messages:  # instead of points, under addressee headings:
    #   - {{to: affected-state, addressee: the Government of …, points: […]}}
"""


def starter(
    name: str, *, situation: str | None, report: str | None, meeting_number: int | None,
    meeting_date: dt.date | None, language: str, chair: str | None, codes: Sequence[str],
) -> str:
    """The text of a commented case file that validates, for `caac init`: with the facts given
    and no other; what is not given stays a comment to fill in. `codes`: the table's languages."""
    import json

    def line(key: str, value: str | None, example: str) -> str:
        return f"{key}: {json.dumps(value, ensure_ascii=False)}" if value else f"# {key}: {example}"

    if meeting_date:
        number = f"number: {meeting_number}, " if meeting_number else ""
        meeting = f"meeting: {{{number}date: {meeting_date.isoformat()}}}"
    else:
        meeting = "# meeting: {number: N, date: YYYY-MM-DD}"
    return _STARTER.format(
        name=name, language=language, codes=", ".join(codes), meeting=meeting,
        situation=line("situation", situation, "…"), report=line("report", report, "S/YYYY/NNN"),
        chair=f"chair: {{name: {json.dumps(chair, ensure_ascii=False)}}}" if chair
        else "# chair: {name: …}",
    )
