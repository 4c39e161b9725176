"""The conclusions and the letters drafted from a case file read like the Working Group's own."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from caac_toolkit.cli import app

ROOT = Path(__file__).resolve().parent.parent
SUDAN = ROOT / "examples" / "sudan-2012.yaml"
DRC = ROOT / "examples" / "drc-2018-fr.yaml"
MALI = ROOT / "examples" / "mali-2018.yaml"
GOLDEN = ROOT / "tests" / "golden"
# An illustrative case: its country, symbols, names and dates are invented and claim nothing.
CASE = """\
situation: Myanmar
report: S/2009/999
meeting: {number: 20, date: 2009-10-10}
date: 2009-10-15
chair: {name: A. Chair, title: Permanent Representative of Somewhere}
actions:
  - option: enhanced-monitoring.clarification-from-affected-state
    to: affected-state
    addressee: the Government of Myanmar
  - option: improvement-of-mandates.children-in-ddr
    to: government
    addressee: the Government of Myanmar
    points: [Urging the Government to release all children from its armed forces]
  - option: other-measures.sanctions-committees
    to: sanctions-committee
    addressee: >-
      the Chair of the Security Council Committee established pursuant to resolution 1533
      (2004) concerning the Democratic Republic of the Congo
  - option: enhanced-monitoring.field-trips
    to: affected-state
    addressee: the Government of Myanmar
    sender: president
  - option: demarches.demarches-to-listed-parties
    to: parties
    addressee: the Kachin Independence Army
