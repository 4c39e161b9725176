"""`caac list`, `show`, the vocabularies, --data and validation errors, through the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Run, plain


def ids(caac: Run, *args: str) -> list[str]:
    result = caac("list", *args, "--format", "ids")
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


def test_category_filter_accepts_id_label_and_accents(caac: Run) -> None:
    demarches = ids(caac, "--category", "demarches")
    assert len(demarches) == 5
    assert ids(caac, "--category", "Démarches") == demarches
    assert ids(caac, "-c", "DEMARCHES") == demarches


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("sanctions-committee", {"other-measures.sanctions-committees"}),
        ("sanctions-committees", {"other-measures.sanctions-committees"}),
        ("donors", {"assistance.letters-to-donors", "assistance.transitional-justice-support",
                    "assistance.technical-assistance"}),
        ("secretary-general", {"enhanced-monitoring.information-from-secretary-general",
                               "improvement-of-mandates.mission-mandates"}),
        ("regional-organization", {"demarches.letters-to-regional-organizations"}),
        ("justice-mechanism", {"other-measures.letters-to-justice-mechanisms",
                               "demarches.justice-and-reconciliation",
                               "assistance.transitional-justice-support",
                               "demarches.advocacy-for-accountability"}),
    ],
)
def test_targets_give_what_a_reader_of_the_source_expects(
    caac: Run, target: str, expected: set[str]
) -> None:
    assert set(ids(caac, "--target", target)) == expected


def test_parties_target_includes_letters_and_demarches(caac: Run) -> None:
    parties = ids(caac, "--target", "parties")
    assert {"demarches.letters-to-parties", "demarches.demarches-to-listed-parties"} <= set(parties)


def test_actor_is_a_union_of_tiers(caac: Run) -> None:
    working_group = ids(caac, "--actor", "working-group")
    council = ids(caac, "--actor", "security-council")
    assert len(working_group) == 18  # tiers working-group (9) and working-group-or-council (9)
    assert len(council) == 17  # tiers working-group-or-council (9) and council (8)
    both = ids(caac, "--tier", "working-group-or-council")
    assert set(working_group) & set(council) == set(both)


def test_or_within_a_flag_and_across_flags(caac: Run) -> None:
    either = ids(caac, "--category", "demarches", "--category", "other-measures")
    assert len(either) == 7
    narrowed = ids(caac, "--category", "demarches", "--tier", "council")
    assert narrowed == ["demarches.letters-to-regional-organizations",
                        "demarches.justice-and-reconciliation"]


def test_search_ignores_case_and_accents_and_covers_entities(caac: Run) -> None:
    assert ids(caac, "--search", "world bank") == ["assistance.requests-to-un-bodies"]
    assert "demarches.demarches-to-listed-parties" in ids(caac, "--search", "DEMARCHES TO")
    assert ids(caac, "--search", "unicef")[:2] == [
        "assistance.technical-assistance", "assistance.humanitarian-coordination"]


def test_unknown_category_exits_2_with_choices_and_suggestion(caac: Run) -> None:
    result = caac("list", "--category", "nonsense")
    assert result.exit_code == 2
    assert "assistance, demarches, enhanced-monitoring" in result.stderr
    result = caac("list", "--target", "sanction-comittee")
    assert result.exit_code == 2
    assert "did you mean 'sanctions-committee'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_empty_result_is_not_an_error(caac: Run) -> None:
    result = caac("list", "--search", "no such words anywhere", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "no option matches" in result.stderr


def test_table_groups_by_category_and_tier(caac: Run) -> None:
    out = plain(caac("list", "--category", "other-measures").stdout)
    assert "5. Other measures" in out
    assert "Recommendations to the Security Council" in out
    assert out.index("other-measures.sanctions-committees") < out.index(
        "other-measures.letters-to-justice-mechanisms")


def test_yaml_and_markdown_formats(caac: Run) -> None:
    import yaml

    loaded = yaml.safe_load(caac("list", "-c", "assistance", "-f", "yaml").stdout)
    assert [o["id"] for o in loaded][0] == "assistance.technical-assistance"
    markdown = caac("list", "-c", "assistance", "-f", "markdown").stdout
    assert "## 1. Assistance" in markdown
    assert "- `assistance.letters-to-donors`: Letters to donors" in markdown


def test_show_by_unique_prefix_every_field(caac: Run) -> None:
    result = caac("show", "other-measures.sanc", "--format", "json")
    record = json.loads(result.stdout)
    assert record["id"] == "other-measures.sanctions-committees"
    assert record["source"] == {"symbol": "S/AC.51/2007/2", "page": 5, "order": 25}
    table = plain(caac("show", "other-measures.sanc").stdout)
    for field in ("category", "tier", "actors", "targets", "entities", "drafting (fr)"):
        assert field in table
    ambiguous = caac("show", "other-measures")
    assert ambiguous.exit_code == 2
    assert "ambiguous" in ambiguous.stderr


def test_vocabularies_with_counts(caac: Run) -> None:
    categories = json.loads(caac("categories", "-f", "json").stdout)
    assert [(c["id"], c["options"]) for c in categories] == [
        ("assistance", 6), ("demarches", 5), ("enhanced-monitoring", 8),
        ("improvement-of-mandates", 5), ("other-measures", 2)]
    tiers = json.loads(caac("tiers", "-f", "json").stdout)
    assert [t["options"] for t in tiers] == [9, 9, 8]
    targets = caac("targets", "-f", "ids").stdout.split()
    assert len(targets) == 13
    assert "Sanctions committees" in plain(caac("targets").stdout)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_misspelt_key_in_a_toolkit_file_names_file_and_line(caac: Run, tmp_path: Path) -> None:
    bad = _write(tmp_path / "toolkit.yaml", "base: bundled\noptions:\n  - id: x.y\n    txet: Hello\n")
    result = caac("--data", str(bad), "list")
    assert result.exit_code == 1
    assert f"{bad}:4:5: Object contains unknown field `txet`" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ("a: 1\na: 2\n", "duplicate key 'a'", ":2:1:"),
        ("options: [\n", "invalid YAML", ":2:1:"),
        ("base: bundled\noptions:\n  - id: demarches.letters-to-parties\n    tier: nowhere\n",
         "unknown tier 'nowhere'", ":4:11:"),
        ("base: bundled\noptions:\n  - id: demarches.letters-to-parties\n    texts: {en: ' '}\n",
         "empty text under 'en'", ":4:12:"),
        ("base: bundled\ncategories:\n  - {id: assistance, number: 1, label: {en: A, fr: A}}\n"
         "  - {id: x, number: 6, label: {en: X, fr: X}}\n  - {id: x, number: 7, label: {en: Y, fr: Y}}\n",
         "duplicate id 'x' in categories", ":5:10:"),
    ],
)
def test_invalid_toolkit_files(
    caac: Run, tmp_path: Path, text: str, message: str, where: str
) -> None:
    bad = _write(tmp_path / "t.yaml", text)
    result = caac("validate", str(bad))
    assert result.exit_code == 1
    assert message in result.stderr
    assert f"{bad}{where}" in result.stderr


def test_overlay_adds_an_option_and_overrides_a_text(caac: Run, tmp_path: Path) -> None:
    extra = _write(tmp_path / "mine.yaml", """\
