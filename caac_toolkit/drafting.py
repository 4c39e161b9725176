"""Builds Documents (letters, statements, annexes, conclusions) from the toolkit, facts, case
files and templates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from caac_toolkit import body, routing, typography
from caac_toolkit.case import Action, Case, Gender, Meeting, Report
from caac_toolkit.document import Document, Layout, Masthead, Notice, Part, Signature
from caac_toolkit.era import Era, era, resolutions
from caac_toolkit.errors import UsageError
from caac_toolkit.labels import Labels
from caac_toolkit.routing import COUNCIL_CHANNELS, Channel, Sender
from caac_toolkit.templating import (
    Templates,
    default_date,
    epoch_date,
    format_date,
    one_line,
    ordinal,
    spelled_ordinal,
)
from caac_toolkit.toolkit import Option, Toolkit

DISTRIBUTIONS = ("general", "limited", "restricted")
_JOB_NUMBER = re.compile(r"^(\d{2})-(\d{5})(?![\s\S])")
# Where a case file gives each fact a placeholder stands for, so that a warning can name its line;
# the case as a whole for the others (the signatory: the Chair or the President).
_CASE_KEYS: dict[str, tuple[str, ...]] = {
    "situation": ("situation",), "report": ("report",), "meeting": ("meeting",),
    "date": ("date",), "resolutions": ("report",), "addressee": ("actions",),
    "point": ("actions",),
}


@dataclass(frozen=True)
class Facts:
    """What the drafter knows about the situation; None where nobody said."""

    lang: str = "en"
    situation: str | None = None
    parties: tuple[str, ...] = ()
    report: Report | None = None
    meeting: Meeting | None = None  # the meeting a public statement names
    date: dt.date | None = None
    symbol: str | None = None
    job_number: str | None = None
    signatory: str | None = None
    signatory_title: str | None = None  # instead of the sender's usual title line
    signatory_gender: Gender | None = None
    chair_gender: Gender | None = None  # how the statement names the Chair
    parties_listed_in: str | None = None  # where the parties are listed, if not in the report
    distribution: str = "general"
    today: bool = True  # with no date, today's; else SOURCE_DATE_EPOCH's or a placeholder

    def __post_init__(self) -> None:
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
class Group:
    """Points under one addressee heading ("To the Government of Mali")."""

    target: str
    addressee: str | None
    points: tuple[str, ...]


@dataclass(frozen=True)
class Message:
    """What a case says through one channel to one addressee: the Chair's public statement,
    one letter gathering every action for the same target, addressee and sender, or a
    recommendation to the Council."""

    request: LetterRequest  # the sender decided; the points of all those actions
    channel: Channel
    groups: tuple[Group, ...] = ()  # points under addressee headings, instead of request.points

    @property
    def statement(self) -> bool:
        return self.channel == "statement"

    @property
    def council(self) -> bool:
        """A recommendation to the Security Council, not direct action."""
        return self.channel in COUNCIL_CHANNELS


@dataclass(frozen=True)
class CaseDocument:
    kind: str  # conclusions, statement, letter
    document: Document
    target: str | None = None  # a letter's target id
    addressee: str | None = None  # a letter's addressee as written, None where unknown


@dataclass
class _Gaps:
    """Facts a draft needs but was not given: shown as placeholders and reported as warnings."""

    labels: Labels
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # other warnings about the draft

    def fill(self, value: str | None, name: str) -> str:
        if value:
            return value
        placeholder = str(getattr(self.labels.placeholders, name))
        if name not in self.missing:
            self.missing.append(name)
        return placeholder

    def warnings(self) -> tuple[Notice, ...]:
        return (*(Notice(f"missing {name}: the draft shows "
                         f"{getattr(self.labels.placeholders, name)}", "gap", _CASE_KEYS.get(name, ()))
                  for name in self.missing), *(Notice(note, "note") for note in self.notes))


def script_layout(language: Any) -> dict[str, Any]:
    """What writers need of a language beyond its point labels: its paragraph numbers and
    letters, and the script it writes beside Latin (Arabic, Chinese)."""
    script = language.script
    layout: dict[str, Any] = {"number_label": language.number_label}
    if language.letters is not None:
        layout.update(letters=tuple(language.letters.text), word_letters=language.letters.word)
    if script is not None:
        layout.update(script=script.name, script_fonts=tuple(script.fonts),
                      script_slot=script.word, script_tag=script.tag)
    return layout


def fill_situation(text: str, situation: str) -> str:
    """Drafting phrases and default addressees name the situation with the one slot {situation}."""
    return text.replace("{situation}", situation)


def punctuate(points: Sequence[str]) -> list[str]:
    """Lettered points end with a semicolon, the last one with a full stop."""
    cleaned = [point.strip().rstrip(";.,:").rstrip() for point in points]
    return [p + (";" if i < len(cleaned) - 1 else ".") for i, p in enumerate(cleaned)]


def paragraphs(text: str) -> list[str]:
    """A text given in a case file, as its paragraphs (separated by blank lines)."""
    return [one_line(p).strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


class Drafter:
    def __init__(self, toolkit: Toolkit, templates: Templates | None = None) -> None:
        self.toolkit = toolkit
        self.templates = templates or Templates()

    # Shared pieces --------------------------------------------------------------------------

    def _date(self, facts: Facts) -> dt.date | None:
        return facts.date or (default_date() if facts.today else epoch_date())

    def _date_text(self, facts: Facts, gaps: _Gaps, *, masthead: bool = False) -> str:
        """The document's date in running text, or in the masthead, which in some languages
        (Russian) is printed in another one."""
        date = self._date(facts)
        lang = facts.lang
        if masthead:
            lang = self.templates.languages.get(lang).masthead_language or lang
        return format_date(date, lang) if date else gaps.fill(None, "date")

    def _masthead(self, facts: Facts, gaps: _Gaps, original: str | None = None) -> Masthead | None:
        if not facts.symbol:
            return None
        labels = gaps.labels
        return Masthead(
            left=tuple(labels.masthead.left),
            symbol=facts.symbol,
            right=(
                getattr(labels.distribution, facts.distribution),
                self._date_text(facts, gaps, masthead=True),
                labels.original[original or facts.lang],
            ),
            organ=labels.masthead.organ,
        )

    def _job_line(self, facts: Facts, gaps: _Gaps) -> str | None:
        match = _JOB_NUMBER.match(facts.job_number or "")
        if not match:
            return None
        labels = gaps.labels
        date = self._date(facts)
        stamp = date.strftime("%d%m%y") if date else gaps.fill(None, "date")
        return f"{facts.job_number} ({labels.job_language}) {stamp} *{''.join(match.groups())}*"

    def _signature(self, facts: Facts, sender: Sender, gaps: _Gaps) -> Signature:
        labels = gaps.labels
        titles = getattr(labels.signature_titles, sender)(facts.signatory_gender)
        return Signature(
            signed=labels.signed,
            name=one_line(gaps.fill(facts.signatory, "signatory")),
            titles=(one_line(facts.signatory_title),) if facts.signatory_title else (titles,),
        )

    def _era(self, facts: Facts) -> Era:
        """The wording of the documents about the meeting the facts name, else of their date."""
        return era(facts.meeting.date if facts.meeting else self._date(facts) or dt.date.today())

    def _context(self, facts: Facts, gaps: _Gaps, **extra: Any) -> dict[str, Any]:
        report = facts.report
        return {
            "lang": facts.lang,
            "labels": gaps.labels,
            "date": self._date(facts),
            "date_text": self._date_text(facts, gaps),
            "parties": list(facts.parties),
            "report": report.symbol if report else None,
            "report_ordinal": spelled_ordinal(report.ordinal, facts.lang)
            if report and report.ordinal else None,
            "period": self._period(report, facts.lang),
            "symbol": facts.symbol,
            "era": self._era(facts),
            "chair": gaps.labels.senders.chair(facts.chair_gender),
            **extra,
        }

    @staticmethod
    def _period(report: Report | None, lang: str) -> dict[str, Any] | None:
        if report is None or report.period is None:
            return None
        months = report.period.months
        return {"start": format_date(report.period.start, lang, month=months),
                "end": format_date(report.period.end, lang, month=months), "months": months}

    def _meeting(self, meeting: Meeting | None, lang: str, gaps: _Gaps, *,
                 spelled: bool = False, numbered: bool = True) -> dict[str, Any]:
        """A meeting as the templates name it: its number (spelled out, or in figures), its
        date, whether it was a videoconference. A missing number is a gap where the document
        must name one (`numbered`), else simply not printed."""
        if meeting is None:
            return {"number": gaps.fill(None, "meeting"), "date": gaps.fill(None, "date"),
                    "videoconference": False}
        if meeting.number is None:
            number = (gaps.fill(None, "meeting") if numbered and meeting.kind == "meeting"
                      else None)
        else:
            number = (spelled_ordinal if spelled else ordinal)(meeting.number, lang)
        return {"number": number, "date": format_date(meeting.date, lang),
                "videoconference": meeting.kind == "videoconference"}

    def _part(
        self, template: str, prefix: str, context: dict[str, Any], **part: Any
    ) -> Part:
        title, text = self.templates.render(template, (f"{prefix}title", f"{prefix}body"), context)
        return Part(title=body.inline(title) or None, blocks=body.parse(text), **part)

    def _document(self, kind: str, facts: Facts, gaps: _Gaps, parts: list[Part],
                  original: str | None = None) -> Document:
        language = self.templates.languages.get(facts.lang)
        document = Document(
            kind=kind,
            lang=facts.lang,
            title=parts[0].title or kind,
            parts=tuple(parts),
            masthead=self._masthead(facts, gaps, original),
            symbol=facts.symbol,
            job_line=self._job_line(facts, gaps),
            date=self._date(facts),
            subject=facts.symbol,
            warnings=gaps.warnings() + tuple(Notice(w, "gap", ("situation",)) for w in
                                             language.situation_warnings(facts.situation)),
            layout=Layout(point_label=language.point_label, direction=language.direction,
                          fonts=tuple(language.fonts), **script_layout(language)),
        )
        return typography.apply_document(document, language)

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
        return routing.sender(self.toolkit, request.target, list(options), request.sender)

    def addressee(self, target: str | None, addressee: str | None, lang: str,
                  situation: str) -> str | None:
        """The addressee given, else the usual one for the target (labels), else None."""
        usual = self.templates.labels(lang).addressees.get(target or "")
        return addressee or (fill_situation(usual, situation) if usual else None)

    def _groups(self, groups: Sequence[Group], lang: str, situation: str, gaps: _Gaps,
                parties: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Addressee headings and their points; the heading to all parties names the parties
        given ("…, in particular …", SC/13446)."""
        return [{"addressee": gaps.fill(self.addressee(g.target, g.addressee, lang, situation),
                                        "addressee"),
                 "parties": list(parties) if g.target == "parties" and g.addressee is None else [],
                 "points": punctuate(g.points)} for g in groups]

    def letter(self, facts: Facts, request: LetterRequest, groups: Sequence[Group] = ()) -> Document:
        labels = self.templates.labels(facts.lang)
        gaps = _Gaps(labels, notes=name_slips([facts.situation, request.addressee], labels))
        options = self.letter_options(request)
        sender = self.sender_for(request, options)
        situation = gaps.fill(facts.situation, "situation")
        addressee = self.addressee(request.target, request.addressee, facts.lang, situation)
        published = facts.symbol is not None  # a letter issued as a document: no salutation
        context = self._context(
            facts,
            gaps,
            situation=situation,
            target=request.target,
            sender=sender,
            sender_text=getattr(labels.senders, sender)(facts.signatory_gender),
            addressee=gaps.fill(addressee, "addressee"),
            salutation=None if published else (request.salutation
                                              or labels.salutation(request.target)),
            options=[
                {"id": o.id, "text": o.text,
                 "paragraph": fill_situation(o.phrase(request.target, facts.lang), situation)}
                for o in options
            ],
            points=punctuate(request.points),
            groups=self._groups(groups, facts.lang, situation, gaps),
            # The parties are named to the parties themselves, not to others.
            parties=list(facts.parties) if request.target == "parties" else [],
        )
        part = self._part(
            f"{facts.lang}/letter.md.j2", "", context,
            signature=self._signature(facts, sender, gaps),
        )
        return self._document("letter", facts, gaps, [part])

    # Public statement -------------------------------------------------------------------------

    def statement(self, facts: Facts, points: Sequence[str],
                  groups: Sequence[Group] = ()) -> Document:
        """The Chair's public statement: points to all parties, or points under addressee
        headings."""
        labels = self.templates.labels(facts.lang)
        gaps = _Gaps(labels, notes=name_slips([facts.situation, *facts.parties], labels))
        situation = gaps.fill(facts.situation, "situation")
        if not groups:
            groups = [Group("parties", None, tuple(points) or (gaps.fill(None, "point"),))]
        context = self._context(
            facts,
            gaps,
            situation=situation,
            meeting=self._meeting(
                facts.meeting, facts.lang, gaps,
                spelled=not self._era(facts).statement_meeting_in_figures,
            ) if facts.meeting else None,
            # Since 2016 every message has its heading, "To all parties …" included (SC/14350).
            headed=len(groups) > 1 or any(g.addressee for g in groups) or self._era(facts).modern,
            listed_in=facts.parties_listed_in,
            groups=self._groups(groups, facts.lang, situation, gaps, facts.parties),
        )
        part = self._part(f"{facts.lang}/statement.md.j2", "", context)
        return self._document("statement", facts, gaps, [part])

    # Annex ------------------------------------------------------------------------------------

    def annex(self, facts: Facts, options: Sequence[Option], with_letter: bool) -> Document:
        """The toolkit's annex in the source's structure; with its covering letter, the source
        as issued unless the facts given say otherwise."""
        source = self.toolkit.document
        lang = facts.lang
        letter_date = facts.date or source.letter.date
        if with_letter:
            facts = dataclasses.replace(
                facts,
                date=facts.date or source.issued,  # the masthead's: the document's own date
                symbol=facts.symbol or source.symbol,
                signatory=facts.signatory or source.letter.signatory,
            )
        labels = self.templates.labels(lang)
        gaps = _Gaps(labels)
        chosen = {o.id for o in options}
        sections = []
        for category in self.toolkit.categories:
            tiers = []
            for tier in self.toolkit.tiers:
                texts = [
                    o.texts(lang)
                    for o in sorted(self.toolkit.options, key=lambda o: o.source.order)
                    if o.id in chosen and o.category == category.id and o.tier == tier.id
                ]
                if texts:
                    tiers.append({"heading": tier.heading(lang), "options": texts})
            if tiers:
                sections.append({"number": category.number, "label": category.label(lang),
                                 "tiers": tiers})
        letter = source.letter
        context = self._context(
            facts,
            gaps,
            with_letter=with_letter,
            source={
                "symbol": source.symbol,
                "previous_symbol": source.previous_symbol,
                "title": source.title(lang),
                "letter_date": format_date(letter.date, lang),
                "sender": letter.sender(lang),
                "addressee": letter.addressee(lang),
                "letter_paragraphs": letter.paragraphs(lang),
                "annex_heading": source.annex_heading(lang),
                "mandate_heading": source.mandate.heading(lang),
                "mandate_lead": source.mandate.lead(lang),
                "mandate_points": [p.text(lang) for p in source.mandate.points],
                "introduction": source.introduction(lang),
                # The texts printed are a translation made for caac: templates say so.
                "unofficial": any(lang not in o.official for o in options),
            },
            sections=sections,
        )
        if with_letter:
            context["date_text"] = format_date(letter_date, lang)
        template = f"{lang}/annex.md.j2"
        parts = []
        if with_letter:
            signature = Signature(signed=labels.signed, name=one_line(facts.signatory or ""),
                                  titles=tuple(letter.signatory_titles(lang)))
            parts.append(self._part(template, "letter_", context, signature=signature))
            # The source's footnote, below the signature.
            (footnote,) = self.templates.render(template, ("letter_footnote",), context)
            parts.append(Part(title=None, blocks=body.parse(footnote)))
        parts.append(self._part(template, "", context, new_page=with_letter))
        return self._document("annex", facts, gaps, parts,
                              original=source.original_language if with_letter else None)

    # Case files -------------------------------------------------------------------------------

    def messages(self, case: Case) -> list[Message]:
        """The case's actions by channel: the public statement gathers every message to the
        parties from the Chair; letters gather the actions for the same target, addressee and
        sender; in the case's order."""
        gathered: dict[tuple[Any, ...], tuple[Channel, list[Action], list[Group]]] = {}
        for action in case.actions:
            option = self.toolkit.by_id[action.option]
            chosen = routing.channel(self.toolkit, action.to, option, given=action.sender,
                                     addressee=action.addressee, grouped=bool(action.messages))
            key: tuple[Any, ...] = (chosen,) if chosen == "statement" else (
                chosen, action.to, action.addressee)
            _, actions, groups = gathered.setdefault(key, (chosen, [], []))
            actions.append(action)
            groups += [Group(m.to, m.addressee, tuple(m.points)) for m in action.messages]
            if action.messages and action.points:
                groups.append(Group(action.to, action.addressee, tuple(action.points)))
        messages = []
        for (chosen, *_), (_, actions, groups) in gathered.items():
            first = actions[0]
            points = tuple(p for a in actions if not a.messages for p in a.points)
            if groups and points:  # points beside headings go under the action's own addressee
                groups.insert(0, Group(first.to, first.addressee, points))
                points = ()
            messages.append(Message(
                LetterRequest(target=first.to, addressee=first.addressee,
                              sender=routing.signer(chosen),
                              options=tuple(a.option for a in actions), points=points),
                chosen, tuple(_merge(groups)),
            ))
        return messages

    def conclusions(self, case: Case) -> Document:
        facts = case_facts(case)
        labels = self.templates.labels(facts.lang)
        gaps = _Gaps(labels, notes=[*unusual_addressees(case, self.toolkit),
                                    *name_slips(case_names(case), labels)])
        entries = [(message.council, self._conclusion(message, case, gaps))
                   for message in self.messages(case)]
        sections = [
            {"council": council, "messages": [entry for c, entry in entries if c == council]}
            for council in (False, True)
            if any(c == council for c, _ in entries)
        ]
        situation = gaps.fill(case.situation, "situation")
        cited_before = next((day for day in (
            case.report.issued if case.report else None,
            case.meeting.date if case.meeting else None,
            case.adopted.date if case.adopted else None,
            self._date(facts),
        ) if day), None)
        context = self._context(
            facts,
            gaps,
            situation=situation,
            report=gaps.fill(case.report.symbol if case.report else None, "report"),
            meeting=self._meeting(case.meeting, facts.lang, gaps),
            adopted=self._meeting(case.adopted, facts.lang, gaps, numbered=False)
            if case.adopted else None,
            representative=self._representative(case, labels),
            country_statement=bool(case.country_statement),
            observations=list(case.observations),
            # With no date to count from, which resolutions it cites is not known.
            resolutions=resolutions(cited_before) if cited_before
            else [gaps.fill(None, "resolutions")],
            previous=[{"symbol": p.symbol, "annex": p.annex} for p in case.previous],
            listed_in=case.parties_listed_in,
            sections=sections,
        )
        template = f"{facts.lang}/conclusions.md.j2"
        parts = [self._part(template, "", context)]
        if case.country_statement:
            context["statement_paragraphs"] = paragraphs(case.country_statement)
            parts.append(self._part(template, "annex_", context, new_page=True))
        return self._document("conclusions", facts, gaps, parts)

    @staticmethod
    def _representative(case: Case, labels: Labels) -> str | None:
        if case.representative is False:
            return None
        return case.representative or labels.representative

    def _conclusion(self, message: Message, case: Case, gaps: _Gaps) -> dict[str, Any]:
        """One action paragraph of the conclusions, as the template sees it."""
        request = message.request
        points = request.points
        if message.channel in ("statement", "council") and not points and not message.groups:
            points = (gaps.fill(None, "point"),)
        situation = gaps.fill(case.situation, "situation")
        return {
            "channel": message.channel,
            "addressee": gaps.fill(self.addressee(request.target, request.addressee,
                                                  case.language, situation), "addressee"),
            "points": punctuate(points),
            "groups": self._groups(message.groups, case.language, situation, gaps,
                                   [str(party) for party in case.parties]),
        }

    def case_documents(self, case: Case) -> list[CaseDocument]:
        """Everything a case produces: the conclusions, the public statement when there is one,
        and one letter per addressee; recommendations to the Council itself are in the
        conclusions only."""
        documents = [CaseDocument("conclusions", self.conclusions(case))]
        letter_facts = case_facts(case, letter=True)
        for message in self.messages(case):
            request = message.request
            if message.channel == "council":
                continue
            if message.statement:
                document = self.statement(letter_facts, request.points, message.groups)
                documents.append(CaseDocument("statement", document))
                continue
            signer = case.president if request.sender == "president" else case.chair
            facts = dataclasses.replace(
                letter_facts,
                signatory=signer.name if signer else None,
                signatory_title=signer.title if signer else None,
                signatory_gender=signer.gender if signer else None,
            )
            addressee = self.addressee(request.target, request.addressee, case.language,
                                       case.situation or self.templates.labels(
                                           case.language).placeholders.situation)
            documents.append(CaseDocument("letter", self.letter(facts, request, message.groups),
                                          request.target, addressee))
        return documents


