"""Builds Documents (letters, statements, annexes, conclusions) from the toolkit, facts, case
files and templates: each kind's plan (`caac_toolkit.kinds`) decides the structure once, and the
language's phrases (`templates/<lang>/`) word it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from caac_toolkit import localize, routing, typography
from caac_toolkit import situations as situations_module
from caac_toolkit.case import Action, Case, Meeting
from caac_toolkit.document import (
    Block,
    Bullet,
    Document,
    Heading,
    Layout,
    Masthead,
    Notice,
    Paragraph,
    Part,
    Point,
    Signature,
    Table,
)
from caac_toolkit.era import Era, era
from caac_toolkit.errors import InvalidInput, Place, UsageError
from caac_toolkit.facts import JOB_NUMBER, Facts, Group, LetterRequest, Message
from caac_toolkit.kinds import KINDS, annex, annual_report, conclusions, letter, statement
from caac_toolkit.labels import Labels
from caac_toolkit.languages import Language
from caac_toolkit.plan import Phrase, Plan, Words
from caac_toolkit.routing import Channel, Sender
from caac_toolkit.templating import Templates, default_date, escape_markdown, one_line
from caac_toolkit.toolkit import Option, Toolkit
from caac_toolkit.wording import FORMS, Gaps, Named, Wording

if TYPE_CHECKING:
    from caac_toolkit.activities import Activity
    from caac_toolkit.annual import Adopted, Met, Year

__all__ = ["CaseDocument", "Drafter", "Facts", "LetterRequest"]

# The masthead's symbol of a report not yet given one: a placeholder in every language.
_NO_SYMBOL = "S/[…]"
_NO_CONCLUSIONS_SYMBOL = "S/AC.51/[…]"


@dataclass(frozen=True)
class CaseDocument:
    kind: str  # conclusions, statement, letter
    document: Document
    target: str | None = None  # a letter's target id
    addressee: str | None = None  # a letter's addressee as written, None where unknown


def script_layout(language: Any) -> dict[str, Any]:
    """What writers need of a language beyond its point labels: its paragraph numbers and
    letters, and the script it writes beside Latin (Arabic, Chinese)."""
    script = language.script
    layout: dict[str, Any] = {"number_label": language.number_label}
    if language.letters is not None:
        layout.update(letters=tuple(language.letters.text), word_letters=language.letters.word)
    if script is not None:
        layout.update(script=script.name, script_fonts=tuple(script.fonts),
                      script_slot=script.word, script_tag=script.tag,
                      script_ranges=script.code_points)
    return layout


def paragraphs(text: str) -> list[str]:
    """A text given in a case file, as its paragraphs (separated by blank lines)."""
    return [one_line(p).strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


class Drafter:
    def __init__(self, toolkit: Toolkit, templates: Templates | None = None) -> None:
        self.toolkit = toolkit
        self.templates = templates or Templates()

    # Shared pieces --------------------------------------------------------------------------

    def _wording(self, lang: str, notes: Sequence[str] = (), facts: Facts | None = None,
                 lacking: Sequence[str] = ()) -> Wording:
        """The wording of a document in `lang`: its `notes`, and `lacking`, its gaps besides
        the facts it will find missing."""
        labels = self.templates.labels(lang)
        language = self.templates.languages.get(lang)
        named = self._named(facts, language) if facts else Named(None, dict.fromkeys(FORMS))
        return Wording(language, labels, Gaps(labels, notes=list(notes), lacking=list(lacking)),
                       named)

    @cached_property
    def situations(self) -> situations_module.Table:
        return situations_module.bundled()

    def _named(self, facts: Facts, language: Language) -> Named:
        """The situation in the document's language: the forms the case gives, else the table's
        (data/situations.yaml). A situation the table lacks, drafted in the language it is
        written in, is printed as written: as the form after "in" where it opens with the
        language's preposition ("au Soudan"), else as the name."""
        given = facts.situation
        if given is None:
            return Named(None, dict.fromkeys(FORMS))
        entry = self.situations.find(given)
        own = facts.situation_forms.get(language.code, {})
        as_written = entry is None and language.code == (facts.situation_language
                                                          or language.code)
        opens = given.split(" ", 1)[0].casefold() in language.situation_opens
        forms: dict[str, str | None] = {}
        for slot, which in FORMS.items():
            form = own.get(which) or (entry.form(language.code, which) if entry else None)
            if form is None and as_written and which == ("in" if opens else "name"):
                form = given
            forms[slot] = form
        return Named(given, forms)

    def _date(self, facts: Facts) -> dt.date | None:
        """The date given, else for a draft today's (or SOURCE_DATE_EPOCH's); a case's build
        leaves an undated document undated: SOURCE_DATE_EPOCH stamps files, not documents."""
        return facts.date or (default_date() if facts.today else None)

    def _date_text(self, facts: Facts, words: Wording, *, masthead: bool = False) -> str:
        """The document's date in running text, or in the masthead, which in some languages
        (Russian) is printed in another one."""
        date = self._date(facts)
        language = words.language
        if masthead and language.masthead_language:
            language = self.templates.languages.get(language.masthead_language)
        return language.format_date(date) if date else words.fill(None, "date")

    def _masthead(self, facts: Facts, words: Wording, original: str | None = None
                  ) -> Masthead | None:
        if not facts.symbol:
            return None
        labels = words.labels
        source = original or facts.original or facts.lang
        version = labels.masthead.version if source != facts.lang else None
        return Masthead(
            left=tuple(labels.masthead.left),
            symbol=facts.symbol,
            right=(
                getattr(labels.distribution, facts.distribution),
                self._date_text(facts, words, masthead=True),
                *((version,) if version else ()),
                _original(labels, source, self.templates.find(f"{facts.lang}/labels.yaml")),
            ),
            organ=labels.masthead.organ,
        )

    def _job_line(self, facts: Facts, words: Wording) -> str | None:
        match = JOB_NUMBER.match(facts.job_number or "")
        if not match:
            return None
        date = self._date(facts)
        stamp = date.strftime("%d%m%y") if date else words.fill(None, "date")
        return (f"{facts.job_number} ({words.labels.job_language}) {stamp} "
                f"*{''.join(match.groups())}*")

    def _signature(self, facts: Facts, sender: Sender, words: Wording) -> Signature:
        labels = words.labels
        titles = getattr(labels.signature_titles, sender)(facts.signatory_gender)
        return Signature(
            signed=labels.signed,
            name=one_line(words.fill(facts.signatory, "signatory")),
            titles=(one_line(facts.signatory_title),) if facts.signatory_title else (titles,),
        )

    def _era(self, facts: Facts) -> Era:
        """The wording of the documents about the meeting the facts name, else of their date."""
        return era(facts.meeting.date if facts.meeting else self._date(facts) or dt.date.today())

    def _document(self, plan: Plan, facts: Facts, words: Wording,
                  original: str | None = None) -> Document:
        """The plan worded by the language's phrases, as a Document."""
        language = words.language
        values = {"lang": facts.lang,
                  **words.named.values(str(words.labels.placeholders.situation)),
                  "chair": words.labels.senders.chair(facts.chair_gender)}
        kind = KINDS[plan.kind]
        phrasebooks = kind.phrasebooks(facts.lang)
        phrases = plan.phrases()
        texts = iter(self.templates.render_phrases(
            phrasebooks, [(p.id, {**values, **p.values}) for p in phrases], kind.known))
        needed = self.templates.reads(phrasebooks, (p.id for p in phrases)) & set(FORMS)
        parts = tuple(Part(title=_words(part.title, texts) or None,
                           blocks=_blocks(part.lines, texts),
                           signature=part.signature, new_page=part.new_page)
                      for part in plan.parts)
        document = Document(
            kind=plan.kind,
            lang=facts.lang,
            title=parts[0].title or plan.kind,
            parts=parts,
            masthead=self._masthead(facts, words, original),
            original=original or facts.original or facts.lang,  # as the masthead names it
            symbol=facts.symbol,
            job_line=self._job_line(facts, words),
            date=self._date(facts),
            subject=facts.symbol,
            warnings=(*words.gaps.warnings(), *words.situation_notes(needed)),
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
        # The options addressed to the target first: those that name it among others (technical
        # assistance, which donors may fund) are the user's to choose with --option.
        listing = [o for o in self.toolkit.options if request.target in o.targets]
        chosen = [o for o in listing if o.targets[0] == request.target] or listing
        return sorted(chosen, key=lambda o: o.source.order)

    def sender_for(self, request: LetterRequest, options: Sequence[Option]) -> Sender:
        return routing.sender(self.toolkit, request.target, list(options), request.sender)

    def addressee(self, target: str | None, addressee: str | None, facts: Facts) -> str | None:
        """The addressee given, else the usual one for the target (labels), else None."""
        return self._wording(facts.lang, facts=facts).addressee(target, addressee)

    def letter(self, facts: Facts, request: LetterRequest, groups: Sequence[Group] = ()) -> Document:
        labels = self.templates.labels(facts.lang)
        words = self._wording(facts.lang, name_slips([facts.situation, request.addressee], labels),
                              facts)
        options = self.letter_options(request)
        sender = self.sender_for(request, options)
        words.situation()  # a letter without one: the first gap reported
        addressee = words.addressee(request.target, request.addressee, title=True)
        published = facts.symbol is not None  # a letter issued as a document: no salutation
        plan = letter.plan(
            sender=sender,
            date=self._date_text(facts, words),
            sender_text=getattr(labels.senders, sender)(facts.signatory_gender),
            addressee=words.fill(addressee, "addressee"),
            salutation=None if published else (request.salutation
                                              or labels.salutation(request.target)),
            report=facts.report.symbol if facts.report else None,
            paragraphs=[words.fill_situation(o.phrase(request.target, facts.lang))
                        for o in options],
            texts=request.points,
            groups=groups,
            # The parties are named to the parties themselves, not to others.
            parties=list(facts.parties) if request.target == "parties" else [],
            words=words,
            signature=self._signature(facts, sender, words),
        )
        return self._document(plan, facts, words)

    # Public statement -------------------------------------------------------------------------

    def statement(self, facts: Facts, points: Sequence[str],
                  groups: Sequence[Group] = ()) -> Document:
        """The Chair's public statement: points to all parties, or points under addressee
        headings."""
        labels = self.templates.labels(facts.lang)
        words = self._wording(facts.lang, name_slips([facts.situation, *facts.parties], labels),
                              facts)
        words.situation()  # a statement without one: the first gap reported
        self._date_text(facts, words)  # an undated statement is a gap
        if not groups:
            groups = [Group("parties", None, tuple(points) or (words.fill(None, "point"),))]
        plan = statement.plan(facts.report, facts.meeting, groups, facts.parties,
                              facts.parties_listed_in, words, self._era(facts), facts.choices)
        return self._document(plan, facts, words)

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
        words = self._wording(lang)
        chosen = {o.id for o in options}
        ordered = sorted(self.toolkit.options, key=lambda o: o.source.order)
        sections = []
        for category in self.toolkit.categories:
            tiers = []
            for tier in self.toolkit.tiers:
                texts = tuple(o.texts(lang) for o in ordered
                              if o.id in chosen and o.category == category.id
                              and o.tier == tier.id)
                if texts:
                    tiers.append((tier.heading(lang), texts))
            if tiers:
                sections.append(annex.Section(category.number, category.label(lang),
                                              tuple(tiers)))
        cover = source.letter
        plan = annex.plan(
            annex.Source(
                title=source.title(lang),
                annex_heading=source.annex_heading(lang),
                mandate_heading=source.mandate.heading(lang),
                mandate_lead=source.mandate.lead(lang),
                mandate_points=tuple(p.text(lang) for p in source.mandate.points),
                introduction=tuple(source.introduction(lang)),
                # The texts printed are a translation made for caac: the annex says so.
                unofficial=any(lang not in o.official for o in options),
            ),
            sections,
            annex.Letter(
                date=words.date(letter_date),
                sender=cover.sender(lang),
                addressee=cover.addressee(lang),
                paragraphs=tuple(cover.paragraphs(lang)),
                previous_symbol=source.previous_symbol,
                signature=Signature(signed=words.labels.signed,
                                    name=one_line(facts.signatory or ""),
                                    titles=tuple(cover.signatory_titles(lang))),
            ) if with_letter else None,
        )
        return self._document(plan, facts, words,
                              original=source.original_language if with_letter else None)

    # Annual report ----------------------------------------------------------------------------

    def annual_report(self, facts: Facts, year: Year, activities: Sequence[Activity] = ()
                      ) -> Document:
        """The Working Group's report on `year` with its covering letter from the Chair to the
        President of the Council; `facts` give its date, symbol and signatory. The conclusions of
        the year without a symbol or a date of adoption are gaps, as are facts the table lacks."""
        from caac_toolkit.annual import chair

        words = self._wording(facts.lang, year.gaps)
        labels = words.labels
        language = words.language
        chaired = chair(year.conclusions)
        facts = dataclasses.replace(
            facts, symbol=facts.symbol or _NO_SYMBOL,
            signatory=facts.signatory or (chaired.name if chaired else None),
            signatory_gender=facts.signatory_gender or (chaired.gender if chaired else None))
        facts = dataclasses.replace(facts, chair_gender=facts.signatory_gender)
        if facts.symbol == _NO_SYMBOL:
            words.gaps.notes.append(f"missing symbol: the draft shows {_NO_SYMBOL} (give --symbol)")

        # The form after "in" is needed where the language writes the preposition into it
        # ("au Mali", "в Мали"); elsewhere the phrases print the name after their own.
        needed = ("situation", "in_situation") if language.situation_opens else ("situation",)

        def forms(entry: Adopted) -> dict[str, str]:
            """The situation's name and form after "in", in the document's language."""
            found = self._named(Facts(lang=facts.lang, situation=entry.situation,
                                      situation_language=entry.situation_language,
                                      situation_forms=entry.situation_forms), language).forms
            found["in_situation"] = found["in_situation"] or (
                None if "in_situation" in needed else found["situation"])
            for slot in needed:
                note = (f"situation '{entry.situation}' has no '{FORMS[slot]}' form in "
                        f"{language.name} (data/situations.yaml): the draft shows "
                        f"{labels.placeholders.situation}")
                if found[slot] is None and note not in words.gaps.notes:
                    words.gaps.notes.append(note)
            return {slot: words.fill(found[slot], "situation")
                    for slot in ("situation", "in_situation")}

        def named(entry: Adopted) -> str:
            return forms(entry)["situation"]

        def meeting(met: Met | None) -> dict[str, Any]:
            if met is None:
                return words.meeting(None)
            number = words.ordinal(met.number) if met.number else words.fill(None, "meeting")
            return {"number": number, "date": words.date(met.date)}

        def described(entry: Adopted) -> dict[str, Any]:
            return {"symbol": entry.symbol, "report": entry.report, **forms(entry)}

        rows = [annual_report.Row(
            symbol=entry.symbol or _NO_CONCLUSIONS_SYMBOL,
            situation=named(entry), report=words.fill(entry.report, "report"),
            meeting=meeting(entry.adopted), statement=entry.statement or "")
            for entry in year.conclusions]
        held = [annual_report.Meeting(
            meeting={"number": words.ordinal(met.number) if met.number else None,
                     "date": words.date(met.date)},
            considered=tuple(described(e) for what, e in done if what == "considered"),
            adopted=tuple(described(e) for what, e in done if what == "adopted"))
            for met, done in year.meetings]
        signature = Signature(signed=labels.signed,
                              name=one_line(words.fill(facts.signatory, "signatory")),
                              titles=(labels.signature_titles.chair(facts.signatory_gender),))
        plan = annual_report.plan(
            letter_date=self._date_text(facts, words),
            sender=labels.senders.chair(facts.signatory_gender),
            addressee=labels.senders.president(None),
            start=words.date(year.start), end=words.date(year.end), rows=rows, meetings=held,
            activities=[annual_report.Activity(words.date(a.date), a.kind, a.subject)
                        for a in activities],
            signature=signature, gender=facts.signatory_gender)
        return self._document(plan, facts, words)

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

    def conclusions(self, case: Case, lang: str | None = None) -> Document:
        """The conclusions in `lang` (default: the case's own language)."""
        case, untranslated = self._in_language(case, lang)
        facts = case_facts(case, lang=lang)
        labels = self.templates.labels(facts.lang)
        words = self._wording(facts.lang, [*unusual_addressees(case, self.toolkit),
                                           *name_slips(case_names(case), labels)], facts,
                              lacking=untranslated)
        # The resolutions adopted up to the meeting may be those the report cites.
        until = next((day for day in (
            case.meeting.date if case.meeting else None,
            case.adopted.date if case.adopted else None,
            self._date(facts),
        ) if day), None)
        self._date_text(facts, words)  # undated conclusions are a gap
        plan = conclusions.plan(
            case, self.messages(case), words, self._era(facts), until=until,
            representative=_representative(case, words),
            statement=paragraphs(case.country_statement) if case.country_statement else (),
        )
        return self._document(plan, facts, words)

    def _in_language(self, case: Case, lang: str | None) -> tuple[Case, list[str]]:
        """The case with its own texts in `lang` where it gives them; a gap naming how many it
        does not (they print as "[en: …]")."""
        lang = lang or case.language
        localized, missing = localize.in_language(case, lang)
        if not missing:
            return localized, []
        name = self.templates.languages.get(lang).name
        return localized, [f"{len(missing)} of the case's texts have no {name} version: the "
                           f"draft prints them [{case.language}: …] (give them as "
                           f"{{{case.language}: …, {lang}: …}})"]

    def case_documents(self, case: Case, lang: str | None = None) -> list[CaseDocument]:
        """Everything a case produces, in `lang` (default: the case's own language): the
        conclusions, the public statement when there is one, and one letter per addressee;
        recommendations to the Council itself are in the conclusions only."""
        documents = [CaseDocument("conclusions", self.conclusions(case, lang))]
        case, _ = self._in_language(case, lang)
        letter_facts = case_facts(case, letter=True, lang=lang)
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
            addressee = self.addressee(request.target, request.addressee, letter_facts)
            document = self.letter(facts, request, message.groups)
            form = self.templates.labels(letter_facts.lang).title_addressee_form
            if request.addressee and form:  # the case gives the body's form only
                document = dataclasses.replace(document, warnings=(
                    *document.warnings, Notice(
                        f"addressee '{request.addressee}' is printed as the case gives it in "
                        f"the letter's title, which wants it {form}: check it", "note")))
            documents.append(CaseDocument("letter", document, request.target, addressee))
        return documents


def _words(words: Words | None, texts: Any) -> str:
    """The text of one line: the next phrase rendered, or text given as data, as the body
    markup reads it (one line, blanks folded)."""
    from caac_toolkit import body

    if words is None:
        return ""
    return body.inline(next(texts) if isinstance(words, Phrase) else escape_markdown(words))


def _blocks(lines: Sequence[Any], texts: Any) -> tuple[Block, ...]:
    """The lines of a part as blocks: numbered paragraphs run 1, 2, 3 … through the part;
    lettered points restart after any other line."""
    from caac_toolkit.body import letter as letter_of

    blocks: list[Block] = []
    number = run = 0
    nested = False
    for line in lines:
        text = _words(line.words, texts)
        if line.role == "table":
            header, *rows = [tuple(_words(cell, texts) for cell in row) for row in line.cells]
            blocks.append(Table(header, tuple(rows)))
            continue
        if line.role == "point":
            run = run + 1 if blocks and isinstance(blocks[-1], Point) and nested == line.nested \
                else 1
            nested = line.nested
            blocks.append(Point(letter_of(run - 1), text, line.nested))
            continue
        if line.role == "numbered":
            number += 1
            blocks.append(Paragraph(text, number))
        elif line.role == "heading":
            blocks.append(Heading(line.level, text))
        elif line.role == "bullet":
            blocks.append(Bullet(text))
        else:
            blocks.append(Paragraph(text))
    return tuple(blocks)


def _original(labels: Labels, lang: str, path: Any) -> str:
    """"Original: French": the labels name each language a document may be in."""
    try:
        return labels.original[lang]
    except KeyError:
        raise InvalidInput(f"labels name no original language '{lang}'",
                           place=Place(str(path)) if path else None,
                           hint=f"add '{lang}: …' under 'original:'") from None


def _representative(case: Case, words: Wording) -> str | None:
    """Who spoke for the country: as the case says, never a default (the Permanent
    Representative, a Deputy, a Chargé d'affaires a.i. or "a representative from the Permanent
    Mission" all spoke for the Central African Republic in 2016-2024: docs/real-documents.md,
    rule 6); None where nobody did."""
    if case.representative is False:
        return None
    return words.fill(case.representative, "representative")

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


def case_facts(case: Case, *, letter: bool = False, lang: str | None = None) -> Facts:
    """The facts a case gives, for documents in `lang` (default: the case's own language); the
    conclusions' symbol and job number are not the letters'. A public statement names the
    meeting that adopted the conclusions."""
    chair = case.chair
    return Facts(
        lang=lang or case.language,
        situation=case.situation,
        situation_language=case.language,
        situation_forms={lang: {"name": f.name, "in": f.in_, "of": f.of}
                         for lang, f in case.situation_forms.items()},
        original=case.language,
        parties=tuple(str(party) for party in case.parties),
        report=case.report,
        meeting=_statement_meeting(case),
        date=case.date,
        symbol=None if letter else case.symbol,
        job_number=None if letter else case.job_number,
        today=False,
        chair_gender=chair.gender if chair else None,
        parties_listed_in=case.parties_listed_in,
        choices=case.wording,
    )
