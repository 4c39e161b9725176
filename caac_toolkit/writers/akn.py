"""Akoma Ntoso 3.0 XML, marked up as AKN4UN, the UN system's guidelines for it, say
(www.w3id.org/un/schema/akn4un/; the codes they leave open are chosen in docs/akn.md).

Conclusions are a `<statement>` (a deliberative document), letters and public statements a
`<doc>` (a communication). The masthead is the cover page, the first part's title the preface
and its signature the closing `<conclusions>`; each further part (an annex) is an attachment.
In the body, each numbered paragraph is one `<paragraph>`; a run of lettered points (or bullets)
is a `<list>` of them inside the numbered paragraph before it, and the unnumbered line just
before the run (an addressee, "To the Government of Mali:", or a letter's "… the following:")
is the list's `<intro>`. Element ids follow the naming convention: para_7,
para_7__list_1__point_a, and att_1__… inside the first attachment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any, assert_never

from caac_toolkit.document import (
    Block,
    Bullet,
    Change,
    Document,
    Heading,
    Layout,
    Paragraph,
    Part,
    Point,
    Signature,
    Table,
    plain,
    spans,
)
from caac_toolkit.errors import InvalidInput

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# ISO 639-2 codes, which AKN4UN's FRBRlanguage and IRIs take, of the Council's six languages.
LANGUAGES = {"ar": "ara", "en": "eng", "es": "spa", "fr": "fra", "ru": "rus", "zh": "zho"}
# The Working Group as author: AKN4UN's actor code is organization-body-sub-body ("un-ga-gc"),
# and S/AC.51 is the Working Group's series of symbols.
AUTHOR = "un-sc-ac51"
AUTHOR_NAME = "Security Council Working Group on Children and Armed Conflict"
MARKUP = "caac"  # who made the XML: the source of its metadata
UNDATED = "1900-01-01"  # AKN4UN's date for a version that has none yet
DRAFT = "draft"  # the version of an undated document, in its FRBRversionNumber and IRIs
# AKN document type, AKN4UN subtype and name by the document's kind.
TYPES = {
    "conclusions": ("statement", "deliberation", "conclusions"),
    "statement": ("doc", "communication", "officialStatement"),
    "letter": ("doc", "communication", "officialLetter"),
    "annex": ("doc", "communication", "officialLetter"),  # the toolkit's, with its letter
}
ALONE = "annex"  # the name of an annex drafted without its covering letter
MASTHEAD = ("distribution", "date", "originalLanguage")  # the right column's lines, in order
# XML 1.0 has no place for most control characters.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(document: Document) -> bytes:
    from lxml import etree

    kind, subtype, name = TYPES.get(document.kind, ("doc", "communication", document.kind))
    if document.kind == "annex" and len(document.parts) == 1:
        name = ALONE
    work = _work(document, kind, subtype)
    root = etree.Element(_q("akomaNtoso"), nsmap={None: NS})
    top = _sub(root, kind, name=name)
    top.append(_meta(document, work, "!main", references=True))
    if document.masthead or document.job_line:
        top.append(_cover(document))
    first, *annexes = document.parts
    _laid_out(top, first, document.layout, "")
    if annexes:
        attachments = _sub(top, "attachments")
        for number, part in enumerate(annexes, 1):
            attachment = _sub(attachments, "attachment", eId=f"att_{number}")
            annex = _sub(attachment, "doc", name="annex")
            annex.append(_meta(document, work, f"!annex_{number}", references=False))
            _laid_out(annex, part, document.layout, f"att_{number}__")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


# Metadata --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Work:
    iri: str  # /akn/un/{type}/{subtype}/{actor}/{date}/{number}
    subtype: str
    date: str
    number: str
    symbol: str | None
    version: str  # the expression's date, or DRAFT for an undated document


def _work(document: Document, kind: str, subtype: str) -> _Work:
    date = document.date.isoformat() if document.date else UNDATED
    symbol = document.symbol
    # A document without a symbol has no number yet: AKN4UN lets the implementor give one, here
    # the kind and a digest of the title (which tells a case's letters apart).
    number = _number(symbol) if symbol else f"{document.kind}-{_digest(document.title)}"
    return _Work(f"/akn/un/{kind}/{subtype}/{AUTHOR}/{date}/{number}", subtype, date, number,
                 symbol, date if document.date else DRAFT)


def _number(symbol: str) -> str:
    """A symbol as a number in an IRI: "/" → "-", " " → "_" (AKN4UN, naming convention), and
    what else an IRI's segment cannot hold percent-encoded."""
    from urllib.parse import quote

    return quote("_".join(symbol.replace("/", "-").split()), safe="-._~!$&'()*+,;=:@")


