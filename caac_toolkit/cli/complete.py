"""Values for shell completion: ids of the vocabularies and options, language codes.

They run when the shell asks, in a process of their own; a toolkit or table that does not load
completes nothing rather than printing an error into the command line being typed.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from caac_toolkit.toolkit import Toolkit

Completion = list[tuple[str, str]]  # a value and what it is, which zsh and fish show


def _given(ctx: typer.Context, name: str) -> Path | None:
    """The value of an option on the command line typed so far (the command's, else caac's)."""
    for context in (ctx, ctx.find_root()):
        value = context.params.get(name)
        if value is not None:
            return Path(value)
    return None


def _toolkit(ctx: typer.Context) -> "Toolkit | None":
    from caac_toolkit import toolkit
    from caac_toolkit.errors import CaacError

    try:
        return toolkit.load(_given(ctx, "data"))
    except (CaacError, OSError):
        return None


def terms(vocabulary: str) -> Any:
    """Completes the ids of a vocabulary: categories, tiers, actors, targets."""

    def complete(ctx: typer.Context, incomplete: str) -> Completion:
        toolkit = _toolkit(ctx)
        if toolkit is None:
            return []
        return [(term.id, term.label("en")) for term in getattr(toolkit, vocabulary)
                if term.id.startswith(incomplete)]

    return complete


def option_ids(ctx: typer.Context, incomplete: str) -> Completion:
    toolkit = _toolkit(ctx)
    if toolkit is None:
        return []
    return [(option.id, option.text[:60]) for option in toolkit.options
            if option.id.startswith(incomplete)]


def documents(ctx: typer.Context, incomplete: str) -> Completion:
    """The documents of the case file typed before (`caac diff OLD`, `caac preview CASE`), by the
    names a build gives them."""
    from caac_toolkit.case import load
    from caac_toolkit.casefiles import named_documents
    from caac_toolkit.drafting import Drafter
    from caac_toolkit.errors import CaacError
    from caac_toolkit.templating import Templates

    toolkit = _toolkit(ctx)
    # While the line is being typed, Click may leave the arguments unparsed, in ctx.args.
    given = ctx.params.get("case_file") or ctx.params.get("old") or next(iter(ctx.args), None)
    case = Path(given) if given else None
    if toolkit is None or case is None or case.suffix.lower() not in (".yaml", ".yml"):
        return []
    try:
        names = named_documents(Drafter(toolkit, Templates(_given(ctx, "templates"))),
                                load(case, toolkit))
    except (CaacError, OSError):
        return []
    return [(name, document.title[:60]) for name, document in names.items()
            if name.startswith(incomplete)]


def languages(ctx: typer.Context, incomplete: str) -> Completion:
    from caac_toolkit import languages as table
    from caac_toolkit.errors import CaacError

    try:
        entries = table.load(_given(ctx, "templates")).entries
    except (CaacError, OSError):
        return []
    return [(code, language.name) for code, language in entries.items()
            if code.startswith(incomplete)]
