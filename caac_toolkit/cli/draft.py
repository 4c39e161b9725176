"""`caac draft letter|statement|annex` and `caac templates`."""

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from caac_toolkit.cli import browse, complete
from caac_toolkit.cli import precedents as earlier
from caac_toolkit.cli.output import (
    DateOpt,
    DistributionOpt,
    ForceOpt,
    FormatOpt,
    GenderChoice,
    JobNumberOpt,
    LangOpt,
    OutputOpt,
    PartyOpt,
    PointOpt,
    ReferenceDocxOpt,
    ReportOpt,
    SignatoryGenderOpt,
    SignatoryOpt,
    SituationOpt,
    StrictOpt,
    SymbolOpt,
    TemplatesOpt,
    deliver,
    emit,
)
from caac_toolkit.cli.state import state

if TYPE_CHECKING:
    from caac_toolkit.drafting import Drafter, Facts
    from caac_toolkit.files import Inputs

draft_app = typer.Typer(
    help="Draft a document in UN style: a letter, the Chair's public statement, the toolkit "
    "annex, or the conclusions of a case file.\n\n"
    "caac draft letter --to donors --situation \"the Sudan\" -o letter.docx",
    no_args_is_help=True,
)


class SenderChoice(StrEnum):
    chair = "chair"
    president = "president"


def _drafter(ctx: typer.Context, templates: Path | None) -> "Drafter":
    from caac_toolkit.drafting import Drafter
    from caac_toolkit.templating import Templates

    return Drafter(state(ctx).toolkit(), Templates(templates))


def _inputs(ctx: typer.Context, templates: Path | None, *files: Path | None) -> "Inputs":
    from caac_toolkit.files import command_inputs

    return command_inputs(*files, data=state(ctx).data, templates=templates)


def _facts(
    lang: str,
    date: datetime | None,
    distribution: str,
    *,
    situation: str | None = None,
    party: list[str] | None = None,
    report: str | None = None,
    symbol: str | None = None,
    job_number: str | None = None,
    signatory: str | None = None,
    signatory_gender: GenderChoice | None = None,
) -> "Facts":
    from caac_toolkit.case import Report
    from caac_toolkit.drafting import Facts

    return Facts(
        lang=lang,
        situation=situation,
        parties=tuple(party or ()),
        report=Report(symbol=report) if report else None,
        date=date.date() if date else None,
        symbol=symbol,
        job_number=job_number,
        signatory=signatory,
        signatory_gender=signatory_gender.value if signatory_gender else None,
        distribution=distribution,
    )


@draft_app.command()
def letter(
    ctx: typer.Context,
    to: Annotated[
        str | None,
        typer.Option("--to", help="The addressee's kind: parties, donors, secretary-general, "
                     "sanctions-committee, … ('caac targets'). Takes the options addressed to it "
                     "first (--to donors: the letter to donors, not every option donors may "
                     "also support); --option to choose others.",
                     show_default=False, autocompletion=complete.terms("targets")),
    ] = None,
    option: Annotated[
        list[str] | None,
        typer.Option("--option", help="An option id (or unique prefix) to include instead "
                     "(repeatable).", show_default=False, autocompletion=complete.option_ids),
    ] = None,
    addressee: Annotated[
        str | None,
        typer.Option("--addressee", help="The exact addressee, e.g. \"the Chair of the Security "
                     "Council Committee established pursuant to resolution 1533 (2004) concerning "
                     "the Democratic Republic of the Congo\". In Russian it follows 'на имя' in the "
                     "title: give it in the genitive.", show_default=False),
    ] = None,
    sender: Annotated[
        SenderChoice | None,
        typer.Option("--sender", help="chair (Working Group) or president (Security Council); "
                     "by default from the options' tier.", show_default=False),
    ] = None,
    salutation: Annotated[
        str | None,
        typer.Option("--salutation", help="e.g. Madam, Excellency (default Sir / Monsieur).",
                     show_default=False),
    ] = None,
    situation: SituationOpt = None,
    party: PartyOpt = None,
    point: PointOpt = None,
    report: ReportOpt = None,
    signatory: SignatoryOpt = None,
    signatory_gender: SignatoryGenderOpt = None,
    date: DateOpt = None,
    symbol: SymbolOpt = None,
    job_number: JobNumberOpt = None,
    distribution: DistributionOpt = "general",
    lang: LangOpt = "en",
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    strict: StrictOpt = None,
    templates: TemplatesOpt = None,
    reference_docx: ReferenceDocxOpt = None,
) -> None:
    """Draft a letter covering the toolkit options addressed to one kind of addressee.

    caac draft letter --to sanctions-committee --situation "the Sudan"
    --date 2007-07-24 --signatory "Jean-Marc de La Sablière" -o letter.docx
    """
    drafter = _drafter(ctx, templates)
    from caac_toolkit.query import resolve

    target = resolve(drafter.toolkit.targets, to, "target", "--to") if to else None
    from caac_toolkit.drafting import LetterRequest

    request = LetterRequest(
        target=target,
        options=tuple(option or ()),
        addressee=addressee,
        sender=sender.value if sender else None,
        salutation=salutation,
        points=tuple(point or ()),
    )
    facts = _facts(lang, date, distribution, situation=situation, party=party, report=report,
                   symbol=symbol, job_number=job_number, signatory=signatory,
                   signatory_gender=signatory_gender)
    emit(drafter.letter(facts, request), fmt, output, force=force, strict=strict,
         inputs=_inputs(ctx, templates, reference_docx), reference_docx=reference_docx)


