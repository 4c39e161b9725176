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

from caac_toolkit.errors import InvalidInput, MissingFile, Place

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - libyaml is in every PyYAML wheel
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

MAX_BYTES = 10 * 1024 * 1024
MAX_VALUES = 200_000
MAX_DEPTH = 64
# C0 and C1 controls other than tab and newline, and the bidirectional overrides and isolates that
# can make text read differently from what it is. Letters of right-to-left scripts are fine.
UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")

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


def read_text(path: Path) -> str:
    """The file's text, or a clear error for a missing, huge, binary or non-UTF-8 file."""
    try:
        if path.is_dir():
            raise InvalidInput(f"{path} is a folder, not a YAML file", place=Place(str(path)))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InvalidInput(
                f"file is too large ({size // 1024 // 1024} MiB; the limit is "
                f"{MAX_BYTES // 1024 // 1024} MiB)",
                place=Place(str(path)),
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise MissingFile(path) from None
    except PermissionError:
        raise InvalidInput("cannot read the file (permission denied)", place=Place(str(path))) from None
    return decode(raw, str(path))


def decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw:
        raise InvalidInput("this is a binary file, not YAML text", place=Place(name))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InvalidInput(
            "the file is not UTF-8 text", place=Place(name, line, column), hint="save it as UTF-8"
        ) from None


def load(path: Path) -> YamlDocument:
    return parse(read_text(path), str(path))


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

    def _place(self, node: yaml.Node) -> Place:
        return Place(self.document.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise InvalidInput(
                f"too many values (more than {MAX_VALUES}, counting every alias expanded)",
                place=self._place(node),
                hint="remove repeated aliases",
            )
        if depth > MAX_DEPTH:
            raise InvalidInput(
                f"nesting deeper than {MAX_DEPTH} levels", place=self._place(node)
            )
        self.document.places[path] = self._place(node)
        if isinstance(node, yaml.MappingNode):
            return dict(self._mapping(node, path, depth))
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            raise InvalidInput(f"cannot read this value: {exc}", place=self._place(node)) from None
        if isinstance(value, str) and (bad := UNPRINTABLE.search(value)):
            raise InvalidInput(
                f"control character U+{ord(bad.group()):04X} in text", place=self._place(node),
                hint="remove it; documents cannot show it",
            )
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


_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
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