base: bundled
options:
  - id: demarches.letters-to-parties
    texts: {en: Letters and appeals to the parties concerned}
  - id: other-measures.travel-bans
    category: other-measures
    tier: council
    source: {page: 0, order: 27}
    texts:
      en: Recommend targeted measures against persistent perpetrators
      fr: Recommander des mesures ciblées contre les auteurs de violations persistantes
    official: [en]
    targets: [sanctions-committee]
    drafting:
      en: I recommend targeted measures in {situation}.
      fr: Je recommande des mesures ciblées {situation}.
""")
    result = caac("--data", str(extra), "list", "--format", "json")
    options = {o["id"]: o for o in json.loads(result.stdout)}
    assert len(options) == 27
    assert options["demarches.letters-to-parties"]["text"].startswith("Letters and appeals")
    assert options["demarches.letters-to-parties"]["tier"] == "working-group-or-council"
    env_result = caac("list", "--target", "sanctions-committee", "-f", "ids",
                      env={"CAAC_DATA": str(extra)})
    assert env_result.stdout.split()[-1] == "other-measures.travel-bans"


def test_missing_data_file_exits_2(caac: Run, tmp_path: Path) -> None:
    result = caac("--data", str(tmp_path / "nope.yaml"), "list")
    assert result.exit_code == 2
    assert "not found" in result.stderr


def test_version_and_help(caac: Run) -> None:
    from caac_toolkit import __version__

    assert caac("--version").stdout.strip() == f"caac {__version__}"
    help_text = plain(caac("--help").stdout)
    for command in ("list", "show", "categories", "tiers", "targets", "validate", "draft"):
        assert command in help_text


def test_every_command_has_help(caac: Run) -> None:
    from typer.main import get_command

    from caac_toolkit.cli import app

    group = get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, name
        result = caac(name, "--help")
        assert result.exit_code == 0, name


def test_search_finds_whole_words_and_word_starts_only(caac: Run) -> None:
    assert ids(caac, "--search", "DDR") == ["improvement-of-mandates.children-in-ddr"]
    assert "improvement-of-mandates.children-in-ddr" not in ids(caac, "--search", "address")
    assert ids(caac, "--search", "sanction") == ids(caac, "--search", "sanctions")
    assert ids(caac, "--search", "dress") == []


@pytest.mark.parametrize("vocabulary", ["categories", "tiers", "actors", "targets"])
def test_vocabulary_tables_show_every_id_and_alias_whole_at_80_columns(
    caac: Run, vocabulary: str
) -> None:
    records = json.loads(caac(vocabulary, "-f", "json").stdout)
    table = caac(vocabulary, env={"COLUMNS": "80"}).stdout
    assert max(map(len, table.splitlines())) <= 80
    cells = set(table.split())
    for record in records:
        assert {record["id"], *record["aliases"]} <= cells, record["id"]


def test_vocabulary_labels_in_another_language(caac: Run) -> None:
    assert "Démarches" in caac("categories", "--lang", "fr").stdout
    assert "Action directe du Groupe de travail" in " ".join(
        caac("tiers", "--lang", "fr").stdout.split())
    assert caac("tiers", "--lang", "xx").exit_code == 2


def test_the_option_table_shows_every_id_whole_at_80_columns(caac: Run) -> None:
    table = caac("list", env={"COLUMNS": "80"}).stdout
    assert set(ids(caac)) <= set(table.split())


def test_global_options_work_after_the_command(caac: Run, tmp_path: Path) -> None:
    extra = _write(tmp_path / "mine.yaml", """\
