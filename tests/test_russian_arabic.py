"""Russian and Arabic drafts read as a UN editor reads them (issue 22): each test drafts through
the real CLI and reads the document back."""

from __future__ import annotations

import re
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


def _women(tmp_path: Path) -> Path:
    """The DRC case with a woman Chair and a woman President of the Council."""
    text = (ROOT / "examples" / "drc-2018-fr.yaml").read_text(encoding="utf-8")
    case = tmp_path / "drc.yaml"
    case.write_text("\n".join(
        "chair: {name: Anne Example, gender: female}" if line.startswith("chair:") else line
        for line in text.splitlines()) + "\npresident: {name: Joanna Wronecka, gender: female}\n",
        encoding="utf-8")
    return case


def test_arabic_names_a_woman_chair_president_and_special_representative(
        caac: Run, tmp_path: Path) -> None:
    case = _women(tmp_path)
    text = draft(caac, "conclusions", str(case), "--lang", "ar")
    assert "بيان علني تصدره رئيسة الفريق العامل" in text
    assert "توجيه رسالة من رئيسته إلى الأمين العام" in text
    assert "بأن توجه رئيسة مجلس الأمن رسالة" in text
    assert "قدمته الممثلة الخاصة للأمين العام المعنية بالأطفال والنزاع المسلح" in text
    assert "يصدره رئيس " not in text and "الممثل الخاص" not in text
    result = caac("build", str(case), "--lang", "ar", "--out", str(tmp_path / "out"),
                  "--format", "md")
    assert result.exit_code == 0, result.output
    letter = (tmp_path / "out" / "drc" / "letter-secretaire-general.ar.md").read_text(
        encoding="utf-8")
    assert "بصفتي رئيسة الفريق العامل التابع لمجلس الأمن والمعني بالأطفال والنزاع المسلح" in letter


def test_arabic_paragraph_one_as_the_working_group_writes_it(caac: Run) -> None:
    text = draft(caac, "conclusions", MALI, "--lang", "ar")
    # "في جلسته 72، المعقودة في …" (S/AC.51/2018/2), one relative clause, both months unbracketed.
    assert ("درس الفريق العامل التابع لمجلس الأمن والمعني بالأطفال والنزاع المسلح، في جلسته 70، "
            "المعقودة في 12 آذار/مارس 2018،") in text
    assert "في الجلسة 70" not in text
    assert text.count("الذي") == 1
    assert "إلى حزيران/يونيه 2017 وقدمته" in text
    assert "[" + "حزيران" not in text


def test_arabic_statements_and_letters_name_the_meeting_as_the_conclusions_do(
        caac: Run, tmp_path: Path) -> None:
    """The statement opens "في جلسته 71، المعقودة في …" after the Working Group's name, as paragraph
    1 of the conclusions does, not "في الجلسة 71 التي عقدها …"; no sentence of any Arabic
    document stacks two relative clauses."""
    examples = sorted(str(path) for path in (ROOT / "examples").glob("*.yaml"))
    result = caac("build", *examples, "--lang", "ar", "--out", str(tmp_path), "--format", "md")
    assert result.exit_code == 0, result.output
    statement = (tmp_path / "mali-2018" / "statement.ar.md").read_text(encoding="utf-8")
    assert ("قرر الفريق العامل التابع لمجلس الأمن والمعني بالأطفال والنزاع المسلح، في جلسته 71، "
            "المعقودة في 4 أيار/مايو 2018، في سياق دراسة التقرير الثاني") in statement
    documents = sorted(tmp_path.glob("*/*.ar.md"))
    assert {path.name.split("-")[0] for path in documents} >= {"conclusions.ar.md", "statement.ar.md",
                                                               "letter"}
    for path in documents:
        text = path.read_text(encoding="utf-8")
        assert "التي عقدها" not in text and not re.search(r"الجلسة \d", text), path
        for sentence in re.split(r"[.:]\s", text):
            assert sum(sentence.count(word) for word in ("الذي", "التي")) <= 1, (path, sentence)


def test_arabic_lists_join_every_item_with_wa(caac: Run) -> None:
    text = draft(caac, "conclusions", MALI, "--lang", "ar")
    assert "1612 (2005) و 1882 (2009) و 1998 (2011) و 2068 (2012) و 2143 (2014) و 2225 (2015)" in text
    parties = draft(caac, "conclusions", str(ROOT / "examples" / "colombia-2012.yaml"), "--lang", "ar")
    assert "(FARC-EP) و" in parties and "(FARC-EP)،" not in parties


