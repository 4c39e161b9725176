"""Printing options and vocabularies as table, JSON, YAML, Markdown or ids."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from caac_toolkit.precedents import Usage
    from caac_toolkit.toolkit import Option, Term, Toolkit


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"
    markdown = "markdown"
    ids = "ids"


def option_record(toolkit: Toolkit, option: Option) -> dict[str, Any]:
    """The stable JSON shape of an option (documented in the README)."""
    return {
        "id": option.id,
        "category": option.category,
        "tier": option.tier,
        "actors": toolkit.actors_of(option),
        "targets": list(option.targets),
        "text": option.text,
        "text_fr": option.text_fr,
        "text_fr_official": "fr" in option.official,
        "texts": {code: {"text": text, "official": code in option.official}
                  for code, text in option.texts.items()},
        "entities": list(option.entities),
        "source": {"symbol": toolkit.document.symbol, "page": option.source.page,
                   "order": option.source.order},
        "drafting": dict(option.drafting),
    }


def term_record(term: Term, count: int) -> dict[str, Any]:
    record: dict[str, Any] = {"id": term.id, "label": dict(term.label)}
    record["aliases"] = list(term.aliases)
    record["options"] = count
    return record


def dump(records: Any, fmt: ListFormat) -> str:
    if fmt is ListFormat.json:
        import json

        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt is ListFormat.yaml:
        import yaml

        return str(yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=100))
    raise ValueError(fmt)


def options_markdown(toolkit: Toolkit, options: list[Option]) -> str:
    lines: list[str] = []
    for category, tier, group in grouped(toolkit, options):
        if tier is None:
            lines += [f"## {category}", ""]
            continue
        lines += [f"### {tier}", ""]
        lines += [f"- `{o.id}`: {o.text}" for o in group]
        lines.append("")
    return "\n".join(lines)


def grouped(toolkit: Toolkit, options: list[Option]) -> list[tuple[str, str | None, list[Option]]]:
    """Headings in source order: (category, None, []) then (category, tier, its options)."""
    rows: list[tuple[str, str | None, list[Option]]] = []
    for category in toolkit.categories:
        in_category = [o for o in options if o.category == category.id]
        if not in_category:
            continue
        title = f"{category.number}. {category.label('en')}"
        rows.append((title, None, []))
        for tier in toolkit.tiers:
            group = [o for o in in_category if o.tier == tier.id]
            if group:
                rows.append((title, tier.label("en"), group))
    return rows


def options_table(toolkit: Toolkit, options: list[Option]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(header_style="bold", show_edge=False, pad_edge=False)
    table.add_column("option", min_width=max((len(o.id) for o in options), default=0))
    table.add_column("targets", style="green", no_wrap=True)
    for category, tier, group in grouped(toolkit, options):
        if tier is None:
            table.add_row(Text(category, style="bold"), "")
            continue
        table.add_row(Text(tier, style="italic"), "")
        for option in group:
            table.add_row(Text.assemble((option.id, "cyan"), "\n", option.text),
                          Text("\n".join(option.targets)))
        table.add_section()
    Console().print(table)


def terms_table(title: str, records: list[dict[str, Any]], lang: str) -> None:
    from caac_toolkit.cli import tables

    tables.show(["id", f"label ({lang})", "aliases", "options"], [
        [r["id"], r["label"].get(lang) or r["label"]["en"], "\n".join(r["aliases"]),
         str(r["options"])] for r in records
    ], ids=["id", "aliases"], right=["options"], title=title)


def note(message: str) -> None:
    """A remark for humans, on stderr so that stdout stays machine-readable."""
    print(message, file=sys.stderr)


def _option_fields(
    toolkit: Toolkit, option: Option, used: Usage | None = None
) -> list[tuple[str, str]]:
    category, tier = toolkit.category(option), toolkit.tier(option)
    return [
        ("id", option.id),
        ("category", f"{category.id} ({category.number}. {category.label('en')})"),
        ("tier", f"{tier.id} ({tier.heading('en')})"),
        ("actors", ", ".join(toolkit.actors_of(option))),
        ("targets", ", ".join(option.targets)),
        ("entities", ", ".join(option.entities) or "none"),
        ("source", f"{toolkit.document.symbol}, page {option.source.page}, "
                   f"option {option.source.order} of {len(toolkit.options)}"),
        *((f"text ({code})" if code in option.official else f"text ({code}, unofficial)", text)
          for code, text in option.texts.items()),
        *((f"drafting ({code})", text) for code, text in option.drafting.items()),
        *([("used", used_text(used))] if used else []),
    ]


def used_text(used: Usage) -> str:
    if not used.count:
        return "in none of the recorded conclusions"
    latest = ", ".join(used.latest)
    return f"in {used.count} of the recorded conclusions, last in {used.last_year} ({latest})"


def used_record(used: Usage) -> dict[str, Any]:
    """The `used` field of the JSON shape: how many recorded conclusions, the last year."""
    return {"count": used.count, "last_year": used.last_year}


def used_table(options: list[Option], used: dict[str, Usage]) -> None:
    from caac_toolkit.cli import tables

    tables.show(["option", "used", "last", "targets"], [
        [option.id, str(used[option.id].count), str(used[option.id].last_year or ""),
         ", ".join(option.targets)] for option in options
    ], ids=["option", "targets"], right=["used", "last"])


def used_markdown(options: list[Option], used: dict[str, Usage]) -> str:
    lines = []
    for option in options:
        found = used[option.id]
        last = f", last in {found.last_year}" if found.last_year else ""
        lines.append(f"- `{option.id}` (used {found.count}{last}): {option.text}")
    return "\n".join(lines) + "\n"


def option_markdown(toolkit: Toolkit, option: Option, used: Usage | None = None) -> str:
    lines = [f"## {option.id}", ""]
    lines += [f"- **{name}**: {value}" for name, value in _option_fields(toolkit, option, used)]
    return "\n".join(lines) + "\n"


def option_panel(toolkit: Toolkit, option: Option, used: Usage | None = None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_header=False, box=None, padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1, overflow="fold")  # Chinese, without spaces, breaks anywhere
    for name, value in _option_fields(toolkit, option, used):
        table.add_row(name, escape(value))
    Console().print(table)
