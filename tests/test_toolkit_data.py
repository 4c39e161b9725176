"""The bundled toolkit is faithful to S/AC.51/2007/2 and complete."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from conftest import SOURCE, Run


def _normal(text: str) -> str:
    return " ".join(text.replace("*", "").split())


@pytest.fixture(scope="module")
def options() -> list[dict]:  # type: ignore[type-arg]
    from typer.testing import CliRunner

    from caac_toolkit.cli import app

    result = CliRunner().invoke(app, ["list", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_twenty_six_options_with_the_source_counts(options: list[dict]) -> None:  # type: ignore[type-arg]
    assert len(options) == 26
    assert Counter(o["category"] for o in options) == {
        "assistance": 6, "demarches": 5, "enhanced-monitoring": 8,
        "improvement-of-mandates": 5, "other-measures": 2,
    }
    assert Counter(o["tier"] for o in options) == {
        "working-group": 9, "working-group-or-council": 9, "council": 8,
    }


def test_every_text_is_the_source_text_in_source_order(options: list[dict]) -> None:  # type: ignore[type-arg]
    source = _normal(SOURCE.read_text(encoding="utf-8"))
    positions = []
    for option in options:
        text = _normal(option["text"])
        assert text in source, option["id"]
        positions.append(source.index(text))
    assert positions == sorted(positions)


def test_json_interface_fields(options: list[dict]) -> None:  # type: ignore[type-arg]
    for option in options:
        assert re.fullmatch(r"[a-z-]+\.[a-z0-9-]+", option["id"])
        assert option["id"].startswith(option["category"] + ".")
        assert option["actors"]
        assert option["targets"]
        assert option["text_fr_official"] is False
    by_tier = {o["tier"]: o["actors"] for o in options}
    assert by_tier == {
        "working-group": ["working-group"],
        "working-group-or-council": ["working-group", "security-council"],
        "council": ["security-council"],
    }


def test_drafting_prose_does_not_abbreviate(options: list[dict]) -> None:  # type: ignore[type-arg]
    for option in options:
        for lang in ("en", "fr"):
            prose = option["drafting"][lang]
            assert not re.search(r"\b(UNSC|SG|GA|WG|CAAC|SRSG|DDR|PRST|UN)\b", prose), option["id"]
            assert set(re.findall(r"\{[^}]*\}", prose)) <= {
                "{situation}", "{in_situation}", "{of_situation}"}


def test_validate_bundled_toolkit(caac: Run) -> None:
    result = caac("validate")
    assert result.exit_code == 0
    assert "26 options" in result.stdout
