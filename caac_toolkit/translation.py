"""The contract for translators: what a language folder (templates/<code>/) must hold.

A folder is complete when its language is in the table of languages, it has every template of
the reference language with every block, every label (and no label the reference lacks), and the
toolkit has every option's text and drafting sentence in the language. Each gap is a Problem at
the place where it is to be filled.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from caac_toolkit import languages
from caac_toolkit.errors import Place, Problem
from caac_toolkit.resources import templates_dir, toolkit_file
from caac_toolkit.toolkit import REFERENCE

LABELS = "labels.yaml"
_BLOCK = re.compile(r"\{%-?\s*block\s+(\w+)")
_SINGULAR = {"categories": "category", "tiers": "tier", "actors": "actor", "targets": "target",
             "options": "option"}


def check(folder: Path, toolkit_path: Path | None = None) -> list[Problem]:
    """Every gap of the language folder `folder` against the reference language, in order."""
    code = folder.name
    table = languages.load(folder.parent)
    problems = []
    if code not in table.entries:
        problems.append(Problem(
            f"language '{code}' is not in the table of languages", Place(str(folder)),
            f"add an entry '{code}:' to {folder.parent / languages.TABLE} (see data/languages.yaml)",
        ))
    reference = templates_dir() / REFERENCE
    problems += _templates(folder, reference, code)
    problems += _labels(folder, reference, code, set(table.entries))
    problems += _toolkit(code, toolkit_path)
    return problems


def _own(folder: Path, code: str, name: str) -> Path | None:
    """The folder's file `name`, else the bundled one of the same language."""
    from caac_toolkit.files import within

    if (folder / name).is_file():
        return within(folder, folder / name)
    bundled = templates_dir() / code / name
    return bundled if bundled.is_file() else None


def _templates(folder: Path, reference: Path, code: str) -> Iterator[Problem]:
    """Every phrase of every kind, in its kind's phrasebook or the common one; no block that is
    no phrase."""
    from caac_toolkit import textfile
    from caac_toolkit.kinds import COMMON, COMMON_TEMPLATE, KINDS

    books = {COMMON_TEMPLATE: (COMMON, frozenset(COMMON))}
    books |= {kind.template: (kind.phrases, kind.known) for kind in KINDS.values()}
    blocks: dict[str, set[str]] = {}
    for name in books:
        path = _own(folder, code, name)
        if path is None:
            yield Problem(f"missing template {code}/{name}", Place(str(folder)),
                          f"translate {reference / name}")
            continue
        blocks[name] = set(_BLOCK.findall(textfile.read_text(path)))
        for block in sorted(blocks[name] - books[name][1]):
            yield Problem(f"block '{block}' of {code}/{name} is no phrase", Place(str(path)),
                          "its phrases: " + ", ".join(sorted(books[name][1])))
    for name, (phrases, _) in books.items():
        path = _own(folder, code, name)
        for phrase in phrases:
            if name in blocks and phrase not in blocks[name] | blocks.get(COMMON_TEMPLATE, set()):
                yield Problem(f"template {code}/{name} has no phrase '{phrase}'",
                              Place(str(path)), f"translate that block of {reference / name}")


# Labels a language gives only where its grammar needs them (labels.Labels says what each is).
GRAMMAR_LABELS = frozenset({"title_addressees", "title_addressee_form"})


def _labels(folder: Path, reference: Path, code: str, codes: set[str]) -> Iterator[Problem]:
    from caac_toolkit import yamlfile

    model = yamlfile.load(reference / LABELS)
    path = _own(folder, code, LABELS)
    if path is None:
        yield Problem(f"missing labels {code}/{LABELS}", Place(str(folder)),
                      f"translate {reference / LABELS}")
        return
    own = yamlfile.load(path)
    wanted, present = set(_keys(model.data, (), codes)), set(_keys(own.data, (), codes))
    for key in _keys(model.data, (), codes):
        if key not in present:
            yield Problem(f"missing label '{'.'.join(key)}'", own.place(key[:-1]),
                          f"as at {model.place(key, key=True)}")
    originals = own.data.get("original") if isinstance(own.data, dict) else None
    if isinstance(originals, dict) and code not in originals:
        yield Problem(f"the labels name no original language '{code}'", own.place(("original",)),
                      f"add '{code}: …' under 'original:' (\"Original: …\" in the language)")
    for key in _keys(own.data, (), codes):
        if key not in wanted and key[0] not in GRAMMAR_LABELS:
            yield Problem(f"label '{'.'.join(key)}' is not in the {REFERENCE} labels",
                          own.place(key, key=True), "remove it, or add it to every language")


def _keys(value: Any, path: tuple[str, ...], codes: set[str]) -> Iterator[tuple[str, ...]]:
    """The key paths of a labels mapping, down to its words. A mapping by language code (such as
    `original`) is one entry: each language lists the languages it names."""
    if not isinstance(value, dict) or (value and set(value) <= codes):
        if path:
            yield path
        return
    for key, item in value.items():
        yield from _keys(item, (*path, str(key)), codes)


def _toolkit(code: str, path: Path | None) -> Iterator[Problem]:
    """The toolkit's texts that lack `code`: options (text, drafting sentences), vocabularies."""
    from caac_toolkit import toolkit, yamlfile

    document = yamlfile.load(path or toolkit_file())
    if isinstance(document.data, dict) and toolkit.OVERLAY_KEY in document.data:
        document = toolkit.overlay(yamlfile.load(toolkit_file()), document)
    data = document.data if isinstance(document.data, dict) else {}
    for section in (*toolkit.VOCABULARIES, "options"):
        for i, entry in enumerate(data.get(section) or []):
            if not isinstance(entry, dict):
                continue
            fields: list[tuple[str, ...]] = [("label",), ("heading",), ("texts",), ("drafting",)]
            fields += [("drafting_for", target) for target in entry.get("drafting_for") or {}]
            for field in fields:
                texts: Any = entry
                for step in field:
                    texts = texts.get(step) if isinstance(texts, dict) else None
                if isinstance(texts, dict) and code not in texts:
                    yield Problem(f"{_SINGULAR[section]} '{entry.get('id')}' has no "
                                  f"{' '.join(field)} "
                                  f"in '{code}'", document.place((section, i, *field)),
                                  f"add '{code}: …' beside '{REFERENCE}'")
