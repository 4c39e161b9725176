"""The table of languages (data/languages.yaml): what differs between languages beyond wording.

Wording lives in templates/<code>/; everything else a language decides (its dates, ordinals,
typography, point labels, direction, fonts, official names by year) lives in the table, so that a
language is a folder and a table entry, and no Python names one.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import msgspec

from caac_toolkit.document import raised
from caac_toolkit.errors import InvalidInput, UsageError, did_you_mean
from caac_toolkit.resources import data_dir

if TYPE_CHECKING:
    from caac_toolkit import yamlfile

Text = Annotated[str, msgspec.Meta(min_length=1, pattern=r"\S")]
# A Unicode code point as the standard writes it: U+0600.
CodePoint = Annotated[str, msgspec.Meta(pattern=r"^U\+([0-9A-F]{4,5}|10[0-9A-F]{4})\Z")]
Code = Annotated[str, msgspec.Meta(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")]
TABLE = "languages.yaml"


class _Strict(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pass


class Dates(_Strict, frozen=True, kw_only=True):
    pattern: Text
    month: Text = "MMMM y"  # a month of a year: "January 2014"
    # The month that ends a period ("to June 2017") where its case differs from `month`'s:
    # Russian "по июнь 2017 года" wants the nominative, `month` the genitive ("с января").
    month_to: Text | None = None
    first_day: Text | None = None
    # The names of the twelve months where the UN prints other ones than CLDR's: Arabic
    # documents print both names, "تشرين الأول/أكتوبر". They stand for MMMM in the patterns.
    months: Annotated[list[Text], msgspec.Meta(min_length=12, max_length=12)] | None = None

    def of(self, pattern: str, month: int) -> str:
        """`pattern` with the month's own name, quoted, in place of MMMM."""
        return pattern if self.months is None else pattern.replace(
            "MMMM", "'" + self.months[month - 1].replace("'", "''") + "'")


class Ordinals(_Strict, frozen=True, kw_only=True):
    default: str  # empty where figures take no suffix (Arabic: "الجلسة 5133")
    number: dict[str, Text] = {}  # YAML keys are text: "1"
    last_digit: dict[str, Text] = {}
    raised: bool = False
    # Whether the language's meeting numbers may be spelled out ("thirty-fourth"), as older
    # documents do; where spelling would need a gender or a case, figures are written instead.
    spelled: bool = True
    # A report's ordinal ("the second report") as words, first to last, where spelling it needs
    # the noun's gender or the language's own numerals ("segundo informe", "第二次报告").
    report: list[Text] = []


class Typography(_Strict, frozen=True, kw_only=True):
    space_before: dict[str, str] = {}
    quotes: tuple[str, str] | None = None
    apostrophe: str | None = None
    # Marks set otherwise wherever they stand, as regular expressions ("، " for ", " in Arabic;
    # its conjunction joined to the word after it), and the mark
    # that ends a text (a lettered point's ";" or "."), where the language has its own ("。").
    marks: dict[str, str] = {}
    ends: dict[str, str] = {}
    # Stretches a line never breaks inside, as regular expressions ("1882 (2009)"); a date with
    # a month name of `date.months` is one too.
    whole: list[str] = []


class Letters(_Strict, frozen=True, kw_only=True):
    text: Annotated[list[Text], msgspec.Meta(min_length=1)]
    # Word's w:numFmt for the sequence, where one gives these letters in every reader; without
    # it the DOCX writer types each point's label.
    word: Text | None = None


