"""Hostile input through every entry point: case files, toolkit files, flags and templates.

Whatever arrives, caac answers with exit 1 or 2, within seconds, with one line naming the file
(or flag) and the place, no traceback, and it writes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import CASE, Run

from caac_toolkit.files import LOCK

BUILD = ("build", "case.yaml", "--out", "out")
TOOLKIT = ("--data", "toolkit.yaml", "list")
TEMPLATE = "tpl/en/statement.md.j2"
DRAFT_WITH_TEMPLATES = ("draft", "statement", "--situation", "S", "--templates", "tpl")


class Hostile(NamedTuple):
    files: dict[str, str | bytes]  # by path relative to the working folder
    args: tuple[str, ...]
    code: int
    where: str  # the start of the place the message names


def alias_bomb() -> str:
    """Nine levels of nine aliases each: 387 million values once expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def text_bomb() -> str:
    """A file of a few kilobytes that stands for 30 megabytes of text."""
    return f"p: &p {'x' * 9_000}\nsituation: [{', '.join(['*p'] * 3_500)}]\n"


def template(body: str) -> dict[str, str | bytes]:
    return {TEMPLATE: "{% block title %}x{% endblock %}{% block opening_headed %}\n" + body +
            "\n{% endblock %}"}


def case(text: str | bytes) -> dict[str, str | bytes]:
    return {"case.yaml": text}


OVERLAY = "base: bundled\noptions:\n  - id: demarches.letters-to-parties\n"
ESCAPES = {
    "class-hierarchy": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "function-globals": "{{ lipsum.__globals__['os'] }}",
    "format-string": "{{ '{0.__class__.__init__.__globals__}'.format(1) }}",
    "private-attribute": "{{ self._TemplateReference__context }}",
    "attr-filter": "{{ labels|attr('__class__') }}",
    "mutating-a-value": "{{ labels.update({'signed': 'x'}) }}",
    "include-absolute": "{% include '/etc/passwd' %}",
    "include-parent": "{% include '../../../../etc/passwd' %}",
    "import-module": "{% import 'os' as os %}",
    "recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "huge-range": "{{ range(10000000)|list }}",
    "power": "{{ 9 ** 9 ** 9 }}",
    "repetition": "{{ 'x' * 1000000000 }}",
    "division-by-zero": "{{ 1 / 0 }}",
    "padding-a-gigabyte": "{{ 'x'|center(1000000000) }}",
    "format-padding": "{{ '{:>999999999}'.format(1) }}",
    "percent-padding": "{{ '%999999999d'|format(1) }}",
    "printing-megabytes": "{{ 'x'|center(100000000) }}",
}