def _merge(groups: list[Group]) -> list[Group]:
    """Groups for the same addressee as one heading, in the order they first appear."""
    merged: dict[tuple[str, str | None], list[str]] = {}
    for group in groups:
        merged.setdefault((group.target, group.addressee), []).extend(group.points)
    return [Group(target, addressee, tuple(points))
            for (target, addressee), points in merged.items()]


def name_slips(names: Sequence[str | None], labels: Labels) -> list[str]:
    """Warnings for names written without the article they take in running text."""
    return [f"'{name}': write '{labels.article} {slip}'" for name in dict.fromkeys(names) if name
            for slip in labels.slips(name)]


def case_names(case: Case) -> list[str | None]:
    """Every name a case gives for running text: the situation, parties, addressees."""
    return [case.situation, *(p.name for p in case.parties),
            *(a.addressee for a in case.actions),
            *(m.addressee for a in case.actions for m in a.messages)]


def unusual_addressees(case: Case, toolkit: Toolkit) -> list[str]:
    """Actions addressed outside their option's usual targets: worth a second look, not wrong
    (the toolkit's targets are indicative)."""
    return [
        f"action {i}: option '{action.option}' is usually addressed to "
        f"{', '.join(toolkit.by_id[action.option].targets)}, not '{to}'"
        for i, action in enumerate(case.actions, 1)
        for to in dict.fromkeys([action.to, *(m.to for m in action.messages)])
        if to not in toolkit.by_id[action.option].targets
    ]


def _statement_meeting(case: Case) -> Meeting | None:
    """The meeting a public statement names: by its era, the one that adopted the conclusions
    or the one that examined the report."""
    adopted, examined = case.adopted, case.meeting
    if adopted is not None and (examined is None or era(adopted.date).statement_names_adoption):
        return adopted
    return examined


def case_facts(case: Case, *, letter: bool = False) -> Facts:
    """The facts a case gives; the conclusions' symbol and job number are not the letters'.
    A public statement names the meeting that adopted the conclusions."""
    chair = case.chair
    return Facts(
        lang=case.language,
        situation=case.situation,
        parties=tuple(str(party) for party in case.parties),
        report=case.report,
        meeting=_statement_meeting(case),
        date=case.date,
        symbol=None if letter else case.symbol,
        job_number=None if letter else case.job_number,
        today=False,
        chair_gender=chair.gender if chair else None,
        parties_listed_in=case.parties_listed_in,
    )
