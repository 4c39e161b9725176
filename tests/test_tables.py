"""Tables at the width of an ordinary terminal: ids, symbols and names are never cut."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, Run

EXAMPLES = str(ROOT / "examples")


def flat(text: str) -> str:
    """The words of a table, whatever its lines and rules."""
    return " ".join(re.sub(r"[│┃━╇─┼┏┓┗┛┡┩┠┨]", " ", text).split())


@pytest.fixture(params=[80, 60])
def columns(request: pytest.FixtureRequest) -> dict[str, str]:
    return {"COLUMNS": str(request.param)}


def test_list_by_use_shows_every_id_whole(caac: Run, columns: dict[str, str]) -> None:
    ids = caac("list", "--format", "ids").stdout.split()
    shown = caac("list", "--sort", "used", env=columns).stdout
    assert "…" not in shown
    assert set(ids) <= set(re.findall(r"[a-z-]+\.[a-z-]+", shown))


def test_precedents_show_every_option_and_symbol_whole(caac: Run, columns: dict[str, str]) -> None:
    shown = caac("precedents", "other-measures.sanctions-committees", env=columns).stdout
    assert "…" not in shown
    records = json.loads(caac("precedents", "other-measures.sanctions-committees",
                              "--format", "json").stdout)
    words = set(flat(shown).replace(",", " ").split())
    for record in records:
        assert {a["option"] for a in record["actions"]} <= words
        assert record["symbol"] is None or record["symbol"] in words


def test_status_previous_shows_symbols_whole(caac: Run, columns: dict[str, str]) -> None:
    shown = caac("status", EXAMPLES, "--previous", env=columns).stdout
    assert "…" not in shown
    words = set(flat(shown).replace(",", " ").split())
    assert {"S/AC.51/2018/1/Rev.1", "S/AC.51/2007/17", "S/AC.51/2012/1"} <= words


def test_show_gives_a_chinese_text_in_full(caac: Run, columns: dict[str, str]) -> None:
    option = json.loads(caac("show", "demarches.letters-to-parties", "--format", "json").stdout)
    shown = caac("show", "demarches.letters-to-parties", env=columns).stdout
    assert "…" not in shown
    assert option["drafting"]["zh"] in "".join(shown.split())


def test_targets_never_break_a_word_inside(caac: Run, columns: dict[str, str]) -> None:
    shown = caac("targets", env=columns).stdout
    lines = shown.splitlines()
    assert all(len(line) <= int(columns["COLUMNS"]) for line in lines)
    assert "Secretary-Gen" not in shown.replace("Secretary-General", "")  # whole, or at "-"
    words = set(flat(shown).replace(",", " ").split())
    assert {"member-state", "troop-contributors", "regional-organisations"} <= words


def test_a_wide_terminal_keeps_the_table(caac: Run) -> None:
    shown = caac("status", EXAMPLES, "--previous", env={"COLUMNS": "120"}).stdout
    assert re.search(r"case\s+┃\s+situation\s+┃\s+conclusions\s+┃\s+recalls", shown)
