"""Builds Documents (letters, statements, annexes, conclusions) from the toolkit, facts, case
files and templates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from caac_toolkit import body
from caac_toolkit.case import Action, Case
from caac_toolkit.document import Document, Masthead, Part, Signature
from caac_toolkit.errors import UsageError
from caac_toolkit.templating import Templates, default_date, format_date, one_line
from caac_toolkit.toolkit import LANGUAGES, Option, Toolkit

Sender = Literal["chair", "president"]
DISTRIBUTIONS = ("general", "limited", "restricted")
_JOB_NUMBER = re.compile(r"^(\d{2})-(\d{5})$")
# The Council's resolutions on children and armed conflict that conclusions cite, with the
# dates they were adopted: a conclusion cites those adopted before its meeting.
RESOLUTIONS = (
    (1612, dt.date(2005, 7, 26)),
    (1882, dt.date(2009, 8, 4)),
    (1998, dt.date(2011, 7, 12)),
    (2068, dt.date(2012, 9, 19)),
    (2143, dt.date(2014, 3, 7)),
    (2225, dt.date(2015, 6, 18)),
    (2427, dt.date(2018, 7, 9)),
)


@dataclass(frozen=True)
class Facts:
    """What the drafter knows about the situation; None where nobody said."""

    lang: str = "en"
    situation: str | None = None
    parties: tuple[str, ...] = ()
    report: str | None = None
    date: dt.date | None = None
    symbol: str | None = None
    job_number: str | None = None
    signatory: str | None = None
    signatory_title: str | None = None  # instead of the sender's usual title line
    distribution: str = "general"

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise UsageError(f"unknown language '{self.lang}'", hint="use en or fr")
        if self.distribution not in DISTRIBUTIONS:
            raise UsageError(
                f"unknown distribution '{self.distribution}'", hint="use " + ", ".join(DISTRIBUTIONS)
            )
        if self.job_number is not None and not _JOB_NUMBER.match(self.job_number):
            raise UsageError(
                f"job number '{self.job_number}' is not of the form YY-NNNNN", hint="e.g. 07-43210"
            )


@dataclass(frozen=True)
class LetterRequest:
    """Which options go into a letter, and to whom."""

    target: str | None = None
    options: tuple[str, ...] = ()
    addressee: str | None = None
    sender: Sender | None = None
    salutation: str | None = None
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Message:
    """What a case says to one addressee: the Chair's public statement to the parties, or one
    letter gathering every action for the same target, addressee and sender."""

    request: LetterRequest  # the sender decided; the points of all those actions
    statement: bool
    council: bool  # a recommendation to the Security Council, not direct action


@dataclass(frozen=True)
class CaseDocument:
    kind: str  # conclusions, statement, letter
    document: Document
    target: str | None = None  # a letter's target id
    addressee: str | None = None  # a letter's addressee as written, None where unknown


@dataclass
class _Gaps:
    """Facts a draft needs but was not given: shown as placeholders and reported as warnings."""

    labels: dict[str, Any]
    missing: list[str] = field(default_factory=list)

    def fill(self, value: str | None, name: str) -> str:
        if value:
            return value
        placeholder = str(self.labels["placeholders"][name])
        if name not in self.missing:
            self.missing.append(name)
        return placeholder

    def warnings(self) -> tuple[str, ...]:
        return tuple(
            f"missing {name}: the draft shows {self.labels['placeholders'][name]}"
            for name in self.missing
        )


def fill_situation(text: str, situation: str) -> str:
    """Drafting phrases and default addressees name the situation with the one slot {situation}."""
    return text.replace("{situation}", situation)


def punctuate(points: Sequence[str]) -> list[str]:
    """Lettered points end with a semicolon, the last one with a full stop."""
    cleaned = [point.strip().rstrip(";.,:").rstrip() for point in points]
    return [p + (";" if i < len(cleaned) - 1 else ".") for i, p in enumerate(cleaned)]


class Drafter:
    def __init__(self, toolkit: Toolkit, templates: Templates | None = None) -> None:
        self.toolkit = toolkit
        self.templates = templates or Templates()

    # Shared pieces --------------------------------------------------------------------------

    def _date(self, facts: Facts) -> dt.date:
        return facts.date or default_date()

    def _masthead(self, facts: Facts, labels: dict[str, Any]) -> Masthead | None:
        if not facts.symbol:
            return None
        return Masthead(
            left=tuple(labels["masthead"]["left"]),
            symbol=facts.symbol,
            right=(
                labels["distribution"][facts.distribution],
                format_date(self._date(facts), facts.lang),
                labels["original"][facts.lang],
            ),
            organ=labels["masthead"]["organ"],
        )

    def _job_line(self, facts: Facts, labels: dict[str, Any]) -> str | None:
        match = _JOB_NUMBER.match(facts.job_number or "")
        if not match:
            return None
        stamp = self._date(facts).strftime("%d%m%y")
        return f"{facts.job_number} ({labels['job_language']}) {stamp} *{''.join(match.groups())}*"

    def _signature(self, facts: Facts, sender: Sender, gaps: _Gaps) -> Signature:
        labels = gaps.labels
        return Signature(
            signed=labels["signed"],
            name=one_line(gaps.fill(facts.signatory, "signatory")),
            titles=(one_line(facts.signatory_title),) if facts.signatory_title
            else tuple(labels["signature_titles"][sender]),
        )

    def _context(self, facts: Facts, gaps: _Gaps, **extra: Any) -> dict[str, Any]:
        date = self._date(facts)
        return {
            "lang": facts.lang,
            "labels": gaps.labels,
            "date": date,
            "date_text": format_date(date, facts.lang),
            "parties": list(facts.parties),
            "report": facts.report,
            "symbol": facts.symbol,
            **extra,
        }

    def _part(
        self, template: str, prefix: str, context: dict[str, Any], **part: Any
    ) -> Part:
        title = body.inline(self.templates.render(template, f"{prefix}title", context))
        blocks = body.parse(self.templates.render(template, f"{prefix}body", context))
        return Part(title=title or None, blocks=blocks, **part)

    def _document(self, kind: str, facts: Facts, gaps: _Gaps, parts: list[Part]) -> Document:
        labels = gaps.labels
        return Document(
            kind=kind,
            lang=facts.lang,
            title=parts[0].title or kind,
            parts=tuple(parts),
            masthead=self._masthead(facts, labels),
            symbol=facts.symbol,
            job_line=self._job_line(facts, labels),
            date=self._date(facts),
            subject=facts.symbol,
            warnings=gaps.warnings(),
        )

    # Letters ----------------------------------------------------------------------------------

    def letter_options(self, request: LetterRequest) -> list[Option]:
        from caac_toolkit import query

        if request.options:
            return [query.find(self.toolkit, wanted) for wanted in request.options]
        if request.target is None:
            raise UsageError("say whom the letter is to", hint="give --to TARGET or --option ID")
        chosen = [o for o in self.toolkit.options if request.target in o.targets]
        return sorted(chosen, key=lambda o: o.source.order)

    def sender_for(self, request: LetterRequest, options: Sequence[Option]) -> Sender:
        """--sender, else the target's usual sender, else the President when an option needs
        the Council (tier council), else the Chair."""
        if request.sender:
            return request.sender
        if request.target:
            usual = self.toolkit.target(request.target).sender
            if usual:
                return usual
        return "president" if any(o.tier == "council" for o in options) else "chair"

    def addressee(self, request: LetterRequest, lang: str, situation: str) -> str | None:
        """The addressee given, else the usual one for the target (labels), else None."""
        usual = self.templates.labels(lang)["addressees"].get(request.target or "")
        return request.addressee or (fill_situation(usual, situation) if usual else None)

    def letter(self, facts: Facts, request: LetterRequest) -> Document:
        labels = self.templates.labels(facts.lang)
        gaps = _Gaps(labels)
        options = self.letter_options(request)
        sender = self.sender_for(request, options)
        situation = gaps.fill(facts.situation, "situation")
        addressee = self.addressee(request, facts.lang, situation)
        context = self._context(
            facts,
            gaps,
            situation=situation,
            target=request.target,
            sender=sender,
            sender_text=labels["senders"][sender],
            addressee=gaps.fill(addressee, "addressee"),
            salutation=request.salutation or labels["salutation"],
            options=[
                {"id": o.id, "text": o.text, "paragraph": fill_situation(o.drafting(facts.lang),
                                                                          situation)}
                for o in options
            ],
            points=punctuate(request.points),
        )
        part = self._part(
            f"{facts.lang}/letter.md.j2", "", context,
            signature=self._signature(facts, sender, gaps),
        )
        return self._document("letter", facts, gaps, [part])

    # Public statement -------------------------------------------------------------------------

    def statement(self, facts: Facts, points: Sequence[str]) -> Document:
        labels = self.templates.labels(facts.lang)
        gaps = _Gaps(labels)
        context = self._context(
            facts,
            gaps,
            situation=gaps.fill(facts.situation, "situation"),
            points=punctuate(points or [gaps.fill(None, "point")]),
        )
        part = self._part(f"{facts.lang}/statement.md.j2", "", context)
        return self._document("statement", facts, gaps, [part])

    # Annex ------------------------------------------------------------------------------------

    def annex(self, facts: Facts, options: Sequence[Option], with_letter: bool) -> Document:
        labels = self.templates.labels(facts.lang)
        gaps = _Gaps(labels)
        toolkit = self.toolkit
        lang = facts.lang
        chosen = {o.id for o in options}
        sections = []
        for category in toolkit.categories:
            tiers = []
            for tier in toolkit.tiers:
                texts = [
                    o.text if lang == "en" else o.text_fr
                    for o in sorted(toolkit.options, key=lambda o: o.source.order)
                    if o.id in chosen and o.category == category.id and o.tier == tier.id
                ]
                if texts:
                    tiers.append({"heading": tier.heading(lang), "options": texts})
            if tiers:
                sections.append({"number": category.number, "label": category.label(lang),
                                 "tiers": tiers})
        source = toolkit.document
        context = self._context(
            facts,
            gaps,
            with_letter=with_letter,
            sender_text=labels["senders"]["chair"],
            source={
                "symbol": source.symbol,
                "title": source.title(lang),
                "adopted": source.adopted,
                "meeting": source.meeting,
                "annex_heading": source.annex_heading(lang),
                "mandate_heading": source.mandate.heading(lang),
                "mandate_lead": source.mandate.lead(lang),
                "mandate_points": [p.text(lang) for p in source.mandate.points],
                "introduction": source.introduction(lang),
            },
            sections=sections,
        )
        template = f"{lang}/annex.md.j2"
        parts = []
        if with_letter:
            parts.append(self._part(template, "letter_", context,
                                    signature=self._signature(facts, "chair", gaps)))
        parts.append(self._part(template, "", context, new_page=with_letter))
        return self._document("annex", facts, gaps, parts)

    # Case files -------------------------------------------------------------------------------

    def messages(self, case: Case) -> list[Message]:
        """The case's actions grouped by target, addressee and sender, in the case's order.

        Actions to the parties from the Chair, with no particular addressee, make the public
        statement. An action is a recommendation to the Council when the President sends it, or
        when no sender is given and its option's tier is the Council's.
        """
        groups: dict[tuple[str, str | None, Sender], list[tuple[Action, bool]]] = {}
        for action in case.actions:
            option = self.toolkit.by_id[action.option]
            sender = self.sender_for(LetterRequest(target=action.to, sender=action.sender),
                                     [option])
            council = sender == "president" or (action.sender is None and option.tier == "council")
            groups.setdefault((action.to, action.addressee, sender), []).append((action, council))
        return [
            Message(
                LetterRequest(
                    target=target, addressee=addressee, sender=sender,
                    options=tuple(action.option for action, _ in actions),
                    points=tuple(point for action, _ in actions for point in action.points),
                ),
                statement=target == "parties" and sender == "chair" and addressee is None,
                council=any(council for _, council in actions),
            )
            for (target, addressee, sender), actions in groups.items()
        ]

    def conclusions(self, case: Case) -> Document:
        facts = case_facts(case)
        gaps = _Gaps(self.templates.labels(facts.lang))
        entries = [(message.council, self._conclusion(message, case, gaps))
                   for message in self.messages(case)]
        sections = [
            {"council": council, "messages": [entry for c, entry in entries if c == council]}
            for council in (False, True)
            if any(c == council for c, _ in entries)
        ]
        context = self._context(
            facts,
            gaps,
            situation=case.situation,
            meeting={"number": case.meeting.number, "date": case.meeting.date},
            resolutions=[f"{number} ({adopted.year})" for number, adopted in RESOLUTIONS
                         if adopted < case.meeting.date],
            previous=list(case.previous),
            sections=sections,
        )
        part = self._part(f"{facts.lang}/conclusions.md.j2", "", context)
        return self._document("conclusions", facts, gaps, [part])

    def _conclusion(self, message: Message, case: Case, gaps: _Gaps) -> dict[str, Any]:
        """One action paragraph of the conclusions, as the template sees it."""
        request = message.request
        points = request.points
        if message.statement and not points:
            points = (gaps.fill(None, "point"),)
        addressee = self.addressee(request, case.language, case.situation)
        return {
            "statement": message.statement,
            "sender": request.sender,
            "addressee": gaps.fill(addressee, "addressee"),
            "points": punctuate(points),
        }

    def case_documents(self, case: Case) -> list[CaseDocument]:
        """Everything a case produces: the conclusions, the public statement when the parties
        are addressed, and one letter per addressee."""
        documents = [CaseDocument("conclusions", self.conclusions(case))]
        letter_facts = case_facts(case, letter=True)
        for message in self.messages(case):
            request = message.request
            if message.statement:
                document = self.statement(letter_facts, request.points)
                documents.append(CaseDocument("statement", document))
                continue
            signer = case.president if request.sender == "president" else case.chair
            facts = dataclasses.replace(
                letter_facts,
                signatory=signer.name if signer else None,
                signatory_title=signer.title if signer else None,
            )
            addressee = self.addressee(request, case.language, case.situation)
            documents.append(CaseDocument("letter", self.letter(facts, request), request.target,
                                          addressee))
        return documents


def case_facts(case: Case, *, letter: bool = False) -> Facts:
    """The facts a case gives; the conclusions' symbol and job number are not the letters'."""
    return Facts(
        lang=case.language,
        situation=case.situation,
        parties=tuple(str(party) for party in case.parties),
        report=case.report,
        date=case.date,
        symbol=None if letter else case.symbol,
        job_number=None if letter else case.job_number,
    )
