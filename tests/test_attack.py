"""What a hostile or careless user tried on caac, and what caac must do instead: lose nothing,
bound all its work, and answer every mistake with one line. Each test runs the attack's own
input through the CLI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CASE, ROOT, Run
from typer.testing import Result


def last_line(result: Result) -> str:
    """The error a command ended with (warnings about the draft may come before it)."""
    return result.stderr.splitlines()[-1]


@pytest.fixture
def case(tmp_path: Path) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    return path


@pytest.fixture
def reference(caac: Run, tmp_path: Path) -> Path:
    path = tmp_path / "ref.docx"
    assert caac("templates", "--export-reference-docx", str(path)).exit_code == 0
    return path


# Data loss: no command writes over a file it read, under any name ------------------------------

def test_diff_never_writes_its_redline_over_a_case_file(caac: Run, tmp_path: Path, case: Path
                                                        ) -> None:
    new = tmp_path / "new.yaml"
    new.write_text(CASE.replace("end violations", "end all violations"), encoding="utf-8")
    before = new.read_bytes()
    result = caac("diff", str(case), str(new), "-o", str(new), "--format", "md", "--force")
    assert result.exit_code == 2
    assert f"{new}: this file is an input of the draft" in result.stderr
    assert new.read_bytes() == before


def test_a_draft_never_replaces_its_reference_document(caac: Run, reference: Path) -> None:
    before = reference.read_bytes()
    result = caac("draft", "statement", "--situation", "the Sudan", "-o", str(reference),
                  "--reference-docx", str(reference), "--force")
    assert result.exit_code == 2
    assert "is an input of the draft" in result.stderr
    assert reference.read_bytes() == before


def test_a_draft_never_replaces_a_template_only_the_template_process_reads(
    caac: Run, tmp_path: Path
) -> None:
    templates = tmp_path / "t"
    (templates / "en").mkdir(parents=True)
    template = templates / "en" / "letter.md.j2"
    shutil.copy(ROOT / "templates" / "en" / "letter.md.j2", template)
    before = template.read_bytes()
    result = caac("draft", "letter", "--to", "parties", "--templates", str(templates),
                  "-o", str(template), "--format", "md", "--force")
    assert result.exit_code == 2
    assert "is an input of the draft" in result.stderr
    assert template.read_bytes() == before


def test_a_build_never_writes_one_case_over_another_through_a_link(
    caac: Run, tmp_path: Path
) -> None:
    cases, out = tmp_path / "cases", tmp_path / "out"
    cases.mkdir()
    for name in ("sudan-2012", "mali-2018"):
        shutil.copy(ROOT / "examples" / f"{name}.yaml", cases)
    assert caac("build", str(cases / "sudan-2012.yaml"), "--out", str(out), "-f", "md"
                ).exit_code == 0
    sudan = {p.name: p.read_bytes() for p in (out / "sudan-2012").iterdir()}
    (out / "mali-2018").symlink_to(out / "sudan-2012")
    result = caac("build", str(cases), "--out", str(out), "-f", "md", "--force")
    assert result.exit_code == 1
    assert f"{out / 'mali-2018'}: a link to {out / 'sudan-2012'}" in result.stderr
    assert {p.name: p.read_bytes() for p in (out / "sudan-2012").iterdir()} == sudan


def test_a_build_never_writes_over_its_reference_document(
    caac: Run, tmp_path: Path, case: Path, reference: Path
) -> None:
    out = tmp_path / "out"
    assert caac("build", str(case), "--out", str(out), "-f", "docx").exit_code == 0
    shutil.copy(reference, out / "case" / "conclusions.docx")
    kept = out / "case" / "conclusions.docx"
    before = kept.read_bytes()
    result = caac("build", str(case), "--out", str(out), "-f", "docx", "--force",
                  "--reference-docx", str(kept))
    assert result.exit_code == 2
    assert f"{kept}: this file is an input of the build" in result.stderr
    assert kept.read_bytes() == before


# Unbounded work: what others made is read bounded -----------------------------------------------

def _with_member(docx: Path, target: Path, name: str, data: bytes) -> Path:
    """`docx` with one more part, `name`, holding `data` (deflated)."""
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, source.read(item))
        out.writestr(name, data)
    return target


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org",
                    *args], check=True, capture_output=True)


def test_a_reference_document_that_inflates_past_its_bound_is_refused_unread(
    caac: Run, tmp_path: Path, reference: Path
) -> None:
    bomb = _with_member(reference, tmp_path / "bomb.docx", "word/media/image1.png",
                        bytes(3_000_000))
    assert bomb.stat().st_size < 100_000
    result = caac("draft", "statement", "--situation", "the Sudan", "-o",
                  str(tmp_path / "s.docx"), "--reference-docx", str(bomb),
                  env={"CAAC_LIMIT_REFERENCE": "2000000"})
    assert result.exit_code == 1
    assert last_line(result) == (f"caac: error: {bomb}: this Word document (.docx) or template "
                                 "(.dotx) inflates to more than 1.91 MiB (remove large pictures "
                                 "or embedded files from it)")
    assert not (tmp_path / "s.docx").exists()


def test_a_word_document_that_inflates_past_its_bound_is_not_compared(
    caac: Run, tmp_path: Path, case: Path, reference: Path
) -> None:
    bomb = _with_member(reference, tmp_path / "x.docx", "word/media/image1.png", bytes(3_000_000))
    result = caac("diff", str(bomb), str(case), env={"CAAC_LIMIT_DOCX": "2000000"})
    assert result.exit_code == 1
    assert f"{bomb}: this Word document (.docx) inflates to more than" in result.stderr


@pytest.mark.parametrize("kind", ["fifo", "device", "sparse"])
def test_a_reference_document_is_a_regular_file_of_bounded_size(
    caac: Run, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "ref.docx"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/zero")
    else:
        with path.open("wb") as sparse:
            sparse.truncate(5 * 1024**3)  # five gibibytes of nothing, on no disk
    result = caac("draft", "statement", "--situation", "the Sudan", "-o",
                  str(tmp_path / "s.docx"), "--reference-docx", str(path))
    assert result.exit_code == 1
    expected = ("file larger than the limit of 8 MiB (split it, or shorten it)" if kind == "sparse"
                else "this is a device or a pipe, not a file (give a regular file)")
    assert last_line(result) == f"caac: error: {path}: {expected}"


@pytest.mark.parametrize("kind", ["fifo", "device", "sparse"])
def test_diff_reads_only_regular_files_of_bounded_size(
    caac: Run, tmp_path: Path, case: Path, kind: str
) -> None:
    path = tmp_path / "x.docx"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/zero")
    else:
        with path.open("wb") as sparse:
            sparse.truncate(4 * 1024**3)
    result = caac("diff", str(path), str(case))
    assert result.exit_code == 1
    assert "not found" not in result.stderr
    assert ("file larger than the limit of 64 MiB" if kind == "sparse"
            else "this is a device or a pipe, not a file") in result.stderr


def test_a_check_with_diff_does_not_read_a_huge_file_at_an_output_path(
    caac: Run, tmp_path: Path, case: Path
) -> None:
    out = tmp_path / "out"
    assert caac("build", str(case), "--out", str(out), "-f", "md").exit_code == 0
    huge = out / "case" / "conclusions.md"
    with huge.open("wb") as sparse:
        sparse.truncate(3 * 1024**3)
    result = caac("build", str(case), "--out", str(out), "-f", "md", "--check", "--diff")
    assert result.exit_code == 1
    assert f"caac: {huge}: no diff: file larger than the limit of 64 MiB" in result.stdout


def test_a_committed_file_is_read_no_further_than_its_bound(
    caac: Run, tmp_path: Path, case: Path
) -> None:
    _git(tmp_path, "init", "-q")
    case.write_text(CASE + "# " + "x" * 300_000 + "\n", encoding="utf-8")
    _git(tmp_path, "add", "case.yaml")
    _git(tmp_path, "commit", "-qm", "large")
    case.write_text(CASE, encoding="utf-8")
    result = caac("diff", "--rev", "HEAD", str(case), env={"CAAC_LIMIT_DOCX": "100000"})
    assert result.exit_code == 1
    assert result.stderr == (f"caac: error: {case}: the file as committed in HEAD is larger "
                             "than 100,000 bytes (compare a smaller file)\n")


# A user's table of languages: patterns with a time bound, labels that are not Python -----------

def _table(tmp_path: Path, **english: object) -> Path:
    """A --templates folder whose languages.yaml gives English with `english` changed."""
    import yaml

    table = yaml.safe_load((ROOT / "data" / "languages.yaml").read_text(encoding="utf-8"))
    entry = table["en"]
    for key, value in english.items():
        if key in ("marks", "ends"):
            entry.setdefault("typography", {})[key] = value
        else:
            entry[key] = value
    templates = tmp_path / "t"
    templates.mkdir(exist_ok=True)
    (templates / "languages.yaml").write_text(yaml.safe_dump({"en": entry}, allow_unicode=True),
                                              encoding="utf-8")
    return templates


def _statement(caac: Run, templates: Path, *more: str) -> Result:
    return caac("draft", "statement", "--situation", "the Sudan", "--templates", str(templates),
                "--point", "Calling upon " + "a" * 40 + "b", *more)


def test_a_pattern_that_backtracks_for_ever_is_stopped_with_one_line(
    caac: Run, tmp_path: Path
) -> None:
    import time

    started = time.monotonic()
    result = _statement(caac, _table(tmp_path, marks={"(a|aa)+$": "x"}))
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert last_line(result).startswith("caac: error: the pattern '(a|aa)+$' ran for more than "
                                        "1 s on one text (simplify it")


@pytest.mark.parametrize(("marks", "message"), [
    ({"(": "x"}, "not a regular expression: '('"),
    ({"a": "\\9"}, "the replacement '\\\\9' of the pattern 'a': invalid group reference"),
])
def test_a_pattern_that_is_no_pattern_is_one_line(
    caac: Run, tmp_path: Path, marks: dict[str, str], message: str
) -> None:
    result = _statement(caac, _table(tmp_path, marks=marks))
    assert result.exit_code == 1
    assert last_line(result).startswith(f"caac: error: {message}")


def test_the_bundled_patterns_still_apply(caac: Run) -> None:
    french = caac("draft", "letter", "--to", "parties", "--lang", "fr", "--situation",
                  "au Soudan", "--addressee", "le Président du Conseil")
    assert french.exit_code == 0
    assert "au Président du Conseil" in french.stdout
    arabic = caac("draft", "statement", "--lang", "ar", "--situation", "السودان",
                  "--point", "أ، ب، و جيش")
    assert arabic.exit_code == 0
    assert "أ، ب، وجيش" in arabic.stdout


@pytest.mark.parametrize(("key", "label"), [
    ("point_label", "({0:>300000000}{{}})"),
    ("point_label", "({0.__class__.__mro__}{{}})"),
    ("point_label", "({}{})"),
    ("point_label", "({0[0]}{{}})"),
    ("number_label", "{}{}"),
    ("number_label", "{!r}{{}}."),
])
def test_a_label_is_text_around_its_letter_never_a_python_format(
    caac: Run, tmp_path: Path, key: str, label: str
) -> None:
    result = _statement(caac, _table(tmp_path, **{key: label}))
    assert result.exit_code == 1
    assert last_line(result) == (
        f"caac: error: {key} {label!r}: a label holds its number or letter once, as {{}}, and "
        "nothing else in braces (write braces as {{ and }}; correct it in the table of "
        "languages (languages.yaml))")
    assert len(result.stdout) < 1000 and "class" not in result.stdout


# Templates: bounded per document, with messages of a line's length, by workers that die --------

SLOW = "{% for i in range(4000) %}{% for j in range(4000) %}{% endfor %}{% endfor %}"  # ~0.3 s


def test_the_template_time_bound_is_per_document_not_per_build(
    caac: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from caac_toolkit import rendering

    templates = tmp_path / "t" / "en"
    templates.mkdir(parents=True)
    for name in ("conclusions", "letter", "statement"):
        text = (ROOT / "templates" / "en" / f"{name}.md.j2").read_text(encoding="utf-8")
        (templates / f"{name}.md.j2").write_text(
            text.replace("{% block title %}", "{% block title %}" + SLOW.replace("4000", "2000"),
                         1), encoding="utf-8")
    cases = tmp_path / "cases"
    cases.mkdir()
    for number in range(20):
        (cases / f"case-{number}.yaml").write_text(CASE, encoding="utf-8")
    # Each document's templates take a twentieth of the bound or less (a busy machine leaves that
    # room); the forty documents' together, twice it.
    monkeypatch.setattr(rendering, "SECONDS", 2.0)
    result = caac("build", str(cases), "--out", str(tmp_path / "out"), "-f", "text",
                  "--templates", str(tmp_path / "t"))
    assert result.exit_code == 0, result.stderr
    assert "41 written" in result.stderr


def test_a_template_error_message_is_a_line_not_megabytes(caac: Run, tmp_path: Path) -> None:
    templates = tmp_path / "t" / "en"
    templates.mkdir(parents=True)
    (templates / "statement.md.j2").write_text(
        "{% block title %}{{ situation|attr('y' ~ ('z'|center(10000000))) }}{% endblock %}",
        encoding="utf-8")
    result = caac("draft", "statement", "--situation", "the Sudan", "--templates",
                  str(tmp_path / "t"))
    assert result.exit_code == 1
    assert last_line(result).startswith(f"caac: error: {templates / 'statement.md.j2'}:1: "
                                        "template error: ")
    assert len(result.stderr) < 2000


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux's /proc")
def test_the_processes_of_a_build_die_with_it(tmp_path: Path, case: Path) -> None:
    import signal
    import sys
    import time

    template = tmp_path / "t" / "en" / "statement.md.j2"
    template.parent.mkdir(parents=True)
    template.write_text("{% block title %}" + SLOW.replace("4000", "100000") + "{% endblock %}",
                        encoding="utf-8")
    for number in range(3):
        shutil.copy(case, tmp_path / f"case-{number}.yaml")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "caac"), "build", *(str(tmp_path / f"case-{n}.yaml")
                                                             for n in range(3)),
         "--out", str(tmp_path / "out"), "-f", "text", "--jobs", "2", "--templates",
         str(tmp_path / "t")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def descendants(pid: int) -> list[int]:
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        return [int(c) for c in children] + [d for c in children for d in descendants(int(c))]

    deadline = time.monotonic() + 30
    found: list[int] = []
    while len(found) < 4 and time.monotonic() < deadline:  # two workers, each with its renderer
        found = descendants(process.pid)
        time.sleep(0.05)
    assert len(found) >= 4, found
    process.send_signal(signal.SIGKILL)
    process.wait()

    def alive(pid: int) -> bool:
        status = Path(f"/proc/{pid}/status")
        try:
            return "State:\tZ" not in status.read_text()
        except OSError:
            return False

    deadline = time.monotonic() + 5
    while any(map(alive, found)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(alive, found))


def test_a_labels_overlay_of_nineteen_thousand_names_is_matched_in_one_pass(
    caac: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    searches = 0
    search = re.search

    def counted(*args: object, **kwargs: object) -> object:
        nonlocal searches
        searches += 1
        return search(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(re, "search", counted)
    labels = tmp_path / "t" / "en" / "labels.yaml"
    labels.parent.mkdir(parents=True)
    names = [f"Republic of Place {number:05}" for number in range(19_000)]
    labels.write_text("definite_names:\n" + "".join(f"  - {name}\n" for name in names) +
                      "  - Sudan\n", encoding="utf-8")
    cases = tmp_path / "cases"
    cases.mkdir()
    for number in range(3):
        (cases / f"case-{number}.yaml").write_text(
            CASE.replace("situation: the Sudan", f"situation: {names[number * 7000]}"),
            encoding="utf-8")
    started = time.monotonic()
    result = caac("build", str(cases), "--out", str(tmp_path / "out"), "-f", "text",
                  "--templates", str(tmp_path / "t"))
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result.stderr
    # The names that lack their article are still found, each in its own case.
    for number in range(3):
        assert f"'{names[number * 7000]}'" in result.stderr
    assert searches < 1000  # one regular expression per name and per value: some 200,000
    assert elapsed < 15  # 28 s on a busy machine when each name was a pattern of its own


# Tracebacks: every one a line -------------------------------------------------------------------

CAAC = Path(__import__("sys").executable).parent / "caac"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("number: 34", "number: " + "9" * 5000, "3:19: a number of 5,000 digits; the limit is 18"),
    ("number: 34", "number: 4" + "0" * 17, "3:19: expected `int` <= 99999"),
    ("report: S/2011/413", "report: {symbol: S/2011/413, issued: 9999-12-01}",
     "2:38: the date 9999-12-01 is not between 1945-01-01 and 2999-12-31"),
])
@pytest.mark.parametrize("command", ["validate", "status", "build"])
def test_numbers_and_dates_no_document_has_are_refused_by_every_command(
    caac: Run, tmp_path: Path, case: Path, command: str, old: str, new: str, message: str
) -> None:
    case.write_text(CASE.replace(old, new), encoding="utf-8")
    more = ["--out", str(tmp_path / "out")] if command == "build" else []
    result = caac(command, str(case), *more)
    assert result.exit_code == 1
    assert f"{case}:{message}" in result.stderr + result.stdout


def test_an_unknown_locale_and_an_empty_list_of_names_are_one_line(
    caac: Run, tmp_path: Path
) -> None:
    result = _statement(caac, _table(tmp_path, locale="xx_YY"))
    assert result.exit_code == 1
    assert "language 'en': unknown locale 'xx_YY' (a CLDR locale" in last_line(result)
    result = _statement(caac, _table(tmp_path, locale="en", names={"working_group": []}))
    assert result.exit_code == 1
    assert "language 'en': Expected `array` of length >= 1" in last_line(result)


@pytest.mark.parametrize("command", ["validate", "status", "build"])
def test_a_file_name_that_is_not_utf8_is_printed_escaped(tmp_path: Path, command: str) -> None:
    name = os.fsdecode(b"bad\xff.yaml")
    (tmp_path / name).write_text(CASE, encoding="utf-8")
    more = ["--out", "out", "-f", "text"] if command == "build" else []
    result = subprocess.run([str(CAAC), command, name, *more], cwd=tmp_path,
                            capture_output=True, text=True, errors="replace", check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    if command == "validate":
        assert result.stdout == "ok: bad\\udcff.yaml (case, 1 actions)\n"
    (tmp_path / name).write_text("situation: x\nactions: []\n", encoding="utf-8")
    result = subprocess.run([str(CAAC), command, name, *more], cwd=tmp_path,
                            capture_output=True, text=True, errors="replace", check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == ("caac: error: bad\\udcff.yaml:2:10: expected "
                                              "`array` of length >= 1 (give at least one)")


def _docx_variant(source: Path, target: Path, part: str, change: Callable[[bytes], bytes]
                  ) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            new.writestr(item, change(data) if item.filename == part else data)
    return target


@pytest.mark.parametrize(("part", "change"), [
    ("word/document.xml", lambda xml: re.sub(rb"<w:sectPr.*?</w:sectPr>", b"", xml, flags=re.S)),
    ("word/header2.xml", lambda xml: re.sub(rb"<w:p[ >].*</w:p>", b"", xml, flags=re.S)),
], ids=["no-sections", "empty-header"])
def test_diff_and_reference_take_a_word_document_without_sections_or_header(
    caac: Run, tmp_path: Path, part: str, change: Callable[[bytes], bytes]
) -> None:
    built = tmp_path / "built.docx"
    assert caac("draft", "conclusions", str(ROOT / "examples" / "sudan-2012.yaml"), "-o",
                str(built)).exit_code == 0
    odd = _docx_variant(built, tmp_path / "odd.docx", part, change)
    compared = caac("diff", str(odd), str(built))
    assert compared.exit_code == 0, compared.stderr
    assert "paragraph(s) changed" in compared.stderr
    drafted = caac("draft", "conclusions", str(ROOT / "examples" / "sudan-2012.yaml"), "-o",
                   str(tmp_path / "new.docx"), "--reference-docx", str(odd))
    assert drafted.exit_code == 0, drafted.stderr


def test_a_point_in_a_list_whose_number_is_no_number_is_compared(
    caac: Run, tmp_path: Path
) -> None:
    """The DOCX reader asks whether Word numbers an Arabic point (whose label is typed): a list
    id that is no number is read as one, not a traceback."""
    case = tmp_path / "case.yaml"
    case.write_text(CASE + "language: ar\n", encoding="utf-8")
    built = tmp_path / "built.docx"
    assert caac("draft", "conclusions", str(case), "-o", str(built)).exit_code == 0
    odd = _docx_variant(built, tmp_path / "odd.docx", "word/document.xml", lambda xml: xml.replace(
        b'<w:pStyle w:val="UNNestedPoint"/>',
        b'<w:pStyle w:val="UNNestedPoint"/><w:numPr><w:numId w:val="x"/></w:numPr>'))
    compared = caac("diff", str(odd), str(case))
    assert compared.exit_code == 0, compared.stderr
    assert "paragraph(s) changed" in compared.stderr


def test_an_undefined_entity_in_a_header_is_one_line(caac: Run, tmp_path: Path) -> None:
    built = tmp_path / "built.docx"
    assert caac("draft", "conclusions", str(ROOT / "examples" / "sudan-2012.yaml"), "-o",
                str(built)).exit_code == 0
    odd = _docx_variant(built, tmp_path / "odd.docx", "word/header2.xml",
                        lambda xml: xml.replace(b"<w:t", b"&undefined;<w:t", 1))
    result = caac("diff", str(odd), str(built))
    assert result.exit_code == 1
    assert last_line(result).startswith(f"caac: error: {odd}: a damaged part in this Word "
                                        "document: Entity 'undefined' not defined")


def test_a_draft_to_a_closed_stdout_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(f"'{CAAC}' draft statement --situation 'the Sudan' --format md >&-",
                            shell=True, capture_output=False, stderr=subprocess.PIPE, text=True,
                            check=False)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == ("caac: error: standard output is closed "
                                              "(give -o FILE)")


# Accepted nonsense ------------------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "message"), [
    ("date: 2012-10-11", "date: 2012-10-11\nadopted: {number: 1, date: 2006-01-10}\n"
     "report: {symbol: S/2011/413, issued: 2018-02-01}",
     "the conclusions were adopted before the report was issued (2006-01-10 < 2018-02-01)"),
    ("report: S/2011/413", "report: {symbol: S/2011/413, period: {from: 2017-06-30, "
     "to: 2014-01-01}}", "the period ends before it starts (2014-01-01 < 2017-06-30)"),
    ("date: 2012-10-11", "date: 2012-10-11\nsymbol: S/AC.51/٢٠٢٠/١",
     "5:9: expected text like S/AC.51/2012/1"),
    ("report: S/2011/413", "report: S/２０１１/413", "2:9: expected text like S/2011/413"),
])
def test_dates_out_of_order_and_digits_of_other_scripts_are_refused(
    caac: Run, case: Path, old: str, new: str, message: str
) -> None:
    text = CASE.replace(old, new)
    if "adopted" in new:
        text = text.replace("report: S/2011/413\n", "")
    case.write_text(text, encoding="utf-8")
    result = caac("validate", str(case))
    assert result.exit_code == 1
    assert message in result.stderr


# Clear messages ---------------------------------------------------------------------------------

def test_a_build_that_refuses_announces_no_removals(caac: Run, tmp_path: Path) -> None:
    cases, out = tmp_path / "cases", tmp_path / "out"
    cases.mkdir()
    for name in ("sudan-2012", "mali-2018"):
        shutil.copy(ROOT / "examples" / f"{name}.yaml", cases)
    assert caac("build", str(cases), "--out", str(out), "-f", "md").exit_code == 0
    edited = out / "sudan-2012" / "conclusions.md"
    edited.write_text("edited by hand\n", encoding="utf-8")
    (cases / "mali-2018.yaml").unlink()  # its documents would be removed
    result = caac("build", str(cases), "--out", str(out), "-f", "md")
    assert result.exit_code == 1
    assert f"{edited}: edited since it was built, so left as it is" in result.stderr
    assert "removing" not in result.stderr
    assert (out / "mali-2018").is_dir()


def test_a_git_range_is_not_a_revision(caac: Run, tmp_path: Path, case: Path) -> None:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "case.yaml")
    _git(tmp_path, "commit", "-qm", "one")
    result = caac("diff", "--rev", "HEAD..HEAD~1", str(case))
    assert result.exit_code == 2
    assert last_line(result) == ("caac: error: not a git revision: 'HEAD..HEAD~1' (give a "
                                 "commit, branch or tag: HEAD~1)")


def test_a_pipe_as_a_user_template_is_refused_not_passed_over(caac: Run, tmp_path: Path) -> None:
    template = tmp_path / "t" / "en" / "statement.md.j2"
    template.parent.mkdir(parents=True)
    os.mkfifo(template)
    result = caac("draft", "statement", "--situation", "the Sudan", "--templates",
                  str(tmp_path / "t"))
    assert result.exit_code == 1
    assert last_line(result) == (f"caac: error: {template}: this is not a regular file (give a "
                                 "template file, or remove it)")
    assert result.stdout == ""


# Links out of --templates -----------------------------------------------------------------------

@pytest.mark.parametrize("command", ["draft", "build", "validate"])
def test_a_table_linked_out_of_the_templates_folder_is_not_read(
    caac: Run, tmp_path: Path, case: Path, command: str
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("private_key_name: 1\n", encoding="utf-8")
    templates = tmp_path / "t"
    (templates / "es").mkdir(parents=True)
    (templates / "languages.yaml").symlink_to(secret)
    arguments = {
        "draft": ["draft", "statement", "--situation", "x", "--templates", str(templates)],
        "build": ["build", str(case), "--out", str(tmp_path / "out"), "--templates",
                  str(templates)],
        "validate": ["validate", str(templates / "es")],
    }[command]
    shutil.copy(ROOT / "templates" / "es" / "labels.yaml", templates / "es")
    result = caac(*arguments)
    assert result.exit_code == 1
    assert last_line(result) == (f"caac: error: {templates / 'languages.yaml'}: leads outside "
                                 f"{templates} (copy the file there instead of linking to it)")
    assert "private_key_name" not in result.stdout + result.stderr


def test_labels_linked_out_of_a_language_folder_are_not_validated(
    caac: Run, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("private_key_name: 1\n", encoding="utf-8")
    folder = tmp_path / "t" / "es"
    folder.mkdir(parents=True)
    (folder / "labels.yaml").symlink_to(secret)
    result = caac("validate", str(folder))
    assert result.exit_code == 1
    assert "leads outside" in last_line(result)
    assert "private_key_name" not in result.stdout + result.stderr


# What a reference document lends: styles, never macros or a template elsewhere ----------------

def _with_macros_and_remote_template(reference: Path, target: Path) -> Path:
    rels = ('<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/'
            'relationships/vbaProject" Target="vbaProject.bin"/>')
    remote = ('<Relationship Id="rIdTpl" Type="http://schemas.openxmlformats.org/officeDocument/'
              '2006/relationships/attachedTemplate" Target="http://attacker.example/t.dotm" '
              'TargetMode="External"/>')
    with zipfile.ZipFile(reference) as old, zipfile.ZipFile(target, "w") as new:
        names = old.namelist()
        for name in names:
            data = old.read(name)
            if name == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            elif name == "word/settings.xml":
                data = re.sub(rb"(<w:settings[^>]*>)", rb'\1<w:attachedTemplate r:id="rIdTpl"/>',
                              data, count=1)
            new.writestr(name, data)
        settings_rels = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                         b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                         b'relationships">' + remote.encode() + b"</Relationships>")
        assert "word/_rels/settings.xml.rels" not in names
        new.writestr("word/_rels/settings.xml.rels", settings_rels)
        new.writestr("word/vbaProject.bin", b"Attribute VB_Name = \"AutoOpen\"")
    return target


def test_a_reference_documents_macros_and_remote_template_are_left_out_and_said(
    caac: Run, tmp_path: Path, reference: Path
) -> None:
    hostile = _with_macros_and_remote_template(reference, tmp_path / "hostile.docx")
    output = tmp_path / "statement.docx"
    result = caac("draft", "statement", "--situation", "the Sudan", "--point", "Calling upon "
                  "all parties", "-o", str(output), "--reference-docx", str(hostile))
    assert result.exit_code == 0, result.stderr
    assert (f"caac: warning: {hostile}: its macros (word/vbaProject.bin) are left out of the "
            "documents") in result.stderr
    assert (f"caac: warning: {hostile}: its link to the template http://attacker.example/t.dotm "
            "is left out of the documents") in result.stderr
    with zipfile.ZipFile(output) as built:
        assert not any("vba" in name.lower() for name in built.namelist())
        everything = b"".join(built.read(name) for name in built.namelist())
    assert b"attacker.example" not in everything
    assert b"attachedTemplate" not in everything and b"vbaProject" not in everything


# PDF: nothing past the right margin --------------------------------------------------------------

def test_caacs_own_marks_in_a_value_are_refused(caac: Run, case: Path) -> None:
    case.write_text(CASE.replace("Calling upon", "\ue001Calling upon" + " all" * 30 + "\ue002"),
                    encoding="utf-8")
    result = caac("draft", "conclusions", str(case), "-f", "text")
    assert result.exit_code == 1
    assert last_line(result) == (f"caac: error: {case}:9:14: control character U+E001 in text "
                                 "(remove it; documents cannot show it)")


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler's pdftotext")
@pytest.mark.parametrize("kept", ["word " * 40, "abcdefgh" * 30])
def test_text_kept_on_one_line_that_is_longer_than_a_line_stays_inside_the_page(
    tmp_path: Path, kept: str
) -> None:
    from caac_toolkit.document import Document, Paragraph, Part
    from caac_toolkit.typography import END, KEEP
    from caac_toolkit.writers import FORMATS, render

    document = Document("letter", "en", "t", (Part(None, (
        Paragraph(f"Start {KEEP}{kept}{END} end", 1),)),))
    path = tmp_path / "kept.pdf"
    path.write_bytes(render(document, FORMATS["pdf"]))
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                           text=True, check=True).stdout
    right = max(float(x) for x in re.findall(r'xMax="([0-9.]+)"', boxes))
    assert right < 595.3 - 70.8 + 3  # A4 less its 2.5 cm margin; a hanging comma aside
    assert "end" in boxes


# What a reference document contributes, and what a build re-reads -----------------------------

def test_a_reference_documents_large_media_is_refused_before_it_is_copied_into_every_output(
    caac: Run, tmp_path: Path, case: Path, reference: Path
) -> None:
    large = _with_member(reference, tmp_path / "large.docx", "word/media/image1.png",
                         bytes(9 * 1024 * 1024))
    out = tmp_path / "out"
    result = caac("build", str(case), "--out", str(out), "-f", "docx", "--reference-docx",
                  str(large))
    assert result.exit_code == 1
    assert last_line(result) == (f"caac: error: {large}: this Word document (.docx) or template "
                                 "(.dotx) inflates to more than 8 MiB (remove large pictures or "
                                 "embedded files from it)")
    assert not out.exists()


def test_a_build_rehashes_only_outputs_whose_size_or_times_changed(
    caac: Run, tmp_path: Path, case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from caac_toolkit import build

    out = tmp_path / "out"
    assert caac("build", str(case), "--out", str(out), "-f", "md", "-f", "html").exit_code == 0
    read: list[Path] = []
    digest = build._digest
    monkeypatch.setattr(build, "_digest", lambda path: read.append(path) or digest(path))
    again = caac("build", str(case), "--out", str(out), "-f", "md", "-f", "html")
    assert again.exit_code == 0
    assert "0 written, 0 removed" in again.stderr
    assert read == []  # nothing changed, nothing re-read
    # An edit of the same size, its modification time set back: its change time gives it away.
    edited = out / "case" / "conclusions.md"
    status = edited.stat()
    text = edited.read_bytes()
    edited.write_bytes(text.replace(b"Sudan", b"Sudam", 1))
    os.utime(edited, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert edited.stat().st_size == status.st_size
    result = caac("build", str(case), "--out", str(out), "-f", "md", "-f", "html")
    assert result.exit_code == 1
    assert f"{edited}: edited since it was built, so left as it is" in result.stderr
    assert read == [edited]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler's pdftotext")
def test_a_long_symbol_like_token_stays_inside_the_pdf_page(caac: Run, tmp_path: Path) -> None:
    output = tmp_path / "statement.pdf"
    result = caac("draft", "statement", "--situation", "the Sudan", "--point",
                  f"Calling upon S/AC.51/{'2' * 200}/1 and more", "-o", str(output))
    assert result.exit_code == 0, result.stderr
    boxes = subprocess.run(["pdftotext", "-bbox", str(output), "-"], capture_output=True,
                           text=True, check=True).stdout
    right = max(float(x) for x in re.findall(r'xMax="([0-9.]+)"', boxes))
    assert right < 595.3 - 70.8 + 3  # 594.5 when the token was kept whole