def _digest(title: str) -> str:
    import hashlib

    return hashlib.sha256(plain(title).encode("utf-8")).hexdigest()[:8]


def _language(code: str) -> str:
    try:
        return LANGUAGES[code]
    except KeyError:
        raise InvalidInput(f"Akoma Ntoso needs a three-letter (ISO 639-2) code for '{code}'",
                           hint="draft it in one of " + ", ".join(LANGUAGES)) from None


def _meta(document: Document, work: _Work, component: str, *, references: bool) -> Any:
    meta = _element("meta")
    identification = _sub(meta, "identification", source=f"#{MARKUP}")
    author = f"#{AUTHOR}"
    lang = _language(document.lang)
    expression = f"{work.iri}/{lang}@{work.version}"

    frbr = _sub(identification, "FRBRWork")
    _sub(frbr, "FRBRthis", value=f"{work.iri}/{component}")
    _sub(frbr, "FRBRuri", value=work.iri)
    _date(frbr, work)
    _sub(frbr, "FRBRauthor", href=author)
    _sub(frbr, "FRBRcountry", value="un")
    _sub(frbr, "FRBRsubtype", value=work.subtype)
    _sub(frbr, "FRBRnumber", value=work.number, **({"showAs": work.symbol} if work.symbol else {}))

    frbr = _sub(identification, "FRBRExpression")
    _sub(frbr, "FRBRthis", value=f"{expression}/{component}")
    _sub(frbr, "FRBRuri", value=expression)
    _date(frbr, work)
    _sub(frbr, "FRBRauthor", href=author)
    if work.version == DRAFT:
        _sub(frbr, "FRBRversionNumber", value=DRAFT)
    _sub(frbr, "FRBRlanguage", language=lang)
    original = document.original
    if original and original != document.lang:
        source = _language(original)
        _sub(frbr, "FRBRtranslation", href=f"{work.iri}/{source}@{work.version}",
             fromLanguage=source, by=f"#{MARKUP}")

    frbr = _sub(identification, "FRBRManifestation")
    _sub(frbr, "FRBRthis", value=f"{expression}/{component}.xml")
    _sub(frbr, "FRBRuri", value=f"{expression}.xml")
    _date(frbr, work)
    _sub(frbr, "FRBRauthor", href=f"#{MARKUP}")
    _sub(frbr, "FRBRformat", value="xml")

    if references:
        found = _sub(meta, "references", source=f"#{MARKUP}")
        _sub(found, "TLCOrganization", eId=AUTHOR, href=f"/akn/ontology/organization/un/{AUTHOR}",
             showAs=AUTHOR_NAME)
        _sub(found, "TLCOrganization", eId=MARKUP, href=f"/akn/ontology/organization/{MARKUP}",
             showAs=MARKUP)
    return meta


def _date(parent: Any, work: _Work) -> None:
    _sub(parent, "FRBRdate", date=work.date, name="undated" if work.version == DRAFT else "issued")


# The cover page --------------------------------------------------------------------------------


