"""`caac draft letter|statement|annex` and `caac templates`, through the real CLI."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import SOURCE, Run

GOLDEN = Path(__file__).parent / "golden"
COMMITTEE = (
    "the Chair of the Security Council Committee established pursuant to resolution 1533 (2004) "
    "concerning the Democratic Republic of the Congo"
)
SANCTIONS_LETTER = [
    "draft", "letter", "--to", "sanctions-committee",
    "--situation", "the Democratic Republic of the Congo", "--addressee", COMMITTEE,
    "--date", "2007-07-24", "--signatory", "Jean-Marc de La Sablière",
]
TARGETS = [
    "parties", "donors", "secretary-general", "sanctions-committee", "regional-organization",
    "justice-mechanism", "affected-state", "un-entity", "srsg", "security-council",
]


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_sanctions_committee_letter_reads_like_a_real_letter(caac: Run) -> None:
    result = caac(*SANCTIONS_LETTER)
    assert result.exit_code == 0, result.stderr
    text = one_line(result.stdout)
    assert text.startswith(
        "Letter dated 24 July 2007 from the Chair of the Security Council Working Group on "
        f"Children and Armed Conflict addressed to {COMMITTEE} Excellency,"
    )
    assert "I have the honour" in text
    assert "resolution 1612 (2005)" in text
    assert "paragraph 9 of resolution 1612 (2005) and paragraph 5 (c) of resolution 1539 (2004)" in text
    assert re.search(r"\(Signed\) Jean-Marc de La Sablière\s+Chair of the Security Council", text)
    assert result.stderr == ""


def test_the_same_letter_in_french(caac: Run) -> None:
    result = caac(*SANCTIONS_LETTER[:4], "--situation", "en République démocratique du Congo",
                  "--date", "2007-07-24", "--signatory", "Jean-Marc de La Sablière", "--lang", "fr",
                  "--signatory-gender", "male")
    text = one_line(result.stdout)
    assert text.startswith(
        "Lettre datée du 24 juillet 2007, adressée au Président du comité des sanctions du Conseil "
        "de sécurité compétent par le Président du Groupe de travail du Conseil de sécurité"
    )
    assert "J’ai l’honneur" in text
    assert "(Signé) Jean-Marc de La Sablière Président du Groupe de travail" in text
    unknown = one_line(caac(*SANCTIONS_LETTER[:4], "--lang", "fr").stdout)
    assert "par la présidence du Groupe de travail" in unknown  # nobody said: no gender guessed
    assert "Président(e) du Groupe de travail" in unknown
    assert "(Signé) Jean-Marc de La Sablière" in text


def test_first_of_the_month_in_french(caac: Run) -> None:
    result = caac("draft", "letter", "--to", "donors", "--lang", "fr", "--date", "2006-07-01")
    assert "Lettre datée du 1er juillet 2006" in one_line(result.stdout)


def test_an_appeal_to_donors_is_the_working_groups_own(caac: Run) -> None:
    text = one_line(caac("draft", "letter", "--to", "donors", "--situation", "the Sudan").stdout)
    assert ("from the Chair of the Security Council Working Group on Children and Armed Conflict "
            "addressed to the World Bank and the donor community") in text
    assert "(Signed) [signatory] Chair of the Security Council Working Group" in text
    president = one_line(caac("draft", "letter", "--to", "donors", "--sender", "president").stdout)
    assert "on behalf of the Security Council" in president


def test_sender_defaults_and_override(caac: Run) -> None:
    chair = one_line(caac("draft", "letter", "--to", "secretary-general").stdout)
    assert "from the Chair of the Security Council Working Group" in chair
    president = one_line(caac("draft", "letter", "--to", "secretary-general",
                              "--sender", "president").stdout)
    assert "from the President of the Security Council addressed to the Secretary-General" in president


def test_named_options_and_points(caac: Run) -> None:
    result = caac("draft", "letter", "--option", "demarches.letters-to-p", "--to", "parties",
                  "--situation", "the Sudan", "--point", "Calling upon all parties;",
                  "--point", "Urging the release of children", "--format", "md")
    assert "(a) Calling upon all parties;" in result.stdout
    assert "(b) Urging the release of children." in result.stdout


@pytest.mark.parametrize("fmt", ["text", "md"])
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("target", TARGETS)
def test_every_target_language_and_format_drafts(caac: Run, target: str, lang: str, fmt: str) -> None:
    result = caac("draft", "letter", "--to", target, "--lang", lang, "--format", fmt,
                  "--situation", "the Sudan" if lang == "en" else "au Soudan",
                  "--addressee", "X", "--signatory", "Y", "--date", "2012-10-05")
    assert result.exit_code == 0, result.stderr
    text = one_line(result.stdout)
    assert ("I have the honour" if lang == "en" else "J’ai l’honneur") in text
    assert ("(Signed) Y" if lang == "en" else "(Signé) Y") in text
    if lang == "en":
        assert not re.search(r"\b(UNSC|SG|GA|WG|CAAC|SRSG)\b", text)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("letter-sanctions-committee.en.txt", SANCTIONS_LETTER),
        ("letter-parties.fr.md", ["draft", "letter", "--to", "parties", "--lang", "fr",
                                  "--situation", "au Soudan", "--date", "2012-10-05",
                                  "--signatory", "A. Signatory", "--symbol", "S/AC.51/2012/2",
                                  "--job-number", "12-54321", "--format", "md"]),
        ("statement-sudan.en.md", ["draft", "statement", "--situation", "the Sudan",
                                   "--party", "the Justice and Equality Movement (JEM)",
                                   "--party", "the Sudan Liberation Army/Abdul Wahid (SLA/AW)",
                                   "--report", "S/2011/413", "--date", "2012-10-05",
                                   "--point", "Strongly condemning all violations and abuses",
                                   "--point", "Calling upon all parties to release children",
                                   "--format", "md"]),
        ("annex-demarches.en.txt", ["draft", "annex", "--category", "demarches",
                                    "--with-letter", "--date", "2006-09-08",
                                    "--signatory", "Jean-Marc de La Sablière"]),
    ],
)
def test_golden_documents(caac: Run, name: str, args: list[str]) -> None:
    result = caac(*args)
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / name
    if os.environ.get("CAAC_REGENERATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_the_annex_with_its_letter_is_the_source_as_issued(caac: Run) -> None:
    text = one_line(caac("draft", "annex", "--with-letter").stdout)
    source = one_line(SOURCE.read_text(encoding="utf-8").replace("\\*", "*")
                      .replace("<sup>", "").replace("</sup>", ""))
    for piece in ("S/AC.51/2007/2", "Distr.: General 16 May 2008", "Original: French",
                  "Letter dated 8 September 2006 from the Permanent Representative of France to the "
                  "United Nations addressed to the President of the Security Council*",
                  "At its fifth meeting, on 6 September 2006, the Working Group adopted",
                  "(Signed) Jean-Marc de La Sablière Ambassador Permanent Representative",
                  "* Portions of the present document were issued previously under the symbol "
                  "S/2006/724.",
                  "Annex to the letter dated 8 September 2006 from the Permanent Representative of "
                  "France to the United Nations addressed to the President of the Security Council"):
        assert piece in source
        assert piece in text
    assert text.index("(Signed)") < text.index("* Portions") < text.index("Annex to the letter")


def test_unfiltered_annex_reproduces_the_source_annex(caac: Run) -> None:
    import json

    options = json.loads(caac("list", "--format", "json").stdout)
    text = one_line(caac("draft", "annex").stdout)
    assert text.startswith("Annex to the letter dated 8 September 2006 from the Permanent "
                           "Representative of France to the United Nations")
    positions = [text.index(one_line(o["text"])) for o in options]
    assert positions == sorted(positions)
    for heading in ("1. Assistance", "2. Démarches", "3. Enhanced monitoring",
                    "4. Improvement of mandates", "5. Other measures"):
        assert heading in text
    assert text.count("Direct action by the WG") == 8  # 4 categories x 2 tiers naming the WG


def test_filtered_annex_has_the_five_demarches(caac: Run) -> None:
    result = caac("draft", "annex", "--category", "demarches", "--format", "md")
    bullets = [line for line in result.stdout.splitlines() if line.startswith("- ")]
    assert len(bullets) == 5
    assert "Assistance" not in result.stdout


def test_missing_facts_are_placeholders_and_warnings(caac: Run) -> None:
    result = caac("draft", "letter", "--to", "affected-state")
    assert result.exit_code == 0
    assert "addressed to the Government of [situation]" in " ".join(result.stdout.split())
    assert "caac: warning: missing situation" in result.stderr
    assert "caac: warning: missing signatory" in result.stderr


def test_strict_with_a_missing_fact_writes_nothing(caac: Run, tmp_path: Path) -> None:
    out = tmp_path / "letter.txt"
    result = caac("draft", "letter", "--to", "donors", "--strict", "-o", str(out))
    assert result.exit_code == 1
    assert "--strict" in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_output_file_is_not_overwritten_without_force(caac: Run, tmp_path: Path) -> None:
    out = tmp_path / "letter.md"
    out.write_text("my edits\n", encoding="utf-8")
    refused = caac(*SANCTIONS_LETTER, "-o", str(out))
    assert refused.exit_code == 1
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "my edits\n"
    forced = caac(*SANCTIONS_LETTER, "-o", str(out), "--force")
    assert forced.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("**Letter dated 24 July 2007")  # md by suffix
    assert [p.name for p in tmp_path.iterdir()] == ["letter.md"]  # no temporary file left


def test_template_syntax_is_data(caac: Run) -> None:
    result = caac("draft", "statement", "--situation", "{{ 7*7 }}", "--point", "{% raw %}")
    assert "in {{ 7*7 }}" in result.stdout
    assert "- {% raw %}." in one_line(result.stdout)  # a bullet, as statements are today
    assert "49" not in result.stdout


def test_markdown_structure_in_values_stays_text(caac: Run) -> None:
    result = caac("draft", "statement", "--situation", "# Heading\n1. list",
                  "--point", "- not a bullet", "--format", "md")
    assert "\n# " not in result.stdout
    assert "\n- \\- not a bullet." in result.stdout  # the statement's bullet, then the text


def test_user_template_overrides_by_path_and_sandbox_refuses_escapes(
    caac: Run, tmp_path: Path
) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "statement.md.j2").write_text(
        "{% block title %}Mine{% endblock %}{% block opening_headed %}Hello {{ situation }}."
        "{% endblock %}", encoding="utf-8")
    result = caac("draft", "statement", "--situation", "the Sudan", "--templates", str(tmp_path))
    # The user's phrases replace the bundled ones; the bundled phrasebook words the rest.
    assert result.stdout.startswith("Mine\n\nHello the Sudan.\n\nTo all parties")
    listing = caac("templates", "--templates", str(tmp_path)).stdout
    assert f"en/statement.md.j2\tuser\t{tmp_path}" in listing
    assert "en/letter.md.j2\tbundled" in listing

    evil = tmp_path / "en" / "statement.md.j2"
    evil.write_text("{% block title %}x{% endblock %}{% block opening_headed %}\n"
                    "{{ ''.__class__.__mro__[1].__subclasses__() }}\n{% endblock %}",
                    encoding="utf-8")
    result = caac("draft", "statement", "--templates", str(tmp_path),
                  env={"CAAC_TEMPLATES": str(tmp_path)})
    assert result.exit_code == 1
    assert f"{evil}:2:" in result.stderr
    assert "sandbox" in result.stderr or "unsafe" in result.stderr
    assert result.stdout == ""


def test_template_syntax_error_names_file_and_line(caac: Run, tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    broken = tmp_path / "en" / "letter.md.j2"
    broken.write_text("{% block title %}x{% endblock %}\n{% block body %}\n{% if %}\n", encoding="utf-8")
    result = caac("draft", "letter", "--to", "donors", "--templates", str(broken.parent.parent))
    assert result.exit_code == 1
    assert f"{broken}:3: template error" in result.stderr


def test_source_date_epoch_sets_the_default_date(caac: Run) -> None:
    result = caac("draft", "letter", "--to", "donors", env={"SOURCE_DATE_EPOCH": "1185235200"})
    assert "Letter dated 24 July 2007" in one_line(result.stdout)


def test_bad_flags_exit_2(caac: Run) -> None:
    assert caac("draft", "letter", "--to", "sanction").exit_code == 2
    assert caac("draft", "letter", "--date", "24/07/2007").exit_code == 2
    assert caac("draft", "letter", "--to", "donors", "--job-number", "743210").exit_code == 2
    assert caac("draft", "letter", "--option", "nope").exit_code == 2
    assert caac("draft", "letter").exit_code == 2


def test_binary_formats_need_an_output(caac: Run, tmp_path: Path) -> None:
    refused = caac("draft", "letter", "--to", "donors", "--format", "docx")
    assert refused.exit_code == 2
    assert "-o" in refused.stderr
    assert refused.stdout == ""
    forced = caac("draft", "letter", "--to", "donors", "--format", "pdf", "-o", "-")
    assert forced.exit_code == 0
    assert forced.stdout_bytes.startswith(b"%PDF")
