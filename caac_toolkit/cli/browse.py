"""`caac list`, `caac show` and the vocabulary commands."""

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from caac_toolkit.cli import complete, formats, precedents
from caac_toolkit.cli.formats import ListFormat
from caac_toolkit.cli.state import state

if TYPE_CHECKING:
    from caac_toolkit.toolkit import Option

CategoryOpt = Annotated[
    list[str] | None,
    typer.Option("--category", "-c", help="assistance, demarches, enhanced-monitoring, "
                 "improvement-of-mandates, other-measures (id, label or alias; repeatable).",
                 show_default=False, autocompletion=complete.terms("categories")),
]
TierOpt = Annotated[
    list[str] | None,
    typer.Option("--tier", "-t", help="working-group, working-group-or-council, council "
                 "(repeatable).", show_default=False, autocompletion=complete.terms("tiers")),
]
ActorOpt = Annotated[
    list[str] | None,
    typer.Option("--actor", "-a", help="working-group (what the Working Group can do itself) or "
                 "security-council (what the Council can do).", show_default=False,
                 autocompletion=complete.terms("actors")),
]
TargetOpt = Annotated[
    list[str] | None,
    typer.Option("--target", "-T", help="To whom the action is addressed: parties, donors, "
                 "secretary-general, sanctions-committee, … (see 'caac targets'; repeatable).",
                 show_default=False, autocompletion=complete.terms("targets")),
]
SearchOpt = Annotated[
    str | None,
    typer.Option("--search", "-s", help="Words to find in the text, id or named entities, "
                 "whole or by their start ('sanction' finds 'sanctions', 'DDR' not 'address'); "
                 "case and accents ignored.", show_default=False),
]
FormatOpt = Annotated[
    ListFormat, typer.Option("--format", "-f", help="How to print the result.")
]


class Sort(StrEnum):
    source = "source"
    used = "used"


SortOpt = Annotated[
    Sort, typer.Option("--sort", help="source (the toolkit's order, grouped) or used (the most "
                       "used in the recorded conclusions first: 'caac precedents').")
]


def select_options(
    ctx: typer.Context,
    category: list[str] | None,
    tier: list[str] | None,
    actor: list[str] | None,
    target: list[str] | None,
    search: str | None,
) -> "list[Option]":
    """The options the shared filter flags choose; `caac list` and `caac draft annex` use it."""
    from caac_toolkit import query

    toolkit = state(ctx).toolkit()
    filters = query.Filters.parse(
        toolkit,
        categories=category or (),
        tiers=tier or (),
        actors=actor or (),
        targets=target or (),
        search=search,
    )
    return query.select(toolkit, filters)


def list_options(
    ctx: typer.Context,
    category: CategoryOpt = None,
    tier: TierOpt = None,
    actor: ActorOpt = None,
    target: TargetOpt = None,
    search: SearchOpt = None,
    fmt: FormatOpt = ListFormat.table,
    sort: SortOpt = Sort.source,
) -> None:
    """List the toolkit's options, grouped by category and tier as in the source.

    Repeat a flag to widen it (OR); combine flags to narrow (AND):
    caac list --category demarches --target parties --format json
    """
    toolkit = state(ctx).toolkit()
    options = select_options(ctx, category, tier, actor, target, search)
    machine = fmt in (ListFormat.json, ListFormat.yaml)
    # The precedents are read only when asked for: the plain listing stays quick.
    used = precedents.usage(ctx, [o.id for o in options]) if machine or sort is Sort.used else {}
    if sort is Sort.used:
        from caac_toolkit.precedents import by_use

        options = by_use(options, used)
    if fmt is ListFormat.ids:
        for option in options:
            print(option.id)
    elif machine:
        records = [{**formats.option_record(toolkit, o), "used": formats.used_record(used[o.id])}
                   for o in options]
        print(formats.dump(records, fmt), end="")
    elif fmt is ListFormat.markdown and sort is Sort.used:
        print(formats.used_markdown(options, used), end="")
    elif fmt is ListFormat.markdown:
        print(formats.options_markdown(toolkit, options), end="")
    elif options and sort is Sort.used:
        formats.used_table(options, used)
    elif options:
        formats.options_table(toolkit, options)
    if not options:
        formats.note("caac: no option matches these filters")


def show(
    ctx: typer.Context,
    option_id: Annotated[
        str, typer.Argument(metavar="ID", help="An option id, or the start of one that is unique.",
                            autocompletion=complete.option_ids)
    ],
    fmt: FormatOpt = ListFormat.table,
) -> None:
    """Show every field of one option.

    caac show other-measures.sanctions
    """
    from caac_toolkit import query

    toolkit = state(ctx).toolkit()
    option = query.find(toolkit, option_id)
    used = precedents.usage(ctx, [option.id])[option.id]
    record = {**formats.option_record(toolkit, option),
              "used": {**formats.used_record(used), "latest": list(used.latest)}}
    if fmt is ListFormat.ids:
        print(option.id)
    elif fmt is ListFormat.markdown:
        print(formats.option_markdown(toolkit, option, used), end="")
    elif fmt is ListFormat.table:
        formats.option_panel(toolkit, option, used)
    else:
        print(formats.dump(record, fmt), end="")


def _vocabulary(field: str, title: str):  # type: ignore[no-untyped-def]
    def command(
        ctx: typer.Context,
        fmt: Annotated[
            ListFormat, typer.Option("--format", "-f", help="table, json, yaml or ids.")
        ] = ListFormat.table,
        lang: Annotated[
            str, typer.Option("--lang", "-l", help="The language of the table's labels (json "
                              "and yaml give them all).", autocompletion=complete.languages)
        ] = "en",
    ) -> None:
        from caac_toolkit import languages, query

        languages.load(state(ctx).templates).get(lang)
        toolkit = state(ctx).toolkit()
        counts = query.counts(toolkit, field)
        terms = getattr(toolkit, field)
        records = [formats.term_record(term, counts.get(term.id, 0)) for term in terms]
        if fmt is ListFormat.ids:
            print("\n".join(term.id for term in terms))
        elif fmt in (ListFormat.json, ListFormat.yaml):
            print(formats.dump(records, fmt), end="")
        else:
            formats.terms_table(title, records, lang)

    command.__doc__ = (f"The {title.lower()} with their labels, aliases and option counts.\n\n"
                       f"caac {field} --format json")
    return command


def register(app: typer.Typer) -> None:
    app.command("list")(list_options)
    app.command("show")(show)
    for field, title in (
        ("categories", "Categories"),
        ("tiers", "Tiers"),
        ("actors", "Actors"),
        ("targets", "Targets"),
    ):
        app.command(field)(_vocabulary(field, title))