class Script(_Strict, frozen=True, kw_only=True):
    """The script a language writes beside Latin, where it needs fonts of its own: Word keeps
    its text in another slot of a run's fonts (`cs` for right-to-left and complex scripts,
    `eastAsia` for Chinese, Japanese and Korean) with its own language tag."""

    name: Text  # the Unicode script: Arabic, Han
    fonts: list[Text]  # faces that cover it, first found first
    word: Literal["cs", "eastAsia"]
    tag: Text  # Word's language of that text: ar-SA, zh-CN
    # Its letters, as pairs of first and last code points: data, never a regular expression.
    ranges: Annotated[list[tuple[CodePoint, CodePoint]], msgspec.Meta(min_length=1)]

    def __post_init__(self) -> None:
        for first, last in self.ranges:
            if int(first[2:], 16) > int(last[2:], 16):
                raise ValueError(f"the range [{first}, {last}] ends before it starts")

    @property
    def code_points(self) -> tuple[tuple[int, int], ...]:
        return tuple((int(first[2:], 16), int(last[2:], 16)) for first, last in self.ranges)


class Name(_Strict, frozen=True, kw_only=True):
    text: Text
    since: dt.date | None = None


class Language(_Strict, frozen=True, kw_only=True):
    code: Code = ""  # the key of its entry
    name: Text
    locale: Text
    direction: Literal["ltr", "rtl"] = "ltr"
    date: Dates
    ordinal: Ordinals
    typography: Typography = Typography()
    point_label: Annotated[str, msgspec.Meta(pattern=r"\{\}")]
    # How a numbered paragraph's number is printed: "1." in most languages, "1 -" in Arabic.
    number_label: Annotated[str, msgspec.Meta(pattern=r"\{\}")] = "{}."
    # The letters of lettered points where they are not a, b, c …: Arabic's (أ), (ب), (ج) in
    # abjad order, and the name of that sequence in Word's numbering where there is one.
    letters: Letters | None = None
    fonts: list[Text]
    script: Script | None = None
    names: dict[str, Annotated[list[Name], msgspec.Meta(min_length=1)]] = {}
    # The prepositions a situation written in the language may open with ("au Soudan"): such a
    # situation, where the table of situations lacks it, is the form after "in".
    situation_opens: list[Text] = []
    # The language whose words and date the masthead's right column prints, where it is not the
    # document's own: Russian documents print "Distr.: General", "5 October 2012".
    masthead_language: Code | None = None
    # How a preposition joins what follows it: (pattern, replacement) regular expressions applied
    # in turn to "preposition phrase" ("à le Président" -> "au Président", "a el" -> "al").
    contractions: list[tuple[str, str]] = []

    def ordinal_of(self, number: int) -> str:
        """5 -> '5th', '5e' (raised), '5ª', '5-м'; 1 -> '1st', '1re'."""
        rules = self.ordinal
        suffix = rules.number.get(str(number))
        if suffix is None and not 10 < number % 100 < 20:
            suffix = rules.last_digit.get(str(number % 10))
        suffix = suffix or rules.default
        return f"{number}{raised(suffix) if rules.raised else suffix}"

    def spelled_ordinal(self, number: int) -> str:
        """34 -> 'thirty-fourth' / 'trente-quatrième' (num2words: CLDR has no spelled ordinals);
        in figures where the language does not spell them."""
        if not self.ordinal.spelled:
            return self.ordinal_of(number)
        from num2words import num2words

        return str(num2words(number, to="ordinal", lang=self.locale))

    def report_ordinal(self, number: int) -> str:
        """2 -> 'second', 'deuxième', 'segundo', '第二次': the table's words, else spelled."""
        words = self.ordinal.report
        return words[number - 1] if 0 < number <= len(words) else self.spelled_ordinal(number)

    def format_date(self, value: dt.date) -> str:
        """'5 October 2012', '1er octobre 2012', '5 de octubre de 2012', '5 октября 2012 года'."""
        from babel.dates import format_date

        text = str(format_date(value, self.date.of(self.date.pattern, value.month),
                               locale=self.locale))
        if value.day == 1 and self.date.first_day:
            text = text.replace("1", "1" + raised(self.date.first_day), 1)
        return text

    def renames_on(self, date: dt.date) -> list[tuple[str, str]]:
        """(older name, the name in force on `date`) for every official name that changed,
        longest first, so that a document never mixes the two."""
        current = self.names_on(date)
        pairs = {(n.text, current[key]) for key, eras in self.names.items() for n in eras
                 if n.text != current[key]}
        return sorted(pairs, key=lambda pair: -len(pair[0]))

    def format_month(self, year: int, month: int, *, ending: bool = False) -> str:
        """A month of a year; `ending`: as it ends a period ("to June 2017")."""
        from babel.dates import format_date

        pattern = (self.date.month_to if ending else None) or self.date.month
        return str(format_date(dt.date(year, month, 1), self.date.of(pattern, month),
                               locale=self.locale))

    def names_on(self, date: dt.date) -> dict[str, str]:
        """Each official name as it was on `date`: the newest adopted by then."""
        return {
            key: [n for n in eras if n.since is None or n.since <= date][-1].text
            for key, eras in self.names.items()
        }

    def join(self, preposition: str, phrase: str) -> str:
        """'à' + 'le Président' -> 'au Président'; 'de' + 'une' -> "d'une"; 'a' + 'el' -> 'al'."""
        from caac_toolkit.patterns import substitute

        text = f"{preposition} {phrase}"
        for pattern, replacement in self.contractions:
            text = substitute(pattern, replacement, text, count=1)
        return text

    def point(self, letter: str) -> str:
        return self.point_label.format(letter)



