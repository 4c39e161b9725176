"""The record of real conclusions (data/precedents.yaml): its checks, and where a drafter sees it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Run, plain

from caac_toolkit import precedents

BUNDLED = ROOT / "data" / "precedents.yaml"
# One valid entry; each test below breaks one thing in it.
ENTRY = """\
  - symbol: S/AC.51/2012/1
    situation: the Sudan
    adopted: 2012-10-11
    meetings: [{number: 34, date: 2012-10-05}]
    statement: SC/10813
    actions:
      - option: demarches.letters-to-parties
        to: all the parties to the armed conflict in the Sudan
        sender: chair
        source: https://press.un.org/en/2012/sc10813.doc.htm
    actions_complete: false
    sources: [https://press.un.org/en/2012/sc10813.doc.htm]
"""
OTHER = ENTRY.replace("S/AC.51/2012/1", "S/AC.51/2009/5").replace("2012-10-11", "2009-09-01")


def _file(tmp_path: Path, body: str, head: str = "") -> Path:
    path = tmp_path / "precedents.yaml"
    path.write_text(f"{head}precedents:\n{body}", encoding="utf-8")
    return path


def _errors(caac: Run, path: Path) -> list[str]:
    result = caac("validate", str(path))
    assert result.exit_code == 1, result.stdout
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith(f"caac: error: {path}:") for line in lines)
    return lines


def test_the_bundled_record_is_valid_sourced_and_large(caac: Run) -> None:
    entries = precedents.load()
    assert len(entries) >= 40
    assert len([e for e in entries if e.symbol]) >= 40
    for entry in entries:
        assert entry.sources and all(url.startswith(("https://", "http://"))
                                     for url in entry.sources)
        assert all(action.source.startswith(("https://", "http://")) for action in entry.actions)
    result = caac("validate", str(BUNDLED))
    assert result.exit_code == 0, result.stderr
    assert f"precedents, {len(entries)} sets of conclusions" in result.stdout


def test_a_valid_file_passes(caac: Run, tmp_path: Path) -> None:
    result = caac("validate", str(_file(tmp_path, ENTRY + OTHER)))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("broken", "message", "line"),
    [
        pytest.param(ENTRY.replace("    sources: [https://press.un.org/en/2012/sc10813.doc.htm]\n",
                                   ""),
                     "missing required field `sources`", 2, id="entry-without-url"),
        pytest.param(ENTRY.replace("    sources: [https://press.un.org/en/2012/sc10813.doc.htm]",
                                   "    sources: []"),
                     "length >= 1", 13, id="entry-with-empty-sources"),
        pytest.param(ENTRY.replace("        source: https://press.un.org/en/2012/sc10813.doc.htm\n",
                                   ""),
                     "missing required field `source`", 8, id="action-without-url"),
        pytest.param(ENTRY.replace("        source: https://", "        source: press."),
                     "not the URL of a public copy", 11, id="action-url-not-a-url"),
        pytest.param(ENTRY.replace("demarches.letters-to-parties", "demarches.letters-to-partys"),
                     "unknown option 'demarches.letters-to-partys' (did you mean "
                     "'demarches.letters-to-parties'?)", 8, id="unknown-option"),
        pytest.param(ENTRY.replace("S/AC.51/2012/1", "S/AC.51/12/1"),
                     "not a symbol of conclusions", 2, id="symbol-out-of-pattern"),
        pytest.param(ENTRY.replace("date: 2012-10-05", "date: 2004-10-05"),
                     "2004-10-05 is outside the Working Group's life", 5, id="date-before-1612"),
        pytest.param(ENTRY.replace("adopted: 2012-10-11", "adopted: 2099-10-11"),
                     "2099-10-11 is outside the Working Group's life", 4, id="date-in-future"),
        pytest.param(ENTRY + ENTRY.replace("2012-10-11", "2012-10-12"),
                     "duplicate symbol S/AC.51/2012/1 (first at line 2)", 14, id="duplicate-symbol"),
        pytest.param(ENTRY + ENTRY.replace("situation: the Sudan", "situation: Colombia"),
                     "S/AC.51/2012/1 is on Colombia here but on the Sudan at", 14,
                     id="contradiction"),
    ],
)
def test_each_rule_refuses_a_bad_entry_with_its_line(
    caac: Run, tmp_path: Path, broken: str, message: str, line: int
) -> None:
    path = _file(tmp_path, broken)
    errors = _errors(caac, path)
    assert any(message in error for error in errors), errors
    assert any(error.startswith(f"caac: error: {path}:{line}:") for error in errors), errors


def test_an_overlay_adds_to_the_bundled_record(caac: Run, tmp_path: Path) -> None:
    extra = ENTRY.replace("S/AC.51/2012/1", "S/AC.51/2025/99").replace("2012-10-11",
                                                                      "2025-10-11")
    path = _file(tmp_path, extra, head="base: bundled\n")
    result = caac("precedents", "--file", str(path), "--situation", "Sudan", "-f", "json")
    assert result.exit_code == 0, result.stderr
    symbols = [r["symbol"] for r in json.loads(result.stdout)]
    assert symbols[0] == "S/AC.51/2025/99"  # newest first
    assert "S/AC.51/2012/1" in symbols  # the bundled entries are still there


def test_an_overlay_that_contradicts_the_bundled_record_gets_file_line_errors(
    caac: Run, tmp_path: Path
) -> None:
    wrong = ENTRY.replace("situation: the Sudan", "situation: Colombia")
    path = _file(tmp_path, wrong.replace("demarches.letters-to-parties", "no.such-option"),
                 head="base: bundled\n")
    errors = _errors(caac, path)
    assert any(f"{path}:3:13: S/AC.51/2012/1 is on Colombia here but on the Sudan at "
               f"{BUNDLED}:" in error for error in errors), errors
    assert any(f"{path}:9:" in error and "unknown option 'no.such-option'" in error
               for error in errors), errors
    # The same errors wherever the file is used, not only in `caac validate`.
    used = caac("precedents", "--file", str(path))
    assert used.exit_code == 1
    assert f"caac: error: {path}:3:13:" in used.stderr


def test_letters_to_parties_lists_the_public_statements(caac: Run) -> None:
    result = caac("precedents", "demarches.letters-to-parties", "--format", "json")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    every_statement = {e.statement for e in precedents.load() if e.statement}
    assert len(every_statement) >= 40
    assert {r["statement"] for r in records if r["statement"]} == every_statement
    assert "SC/10813" in every_statement
    for record in records:
        assert any(a["option"] == "demarches.letters-to-parties" for a in record["actions"])
    years = [r["adopted_year"] for r in records]
    assert years == sorted(years, reverse=True)


def test_the_table_names_symbols_statements_and_senders(caac: Run) -> None:
    result = caac("precedents", "demarches.letters-to-p", "--situation", "sudan", "--since",
                  "2012")
    assert result.exit_code == 0, result.stderr
    text = plain(result.stdout)
    assert "S/AC.51/2012/1" in text and "SC/10813" in text and "(president)" in text
    assert "S/AC.51/2009/5" not in text  # before --since
    assert "South Sudan" not in text  # another situation


def test_json_shape_of_an_entry(caac: Run) -> None:
    result = caac("precedents", "--situation", "the Sudan", "--since", "2012", "-f", "json")
    sudan = next(r for r in json.loads(result.stdout) if r["symbol"] == "S/AC.51/2012/1")
    assert set(sudan) == {"symbol", "situation", "adopted", "meetings", "year", "report",
                          "report_issued", "cited", "statement", "actions", "actions_complete",
                          "sources", "note", "adopted_year"}
    assert sudan["adopted"] == "2012-10-11"
    assert sudan["meetings"] == [{"number": 34, "date": "2012-10-05"}]
    assert sudan["report_issued"]["date"] == "2011-07-05"
    assert sudan["report_issued"]["source"].startswith("https://")
    assert set(sudan["actions"][0]) == {"option", "to", "sender", "paragraph", "source",
                                        "followup"}
    assert caac("precedents", "-f", "yaml").stdout.startswith("- symbol:")
    assert caac("precedents", "-f", "md").stdout.startswith("| year | symbol |")


def test_show_tells_how_often_and_when_an_option_was_used(caac: Run) -> None:
    using = precedents.select(precedents.load(), options=["demarches.letters-to-parties"])
    text = " ".join(plain(caac("show", "demarches.letters-to-parties").stdout).split())
    assert f"in {len(using)} of the recorded conclusions, last in {using[0].adopted_year}" in text
    assert using[0].reference in text
    record = json.loads(caac("show", "demarches.letters-to-parties", "-f", "json").stdout)
    assert record["used"]["count"] == len(using)
    assert record["used"]["latest"][0] == using[0].reference
    unused = caac("show", "other-measures.letters-to-justice-mechanisms", "-f", "markdown")
    assert "- **used**: in none of the recorded conclusions" in unused.stdout


def test_list_sorts_by_use_and_its_json_has_a_used_field(caac: Run) -> None:
    listed = caac("list", "--sort", "used", "--format", "ids").stdout.split()
    assert listed[0] == "demarches.letters-to-parties"
    records = json.loads(caac("list", "--format", "json").stdout)
    assert all(set(r["used"]) == {"count", "last_year"} for r in records)
    counts = {r["id"]: r["used"]["count"] for r in records}
    assert [counts[i] for i in listed] == sorted(counts.values(), reverse=True)
    table = plain(caac("list", "--sort", "used").stdout)
    assert re.search(r"demarches\.letters-to-parties\s+│\s+\d+\s+│\s+20\d\d", table)


def test_the_plain_listing_does_not_read_the_precedents(caac: Run, tmp_path: Path) -> None:
    broken = _file(tmp_path, "  - {}\n")
    env = {"CAAC_PRECEDENTS": str(broken)}
    assert caac("list", env=env).exit_code == 0
    assert caac("list", "--format", "ids", env=env).exit_code == 0
    sorted_ = caac("list", "--sort", "used", env=env)
    assert sorted_.exit_code == 1
    assert f"caac: error: {broken}:2:5:" in sorted_.stderr


def test_draft_conclusions_prints_earlier_conclusions_on_stderr(
    caac: Run, tmp_path: Path
) -> None:
    case = tmp_path / "sudan.yaml"
    case.write_text((ROOT / "examples" / "sudan-2012.yaml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    result = caac("draft", "conclusions", str(case), "--precedents", "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert "caac: previous: [S/AC.51/2007/5, S/AC.51/2008/7, S/AC.51/2009/5]" in result.stderr
    listed = [line for line in result.stderr.splitlines() if line.startswith("caac:   ")]
    assert len(listed) == 3
    assert not any("S/AC.51/2012/1" in line for line in listed)  # the same set, not earlier
    assert "caac: earlier" not in result.stdout
    without = caac("draft", "conclusions", str(case), "-f", "md")
    assert "earlier conclusions" not in without.stderr
    assert without.stdout == result.stdout


def test_readme_shows_the_record_as_precedents_stats_counts_it(caac: Run) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tables = caac("precedents", "--stats", "--format", "md")
    assert tables.exit_code == 0, tables.stderr
    assert tables.stdout in readme, "paste 'caac precedents --stats --format md' into the README"
    entries = precedents.load()
    with_symbol = sum(e.symbol is not None for e in entries)
    with_statement = sum(e.statement is not None for e in entries)
    assert (f"{len(entries)} sets of conclusions, {with_symbol} of them with their symbol and "
            f"{with_statement} with the") in " ".join(readme.split())


def test_stats_count_each_year_and_set_the_record_beside_the_working_group_counts(
    caac: Run, tmp_path: Path
) -> None:
    head = ("counts:\n"
            "  - {from: 2009, to: 2012, sets: 5, source: https://example.org/term}\n")
    path = _file(tmp_path, ENTRY + OTHER, head=head)
    result = caac("precedents", "--stats", "--file", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["years"] == [
        {"year": 2009, "sets": 1, "with_symbol": 1, "with_adoption": 1, "with_report_date": 0},
        {"year": 2012, "sets": 1, "with_symbol": 1, "with_adoption": 1, "with_report_date": 0},
    ]
    assert shown["counts"] == [{"from": 2009, "to": 2012, "sets": 5, "recorded": 2,
                                "source": "https://example.org/term", "note": None}]
    table = plain(caac("precedents", "--stats", "--file", str(path)).stdout)
    assert re.search(r"2009-2012\s+│\s+5\s+│\s+2\s+│", table), table
    backwards = _file(tmp_path, ENTRY, head=head.replace("from: 2009, to: 2012",
                                                        "from: 2012, to: 2009"))
    errors = _errors(caac, backwards)
    assert any(f"{backwards}:2:" in e and "the years run from 2012 to 2009" in e
               for e in errors), errors


def test_an_entry_needs_its_year_and_a_symbol_gives_it(caac: Run, tmp_path: Path) -> None:
    only_symbol = ("  - symbol: S/AC.51/2008/12\n    situation: Nepal\n"
                   "    actions_complete: false\n    sources: [https://example.org/a]\n")
    assert caac("validate", str(_file(tmp_path, only_symbol))).exit_code == 0
    yearless = only_symbol.replace("  - symbol: S/AC.51/2008/12\n    situation", "  - situation")
    path = _file(tmp_path, yearless)
    errors = _errors(caac, path)
    assert any(f"{path}:2:" in e and "an entry needs its year" in e for e in errors), errors
    cited = yearless + "    cited: {date: 2010-06-03, source: https://example.org/b}\n"
    listed = caac("precedents", "--file", str(_file(tmp_path, cited)), "-f", "json")
    record = json.loads(listed.stdout)[0]
    assert (record["adopted"], record["cited"]["date"], record["adopted_year"]) == (
        None, "2010-06-03", 2010)


def test_a_report_dated_after_the_adoption_is_refused(caac: Run, tmp_path: Path) -> None:
    late = ENTRY.replace("    statement:", "    report_issued: {date: 2012-11-01, source: "
                         "https://example.org/r}\n    statement:")
    path = _file(tmp_path, late)
    errors = _errors(caac, path)
    assert any(f"{path}:6:" in e and "after the adoption on 2012-10-11" in e
               for e in errors), errors


def test_the_corrected_symbols_are_on_their_situations() -> None:
    entries = precedents.load()
    assert precedents.find(entries, "S/AC.51/2020/4").situation == "Iraq"
    central_african = [e for e in entries if e.report == "S/2016/133"]
    assert [e.symbol for e in central_african] == ["S/AC.51/2016/3"]
    nigeria_2020 = [e for e in entries if e.report == "S/2020/652"]
    assert [(e.symbol, e.adopted_year) for e in nigeria_2020] == [(None, 2020)]
    sri_lanka = precedents.find(entries, "S/AC.51/2010/2")
    assert sri_lanka.adopted is None and sri_lanka.cited is not None


def test_the_file_on_disk_is_plain_yaml_with_a_header() -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    assert text.startswith("# ")
    data = yaml.safe_load(text)
    assert data["schema_version"] == 1
    assert len(data["precedents"]) == len(precedents.load())


def test_build_and_draft_statement_print_earlier_conclusions(caac: Run, tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "sudan.yaml").write_text(
        (ROOT / "examples" / "sudan-2012.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    built = caac("build", str(cases), "--out", str(tmp_path / "out"), "--format", "md",
                 "--precedents")
    assert built.exit_code == 0, built.stderr
    assert "caac: previous: [S/AC.51/2007/5, S/AC.51/2008/7, S/AC.51/2009/5]" in built.stderr
    statement = caac("draft", "statement", "--situation", "the Philippines", "--date",
                     "2017-08-03", "--precedents")
    assert statement.exit_code == 0, statement.stderr
    assert ("caac: previous: [S/AC.51/2008/10, S/AC.51/2010/5, S/AC.51/2014/1]"
            in statement.stderr)
    assert "S/AC.51/2008/10" not in statement.stdout