"""


def caac(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output + result.stderr
    return result


def prose(text: str) -> str:
    """The text with its lines joined, so that phrases can be found across wrapped lines."""
    return " ".join(text.split())


def draft(path: Path, *args: str) -> str:
    result = caac("draft", "conclusions", str(path), *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_sudan_conclusions_of_2012_follow_the_pattern_of_their_year() -> None:
    text = draft(SUDAN)
    lines = text.splitlines()
    assert lines[0].split() == ["United", "Nations", "S/AC.51/2012/1"]
    assert lines[1].split()[-2:] == ["Distr.:", "General"]
    assert "[date]" in lines[2]  # the masthead date is not known: a placeholder, not a guess
    flat = prose(text)
    assert ("1. At its 34th meeting, on 5 October 2012, the Security Council Working Group on "
            "Children and Armed Conflict examined the fourth report of the Secretary-General on "
            "children and armed conflict in the Sudan (S/2011/413), which was introduced by the "
            "Special Representative of the Secretary-General for Children and Armed Conflict. The "
            "[representative] of the Sudan to the United Nations also addressed the Working "
            "Group.") in flat  # who spoke for the Sudan was not seen: no default speaker
    # The report of 5 July 2011 was submitted under the resolutions adopted before it.
    assert ("in accordance with Security Council resolutions 1612 (2005) and 1882 (2009), and "
            "took note of the analysis and recommendations") in flat
    # 2012: the previous conclusions as "documents …, annex; …; and …" (SC/10813).
    assert ("(documents S/AC.51/2007/5, annex; S/AC.51/2008/7; and S/AC.51/2009/5)") in flat
    assert "Further to the meeting" not in flat
    assert text.index("Direct action by the Working Group") < text.index(
        "Recommendations to the Security Council")
    assert "through a public statement by the Chair of the Working Group:" in flat
    assert "address a letter from its Chair to the World Bank and the donor community:" in flat
    assert ("recommend that the President of the Security Council address a letter to the "
            "Government of the Sudan:") in flat
    assert [int(n) for n in re.findall(r"^(\d+)\.", text, re.M)] == list(range(1, 8))
    assert not re.search(r"\b(UNSC|SG|WG|UN|CAAC|SRSG)\b", text)


def test_the_mali_conclusions_of_2018_have_the_modern_shape() -> None:
    text = draft(MALI)
    flat = prose(text)
    assert ("At its 70th meeting, on 12 March 2018, the Security Council Working Group on "
            "Children and Armed Conflict examined the second report of the Secretary-General on "
            "children and armed conflict in Mali (S/2018/136), covering the period from January "
            "2014 to June 2017, which was introduced by") in flat
    # No paragraph 1 says when the conclusions were adopted (S/AC.51/2018/1/Rev.1).
    assert ("The Permanent Representative of Mali to the United Nations also addressed the "
            "Working Group. 2. The members") in flat
    assert "adopted" not in flat and "71st" not in flat
    # Resolution 2427 (9 July 2018) came after the report of February 2018 (S/AC.51/2018/1/Rev.1).
    assert "2143 (2014) and 2225 (2015), and took note of the analysis and recommendations" in flat
    assert "3. The members of the Working Group welcomed" in flat  # observations, numbered
    assert ("Further to the meeting, and subject to and consistent with applicable international "
            "law,") in flat
    statement = flat.index("through a public statement by the Chair of the Working Group:")
    government = flat.index("To the Government of Mali:", statement)
    assert flat.index("To all parties to the armed conflict in Mali:", government)
    assert "(a) Commending" in flat[government:]


def test_the_public_statement_follows_the_press_releases_of_its_year(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = caac("build", str(SUDAN), str(MALI), "--out", str(out), "-f", "text")
    assert result.exit_code == 0, result.stderr
    sudan = prose((out / "sudan-2012" / "statement.txt").read_text(encoding="utf-8"))
    assert sudan.startswith("Statement by Chairman of Security Council Working Group on Children "
                            "and Armed Conflict At its thirty-fourth meeting, on 5 October 2012,")
    assert ("to address the following messages to all parties to the armed conflict in the "
            "Sudan mentioned in the report of the Secretary-General, through a public statement "
            "by its Chair: (a) Expressing") in sudan
    mali = prose((out / "mali-2018" / "statement.txt").read_text(encoding="utf-8"))
    # SC/13324: the meeting that adopted the conclusions, the report's order and period.
    assert mali.startswith("Public Statement by Chair of Security Council Working Group on "
                           "Children and Armed Conflict At its 71st meeting, on 4 May 2018, the "
                           "Security Council Working Group on Children and Armed Conflict, in "
                           "connection with the examination of the second report")
    assert "(document S/2018/136), covering the period from January 2014 to June 2017, agreed" in mali
    # Bulleted points, as in SC/13446 (August 2018) and every statement from July 2019.
    assert mali.index("To the Government of Mali: - Commending") < mali.index(
        "To all parties to the armed conflict in Mali: - ")


def test_the_statements_points_are_bullets_from_july_2017_unless_the_case_says(
    tmp_path: Path
) -> None:
    """Lettered to June 2017 (SC/12936; the Sudan 2012 statement above), bullets from then on
    (SC/13446, SC/13876, SC/15815), in Word as a bulleted list; a case may choose either."""
    import docx

    case = tmp_path / "iraq-2024.yaml"
    case.write_text((ROOT / "tests" / "cases" / "real" / "iraq-2024.yaml").read_text(
        encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert caac("build", str(case), "--out", str(out), "-f", "docx").exit_code == 0
    paragraphs = docx.Document(str(out / "iraq-2024" / "statement.docx")).paragraphs
    messages = [p for p in paragraphs if p.text.startswith(("Strongly", "Calling", "Stressing"))]
    assert [p.style.name for p in messages] == ["UN Bullet"] * 3
    assert not [p for p in paragraphs if p.text.startswith("(a)")]

    case.write_text(case.read_text(encoding="utf-8").replace(
        "\nwording:\n", "\nwording:\n  statement_points: lettered\n"), encoding="utf-8")
    assert caac("build", str(case), "--out", str(out), "-f", "text").exit_code == 0
    statement = prose((out / "iraq-2024" / "statement.txt").read_text(encoding="utf-8"))
    assert "Iraq: (a) Strongly condemning" in statement
    assert "(c) Stressing" in statement


def test_letters_read_right_for_their_sender_and_addressee(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert caac("build", str(SUDAN), "--out", str(out), "-f", "text").exit_code == 0
    folder = out / "sudan-2012"

    def letter(name: str) -> str:
        return prose((folder / f"letter-{name}.txt").read_text(encoding="utf-8"))

    government = letter("government-of-the-sudan")
    assert government.startswith("Letter dated [date] from the President of the Security "
                                 "Council addressed to the Government of the Sudan Excellency,")
    assert "On behalf of the Working Group, I recommend" not in government
    assert "I appeal to all parties" not in government  # the option's words for a Government
    assert "I call upon your Government, whose forces are among the parties" in government
    assert government.endswith("(Signed) Gert Rosenthal President of the Security Council")
    secretary_general = letter("secretary-general")
    assert secretary_general.startswith("Letter dated [date] from the President of the Security "
                                        "Council addressed to the Secretary-General Dear "
                                        "Secretary-General,")
    donors = letter("world-bank-and-the-donor-community")
    assert "from the Chair of the Security Council Working Group" in donors  # its own appeal
    assert "regional organizations" not in donors
    for text in (secretary_general, donors):
        assert "parties concerned include" not in text


def test_a_letter_issued_as_a_document_has_no_salutation() -> None:
    published = prose(caac("draft", "letter", "--to", "donors", "--situation", "the Sudan",
                           "--symbol", "S/AC.51/2012/1", "--date", "2012-10-11").stdout)
    assert "Excellency" not in published and "highest consideration" not in published
    sent = prose(caac("draft", "letter", "--to", "secretary-general", "--lang", "fr",
                      "--situation", "au Soudan", "--date", "2012-10-11").stdout)
    assert "Monsieur le Secrétaire général," in sent


def test_a_videoconference_and_the_country_statement_as_annex(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(CASE.replace("meeting: {number: 20, date: 2009-10-10}",
                                 "meeting: {date: 2020-07-27, kind: videoconference}\n"
                                 "representative: Deputy Permanent Representative\n"
                                 "country_statement: |\n  First paragraph.\n\n  Second one.\n"),
                    encoding="utf-8")
    flat = prose(draft(case))
    assert flat.count("During a closed videoconference meeting held on 27 July 2020,") == 1
    assert ("The Deputy Permanent Representative of Myanmar to the United Nations also addressed "
            "the Working Group (see annex).") in flat
    assert flat.index("Annex") < flat.index("First paragraph.") < flat.index("Second one.")
    silent = tmp_path / "silent.yaml"
    silent.write_text(CASE + "representative: false\n", encoding="utf-8")
    assert "also addressed" not in prose(draft(silent))


def test_an_unusual_addressee_is_a_note_and_strict_notes_makes_it_an_error(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    # Nobody spoke for the country, the (fictional) report is dated: no gap but the note.
    case.write_text(CASE.replace("date: 2009-10-15", "date: 2009-10-15\nrepresentative: false")
                    .replace("report: S/2009/999", "report: {symbol: S/2009/999, issued: 2009-09-01}")
                    + "  - {option: assistance.letters-to-donors, to: secretary-general}\n",
                    encoding="utf-8")
    assert caac("validate", str(case)).exit_code == 0
    result = caac("draft", "conclusions", str(case))
    assert result.exit_code == 0
    assert ("caac: note: action 6: option 'assistance.letters-to-donors' is usually addressed "
            "to donors, not 'secretary-general'") in result.stderr
    assert caac("draft", "conclusions", str(case), "--strict").exit_code == 0
    assert caac("draft", "conclusions", str(case), "--strict=notes").exit_code == 1


def test_a_case_without_meeting_or_chair_builds_with_placeholders(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("situation: Somewhere\nreport: S/2020/999\nactions:\n"
                    "  - {option: demarches.letters-to-parties, to: parties}\n", encoding="utf-8")
    result = caac("build", str(case), "--out", str(tmp_path / "out"), "-f", "text")
    assert result.exit_code == 0, result.stderr
    assert "missing meeting: the draft shows [meeting]" in result.stderr
    assert "[meeting] meeting, on [date]" in prose(
        (tmp_path / "out" / "case" / "conclusions.txt").read_text(encoding="utf-8"))
    assert caac("build", str(case), "--out", str(tmp_path / "o2"), "--strict").exit_code == 1
    assert not (tmp_path / "o2" / "case").exists()


def test_a_partial_labels_file_is_laid_over_the_bundled_one(tmp_path: Path) -> None:
    (tmp_path / "t" / "en").mkdir(parents=True)
    (tmp_path / "t" / "en" / "labels.yaml").write_text("salutations: {secretary-general: Sir}\n",
                                                       encoding="utf-8")
    result = caac("draft", "letter", "--to", "secretary-general", "--templates",
                  str(tmp_path / "t"), "--date", "2012-10-11")
    assert result.exit_code == 0, result.stderr
    assert "Sir," in result.stdout and "the Secretary-General" in result.stdout
    (tmp_path / "t" / "en" / "labels.yaml").write_text("senders: {chair: 3}\n", encoding="utf-8")
    result = caac("draft", "letter", "--to", "donors", "--templates", str(tmp_path / "t"))
    assert result.exit_code == 1
    assert f"{tmp_path / 't' / 'en' / 'labels.yaml'}:1:18: expected `object`" in result.stderr


def test_actions_group_into_sections_and_letters(tmp_path: Path) -> None:
    case = tmp_path / "myanmar.yaml"
    case.write_text(CASE, encoding="utf-8")
    flat = prose(draft(case))
    # 1882 (August 2009) may or may not follow a report of 2009 whose date is not given.
    assert "resolutions 1612 (2005) and [resolutions]," in flat
    assert "recalled" not in flat  # no earlier conclusions
    direct = flat[flat.index("Direct action"):flat.index("Recommendations to the Security")]
    assert direct.count("address a letter from its Chair to the Government of Myanmar:") == 1
    assert "(a) Urging the Government to release all children from its armed forces." in direct
    assert "address a letter from its Chair to the Kachin Independence Army." in direct
    assert "address a letter from its Chair to the Chair of the Security Council Committee" in direct
    assert "public statement" not in flat
    assert ("recommend that the President of the Security Council address a letter to the "
            "Government of Myanmar.") in flat


def test_the_french_conclusions() -> None:
    flat = prose(draft(DRC))
    assert "Conclusions sur le sort des enfants en temps de conflit armé en République" in flat
    assert "À sa [séance] séance, le [date]," in flat  # the examining meeting is not known
    assert "adopté les présentes conclusions" not in flat and "73" not in flat


def test_a_signature_title_from_the_case_replaces_the_usual_one(tmp_path: Path) -> None:
    case = tmp_path / "myanmar.yaml"
    case.write_text(CASE, encoding="utf-8")
    assert caac("build", str(case), "--out", str(tmp_path / "out"), "-f", "text").exit_code == 0
    letter = prose((tmp_path / "out" / "myanmar" / "letter-government-of-myanmar.txt")
                   .read_text(encoding="utf-8"))
    assert letter.endswith("(Signed) A. Chair Permanent Representative of Somewhere")


def test_a_values_markup_stays_text(tmp_path: Path) -> None:
    case = tmp_path / "odd.yaml"
    case.write_text(CASE.replace("situation: Myanmar", 'situation: "# 1. *Myanmar* {{ x }}"'),
                    encoding="utf-8")
    flat = prose(draft(case))
    assert "armed conflict in # 1. *Myanmar* {{ x }} (S/2009/999)" in flat


def test_names_read_as_running_text_and_the_usual_slips_are_flagged(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(CASE.replace("situation: Myanmar", "situation: Sudan")
                    .replace("addressee: the Kachin Independence Army",
                             "addressee: Government of South Sudan")
                    + "parties: [{name: Al-Shabaab}]\n", encoding="utf-8")
    result = caac("draft", "conclusions", str(case))
    assert result.exit_code == 0
    assert "caac: note: 'Sudan': write 'the Sudan'" in result.stderr
    assert "'Government of South Sudan': write 'the Government of'" in result.stderr
    assert "South Sudan': write 'the Sudan'" not in result.stderr
    assert "Al-Shabaab" not in result.stderr  # a name that takes no article
    # The situation is printed in its official form from the table of situations, which is
    # sourced; a name the table lacks is printed as written (caac never adds an article itself).
    assert "in the Sudan (S/2009/999)" in prose(result.stdout)
    case.write_text(case.read_text(encoding="utf-8").replace("situation: Sudan",
                                                             "situation: Freedonia"))
    assert "in Freedonia (S/2009/999)" in prose(caac("draft", "conclusions", str(case)).stdout)


@pytest.mark.parametrize(("golden", "case", "document"), [
    ("conclusions-mali-2018.en.txt", MALI, "conclusions.txt"),
    ("statement-mali-2018.en.md", MALI, "statement.md"),
    ("conclusions-drc-2018.fr.md", DRC, "conclusions.md"),
    ("statement-drc-2018.fr.txt", DRC, "statement.txt"),
])
def test_golden_case_documents(tmp_path: Path, golden: str, case: Path, document: str) -> None:
    """The modern shapes, whole: CAAC_REGENERATE_GOLDEN=1 rewrites them after a reviewed change."""
    out = tmp_path / "out"
    fmt = "text" if document.endswith(".txt") else "md"
    assert caac("build", str(case), "--out", str(out), "-f", fmt).exit_code == 0
    text = (out / case.stem / document).read_text(encoding="utf-8")
    if os.environ.get("CAAC_REGENERATE_GOLDEN"):
        (GOLDEN / golden).write_text(text, encoding="utf-8")
    assert text == (GOLDEN / golden).read_text(encoding="utf-8")