class Languages:
    """The table: the bundled entries, with those of a user's table over them."""

    def __init__(self, entries: dict[str, Language]) -> None:
        self.entries = entries

    @property
    def codes(self) -> list[str]:
        return list(self.entries)

    def get(self, code: str) -> Language:
        if code not in self.entries:
            raise UsageError(
                f"unknown language '{code}'",
                hint=did_you_mean(code, self.codes) or "known: " + ", ".join(self.codes),
            )
        return self.entries[code]


def load(templates: Path | None = None) -> Languages:
    """The bundled table, with the entries of `templates`/languages.yaml over it when present."""
    entries = dict(_bundled())
    if templates is not None and (templates / TABLE).is_file():
        from caac_toolkit import yamlfile
        from caac_toolkit.files import within

        table = yamlfile.load(within(templates, templates / TABLE))
        entries.update(_known_locales(_validate(table), table))
    return Languages(entries)


def _known_locales(entries: dict[str, Language], document: yamlfile.YamlDocument) -> dict[str, Language]:
    """A user's `entries`, or an error at the first locale Babel does not know (whose dates it
    could not write): beyond what the table's schema checks."""
    from babel import Locale, UnknownLocaleError

    for code, language in entries.items():
        try:
            Locale.parse(language.locale)
        except (UnknownLocaleError, ValueError, TypeError):
            raise InvalidInput(f"language '{code}': unknown locale '{language.locale}'",
                               place=document.place((code, "locale")),
                               hint="a CLDR locale such as fr, fr_CH, es_419") from None
    return entries


def bundled() -> Languages:
    """The bundled table alone, for what no templates folder can change."""
    return Languages(_bundled())


@cache
def _bundled() -> dict[str, Language]:
    from caac_toolkit import yamlfile

    return _validate(yamlfile.load(data_dir() / TABLE))


def _validate(document: yamlfile.YamlDocument) -> dict[str, Language]:
    from caac_toolkit import yamlfile

    if not isinstance(document.data, dict):
        raise InvalidInput("a table of languages maps codes to languages",
                           place=document.place(()), hint="see data/languages.yaml")
    entries = {}
    for code, entry in document.data.items():
        try:
            language = msgspec.convert({**entry, "code": code} if isinstance(entry, dict) else entry,
                                       Language, strict=True)
        except msgspec.ValidationError as exc:
            message, place = yamlfile.locate(document, str(exc).replace("`$", f"`$.{code}", 1))
            raise InvalidInput(f"language '{code}': {message}", place=place) from None
        entries[code] = language
    return entries
