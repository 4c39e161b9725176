"""Russian and Arabic drafts read as a UN editor reads them (issue 22): each test drafts through
the real CLI and reads the document back."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, Run

MALI = str(ROOT / "examples" / "mali-2018.yaml")


def draft(caac: Run, *args: str) -> str:
    result = caac("draft", *args, "--format", "md")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_russian_period_ends_with_the_month_in_the_nominative(caac: Run) -> None:
    text = draft(caac, "conclusions", MALI, "--lang", "ru")
    assert "период с января 2014 года по июнь 2017 года" in text


def test_the_reports_ordinal_in_russian_and_arabic(caac: Run, tmp_path: Path) -> None:
    result = caac("build", MALI, "--lang", "ru", "--lang", "ar", "--out", str(tmp_path),
                  "--format", "md")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "mali-2018"
    assert "рассмотрела второй доклад Генерального секретаря" in (
        folder / "conclusions.ru.md").read_text(encoding="utf-8")
    # The report stays in the case of the ordinal's words: "рассмотрев второй доклад".
    assert "рассмотрев второй доклад Генерального секретаря" in (
        folder / "statement.ru.md").read_text(encoding="utf-8")
    for name in ("conclusions.ar.md", "statement.ar.md"):
        assert "التقرير الثاني للأمين العام" in (folder / name).read_text(encoding="utf-8")


def test_russian_parties_are_named_without_nested_brackets(caac: Run) -> None:
    text = draft(caac, "conclusions", str(ROOT / "examples" / "colombia-2012.yaml"), "--lang", "ru")
    assert "(в частности" not in text
    assert ", в частности \\[en: the Fuerzas Armadas" in text
    assert "(ELN), посредством публичного заявления" in text


def test_russian_close_does_not_repeat_the_salutation(caac: Run) -> None:
    text = draft(caac, "letter", "--to", "secretary-general", "--lang", "ru", "--situation", "X")
    assert "Уважаемый господин Генеральный секретарь" in text  # the salutation
    assert "Примите, господин Генеральный секретарь, уверения в моем самом высоком уважении." in text
    text = draft(caac, "letter", "--to", "donors", "--lang", "ru", "--situation", "X")
    assert "Примите, Ваше Превосходительство, уверения" in text