def _cover(document: Document) -> Any:
    cover = _element("coverPage")
    masthead = document.masthead
    if masthead:
        for line in masthead.left:
            _inline(_sub(_sub(cover, "p"), "docAuthority"), line)
        _inline(_sub(_sub(cover, "p"), "docNumber"), masthead.symbol)
        for i, line in enumerate(masthead.right):
            p = _sub(cover, "p")
            name = MASTHEAD[i] if i < len(MASTHEAD) else None
            if name == "date" and document.date:
                p = _sub(p, "docDate", date=document.date.isoformat())
            elif name:
                p = _sub(p, "inline", name=name)
            _inline(p, line)
        if masthead.organ:
            _inline(_sub(_sub(cover, "p"), "docCommittee", refersTo=f"#{AUTHOR}"), masthead.organ)
    if document.job_line:
        footer = _sub(cover, "container", name="footer", eId="cover__footer")
        _inline(_sub(_sub(footer, "p"), "inline", name="jobNumber"), document.job_line)
    return cover


# The body --------------------------------------------------------------------------------------


def _laid_out(top: Any, part: Part, layout: Layout, prefix: str) -> None:
    """A part's title as the preface, its blocks as the main body, its signature after them."""
    if part.title:
        _inline(_sub(_sub(_sub(top, "preface"), "p"), "docTitle"), part.title)
    body = _sub(top, "mainBody")
    _Body(body, layout, prefix).lay_out(part.blocks)
    if not len(body):
        _sub(body, "p")  # a main body holds at least one element
    if part.signature:
        _signature(_sub(top, "conclusions"), part.signature)


class _Body:
    """Walks a part's blocks in order, keeping the numbered paragraph a list belongs to."""

    def __init__(self, body: Any, layout: Layout, prefix: str) -> None:
        self.body = body
        self.layout = layout
        self.prefix = prefix
        self.paragraph: Any = None  # the numbered paragraph open, if any
        self.lists = 0  # lists so far in the open paragraph
        self.outside = 0  # lists so far outside numbered paragraphs
        self.headings = 0
        self.tables = 0

    def lay_out(self, blocks: Sequence[Block]) -> None:
        at = 0
        while at < len(blocks):
            block = blocks[at]
            run = _run(blocks, at + 1)
            if isinstance(block, Point | Bullet):
                run = _run(blocks, at)
                self.list(run, intro=None)
                at += len(run)
            elif isinstance(block, Paragraph) and block.number is None and run:
                self.list(run, intro=block)
                at += 1 + len(run)
            else:
                self.block(block)
                at += 1

    def block(self, block: Heading | Paragraph | Table) -> None:
        match block:
            case Heading():
                self.paragraph = None
                self.headings += 1
                container = _sub(self.body, "hcontainer", name="heading",
                                 eId=f"{self.prefix}heading_{self.headings}",
                                 **{"class": f"level{block.level}"})
                _inline(_sub(container, "heading"), block.text)
            case Paragraph(number=int(number)):
                eid = _deleted(f"{self.prefix}para_{number}", block)
                self.paragraph = _sub(self.body, "paragraph", eId=eid)
                self.lists = 0
                _inline(_sub(self.paragraph, "num"), self.layout.number(number))
                content = _sub(self.paragraph, "content", eId=f"{eid}__content")
                _inline(_sub(content, "p"), block.text)
            case Paragraph():
                self.paragraph = None
                _inline(_sub(self.body, "p"), block.text)
            case Table():
                # A table of its own, as an unnumbered container holding it (the annual
                # report's list of conclusions).
                self.paragraph = None
                self.tables += 1
                eid = _deleted(f"{self.prefix}table_{self.tables}", block)
                container = _sub(self.body, "hcontainer", name="table", eId=eid)
                table = _sub(_sub(container, "content", eId=f"{eid}__content"), "table",
                             eId=f"{eid}__table_1")
                for tag, cells in (("th", block.header), *(("td", row) for row in block.rows)):
                    row = _sub(table, "tr")
                    for cell in cells:
                        _inline(_sub(_sub(row, tag), "p"), cell)
            case _:
                assert_never(block)

    def list(self, items: Sequence[Point | Bullet], intro: Paragraph | None) -> None:
        if self.paragraph is not None:
            self.lists += 1
            parent, eid = self.paragraph, f"{self.paragraph.get('eId')}__list_{self.lists}"
            content = parent.find(_q("content"))
            if content is not None:  # the paragraph's own text now introduces its lists
                content.tag = _q("intro")
                content.set("eId", f"{parent.get('eId')}__intro")
        else:
            self.outside += 1
            parent, eid = self.body, f"{self.prefix}list_{self.outside}"
        element = _sub(parent, "list", eId=eid)
        if intro is not None:
            _inline(_sub(_sub(element, "intro", eId=f"{eid}__intro"), "p"), intro.text)
        for number, item in enumerate(items, 1):
            if isinstance(item, Point):
                eid_item = _deleted(f"{eid}__point_{item.label}", item)
                entry = _sub(element, "point", eId=eid_item)
                _inline(_sub(entry, "num"), self.layout.point(item.label))
            else:
                eid_item = f"{eid}__indent_{number}"
                entry = _sub(element, "indent", eId=eid_item)
            content = _sub(entry, "content", eId=f"{eid_item}__content")
            _inline(_sub(content, "p"), item.text)


