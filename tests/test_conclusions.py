"""The conclusions and the letters drafted from a case file read like the Working Group's own."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner, Result

from caac_toolkit.cli import app

ROOT = Path(__file__).resolve().parent.parent
SUDAN = ROOT / "examples" / "sudan-2012.yaml"
DRC = ROOT / "examples" / "drc-2018-fr.yaml"
CASE = """\
situation: Myanmar
report: S/2009/278
meeting: {number: 20, date: 2009-07-10}
date: 2009-07-15
chair: {name: Claude Heller, title: Permanent Representative of Mexico}
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


def test_the_sudan_conclusions_follow_the_un_pattern() -> None:
    text = draft(SUDAN)
    lines = text.splitlines()
    assert lines[0].split() == ["United", "Nations", "S/AC.51/2012/1"]
    assert lines[1].split()[-2:] == ["Distr.:", "General"]
    assert "11 October 2012" in lines[2]
    assert "Working Group on Children and Armed Conflict" in text
    assert "Conclusions on children and armed conflict in the Sudan" in text
    flat = prose(text)
    assert ("1. At its 34th meeting, on 5 October 2012, the Security Council Working Group on "
            "Children and Armed Conflict examined the report of the Secretary-General on children "
            "and armed conflict in the Sudan (S/2012/413), which was introduced by the Special "
            "Representative of the Secretary-General for Children and Armed Conflict. The "
            "Permanent Representative of the Sudan to the United Nations also addressed the "
            "Working Group.") in flat
    # Resolutions adopted before the meeting: 2068 (19 September 2012), not 2143 (2014).
    assert ("in accordance with Security Council resolutions 1612 (2005), 1882 (2009), 1998 "
            "(2011) and 2068 (2012), and took note") in flat
    assert "(S/AC.51/2007/5, S/AC.51/2008/7, S/AC.51/2009/5)" in flat
    assert text.index("Direct action by the Working Group") < text.index(
        "Recommendations to the Security Council")
    assert "through a public statement by the Chair of the Working Group:" in flat
    assert "in particular Sudan Armed Forces (SAF), Popular Defence Forces (PDF)" in flat
    assert "address a letter from its Chair to the World Bank and the donor community:" in flat
    assert ("recommend that the President of the Security Council address a letter to the "
            "Government of the Sudan:") in flat
    assert ("recommend that the President of the Security Council address a letter to the "
            "Secretary-General:") in flat
    assert [int(n) for n in re.findall(r"^(\d+)\.", text, re.M)] == list(range(1, 8))
    assert re.findall(r"^ +\(([a-d])\)", text, re.M) == list("abcd" "ab" "abc" "ab")
    assert "12-54321 (E) 111012 *1254321*" in text
    assert not re.search(r"\b(UNSC|SG|WG|UN|CAAC|SRSG)\b", text)


def test_points_end_with_semicolons_and_the_last_with_a_full_stop() -> None:
    flat = prose(draft(SUDAN))
    assert "the previous conclusions of the Working Group; (b) Expressing concern" in flat
    assert "to end their recruitment and use. 5. The Working Group agreed" in flat


def test_the_french_conclusions() -> None:
    text = draft(DRC)
    flat = prose(text)
    assert "Nations Unies" in text and "Distr. générale" in text and "4 octobre 2018" in text
    assert ("Conclusions concernant le sort des enfants touchés par le conflit armé en "
            "République démocratique du Congo") in flat
    assert "À sa 73e séance, le 21 septembre 2018," in flat
    assert "2225 (2015) et 2427 (2018) du Conseil de sécurité" in flat
    assert "Action directe du Groupe de travail" in text
    assert ("recommander que le Président du Conseil de sécurité adresse une lettre au "
            "Gouvernement de la République démocratique du Congo :") in flat
    # Referral to the sanctions committee: the Chair writes, on a Council-tier option.
    assert ("recommander que les présentes conclusions soient transmises, par une lettre du "
            "Président du Groupe de travail, au Président du Comité du Conseil de sécurité "
            "créé par la résolution 1533 (2004)") in flat
    assert "18-16543 (F) 041018 *1816543*" in text