HOSTILE = {
    # Case files
    "yaml-syntax": Hostile(case(CASE.replace("Wittig}", "Wittig")), BUILD, 1, "case.yaml:6:8"),
    "empty-file": Hostile(case(""), BUILD, 1, "case.yaml: the file is empty"),
    "binary-file": Hostile(case(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), BUILD, 1,
                           "case.yaml: this is a binary file"),
    "not-utf-8": Hostile(case(CASE.encode().replace(b"Sudan", b"Soud\xe1n")), BUILD, 1,
                         "case.yaml:1:20: the file is not UTF-8"),
    "tabs": Hostile(case(CASE.replace("  - option", "\t- option")), BUILD, 1, "case.yaml:7:1"),
    "duplicate-key": Hostile(case(CASE + "situation: Chad\n"), BUILD, 1, "case.yaml:10:1"),
    "unknown-key": Hostile(case(CASE + "colour: red\n"), BUILD, 1, "case.yaml:10:1: unknown key"),
    "wrong-type": Hostile(case(CASE.replace("number: 34", "number: [34]")), BUILD, 1,
                          "case.yaml:3:19"),
    "top-level-list": Hostile(case("- situation: the Sudan\n"), BUILD, 1, "case.yaml:1:1"),
    "alias-bomb": Hostile(case(alias_bomb()), BUILD, 1, "case.yaml:"),
    "text-bomb": Hostile(case(text_bomb()), BUILD, 1, "case.yaml:"),
    "deep-nesting": Hostile(case("situation: " + "[" * 500 + "]" * 500 + "\n"), BUILD, 1,
                            "case.yaml:1:"),
    "tens-of-megabytes": Hostile(case("situation: " + "x" * 30_000_000 + "\n"), BUILD, 1,
                                 "case.yaml: file larger than the limit"),
    "one-huge-value": Hostile(case(CASE.replace("the Sudan", "x" * 50_000)), BUILD, 1,
                              "case.yaml:1:12: text of 50,000 characters"),
    "nul": Hostile(case(CASE.replace("Sudan", "Su\x00dan")), BUILD, 1,
                   "case.yaml: this is a binary file"),
    "raw-control-character": Hostile(case(CASE.replace("Sudan", "Su\x07dan")), BUILD, 1,
                                     "case.yaml:1:18: control character U+0007"),
    "escaped-control-character": Hostile(case(CASE.replace("the Sudan", '"the \\e Sudan"')),
                                         BUILD, 1, "case.yaml:1:12: control character U+001B"),
    "right-to-left-override": Hostile(case(CASE.replace("Sudan", "\u202enadus")), BUILD, 1,
                                      "case.yaml:1:16: control character U+202E"),
    "escaped-key": Hostile(case(CASE + '"x\\e": 1\n'), BUILD, 1,
                           "case.yaml:10:1: control character U+001B"),
    "unknown-option": Hostile(case(CASE.replace("demarches.letters", "demarches.leters")), BUILD,
                              1, "case.yaml:7:13: unknown option"),
    "unknown-target": Hostile(case(CASE.replace("to: parties", "to: partys")), BUILD, 1,
                              "case.yaml:8:9: unknown target"),
    "python-tag": Hostile(case(CASE.replace("the Sudan", "!!python/object/apply:os.system [ls]")),
                          BUILD, 1, "case.yaml:1:12: the tag"),
    "symbol-leading-up": Hostile(case(CASE + "symbol: ../../etc\n"), BUILD, 1,
                                 "case.yaml:10:9: expected text like S/AC.51/2012/1"),
    "symbol-absolute": Hostile(case(CASE + "symbol: /abs\n"), BUILD, 1, "case.yaml:10:9"),
    "merge-key": Hostile(case(CASE + "x: &x {a: 1}\ny: {<<: *x}\n"), BUILD, 1, "case.yaml:11:5"),
    "sexagesimal-integer": Hostile(case(CASE.replace("number: 34", "number: 1:30")), BUILD, 1,
                                   "case.yaml:3:19: expected `bool | int"),
    "symbol-trailing-newline": Hostile(case(CASE + 'symbol: "S/AC.51/2012/1\\n"\n'), BUILD, 1,
                                       "case.yaml:10:9"),
    "no-cases": Hostile({"cases/sub/case.yaml": CASE, "cases/notes.txt": "x"},
                        ("build", "cases", "--out", "out"), 2, "no case files in cases"),
    "a-folder": Hostile({"folder.yaml/x": ""}, ("draft", "conclusions", "folder.yaml"), 1,
                        "folder.yaml: this is a folder"),
    "a-device": Hostile({}, ("validate", "/dev/zero"), 1, "/dev/zero: this is a device"),
    "missing-file": Hostile({}, ("validate", "nope.yaml"), 2, "file not found: nope.yaml"),
    "conclusions-of-a-bad-case": Hostile(
        case(CASE.replace("to: parties", "to: partys")),
        ("draft", "conclusions", "case.yaml", "-o", "conclusions.docx"), 1, "case.yaml:8:9"),
    # Toolkit files
    "toolkit-yaml-syntax": Hostile({"toolkit.yaml": "options: [\n"}, TOOLKIT, 1, "toolkit.yaml:2:1"),
    "toolkit-binary": Hostile({"toolkit.yaml": b"\x00\x01"}, TOOLKIT, 1, "toolkit.yaml: this is"),
    "toolkit-unknown-base": Hostile({"toolkit.yaml": "base: elsewhere\n"}, TOOLKIT, 1,
                                    "toolkit.yaml:1:7: unknown base"),
    "toolkit-unknown-key": Hostile({"toolkit.yaml": "base: bundled\ncolour: red\n"}, TOOLKIT, 1,
                                   "toolkit.yaml:2:1"),
    "toolkit-wrong-type": Hostile({"toolkit.yaml": OVERLAY + "    targets: 5\n"}, TOOLKIT, 1,
                                  "toolkit.yaml:4:14"),
    "toolkit-unknown-category": Hostile({"toolkit.yaml": OVERLAY + "    category: nope\n"},
                                        TOOLKIT, 1, "toolkit.yaml:4:15: unknown category"),
    "toolkit-control-character": Hostile({"toolkit.yaml": OVERLAY + '    text: "a\\x9bb"\n'},
                                         TOOLKIT, 1, "toolkit.yaml:4:11: control character"),
    "toolkit-validated": Hostile({"toolkit.yaml": OVERLAY + "    tier: nope\n"},
                                 ("validate", "toolkit.yaml"), 1, "toolkit.yaml:4:11"),
    # Flags
    "long-flag": Hostile({}, ("draft", "letter", "--to", "donors", "--situation", "x" * 20_000),
                         2, "--situation 'xxxx"),
    "control-character-in-a-path": Hostile({}, ("validate", "a\x1b.yaml"), 2, "'a\\x1b.yaml'"),
    "control-character-after-equals": Hostile({}, ("draft", "statement", "--point=a\x1bb"), 2,
                                              "'--point=a\\x1bb'"),
    "unknown-target-flag": Hostile({}, ("draft", "letter", "--to", "sanction"), 2, "for --to"),
    "unknown-option-flag": Hostile({}, ("draft", "letter", "--option", "nope"), 2,
                                   "unknown option 'nope'"),
    "bad-date-flag": Hostile({}, ("draft", "letter", "--date", "24/07/2007"), 2, "'--date'"),
    "bad-number-flag": Hostile({}, (*BUILD, "--jobs", "many"), 2, "'--jobs'"),
    "bad-job-number": Hostile({}, ("draft", "letter", "--to", "donors", "--job-number", "1"), 2,
                              "job number '1'"),
    "job-number-with-newline": Hostile({}, ("draft", "statement", "--job-number", "07-43210\n"),
                                       2, "job number '07-43210\\n'"),
    "symbol-with-markup": Hostile({}, ("draft", "statement", "--symbol", "S/AC.51/2007/1\n# x"),
                                  2, "symbol 'S/AC.51/2007/1\\n# x'"),
    "unknown-language": Hostile({}, ("draft", "letter", "--to", "donors", "--lang", "xx"), 2,
                                "unknown language 'xx'"),
    "missing-toolkit": Hostile({}, ("--data", "nope.yaml", "list"), 2, "file not found"),
    "out-is-a-file": Hostile({"out": "a file"}, ("build", "case.yaml", "--out", "out"), 2,
                             "out: this is a file"),
    "output-inside-a-file": Hostile({"a-file": "x"}, ("draft", "statement", "-o", "a-file/x.md"),
                                    1, "a-file/x.md: cannot write into a-file"),
    # Templates
    "missing-templates": Hostile({}, DRAFT_WITH_TEMPLATES, 2, "templates folder not found"),
    "template-binary": Hostile({TEMPLATE: b"\x00\x01"}, DRAFT_WITH_TEMPLATES, 1,
                               f"{TEMPLATE}: this is a binary file"),
    "template-not-utf-8": Hostile({TEMPLATE: b"{% block title %}\xff"}, DRAFT_WITH_TEMPLATES, 1,
                                  f"{TEMPLATE}:1:18: the file is not UTF-8"),
    "template-control-character": Hostile(template("\x1b[31mred"), DRAFT_WITH_TEMPLATES, 1,
                                          f"{TEMPLATE}:2:1: control character U+001B"),
    "template-syntax": Hostile(template("{% if %}"), DRAFT_WITH_TEMPLATES, 1, f"{TEMPLATE}:2"),
    "template-with-an-old-block": Hostile({TEMPLATE: "{% block body %}x{% endblock %}"},
                                          DRAFT_WITH_TEMPLATES, 1,
                                          f"{TEMPLATE}: block 'body' is no phrase"),
    "template-writing-megabytes": Hostile(
        template("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}"
                 "{% endfor %}"), DRAFT_WITH_TEMPLATES, 1, f"{TEMPLATE}: the block 'opening_headed' writes"),
    "labels-broken": Hostile({"tpl/en/labels.yaml": "signed: [\n"}, DRAFT_WITH_TEMPLATES, 1,
                             "tpl/en/labels.yaml:2:1"),
    **{f"sandbox-{name}": Hostile(template(body), DRAFT_WITH_TEMPLATES, 1, f"{TEMPLATE}:2:")
       for name, body in ESCAPES.items()},
}
# Every drafting command, in every format, refuses a control character in a flag.
FLAGGED = [
    ("draft", "letter", "--to", "donors", "--situation"),
    ("draft", "letter", "--to", "donors", "--addressee"),
    ("draft", "statement", "--point"),
    ("draft", "statement", "--party"),
    ("draft", "annex", "--signatory"),
    ("draft", "conclusions", "case.yaml", "--templates"),
]
HOSTILE |= {
    f"{command[-1][2:]}-flag-{command[1]}-{fmt}": Hostile(
        {}, (*command, "a\x1bb", "-f", fmt, "-o", f"out.{fmt}"), 2, f"{command[-1]} 'a\\x1bb'")
    for command in FLAGGED for fmt in ("text", "md", "html", "docx", "pdf")
}
HOSTILE["init-flag"] = Hostile({}, ("init", "case.yaml", "--situation", "a\u202eb"), 2,
                               "--situation 'a\\u202eb'")