@draft_app.command()
def statement(
    ctx: typer.Context,
    situation: SituationOpt = None,
    precedents: earlier.PrecedentsFlag = False,
    party: PartyOpt = None,
    point: PointOpt = None,
    report: ReportOpt = None,
    date: DateOpt = None,
    symbol: SymbolOpt = None,
    job_number: JobNumberOpt = None,
    distribution: DistributionOpt = "general",
    lang: LangOpt = "en",
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    strict: StrictOpt = None,
    templates: TemplatesOpt = None,
    reference_docx: ReferenceDocxOpt = None,
) -> None:
    """Draft the Chair's public statement to the parties of a situation.

    caac draft statement --situation "the Sudan"
    --party "the Justice and Equality Movement (JEM)"
    --point "Strongly condemning the recruitment and use of children"
    """
    if precedents and situation:
        earlier.print_earlier(ctx, situation, date.date() if date else None)
    facts = _facts(lang, date, distribution, situation=situation, party=party, report=report,
                   symbol=symbol, job_number=job_number)
    document = _drafter(ctx, templates).statement(facts, point or [])
    emit(document, fmt, output, force=force, strict=strict,
         inputs=_inputs(ctx, templates, reference_docx), reference_docx=reference_docx)


@draft_app.command()
def annex(
    ctx: typer.Context,
    category: browse.CategoryOpt = None,
    tier: browse.TierOpt = None,
    actor: browse.ActorOpt = None,
    target: browse.TargetOpt = None,
    search: browse.SearchOpt = None,
    with_letter: Annotated[
        bool, typer.Option("--with-letter", help="Add the covering letter from the Chair to the "
                           "President of the Security Council, as in the source.")
    ] = False,
    signatory: SignatoryOpt = None,
    signatory_gender: SignatoryGenderOpt = None,
    date: DateOpt = None,
    symbol: SymbolOpt = None,
    job_number: JobNumberOpt = None,
    distribution: DistributionOpt = "general",
    lang: LangOpt = "en",
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    strict: StrictOpt = None,
    templates: TemplatesOpt = None,
    reference_docx: ReferenceDocxOpt = None,
) -> None:
    """Draft the toolkit annex in the source's structure, with the filters of 'caac list'.

    Unfiltered it reproduces the annex of S/AC.51/2007/2.

    caac draft annex --category demarches --with-letter -o annex.pdf
    """
    options = browse.select_options(ctx, category, tier, actor, target, search)
    facts = _facts(lang, date, distribution, symbol=symbol, job_number=job_number,
                   signatory=signatory, signatory_gender=signatory_gender)
    document = _drafter(ctx, templates).annex(facts, options, with_letter)
    emit(document, fmt, output, force=force, strict=strict,
         inputs=_inputs(ctx, templates, reference_docx), reference_docx=reference_docx)