def _deleted(eid: str, block: Paragraph | Point | Table) -> str:
    """A redline's deleted paragraph or point keeps its old number, which a paragraph or point
    of the new version may have too: its id says it is the deleted one."""
    return f"{eid}__deleted" if block.change == "deleted" else eid


def _run(blocks: Sequence[Block], at: int) -> list[Point | Bullet]:
    """The points (lettered on from "a" at the same depth), or the bullets, from `at` on."""
    run: list[Point | Bullet] = []
    for block in blocks[at:]:
        if not isinstance(block, Point | Bullet) or (run and _item(block) != _item(run[0])):
            break
        run.append(block)
    return run


def _item(block: Point | Bullet) -> tuple[type, bool]:
    return type(block), isinstance(block, Point) and block.nested


def _signature(conclusions: Any, signature: Signature) -> None:
    """ "(Signed) Name", then the title lines, each a line as printed."""
    signed = _sub(_sub(conclusions, "p"), "signature")
    _inline(_sub(signed, "inline", name="signed"), signature.signed)
    _text(signed, " ")
    _inline(_sub(signed, "inline", name="signatory"), signature.name)
    for title in signature.titles:
        _inline(_sub(_sub(_sub(conclusions, "p"), "signature"), "inline", name="signatoryTitle"),
                title)


# Text ------------------------------------------------------------------------------------------


def _inline(element: Any, text: str) -> None:
    """`text` into `element`: its superscripts as <sup>, its symbols as <span class="keep">,
    a redline's changes (of words or of a whole block, whose text is marked) as <ins> and
    <del>."""
    for change, pieces in groupby(spans(text), lambda span: span.change):
        target = element if change is None else _sub(element, _changed(change))
        for span in pieces:
            text = _NOT_XML.sub("\ufffd", span.text)
            match span.style:
                case "":
                    _text(target, text)
                case "raised":
                    _sub(target, "sup").text = text
                case "keep":
                    _sub(target, "span", **{"class": "keep"}).text = text
                case _:
                    assert_never(span.style)


def _text(element: Any, text: str) -> None:
    """`text` at the end of `element`, after its last child."""
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _changed(change: Change) -> str:
    match change:
        case "inserted":
            return "ins"
        case "deleted":
            return "del"
        case _:
            assert_never(change)


# Elements --------------------------------------------------------------------------------------


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _element(tag: str, **attributes: str) -> Any:
    from lxml import etree

    return etree.Element(_q(tag), attributes)


def _sub(parent: Any, tag: str, **attributes: str) -> Any:
    from lxml import etree

    return etree.SubElement(parent, _q(tag), {key: _NOT_XML.sub("\ufffd", value)
                                              for key, value in attributes.items()})