def snapshot(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


def write_files(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("hostile", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_gets_one_clear_line_fast_and_writes_nothing(
    caac: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hostile: Hostile
) -> None:
    monkeypatch.chdir(tmp_path)
    write_files(tmp_path, {"case.yaml": CASE, **hostile.files})
    before = snapshot(tmp_path)
    result = caac(*hostile.args)
    assert result.exit_code == hostile.code, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("caac: error: ")]
    assert len(errors) == 1 or result.stderr.startswith("Usage: "), result.stderr  # Typer's box
    assert hostile.where in result.stderr, result.stderr
    assert snapshot(tmp_path) == before
    assert result.stdout == ""


# Text that is no threat: right-to-left letters, combining marks, a BOM, Windows line ends ------

LEGITIMATE = {
    "arabic": "جمهورية السودان",
    "hebrew-and-latin": "Sudan (סודן)",
    # A name the table of situations lacks (one it has is printed in its table form): ã and é
    # written as a and e with combining marks.
    "combining-marks": "Sa\u0303o Tome\u0301",
    "zero-width-joiner": "क्\u200dष",
}


@pytest.mark.parametrize("situation", LEGITIMATE.values(), ids=LEGITIMATE.keys())
def test_right_to_left_letters_and_combining_marks_are_accepted_and_render_as_given(
    caac: Run, tmp_path: Path, situation: str
) -> None:
    import docx

    (tmp_path / "case.yaml").write_text(CASE.replace("the Sudan", situation), encoding="utf-8")
    out = tmp_path / "out"
    result = caac("build", str(tmp_path / "case.yaml"), "--out", str(out),
                  "-f", "text", "-f", "md", "-f", "html", "-f", "docx")
    assert result.exit_code == 0, result.stderr
    for name in ("statement.txt", "statement.md", "statement.html"):
        assert situation in (out / "case" / name).read_text(encoding="utf-8"), name
    word = docx.Document(str(out / "case" / "statement.docx"))
    assert any(situation in paragraph.text for paragraph in word.paragraphs)


def test_a_bom_and_windows_line_ends_are_read_as_text(caac: Run, tmp_path: Path) -> None:
    case_file = tmp_path / "case.yaml"
    case_file.write_bytes(b"\xef\xbb\xbf" + CASE.replace("\n", "\r\n").encode())
    result = caac("validate", str(case_file))
    assert result.exit_code == 0, result.stderr
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "statement.md.j2").write_bytes(
        b"\xef\xbb\xbf{% block title %}Mine{% endblock %}\r\n{% block opening_headed %}\r\nHello.\r\n"
        b"{% endblock %}\r\n")
    drafted = caac("draft", "statement", "--templates", str(tmp_path))
    assert drafted.stdout.startswith("Mine\n\nHello.\n\n")


# Values are data in every format --------------------------------------------------------------

MARKUP = "{{ 7*7 }} <b>bold</b> & *star* _under_ #set page(width: 1cm) $x^2$ \\ [link](x)"
POINTS = ["# not a heading", "- not a bullet", "1. not numbered", "+ not either", "> not a quote"]


@pytest.fixture(scope="module")
def markup_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from caac_toolkit.cli import app

    folder = tmp_path_factory.mktemp("markup")
    points = "".join(f"      - {p!r}\n".replace("'", '"') for p in POINTS)
    text = CASE.replace("the Sudan", f"'{MARKUP}'").replace(
        "    points: [Calling upon all parties to end violations]\n", f"    points:\n{points}")
    (folder / "case.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(folder / "case.yaml"), "--out",
                                      str(folder / "out")])
    assert result.exit_code == 0, result.stderr
    return folder / "out" / "case"