@draft_app.command("annual-report")
def annual_report(
    ctx: typer.Context,
    cases: Annotated[
        list[Path],
        typer.Argument(help="Case files, or folders of them: the conclusions they record, with "
                       "the precedents (data/precedents.yaml).", show_default=False),
    ],
    start: Annotated[
        datetime,
        typer.Option("--from", formats=["%Y-%m-%d"], help="The first day of the period, "
                     "YYYY-MM-DD.", show_default=False),
    ],
    end: Annotated[
        datetime,
        typer.Option("--to", formats=["%Y-%m-%d"], help="The last day of the period, YYYY-MM-DD.",
                     show_default=False),
    ],
    activities: Annotated[
        Path | None,
        typer.Option("--activities", metavar="FILE", help="Your register of field visits, "
                     "briefings and meetings (activities: date, kind, subject, source).",
                     show_default=False),
    ] = None,
    signatory: SignatoryOpt = None,
    signatory_gender: SignatoryGenderOpt = None,
    date: DateOpt = None,
    symbol: SymbolOpt = None,
    job_number: JobNumberOpt = None,
    distribution: DistributionOpt = "general",
    lang: LangOpt = "en",
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    strict: StrictOpt = None,
    templates: TemplatesOpt = None,
    reference_docx: ReferenceDocxOpt = None,
) -> None:
    """Draft the Working Group's annual report on a period, with the Chair's covering letter:
    the meetings held and a table of the conclusions adopted.

    The case files win over the precedents (data/precedents.yaml, or the file in
    CAAC_PRECEDENTS) where both describe one set; a note says where they differ. --strict
    fails on a set of the period without a symbol or a date of adoption.

    caac draft annual-report examples --from 2018-01-01 --to 2018-12-31 -o report.docx
    """
    import sys

    from caac_toolkit import annual
    from caac_toolkit import case as case_module
    from caac_toolkit.casefiles import case_files
    from caac_toolkit.errors import UsageError

    if start > end:
        raise UsageError("--from is after --to", hint="give the period's first day to --from")
    drafter = _drafter(ctx, templates)
    table = drafter.templates.languages
    loaded = [case_module.load(path, drafter.toolkit, table) for path in case_files(cases)]
    register = []
    if activities is not None:
        from caac_toolkit import activities as activities_module

        register = activities_module.in_period(activities_module.load(activities),
                                               start.date(), end.date())
    year = annual.year(loaded, earlier.load(ctx), start.date(), end.date())
    for note in year.notes:
        print(f"caac: note: {note}", file=sys.stderr)
    facts = _facts(lang, date, distribution, symbol=symbol, job_number=job_number,
                   signatory=signatory, signatory_gender=signatory_gender)
    document = drafter.annual_report(facts, year, register)
    read = [*(path for path in case_files(cases)), activities, reference_docx]
    emit(document, fmt, output, force=force, strict=strict,
         inputs=_inputs(ctx, templates, *read), reference_docx=reference_docx)


def list_templates(
    templates: TemplatesOpt = None,
    export_reference_docx: Annotated[
        Path | None,
        typer.Option("--export-reference-docx", metavar="FILE", help="Write the built-in Word "
                     "reference document (every UN style, the page, headers and footers) to FILE, "
                     "to edit and give to --reference-docx.", show_default=False),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """List the templates and label files, and which one is used: yours or the bundled one.

    caac templates

    caac templates --export-reference-docx reference.docx
    """
    from caac_toolkit.templating import Templates

    if export_reference_docx is not None:
        from caac_toolkit.files import command_inputs
        from caac_toolkit.writers.docx import reference_template

        deliver(reference_template(), export_reference_docx, force=force,
                inputs=command_inputs(templates=templates))
        return

    for source in Templates(templates).sources():
        print(f"{source.name}\t{source.origin}\t{source.path}")


def register(app: typer.Typer) -> None:
    app.add_typer(draft_app, name="draft")
    app.command("templates")(list_templates)
