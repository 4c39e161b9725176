"""`caac situations`: the table of situations, and one situation's forms in each language."""

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from caac_toolkit.situations import Situation, Table

MISSING = "—"  # a form no source seen shows


class SituationFormat(StrEnum):
    table = "table"
    json = "json"


def situations(
    name: Annotated[
        str | None,
        typer.Argument(help="A situation, by any of its forms in any language (\"Sudan\", "
                       "\"au Soudan\", \"в Судане\"): its forms and their sources.",
                       show_default=False),
    ] = None,
    fmt: Annotated[
        SituationFormat, typer.Option("--format", "-f", help="How to print the result.")
    ] = SituationFormat.table,
) -> None:
    """The situations on the Working Group's agenda, named in the six languages.

    Each form comes from a public source; '—' marks one that no source seen
    shows ('caac situations NAME' says why).

    caac situations

    caac situations "le Soudan" --format json
    """
    from caac_toolkit import situations as situations_module

    table = situations_module.bundled()
    chosen = [table.get(name)] if name else table.situations
    if fmt is SituationFormat.json:
        import json

        records = [record(table, entry) for entry in chosen]
        print(json.dumps(records[0] if name else records, ensure_ascii=False, indent=2))
    elif name:
        _one(table, chosen[0])
    else:
        _all(chosen)


def record(table: "Table", entry: "Situation") -> dict[str, Any]:
    """The JSON shape of a situation: the file's fields, each form with its source's URL."""
    import msgspec

    fields: dict[str, Any] = msgspec.to_builtins(entry)
    for forms in fields["forms"].values():
        for form in forms.values():
            found = table.source(entry, form["source"]) if "source" in form else None
            if found:
                form["url"] = found.url
    fields["sources"] = [msgspec.to_builtins(s) for s in (*entry.sources, *table.sources)]
    return fields


def _all(entries: "list[Situation]") -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table as RichTable

    from caac_toolkit.situations import LANGUAGES

    table = RichTable(header_style="bold", show_edge=False, pad_edge=False)
    for heading in ("id", *LANGUAGES, "missing"):
        table.add_column(heading, overflow="fold", no_wrap=heading == "id",  # nothing cut short
                         justify="right" if heading == "missing" else "left")
    for entry in entries:
        names = [entry.form(lang) or MISSING for lang in LANGUAGES]
        table.add_row(*map(escape, [entry.id, *names, str(len(entry.missing))]))
    Console().print(table)


def _one(table: "Table", entry: "Situation") -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table as RichTable

    from caac_toolkit.situations import FORMS

    console = Console()
    grid = RichTable(header_style="bold", show_edge=False, pad_edge=False,
                     title=escape(entry.id), title_justify="left")
    for heading in ("lang", *FORMS):
        grid.add_column(heading)
    notes: list[str] = []
    for lang, forms in entry.forms.items():
        cells = []
        for which in FORMS:
            form = forms.get(which)
            cells.append(form.text or MISSING)
            if form.missing:
                notes.append(f"{lang} '{which}' missing: {form.missing}")
        grid.add_row(*map(escape, [lang, *cells]))
    console.print(grid)
    for note in notes:
        console.print(escape(note), highlight=False)
    agenda = table.source(entry, entry.agenda)
    if entry.aliases:
        console.print(escape("also matched: " + ", ".join(entry.aliases)), highlight=False)
    if agenda:
        console.print(escape(f"on the agenda: {agenda.shows} <{agenda.url}>"), highlight=False,
                      soft_wrap=True)
    console.print("sources:", highlight=False)
    for source in (*entry.sources, *table.sources):
        console.print(escape(f"  {source.id}: {source.shows} <{source.url}>"), highlight=False,
                      soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("situations")(situations)