def test_values_stay_text_in_plain_text(markup_build: Path) -> None:
    text = " ".join((markup_build / "statement.txt").read_text(encoding="utf-8").split())
    assert MARKUP in text
    assert "49" not in text


def test_values_create_no_markdown_structure(markup_build: Path) -> None:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse((markup_build / "statement.md").read_text())
    kinds = {token.type for token in tokens}
    assert not kinds & {"heading_open", "bullet_list_open", "ordered_list_open",
                        "blockquote_open", "html_block", "html_inline"}
    shown = "".join(child.content for token in tokens for child in token.children or ()
                    if child.type == "text")
    for point in POINTS:
        assert point in shown
    assert "<b>bold</b> & *star* _under_" in shown


def test_values_are_escaped_in_html(markup_build: Path) -> None:
    page = (markup_build / "statement.html").read_text(encoding="utf-8")
    assert "<b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; *star*" in page


def test_values_are_text_in_word(markup_build: Path) -> None:
    import docx

    word = docx.Document(str(markup_build / "statement.docx"))
    text = " ".join(paragraph.text for paragraph in word.paragraphs)
    assert MARKUP in text
    assert all(point in text for point in POINTS)


def test_values_are_text_never_typesetting_in_pdf(markup_build: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(markup_build / "statement.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "#set page(width: 1cm) $x^2$" in text
    assert reader.pages[0].mediabox.width > 500  # A4, not the 1 cm page the value asks for


# Paths ----------------------------------------------------------------------------------------

def test_names_from_a_case_stay_inside_the_output_folder(caac: Run, tmp_path: Path) -> None:
    addressees = ["../../../etc/passwd", "/etc/passwd", "..", "C:\\Windows\\x", "~root"]
    actions = "".join(f"  - {{option: enhanced-monitoring.clarification-from-affected-state, "
                      f"to: affected-state, addressee: '{a}'}}\n" for a in addressees)
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "...yaml").write_text(CASE + actions, encoding="utf-8")
    out = tmp_path / "cases" / "out"
    result = caac("build", str(tmp_path / "cases"), "--out", str(out), "-f", "text")
    assert result.exit_code == 0, result.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == [LOCK, "case/conclusions.txt", "case/letter-affected-state.txt",
                       "case/letter-c-windows-x.txt",
                       "case/letter-etc-passwd-2.txt", "case/letter-etc-passwd.txt",
                       "case/letter-root.txt",
                       "case/statement.txt", "manifest.json"]
    assert {p.name for p in tmp_path.iterdir()} == {"cases"}


def test_an_output_linked_outside_is_not_followed(caac: Run, tmp_path: Path) -> None:
    (tmp_path / "case.yaml").write_text(CASE, encoding="utf-8")
    out, victim = tmp_path / "out", tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (out / "case").mkdir(parents=True)
    (out / "case" / "statement.txt").symlink_to(victim)
    result = caac("build", str(tmp_path / "case.yaml"), "--out", str(out), "-f", "text")
    assert result.exit_code == 1
    assert f"{out / 'case' / 'statement.txt'}: leads outside {out}" in result.stderr
    assert victim.read_text() == "precious\n"


@pytest.mark.parametrize("entry", ["../victim.txt", "/etc/hostname", "case/../../victim.txt",
                                   LOCK, "manifest.json"])
def test_a_manifest_naming_files_outside_is_refused_and_they_are_left_alone(
    caac: Run, tmp_path: Path, entry: str
) -> None:
    import json

    (tmp_path / "case.yaml").write_text(CASE, encoding="utf-8")
    out, victim = tmp_path / "out", tmp_path / "victim.txt"
    victim.write_text("precious\n")
    args = ("build", str(tmp_path / "case.yaml"), "--out", str(out), "-f", "text")
    assert caac(*args).exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["outputs"][entry] = "0" * 64
    (out / "manifest.json").write_text(json.dumps(manifest))
    refused = caac(*args)
    assert refused.exit_code == 1
    assert "is not a caac manifest (remove it, or use --force)" in refused.stderr
    assert caac(*args, "--force").exit_code == 0
    assert victim.read_text() == "precious\n"
    assert (out / LOCK).exists()


def test_an_output_folder_given_through_a_link_is_built_into(caac: Run, tmp_path: Path) -> None:
    (tmp_path / "case.yaml").write_text(CASE, encoding="utf-8")
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    result = caac("build", str(tmp_path / "case.yaml"), "--out", str(tmp_path / "link"), "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "real" / "case" / "statement.md").is_file()


# Outputs that are not regular files -----------------------------------------------------------

DRAFT = ("draft", "statement", "--situation", "Chad", "-f", "md")


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_a_device_given_to_o_is_written_to_never_replaced(
    caac: Run, force: bool
) -> None:
    result = caac(*DRAFT, "-o", "/dev/null", *(["--force"] if force else []))
    assert result.exit_code == 0, result.stderr
    assert Path("/dev/null").is_char_device()


def test_a_pipe_given_to_o_is_written_to_as_a_stream(caac: Run, tmp_path: Path) -> None:
    import os
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    while not received and reader.is_alive():
        result = caac(*DRAFT, "-o", str(pipe))  # until the reader has opened its end
        if result.exit_code == 0:
            break
        assert "no program reads from this pipe" in result.stderr
    reader.join(timeout=30)
    assert b"Chad" in received[0]
    assert pipe.is_fifo()


def test_a_pipe_nobody_reads_is_refused_at_once(caac: Run, tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe")
    result = caac(*DRAFT, "-o", str(tmp_path / "pipe"))
    assert result.exit_code == 1
    assert result.stderr.endswith(f"caac: error: {tmp_path / 'pipe'}: no program reads from this "
                                  "pipe (start the reader first)\n")


def test_a_dangling_link_at_o_is_not_replaced_without_force(caac: Run, tmp_path: Path) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "nowhere.md")
    result = caac(*DRAFT, "-o", str(link))
    assert result.exit_code == 1
    assert f"caac: error: {link} already exists (use --force to replace it)" in result.stderr
    assert link.is_symlink() and not (tmp_path / "nowhere.md").exists()
    assert caac(*DRAFT, "-o", str(link), "--force").exit_code == 0
    assert not link.is_symlink() and not (tmp_path / "nowhere.md").exists()


def test_a_folder_at_o_is_refused(caac: Run, tmp_path: Path) -> None:
    (tmp_path / "x.md").mkdir()
    result = caac(*DRAFT, "-o", str(tmp_path / "x.md"), "--force")
    assert result.exit_code == 1
    assert f"caac: error: {tmp_path / 'x.md'}: this is a folder, not a file to write" in (
        result.stderr)


def test_an_output_name_of_255_bytes_is_written(caac: Run, tmp_path: Path) -> None:
    name = "x" * 252 + ".md"
    result = caac(*DRAFT, "-o", str(tmp_path / name))
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_build_refuses_a_pipe_among_its_outputs(caac: Run, tmp_path: Path) -> None:
    import os

    (tmp_path / "case.yaml").write_text(CASE, encoding="utf-8")
    (tmp_path / "out" / "case").mkdir(parents=True)
    os.mkfifo(tmp_path / "out" / "case" / "statement.txt")
    result = caac("build", str(tmp_path / "case.yaml"), "--out", str(tmp_path / "out"),
                  "-f", "text", "--force")
    assert result.exit_code == 1
    assert (f"caac: error: {tmp_path / 'out' / 'case' / 'statement.txt'}: this is a device or a "
            "pipe, not a file") in result.stderr
    assert (tmp_path / "out" / "case" / "statement.txt").is_fifo()


# Templates that lead elsewhere, names that would act on a log -----------------------------------

@pytest.mark.parametrize("link", ["symbolic", "hard"])
def test_a_template_linked_to_another_file_is_neither_read_nor_hashed(
    caac: Run, tmp_path: Path, link: str
) -> None:
    import hashlib
    import os

    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0\n")
    (tmp_path / "tpl" / "en").mkdir(parents=True)
    linked = tmp_path / "tpl" / "en" / "extra.md.j2"
    if link == "symbolic":
        linked.symlink_to(secret)
    else:
        os.link(secret, linked)
    (tmp_path / "case.yaml").write_text(CASE, encoding="utf-8")
    out = tmp_path / "out"
    result = caac("build", str(tmp_path / "case.yaml"), "--out", str(out), "-f", "text",
                  "--templates", str(tmp_path / "tpl"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(f"caac: error: {linked}: ")
    assert not out.exists()
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()
    assert digest not in result.stdout + result.stderr
    included = tmp_path / "tpl" / "en" / "statement.md.j2"
    included.write_text("{% block title %}x{% endblock %}{% block opening_headed %}"
                        "{% include 'en/extra.md.j2' %}{% endblock %}")
    result = caac(*DRAFT, "--templates", str(tmp_path / "tpl"))
    assert result.exit_code == 1
    assert "root:x" not in result.stdout + result.stderr


def test_file_names_with_control_characters_are_escaped_in_messages(
    caac: Run, tmp_path: Path
) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "x\n::error::injected.yaml").write_text("situation: [\n")
    result = caac("build", str(cases), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("::")] == []
    assert "x\\n::error::injected.yaml:2:1: invalid YAML" in result.stderr


def test_a_build_from_a_removed_working_folder_names_no_missing_path(
    tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

    (tmp_path / "case.yaml").write_text(CASE, encoding="utf-8")
    (tmp_path / "gone").mkdir()
    caac = Path(sys.executable).parent / "caac"
    script = ("import os, subprocess, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
              "sys.exit(subprocess.run(sys.argv[2:]).returncode)")
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "gone"), str(caac),
                             "build", str(tmp_path / "case.yaml"), "--out", str(tmp_path / "out"),
                             "-f", "text"], capture_output=True, text=True, timeout=60,
                            check=False, env={**os.environ, "CI": "1"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "case" / "statement.txt").is_file()
