"""`caac diff`: redlines between two versions of a case, in Word and as text, Markdown and HTML."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import Run
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from caac_toolkit import redline
from caac_toolkit.document import Document, Paragraph, Part, Point, Span, changed, spans
from caac_toolkit.writers import render

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EPOCH = "1700000000"  # 14 November 2023, 22:13 UTC
OLD = """\
situation: the Sudan
report: S/2011/413
symbol: S/AC.51/2012/1
meeting: {number: 34, date: 2012-10-05}
date: 2012-10-11
chair: {name: Peter Wittig}
president: {name: Gert Rosenthal}
actions:
  - option: demarches.letters-to-parties
    to: parties
    points:
      - Calling upon all parties to end violations against children
      - Demanding that all parties ensure humanitarian access to children in need
  - option: assistance.letters-to-donors
    to: donors
    addressee: the World Bank and the donor community
    sender: chair
    points: [Appealing for support to the reintegration of children formerly associated]
  - option: improvement-of-mandates.mission-mandates
    to: secretary-general
    sender: president
    points: [Requesting that monitoring and reporting be strengthened in Darfur]
"""
CHANGED_POINT = ("Demanding that all parties ensure humanitarian access",
                 "Demanding that all parties immediately ensure safe humanitarian access")
REMOVED_ACTION = OLD[OLD.index("  - option: assistance.letters-to-donors"):
                     OLD.index("  - option: improvement-of-mandates")]
ADDED_ACTION = """\
  - option: demarches.justice-and-reconciliation
    to: affected-state
    addressee: the Government of the Sudan
    sender: president
    points: [Urging the Government to bring perpetrators of violations to justice]