def test_actions_group_into_sections_and_letters(tmp_path: Path) -> None:
    case = tmp_path / "myanmar.yaml"
    case.write_text(CASE, encoding="utf-8")
    flat = prose(draft(case))
    assert "resolutions 1612 (2005) and 1882 (2009)," not in flat  # 1882 is of August 2009
    assert "resolutions 1612 (2005), and took note" in flat
    assert "recalled" not in flat  # no earlier conclusions
    # Two actions to the Government from the Chair make one letter; its points are gathered.
    direct, council = flat.split("Recommendations to the Security Council")
    assert direct.count("address a letter from its Chair to the Government of Myanmar:") == 1
    assert "(a) Urging the Government to release all children from its armed forces." in direct
    # To one party by name: a letter, not the public statement.
    assert "address a letter from its Chair to the Kachin Independence Army." in direct
    assert "public statement" not in flat
    assert ("recommend that the President of the Security Council address a letter to the "
            "Government of Myanmar.") in council
    assert ("transmitted, through a letter from the Chair of the Working Group, to the Chair "
            "of the Security Council Committee established pursuant to resolution 1533 "
            "(2004)") in council


def test_the_real_2012_sudan_case_builds_into_documents_that_read_like_the_real_ones(
    tmp_path: Path,
) -> None:
    result = caac("build", str(SUDAN), "--out", str(tmp_path), "--format", "text")
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "sudan-2012"
    assert sorted(p.name for p in folder.iterdir()) == [
        "conclusions.txt", "letter-government-of-the-sudan.txt", "letter-secretary-general.txt",
        "letter-world-bank-and-the-donor-community.txt", "statement.txt",
    ]
    statement = prose((folder / "statement.txt").read_text(encoding="utf-8"))
    assert statement.startswith("Public statement by the Chair of the Security Council Working "
                                "Group on Children and Armed Conflict on children and armed "
                                "conflict in the Sudan")
    assert ("To all parties to the armed conflict in the Sudan, in particular Sudan Armed Forces "
            "(SAF)") in statement
    assert "(d) Calling upon the armed groups" in statement
    government = prose((folder / "letter-government-of-the-sudan.txt").read_text(encoding="utf-8"))
    assert government.startswith("Letter dated 11 October 2012 from the President of the Security "
                                 "Council addressed to the Government of the Sudan Sir, I have the "
                                 "honour to write to you on behalf of the Security Council")
    assert "(a) Welcoming the progress made by the Government of the Sudan" in government
    assert government.endswith("(Signed) Gert Rosenthal President of the Security Council")
    general = prose((folder / "letter-secretary-general.txt").read_text(encoding="utf-8"))
    assert "from the President of the Security Council addressed to the Secretary-General" in (
        general)
    donors = prose((folder / "letter-world-bank-and-the-donor-community.txt").read_text(
        encoding="utf-8"))
    assert donors.startswith("Letter dated 11 October 2012 from the Chair of the Security Council "
                             "Working Group on Children and Armed Conflict addressed to the World "
                             "Bank and the donor community")
    assert "I invite public and private donors to increase their contributions" in donors
    assert donors.endswith("(Signed) Peter Wittig Chair of the Security Council Working Group on "
                           "Children and Armed Conflict")


def test_a_signature_title_from_the_case_replaces_the_usual_one(tmp_path: Path) -> None:
    case = tmp_path / "myanmar.yaml"
    case.write_text(CASE, encoding="utf-8")
    assert caac("build", str(case), "--out", str(tmp_path / "out"), "-f", "text").exit_code == 0
    letter = prose((tmp_path / "out" / "myanmar" / "letter-government-of-myanmar.txt")
                   .read_text(encoding="utf-8"))
    assert letter.endswith("(Signed) Claude Heller Permanent Representative of Mexico")


def test_a_values_markup_stays_text(tmp_path: Path) -> None:
    case = tmp_path / "odd.yaml"
    case.write_text(CASE.replace("situation: Myanmar", 'situation: "# 1. *Myanmar* {{ x }}"'),
                    encoding="utf-8")
    flat = prose(draft(case))
    assert "armed conflict in # 1. *Myanmar* {{ x }} (S/2009/278)" in flat