base: bundled
options:
  - id: demarches.letters-to-parties
    texts: {en: Letters of our own}
""")
    for args in (("--data", str(extra), "list"), ("list", "--data", str(extra)),
                 ("list", f"--data={extra}"), ("list", "-f", "json", "--data", str(extra))):
        result = caac(*args, *(() if "json" in args else ("-f", "json")))
        assert result.exit_code == 0, (args, result.stderr)
        assert "Letters of our own" in result.stdout, args
    shown = caac("show", "demarches.letters-to-parties", "--data", str(extra), "-f", "json")
    assert json.loads(shown.stdout)["text"] == "Letters of our own"
    missing = caac("validate", "--templates", str(tmp_path / "none"), "--data",
                   str(tmp_path / "none.yaml"))
    assert missing.exit_code == 2 and "none.yaml" in missing.stderr
    assert caac("list", "-f", "ids", "--debug").exit_code == 0
    # A command's own option of the same name takes it, wherever it is typed.
    for args in (("--templates", str(tmp_path / "none"), "draft", "statement"),
                 ("draft", "statement", "--templates", str(tmp_path / "none"))):
        refused = caac(*args)
        assert refused.exit_code == 2 and "templates folder not found" in refused.stderr, args


def installed_caac() -> str:
    return str(Path(sys.executable).with_name("caac"))


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    import subprocess

    process = subprocess.Popen([installed_caac(), "schema", "case"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before caac has started: every write finds the pipe closed
    assert process.wait() == 0
    with process.stderr:
        assert process.stderr.read() == b""
    piped = subprocess.run(["bash", "-c", f"set -o pipefail; {installed_caac()} schema case "
                            "| head -1; caac_status=$?; echo; echo $caac_status"],
                           capture_output=True, text=True)
    assert piped.stdout.split() == ["{", "0"] and piped.stderr == ""


@pytest.mark.parametrize(("typed", "expected"), [
    ("caac list --category d", {"demarches"}),
    ("caac list --tier working-group", {"working-group", "working-group-or-council"}),
    ("caac list --actor ", {"working-group", "security-council"}),
    ("caac show demarches.letters-to-p", {"demarches.letters-to-parties"}),
    ("caac draft letter --to sanc", {"sanctions-committee"}),
    ("caac draft letter --option other-measures.", {"other-measures.sanctions-committees"}),
    ("caac draft letter --lang ", {"en", "fr", "es", "ru"}),
    ("caac init --lang f", {"fr"}),
])
def test_shell_completion_completes_values(typed: str, expected: set[str]) -> None:
    import subprocess

    words = typed.split()
    env = {**os.environ, "_CAAC_COMPLETE": "complete_bash", "COMP_WORDS": typed,
           "COMP_CWORD": str(len(words) - (0 if typed.endswith(" ") else 1))}
    result = subprocess.run([installed_caac()], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) >= expected
    assert all(value.startswith(words[-1] if not typed.endswith(" ") else "")
               for value in result.stdout.split())


def test_the_program_runs_the_command_named_even_beside_a_value_that_names_another(
    tmp_path: Path,
) -> None:
    # `caac` builds only the commands its arguments name; a flag value equal to another command's
    # name ("targets" here) must not take the place of the command.
    (tmp_path / "targets").write_text("base: bundled\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "caac_toolkit", "--data", "targets", "list",
                             "--format", "ids"], cwd=tmp_path, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.split()) == 26
    help_text = subprocess.run([sys.executable, "-m", "caac_toolkit", "--help"], cwd=tmp_path,
                               capture_output=True, text=True, check=False).stdout
    assert "precedents" in help_text and "draft" in help_text  # no command named: all listed