"""
NEW = OLD.replace(*CHANGED_POINT).replace(REMOVED_ACTION, ADDED_ACTION)


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "old.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(NEW, encoding="utf-8")
    return tmp_path / "old.yaml", tmp_path / "new.yaml"


def body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")


def texts(body: etree._Element) -> list[str]:
    """The text of each paragraph of the body, tabs included."""
    return ["".join("\t" if e.tag == f"{W}tab" else e.text or "" for e in p.iter(f"{W}t", f"{W}tab"))
            for p in body.iter(f"{W}p")]


def paragraphs(data: bytes) -> list[str]:
    return texts(body(data))


def settle(data: bytes, *, accept: bool) -> list[str]:
    """The paragraphs' text once every tracked change is accepted (or rejected), as Word does
    it: the kept changes lose their marks, the others go, with their paragraphs if those were
    inserted or deleted whole."""
    root = body(data)
    keep, drop = (f"{W}ins", f"{W}del") if accept else (f"{W}del", f"{W}ins")
    for paragraph in list(root.iter(f"{W}p")):
        if paragraph.find(f"{W}pPr/{W}rPr/{drop}") is not None:
            paragraph.getparent().remove(paragraph)
    for element in list(root.iter(drop)):
        element.getparent().remove(element)
    for element in list(root.iter(keep)):
        for child in list(element):
            element.addprevious(child)
        element.getparent().remove(element)
    for element in list(root.iter(f"{W}delText")):
        element.tag = f"{W}t"
    return texts(root)


def tracked(data: bytes, kind: str) -> list[str]:
    """The text inside each w:ins or w:del run of the body."""
    return ["".join(t.text or "" for t in change.iter(f"{W}t", f"{W}delText"))
            for change in body(data).iter(f"{W}{kind}") if change.getparent().tag != f"{W}rPr"]


@pytest.fixture
def redline_docx(caac: Run, versions: tuple[Path, Path], tmp_path: Path) -> tuple[bytes, str]:
    old, new = versions
    result = caac("diff", str(old), str(new), "-o", str(tmp_path / "redline.docx"),
                  "--author", "Delegation of Ruritania", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 0, result.stderr
    return (tmp_path / "redline.docx").read_bytes(), result.stderr


def test_redline_docx_tracks_the_changed_point_added_paragraph_and_removed_action(
    redline_docx: tuple[bytes, str],
) -> None:
    data, stderr = redline_docx
    inserted, deleted = tracked(data, "ins"), tracked(data, "del")
    assert {"immediately", "safe"} <= {run.strip() for run in inserted}
    assert any("address a letter to the Government of the Sudan" in run for run in inserted)
    assert "Urging the Government to bring perpetrators of violations to justice." in inserted
    assert any("World Bank and the donor community" in run for run in deleted)
    assert any("Appealing for support to the reintegration" in run for run in deleted)
    # Paragraphs after the removed one are renumbered, not changed: only these are marked.
    assert "1 paragraph(s) changed, 2 inserted, 2 deleted" in stderr
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    stamps = set(re.findall(r'<w:(?:ins|del) w:id="\d+" w:author="([^"]+)" w:date="([^"]+)"', xml))
    assert stamps == {("Delegation of Ruritania", "2023-11-14T00:00:00Z")}


def test_accepting_every_change_gives_the_new_text_and_rejecting_the_old(
    caac: Run, versions: tuple[Path, Path], redline_docx: tuple[bytes, str], tmp_path: Path
) -> None:
    data, _ = redline_docx
    for version in versions:
        caac("draft", "conclusions", str(version), "-o", str(version.with_suffix(".docx")))
    old, new = (version.with_suffix(".docx").read_bytes() for version in versions)
    assert settle(data, accept=True) == paragraphs(new)
    assert settle(data, accept=False) == paragraphs(old)
    assert paragraphs(new) != paragraphs(old)


def test_redline_keeps_the_styles_and_numbering_of_the_normal_docx(
    caac: Run, versions: tuple[Path, Path], redline_docx: tuple[bytes, str]
) -> None:
    data, _ = redline_docx
    caac("draft", "conclusions", str(versions[1]), "-o", str(versions[1].with_suffix(".docx")))
    normal = docx.Document(versions[1].with_suffix(".docx"))
    marked = docx.Document(io.BytesIO(data))
    styles = {p.text: p.style.name for p in normal.paragraphs}
    for paragraph in marked.paragraphs:
        if paragraph.text in styles:
            assert paragraph.style.name == styles[paragraph.text]
    numbered = [p for p in marked.paragraphs if p._p.find(f"{W}pPr/{W}numPr") is not None]
    assert len(numbered) >= 6  # Word numbering survives in the redline, as in the normal DOCX
    assert marked.sections[0].header.paragraphs[0].text.startswith("S/AC.51/2012/1")


@pytest.mark.slow
def test_libreoffice_reads_the_tracked_changes(
    redline_docx: tuple[bytes, str], tmp_path: Path
) -> None:
    data, _ = redline_docx
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "redline.docx").write_bytes(data)
    for target in ("odt", "pdf"):
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
             "--convert-to", target, "--outdir", str(tmp_path / "out"),
             str(tmp_path / "in" / "redline.docx")],
            capture_output=True, check=True, timeout=180,
        )
    content = zipfile.ZipFile(tmp_path / "out" / "redline.odt").read("content.xml").decode()
    regions = re.findall(r"<text:changed-region.*?</text:changed-region>", content, re.S)
    insertions = [r for r in regions if "<text:insertion>" in r]
    deletions = [r for r in regions if "<text:deletion>" in r]
    # LibreOffice joins adjacent changes by one author into one region.
    assert len(insertions) >= 3  # two words, and the paragraphs inserted whole
    assert any("World Bank and the donor community" in r for r in deletions)
    assert any("Appealing for support to the reintegration" in r for r in deletions)
    assert all("<dc:creator>Delegation of Ruritania</dc:creator>" in r for r in regions)
    assert (tmp_path / "out" / "redline.pdf").read_bytes().startswith(b"%PDF")


def libreoffice_text(data: bytes, folder: Path) -> str:
    """The text of a Word document as LibreOffice prints it to PDF, its list numbers included."""
    (folder / "in").mkdir()
    (folder / "in" / "redline.docx").write_bytes(data)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder / "out"), str(folder / "in" / "redline.docx")],
        capture_output=True, check=True, timeout=180,
    )
    return subprocess.run(["pdftotext", "-layout", str(folder / "out" / "redline.pdf"), "-"],
                          capture_output=True, check=True, text=True).stdout


@pytest.mark.slow
def test_libreoffice_numbers_the_redline_as_the_new_version(
    caac: Run, versions: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = versions
    # Also a lettered point removed above one that stays: (b) becomes (a).
    new.write_text(NEW.replace("      - Calling upon all parties to end violations against "
                               "children\n", ""), encoding="utf-8")
    result = caac("diff", str(old), str(new), "-o", str(tmp_path / "redline.docx"))
    assert result.exit_code == 0, result.stderr
    text = libreoffice_text((tmp_path / "redline.docx").read_bytes(), tmp_path)
    labels = re.findall(r"^ *(\[?\(?[0-9a-z]+[.)]\]?(?:\[[^\]]*\])?) ", text, re.M)
    # A deleted paragraph shows its old number in brackets; the others their number once the
    # changes are accepted, with no other count beside it ("4.[5.]"). (LibreOffice brackets
    # the point that follows a deleted point too.)
    assert labels == ["1.", "2.", "3.", "[(a)]", "[(a)]", "[4.]", "[(a)]", "4.", "(a)", "5.", "(a)"]
    assert not re.search(r"^ *\d+\.\[", text, re.M)


ADDED = ["The Working Group agreed to recommend that the President of the Security Council "
         "address a letter to the Government of the Sudan:", "Urging the Government to bring "
         "perpetrators of violations to justice."]
REMOVED = ["The Working Group agreed to address a letter from its Chair to the World Bank and the "
           "donor community:", "Appealing for support to the reintegration of children formerly "
           "associated."]


def marked(text: str, start: str, end: str) -> list[str]:
    """The stretches between each `start` and `end` mark, on one line, trimmed."""
    pattern = re.escape(start) + "(.*?)" + re.escape(end)
    return [" ".join(m.split()) for m in re.findall(pattern, text, re.S)]


def _point_labels(data: bytes) -> list[tuple[str, str | None]]:
    """Each lettered point's typed label in a Word redline, and the change (ins, del) it is
    inside of, if any."""
    found = []
    for paragraph in body(data).iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if style is None or style.get(f"{W}val") not in ("UNPoint", "UNNestedPoint"):
            continue
        first = next(paragraph.iter(f"{W}t", f"{W}delText"))
        change = next((e.tag[len(W):] for e in first.iterancestors(f"{W}ins", f"{W}del")), None)
        found.append((first.text or "", change))
    return found


def test_an_arabic_redline_shows_each_point_s_label_as_its_version_letters_it(
    caac: Run, tmp_path: Path
) -> None:
    """Arabic points' labels are typed (no Word sequence gives (أ), (ب), (ج) in LibreOffice): a
    deleted point keeps its own, struck with it; an inserted one has the new version's,
    inserted with it; the others read as once the changes are accepted."""
    first = "      - Calling upon all parties to end violations against children\n"
    second = "      - Demanding that all parties ensure humanitarian access to children in need\n"
    old = OLD.replace("date: 2012-10-11\n", "date: 2012-10-11\nlanguage: ar\n")
    new = old.replace(first + second, second + "      - Urging all parties to release children\n")
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    versions = str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")
    assert caac("diff", *versions, "-o", str(tmp_path / "redline.docx")).exit_code == 0
    data = (tmp_path / "redline.docx").read_bytes()
    labels = _point_labels(data)
    assert labels[:3] == [("(أ)", "del"), ("(أ)", None), ("(ب)", "ins")]
    # The same letters as the Markdown redline prints, point by point.
    markdown = caac("diff", *versions, "--format", "md").stdout
    assert [label for label, _ in labels] == re.findall(
        r"^ *(\([\u0621-\u064a]{1,2}\)) ", markdown, re.M)
    caac("draft", "conclusions", versions[1], "-o", str(tmp_path / "new.docx"))
    assert settle(data, accept=True) == paragraphs((tmp_path / "new.docx").read_bytes())


def test_markdown_html_and_text_mark_the_same_changes(caac: Run, versions: tuple[Path, Path]) -> None:
    old, new = map(str, versions)
    markdown = caac("diff", old, new, "--format", "md").stdout
    assert marked(markdown, "{++", "++}") == ["immediately", "safe", *ADDED]
    assert marked(markdown, "{--", "--}") == REMOVED
    html = caac("diff", old, new, "--format", "html").stdout
    assert marked(html, "<ins>", "</ins>") == ["immediately", "safe", *ADDED]
    assert marked(html, "<del>", "</del>") == REMOVED
    text = caac("diff", old, new).stdout
    assert text.startswith(f"--- {old}\n+++ {new}\n@@ lines ")
    assert marked(text, "{+", "+}") == ["immediately", "safe", *ADDED]
    assert marked(text, "[-", "-]") == REMOVED
    assert "At its 34th meeting" not in text  # far from any change: not in a hunk


def test_the_same_version_twice_has_no_changes(caac: Run, versions: tuple[Path, Path]) -> None:
    result = caac("diff", str(versions[0]), str(versions[0]))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "0 paragraph(s) changed, 0 inserted, 0 deleted" in result.stderr


def test_renumbered_paragraphs_and_relettered_points_are_not_changes() -> None:
    def document(*blocks: Paragraph | Point) -> Document:
        return Document(kind="conclusions", lang="en", title="t", parts=(Part("t", blocks),))

    old = document(Paragraph("Opening.", 1), Paragraph("Dropped.", 2), Paragraph("Kept.", 3),
                   Point("a", "First point;", True), Point("b", "Second point.", True))
    new = document(Paragraph("Opening.", 1), Paragraph("Kept.", 2),
                   Point("a", "Second point.", True))
    result = redline.compare(old, new)
    assert (result.changed, result.inserted, result.deleted) == (0, 0, 2)
    kept = [b for b in result.document.parts[0].blocks if not changed(b.text)]
    assert [b.text for b in kept] == ["Opening.", "Kept.", "Second point."]


def test_a_moved_paragraph_is_deleted_at_its_old_place_and_inserted_at_its_new() -> None:
    def document(*texts: str) -> Document:
        blocks = tuple(Paragraph(text, n) for n, text in enumerate(texts, 1))
        return Document(kind="conclusions", lang="en", title="t", parts=(Part("t", blocks),))

    result = redline.compare(document("One.", "Two.", "Three.", "Four."),
                             document("One.", "Three.", "Four.", "Two."))
    assert (result.changed, result.inserted, result.deleted) == (0, 1, 1)
    assert [b.change for b in result.document.parts[0].blocks] == [
        None, "deleted", None, None, "inserted"]


def test_every_paragraph_of_a_long_draft_edited_is_paired_with_its_edit() -> None:
    def document(seed: str) -> Document:
        blocks = tuple(Paragraph(f"{seed} {n} " + " ".join(f"w{(n * 7 + k) % 13}" for k in range(60)),
                                 n) for n in range(1, 201))
        return Document(kind="conclusions", lang="en", title="t", parts=(Part("t", blocks),))

    result = redline.compare(document("Old"), document("New"))
    assert (result.changed, result.inserted, result.deleted) == (200, 0, 0)
    first = result.document.parts[0].blocks[0].text
    assert spans(first)[:2] == [Span("Old", "", "deleted"), Span("New", "", "inserted")]


WORDS = st.sampled_from(["children", "armed", "conflict", "the", "Working", "Group", "calls",
                         "upon", ";", ".", "S/2012/413", "(a)", "  ", "é"])
BLOCKS = st.lists(st.tuples(st.sampled_from(["paragraph", "numbered", "point"]),
                            st.lists(WORDS, min_size=1, max_size=10).map(" ".join)), max_size=10)


def draft(title: str, items: list[tuple[str, str]]) -> Document:
    blocks = tuple(Point("a", text) if kind == "point" else
                   Paragraph(text, n if kind == "numbered" else None)
                   for n, (kind, text) in enumerate(items, 1))
    return Document(kind="conclusions", lang="en", title=title, parts=(Part(title, blocks),))


def settled(document: Document, *, accept: bool) -> list[tuple[str, str]]:
    """Each block's kind and text once every change is accepted, or rejected."""
    gone = "deleted" if accept else "inserted"
    kept = []
    for block in document.parts[0].blocks:
        if block.change == gone:
            continue
        kept.append((type(block).__name__,
                     "".join(span.text for span in spans(block.text) if span.change != gone)))
    return kept


