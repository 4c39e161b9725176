"""Safe YAML loading that remembers where every value came from.

The C parser builds the node tree; we construct plain Python values from it ourselves so that
duplicate keys are errors, alias expansion is bounded, and every value keeps its line and column
for error messages after schema validation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from caac_toolkit import textfile
from caac_toolkit.errors import InvalidInput, Place

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - libyaml is in every PyYAML wheel
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

MAX_VALUES = 20_000  # the whole toolkit is about 700
MAX_DEPTH = 64
MAX_DIGITS = 18  # no number caac reads has more; Python refuses more than 4,300
# What plain YAML writes without a tag; others (!!binary, !!set, !!python/…) have no place here.
_TAGS = {f"tag:yaml.org,2002:{name}"
         for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}

_INT = "tag:yaml.org,2002:int"
_DIGITS = re.compile(r"[-+]?[0-9]+")

Path_ = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Values loaded from one YAML file and the place of each of them."""

    name: str
    data: Any
    places: dict[Path_, Place] = field(default_factory=dict)
    key_places: dict[Path_, Place] = field(default_factory=dict)

    def place(self, path: Path_, *, key: bool = False) -> Place:
        """The place of the value at `path` (or of its key), else of its nearest ancestor."""
        while True:
            found = (self.key_places.get(path) if key else None) or self.places.get(path)
            if found or not path:
                return found or Place(self.name)
            path = path[:-1]


def load(path: Path) -> YamlDocument:
    return parse(textfile.read_text(path), str(path))


def top_keys(path: Path) -> Iterator[str]:
    """The keys of the file's top-level mapping, read only as far as asked (none if it holds
    no mapping): enough to tell what a file is without building its values."""
    depth = 0
    key_next = False  # whether the next node of the top-level mapping is a key
    try:
        for event in yaml.parse(textfile.read_text(path), Loader=Loader):  # noqa: S506 - as above
            if isinstance(event, yaml.DocumentEndEvent):
                return
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.NodeEvent):
                if depth == 1:
                    if key_next and isinstance(event, yaml.ScalarEvent):
                        yield event.value
                    key_next = not key_next
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth == 1:  # the document's own collection
                        if isinstance(event, yaml.SequenceStartEvent):
                            return
                        key_next = True
                elif depth == 0:
                    return  # the document is one scalar
    except yaml.YAMLError:
        raise InvalidInput("invalid YAML", place=Place(str(path))) from None


class _TrustedLoader(Loader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [key.value for key, _ in node.value]
        if len(keys) != len(set(keys)):
            raise InvalidInput("duplicate key")
        return dict(super().construct_mapping(node, deep=deep))


def load_trusted(path: Path) -> YamlDocument:
    """The values of a file that ships with caac, without their places (about twice as fast).

    Only for files we ship: it does not bound alias expansion. Callers load the file again with
    `load` to report a problem with its place.
    """
    text = path.read_text(encoding="utf-8")
    return YamlDocument(str(path), yaml.load(text, Loader=_TrustedLoader))  # noqa: S506


def parse(text: str, name: str) -> YamlDocument:
    try:
        root = yaml.compose(text, Loader=Loader)  # noqa: S506 - CSafeLoader is the safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = Place(name, mark.line + 1, mark.column + 1) if mark else Place(name)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        at_tab = mark is not None and text[mark.index : mark.index + 1] == "\t"
        hint = "YAML indents with spaces, not tabs" if at_tab or "tab" in problem else None
        raise InvalidInput(f"invalid YAML: {problem}", place=place, hint=hint) from None
    except yaml.YAMLError as exc:
        raise InvalidInput(f"invalid YAML: {exc}", place=Place(name)) from None
    document = YamlDocument(name, None)
    if root is not None:
        document.data = _Builder(document).build(root, (), 0)
    return document


class _Builder:
    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used
        self.count = 0
        self.characters = 0

    def _bounded(self, node: yaml.Node) -> None:
        """Values and text are counted each time an alias repeats them: a file of a few lines
        can stand for billions of values ("billion laughs")."""
        if self.count > MAX_VALUES or self.characters > textfile.MAX_BYTES:
            raise InvalidInput(
                "too many values or too much text, counting every alias expanded",
                place=self._place(node), hint="remove repeated aliases",
            )

    def _place(self, node: yaml.Node) -> Place:
        return Place(self.document.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        self._bounded(node)
        if depth > MAX_DEPTH:
            raise InvalidInput(
                f"nesting deeper than {MAX_DEPTH} levels", place=self._place(node)
            )
        if node.tag not in _TAGS:
            raise InvalidInput(f"the tag {node.tag} is not supported", place=self._place(node),
                               hint="remove it")
        self.document.places[path] = self._place(node)
        if isinstance(node, yaml.MappingNode):
            return dict(self._mapping(node, path, depth))
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if node.tag == _INT:
            # YAML 1.1 reads 1:30 as 90, 0x1F as 31, 1_000 as 1000 and 017 as 15: integers are
            # plain decimal digits, and anything else stays the text it was, for validation to name.
            digits = _DIGITS.fullmatch(node.value)
            if digits and len(node.value) > MAX_DIGITS:
                raise InvalidInput(f"a number of {len(node.value):,} digits; the limit is "
                                   f"{MAX_DIGITS}", place=self._place(node), hint="shorten it")
            return int(node.value, 10) if digits else self._text(node.value, node)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            raise InvalidInput(f"cannot read this value: {exc}", place=self._place(node)) from None
        return self._text(value, node) if isinstance(value, str) else value

    def _text(self, value: str, node: yaml.Node) -> str:
        self.characters += len(value)
        self._bounded(node)
        textfile.check_text(value, self._place(node))
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> Iterator[tuple[str, Any]]:
        seen: dict[str, Place] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise InvalidInput(
                    "merge keys (<<) are not supported", place=self._place(key_node),
                    hint="write the keys out",
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise InvalidInput("a key must be plain text", place=self._place(key_node))
            key = str(key_node.value)
            key_place = self._place(key_node)
            textfile.check_text(key, key_place)
            if key in seen:
                first = seen[key]
                raise InvalidInput(
                    f"duplicate key '{key}' (first at line {first.line})",
                    place=key_place,
                    hint="remove one of them",
                )
            seen[key] = key_place
            self.document.key_places[(*path, key)] = key_place
            yield key, self.build(value_node, (*path, key), depth + 1)


_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?\Z", re.DOTALL)
_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
_UNKNOWN = re.compile(r"unknown field `([^`]+)`")


def locate(document: YamlDocument, msgspec_message: str) -> tuple[str, Place]:
    """Turn a msgspec validation message into a readable message and the place it points at."""
    match = _AT.match(msgspec_message)
    assert match is not None  # the pattern matches any text
    message = match.group("message")
    path: list[str | int] = []
    for name, index in _STEP.findall(match.group("path") or ""):
        path.append(int(index) if index else name)
    unknown = _UNKNOWN.search(message)
    if unknown:
        return message, document.place((*path, unknown.group(1)), key=True)
    return message, document.place(tuple(path))