def test_russian_toolkit_texts_and_the_chairs_opening(caac: Run) -> None:
    donors = draft(caac, "letter", "--to", "donors", "--lang", "ru", "--situation", "Мали",
                   "--option", "assistance.letters-to-donors",
                   "--option", "assistance.technical-assistance")
    assert "увеличить свои взносы" in donors and "их взносы" not in donors
    assert "в рамках своих соответствующих мандатов" in donors
    secretary = draft(caac, "letter", "--to", "secretary-general", "--lang", "ru",
                      "--situation", "Мали")
    assert "укрепить в мандате операции" in secretary
    assert "компонент, касающийся защиты детей" in secretary
    assert "аспект детей" not in secretary
    # Who chairs is said before the group's name, not after the resolution ("которую я возглавляю").
    assert "Имею честь обратиться к Вам в качестве Председателя" in secretary
    assert "учрежденной резолюцией 1612 (2005), и от ее имени" in secretary
    assert "возглавляю" not in secretary


def test_russian_letter_titles_say_na_imya_with_the_genitive(caac: Run, tmp_path: Path) -> None:
    letter = draft(caac, "letter", "--to", "secretary-general", "--lang", "ru", "--situation", "X")
    assert "на имя Генерального секретаря**" in letter  # as A/56/441 in Russian
    assert "адресованн" not in letter
    annex = draft(caac, "annex", "--lang", "ru", "--with-letter")
    assert "2006 года на имя Председателя Совета Безопасности" in annex
    assert "Приложение к письму Постоянного представителя Франции" in annex
    assert "адресованн" not in annex
    # A Russian case gives its addressee as its body needs it (dative): the title warns.
    case = tmp_path / "case.yaml"
    case.write_text("""\
language: ru
situation: Судан
situation_forms: {ru: {name: Судан, in: в Судане, of: Судана}}
report: S/2011/413
meeting: {number: 34, date: 2012-10-05}
date: 2012-10-11
chair: {name: Петр Петров}
actions:
  - option: demarches.letters-to-parties
    to: sanctions-committee
    addressee: Председателю Комитета Совета Безопасности
    points: [Призывая все стороны прекратить нарушения]
""", encoding="utf-8")
    result = caac("build", str(case), "--out", str(tmp_path / "out"), "--format", "md")
    assert result.exit_code == 0, result.output
    assert ("addressee 'Председателю Комитета Совета Безопасности' is printed as the case gives "
            "it in the letter's title, which wants it in the genitive") in result.stderr


def test_arabic_resolutions_and_dates_stay_whole_in_word_and_html(
        caac: Run, tmp_path: Path) -> None:
    import docx

    result = caac("build", MALI, "--lang", "ar", "--out", str(tmp_path), "--format", "docx",
                  "--format", "html")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "mali-2018"
    xml = "\n".join(p.text for p in docx.Document(str(folder / "conclusions.ar.docx")).paragraphs)
    assert "1882\u00a0(2009)" in xml and "1882 (2009)" not in xml
    assert "حزيران/\u2060يونيه\u00a02017" in xml
    assert "12\u00a0آذار/\u2060مارس\u00a02018" in xml
    html = (folder / "conclusions.ar.html").read_text(encoding="utf-8")
    assert '<span class="keep">1882 (2009)</span>' in html
    assert '<span class="keep">حزيران/يونيه 2017</span>' in html


def test_arabic_word_points_left_in_english_still_read_right_to_left(
        caac: Run, tmp_path: Path) -> None:
    import docx

    result = caac("build", MALI, "--lang", "ar", "--out", str(tmp_path), "--format", "docx")
    assert result.exit_code == 0, result.output
    word = docx.Document(str(tmp_path / "mali-2018" / "conclusions.ar.docx"))
    namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    numbered = [p for p in word.paragraphs
                if p._p.pPr is not None and p._p.pPr.find(f"{namespace}numPr") is not None]
    assert any("Coordination des mouvements" in p.text for p in numbered)
    assert all(p._p.pPr.find(f"{namespace}bidi") is not None for p in numbered)