@settings(max_examples=200, deadline=None)
@given(BLOCKS, BLOCKS, st.sampled_from(["Conclusions", "Draft conclusions"]))
def test_accepting_gives_the_new_document_and_rejecting_the_old(
    old: list[tuple[str, str]], new: list[tuple[str, str]], title: str
) -> None:
    before, after = draft("Conclusions", old), draft(title, new)
    result = redline.compare(before, after)
    kinds_and_texts = [[(type(b).__name__, b.text) for b in d.parts[0].blocks]
                       for d in (before, after)]
    # Numbers and spacing aside, equal paragraphs are no change, and every change is counted,
    # the title's too.
    same = [[(kind, " ".join(text.split())) for kind, text in blocks] for blocks in kinds_and_texts]
    assert settled(result.document, accept=True) == kinds_and_texts[1]
    assert [(kind, " ".join(text.split())) for kind, text in
            settled(result.document, accept=False)] == same[0]
    assert (result.changes == 0) == (same[0] == same[1] and title == "Conclusions")


def test_words_are_marked_inside_a_changed_paragraph() -> None:
    marked = redline.mark_words("Calling upon all parties to end violations;",
                                "Calling upon the armed groups to end grave violations.")
    assert [(span.change, span.text) for span in spans(marked)] == [
        (None, "Calling upon "), ("deleted", "all parties"), ("inserted", "the armed groups"),
        (None, " to end "), ("inserted", "grave "), (None, "violations"),
        ("deleted", ";"), ("inserted", "."),
    ]


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org",
                    *args], check=True, capture_output=True)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    repository = tmp_path / "repo"
    (repository / "cases").mkdir(parents=True)
    case = repository / "cases" / "sudan.yaml"
    case.write_text(OLD, encoding="utf-8")
    git(repository, "init", "-q")
    git(repository, "add", ".")
    git(repository, "commit", "-q", "-m", "first round")
    case.write_text(NEW, encoding="utf-8")
    git(repository, "commit", "-q", "-am", "second round")
    return case


def test_rev_compares_with_the_committed_version(
    caac: Run, checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(checkout.parent.parent)
    result = caac("diff", "--rev", "HEAD~1", "cases/sudan.yaml", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert marked(result.stdout, "{++", "++}")[:2] == ["immediately", "safe"]
    text = caac("diff", "--rev", "HEAD~1", "cases/sudan.yaml").stdout
    assert text.startswith("--- HEAD~1:cases/sudan.yaml\n+++ cases/sudan.yaml\n")
    assert caac("diff", "--rev", "HEAD", str(checkout)).stdout == ""


def test_rev_says_when_the_file_is_not_in_that_revision(caac: Run, checkout: Path) -> None:
    added = checkout.with_name("mali.yaml")
    added.write_text(NEW, encoding="utf-8")
    result = caac("diff", "--rev", "HEAD", str(added))
    assert result.exit_code == 2
    assert result.stderr == (f"caac: error: {added} is not in revision HEAD (check the path and "
                             f"the revision: git log -- {added})\n")
    unknown = caac("diff", "--rev", "no-such-branch", str(checkout))
    assert unknown.exit_code == 2
    assert "unknown git revision 'no-such-branch'" in unknown.stderr


def test_rev_says_when_git_is_missing_or_there_is_no_checkout(
    caac: Run, versions: tuple[Path, Path], checkout: Path, tmp_path: Path
) -> None:
    (tmp_path / "empty").mkdir()
    missing = caac("diff", "--rev", "HEAD", str(checkout), env={"PATH": str(tmp_path / "empty")})
    assert missing.exit_code == 2
    assert missing.stderr.startswith("caac: error: git is not installed, or not on the PATH")
    outside = caac("diff", "--rev", "HEAD", str(versions[0]))
    assert outside.exit_code == 2
    assert outside.stderr.startswith(f"caac: error: {versions[0]}: not in a git checkout")


def test_usage_errors_are_one_line(caac: Run, versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = map(str, versions)
    for args, message in [
        ((old,), "give OLD and NEW, or one file with --rev GIT_REF"),
        ((old, new, "--rev", "HEAD"), "give OLD and NEW, or one file with --rev GIT_REF"),
        ((old, new, "--document", "annex"), "has no document 'annex'"),
        ((old, new, "--format", "docx"), "docx is a binary format"),
        ((old, new, "-o", str(tmp_path / "r.odt")), ".odt means OpenDocument text"),
        ((old, str(tmp_path / "none.yaml")), "not found"),
    ]:
        result = caac("diff", *args)
        assert result.exit_code == 2, (args, result.stderr)
        assert message in result.stderr
        assert result.stderr.count("\n") == 1


def test_another_document_of_the_case(caac: Run, versions: tuple[Path, Path]) -> None:
    result = caac("diff", *map(str, versions), "--document", "statement", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert marked(result.stdout, "{++", "++}") == ["immediately", "safe"]
    assert "1 paragraph(s) changed, 0 inserted, 0 deleted" in result.stderr


def test_build_writes_a_redline_beside_each_changed_document(
    caac: Run, checkout: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = caac("build", str(checkout), "--out", str(out), "--format", "md",
                  "--redline-against", "HEAD~1", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 0, result.stderr
    built = sorted(p.name for p in (out / "sudan").iterdir())
    # The statement and the conclusions changed; the letter to the Secretary-General did not,
    # the letter to the Government is new and the one to the donors gone.
    assert [name for name in built if name.endswith("-redline.docx")] == [
        "conclusions-redline.docx", "statement-redline.docx"]
    data = (out / "sudan" / "conclusions-redline.docx").read_bytes()
    caac("draft", "conclusions", str(checkout), "-o", str(tmp_path / "new.docx"))
    assert settle(data, accept=True) == paragraphs((tmp_path / "new.docx").read_bytes())
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    assert '"sudan/conclusions-redline.docx"' in manifest
    again = caac("build", str(checkout), "--out", str(out), "--format", "md",
                 "--redline-against", "HEAD~1", "--check", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert again.exit_code == 0, again.stdout  # the same inputs give the same redlines


def test_built_word_documents_compare_like_their_cases(
    caac: Run, versions: tuple[Path, Path], tmp_path: Path
) -> None:
    for version in versions:
        caac("draft", "conclusions", str(version), "-o", str(version.with_suffix(".docx")))
    old, new = (str(version.with_suffix(".docx")) for version in versions)
    built = caac("diff", old, new, "--format", "md")
    assert built.exit_code == 0, built.stderr
    assert marked(built.stdout, "{++", "++}") == ["immediately", "safe", *ADDED]
    assert marked(built.stdout, "{--", "--}") == REMOVED
    assert "1 paragraph(s) changed, 2 inserted, 2 deleted" in built.stderr
    # A built document against the case it was built from: nothing changed.
    same = caac("diff", new, str(versions[1]))
    assert (same.exit_code, same.stdout) == (0, "")
    assert "0 paragraph(s) changed, 0 inserted, 0 deleted" in same.stderr
    mixed = caac("diff", str(versions[0]), new, "-o", str(tmp_path / "mixed.docx"))
    assert "1 paragraph(s) changed, 2 inserted, 2 deleted" in mixed.stderr
    assert settle((tmp_path / "mixed.docx").read_bytes(), accept=True) == paragraphs(
        Path(new).read_bytes())


def test_a_file_named_docx_that_is_not_word_is_refused(
    caac: Run, versions: tuple[Path, Path], tmp_path: Path
) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip", encoding="utf-8")
    result = caac("diff", str(fake), str(versions[1]))
    assert result.exit_code == 1
    assert result.stderr == (f"caac: error: {fake}: not a Word document (.docx) (give a .docx "
                             "file, or a case file (.yaml))\n")


def test_an_undated_case_builds_undated_redlines(caac: Run, checkout: Path, tmp_path: Path) -> None:
    checkout.write_text(NEW.replace("date: 2012-10-11\n", ""), encoding="utf-8")
    out = tmp_path / "out"
    result = caac("build", str(checkout), "--out", str(out), "--format", "md",
                  "--redline-against", "HEAD~1")
    assert result.exit_code == 0, result.stderr
    xml = zipfile.ZipFile(out / "sudan" / "conclusions-redline.docx").read("word/document.xml")
    assert b"<w:ins " in xml and b"w:date=" not in xml  # a build never reads the clock


def test_the_masthead_shows_a_new_date(caac: Run, versions: tuple[Path, Path]) -> None:
    versions[1].write_text(NEW.replace("date: 2012-10-11", "date: 2012-10-19"), encoding="utf-8")
    result = caac("diff", *map(str, versions), "--format", "md")
    assert "{--11--}{++19++} October 2012" in result.stdout


def test_the_redline_takes_a_reference_document(
    caac: Run, versions: tuple[Path, Path], tmp_path: Path
) -> None:
    reference = tmp_path / "reference.docx"
    assert caac("templates", "--export-reference-docx", str(reference)).exit_code == 0
    word = docx.Document(reference)
    word.sections[0].left_margin = docx.shared.Cm(4)
    word.save(reference)
    result = caac("diff", *map(str, versions), "-o", str(tmp_path / "r.docx"),
                  "--reference-docx", str(reference))
    assert result.exit_code == 0, result.stderr
    redlined = docx.Document(tmp_path / "r.docx")
    assert round(redlined.sections[0].left_margin.cm, 2) == 4.0  # Word keeps twips
    assert tracked((tmp_path / "r.docx").read_bytes(), "ins")
    bad = caac("diff", *map(str, versions), "-o", str(tmp_path / "s.docx"),
               "--reference-docx", str(versions[0]))
    assert bad.exit_code == 1 and "not a Word document" in bad.stderr


def test_marked_words_keep_their_typography(caac: Run, tmp_path: Path) -> None:
    french = """\
situation: en République démocratique du Congo
report: S/2018/502
meeting: {number: 73, date: 2018-08-07}
date: 2018-10-04
language: fr
chair: {name: Olof Skoog}
actions:
  - option: demarches.letters-to-parties
    to: parties
    points: [Exhortant tous les groupes armés à libérer les enfants]
"""
    (tmp_path / "old.yaml").write_text(french, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(french.replace("number: 73", "number: 74"), encoding="utf-8")
    result = caac("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "-o",
                  str(tmp_path / "r.docx"))
    assert result.exit_code == 0, result.stderr
    data = (tmp_path / "r.docx").read_bytes()
    assert (tracked(data, "del"), tracked(data, "ins")) == (["73"], ["74"])
    paragraph = next(p for p in body(data).iter(f"{W}p") if "74" in "".join(p.itertext()))
    runs = [r for r in paragraph.iter(f"{W}r")]
    after = runs[[("".join(r.itertext())) for r in runs].index("74") + 1]
    assert "".join(after.itertext()) == "e"  # "74e": the ordinal's letter still raised
    assert after.find(f"{W}rPr/{W}vertAlign").get(f"{W}val") == "superscript"


def test_exit_code_says_whether_the_versions_differ(caac: Run, versions: tuple[Path, Path]) -> None:
    old, new = map(str, versions)
    different = caac("diff", old, new, "--exit-code")
    assert different.exit_code == 1
    assert different.stdout.startswith(f"--- {old}\n+++ {new}\n")  # the diff is still printed
    assert caac("diff", old, old, "--exit-code").exit_code == 0
    assert caac("diff", old, new).exit_code == 0  # without the flag, as git diff


def test_a_changed_title_is_a_change(caac: Run, versions: tuple[Path, Path]) -> None:
    versions[1].write_text(OLD.replace("date: 2012-10-11", "date: 2012-10-19"), encoding="utf-8")
    result = caac("diff", *map(str, versions), "--document", "letter-secretary-general",
                  "--format", "md", "--exit-code")
    assert result.exit_code == 1
    assert "**Letter dated {--11--}{++19++} October 2012 from the President" in result.stdout
    assert "caac: 1 paragraph(s) changed, 0 inserted, 0 deleted" in result.stderr


def test_a_pdf_redline_underlines_insertions_and_strikes_deletions(
    caac: Run, versions: tuple[Path, Path], tmp_path: Path
) -> None:
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    def text_and_strokes(path: Path) -> tuple[str, int]:
        reader = PdfReader(path)
        strokes = sum(operator == b"S" for page in reader.pages
                      for _, operator in ContentStream(page.get_contents(), reader).operations)
        return " ".join("".join(page.extract_text() for page in reader.pages).split()), strokes

    result = caac("diff", *map(str, versions), "-o", str(tmp_path / "redline.pdf"))
    assert result.exit_code == 0, result.stderr
    assert caac("draft", "conclusions", str(versions[1]), "-o", str(tmp_path / "new.pdf")).exit_code == 0
    text, strokes = text_and_strokes(tmp_path / "redline.pdf")
    _, plain_strokes = text_and_strokes(tmp_path / "new.pdf")
    for words in ["immediately ensure safe", *REMOVED, *ADDED]:
        assert words in text
    # A line under or through each line of each change: two words, two paragraphs deleted and
    # two inserted, of one or two lines each.
    assert strokes - plain_strokes >= 8


def repeated(points: list[str]) -> str:
    """A case whose letter to the parties has these points."""
    return CASE_OF_POINTS.replace("POINTS", "".join(f"      - {point}\n" for point in points))


CASE_OF_POINTS = OLD[:OLD.index("actions:")] + """\
actions:
  - option: demarches.letters-to-parties
    to: parties
    points:
POINTS"""


def test_thousands_of_identical_paragraphs_are_aligned_on_the_one_that_differs(
    caac: Run, tmp_path: Path
) -> None:
    (tmp_path / "old.yaml").write_text(repeated(["Acting"] * 3000), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(repeated(["Acting"] * 1500 + ["Demanding release"]
                                                + ["Acting"] * 1500), encoding="utf-8")
    result = caac("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "caac: 0 paragraph(s) changed, 1 inserted, 0 deleted\n"
    assert marked(result.stdout, "{++", "++}") == ["Demanding release;"]
    assert "{--" not in result.stdout


def test_thousands_of_alike_paragraphs_without_an_anchor_are_compared_in_order(
    caac: Run, tmp_path: Path
) -> None:
    (tmp_path / "old.yaml").write_text(repeated(["Acting now"] * 2000), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(repeated(["Acting soon"] * 2000), encoding="utf-8")
    result = caac("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "caac: note: 2004 and 2004 paragraphs, many alike: some were compared in order rather "
        "than aligned",
        "caac: 2000 paragraph(s) changed, 0 inserted, 0 deleted"]
    assert result.stdout.count("{--now--}{++soon++}") == 2000


def test_a_paragraph_of_thousands_of_repeated_words_is_marked_whole_with_a_note(
    caac: Run, tmp_path: Path
) -> None:
    words = " ".join(["child"] * 1500)
    (tmp_path / "old.yaml").write_text(repeated([f"Protecting {words} now"]), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(repeated([f"Shielding {words} soon"]), encoding="utf-8")
    result = caac("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "caac: note: a paragraph with many repeated words was marked whole rather than word by "
        "word",
        "caac: 1 paragraph(s) changed, 0 inserted, 0 deleted"]
    assert marked(result.stdout, "{--", "--}") == [f"Protecting {words} now"]
    assert marked(result.stdout, "{++", "++}") == [f"Shielding {words} soon"]


MARKS = {"raised": ("\ue000", "\ue002"), "keep": ("\ue001", "\ue002"),
         "inserted": ("\ue010", "\ue011"), "deleted": ("\ue012", "\ue013")}
PIECES = st.lists(st.tuples(st.sampled_from(["", *MARKS]), st.text("ab /é", min_size=1, max_size=4)),
                  max_size=8)


@settings(max_examples=300, deadline=None)
@given(PIECES, PIECES)
def test_spans_give_each_character_its_style_and_change(
    styled: list[tuple[str, str]], changes: list[tuple[str, str]]
) -> None:
    """Styles and changes each cover stretches of their own; a change may open or close inside a
    superscript or a symbol, and each character keeps both."""
    text, expected = "", []
    for (style, a), (change, b) in zip(styled, changes, strict=False):
        style = style if style in ("raised", "keep") else ""
        change = change if change in ("inserted", "deleted") else ""
        opening, closing = MARKS[change] if change else ("", "")
        # "a" styled, then "b" changed, its change opening inside the styled stretch.
        if style:
            text += MARKS[style][0] + a + opening + b[:1] + MARKS[style][1] + b[1:] + closing
        else:
            text += a + opening + b + closing
        expected += [(char, style, None) for char in a]
        expected += [(char, style if i == 0 else "", change or None) for i, char in enumerate(b)]
    found = [(char, span.style, span.change) for span in spans(text) for char in span.text]
    assert found == expected


def test_marks_of_changes_in_a_case_s_own_text_are_text(caac: Run, tmp_path: Path) -> None:
    """Only a redline marks changes: a case that writes the characters of its marks drafts them
    as harmless characters, never as an insertion or a deletion."""
    case = tmp_path / "case.yaml"
    case.write_text(OLD.replace("Calling upon all parties", "Calling upon \ue010all\ue011 \ue012parties"),
                    encoding="utf-8")
    markdown = caac("draft", "conclusions", str(case), "--format", "md")
    assert markdown.exit_code == 0, markdown.stderr
    assert "Calling upon \ufffdall\ufffd \ufffdparties" in markdown.stdout
    assert "{++" not in markdown.stdout and "{--" not in markdown.stdout
    assert caac("draft", "conclusions", str(case), "-o", str(tmp_path / "c.docx")).exit_code == 0
    assert tracked((tmp_path / "c.docx").read_bytes(), "ins") == []
    assert tracked((tmp_path / "c.docx").read_bytes(), "del") == []


def test_a_redline_lays_out_its_changes_from_the_library() -> None:
    def document(text: str) -> Document:
        return Document(kind="conclusions", lang="en", title="t",
                        parts=(Part("t", (Paragraph(text, 1),)),))

    result = redline.compare(document("Calling upon all parties."), document("Calling upon parties."))
    assert "Calling upon {--all --}parties." in render(result.document, "md").decode()
