"""What a user's table of languages (languages.yaml in a --templates folder) is checked for
beyond its schema, when it is read: a locale that Babel knows, whose dates it can write."""

from __future__ import annotations

from typing import TYPE_CHECKING

from caac_toolkit.errors import InvalidInput

if TYPE_CHECKING:
    from caac_toolkit.languages import Language
    from caac_toolkit.yamlfile import YamlDocument


def check(entries: dict[str, Language], document: YamlDocument) -> dict[str, Language]:
    """`entries`, or an error at the first locale Babel does not know."""
    from babel import Locale, UnknownLocaleError

    for code, language in entries.items():
        try:
            Locale.parse(language.locale)
        except (UnknownLocaleError, ValueError, TypeError):
            raise InvalidInput(f"language '{code}': unknown locale '{language.locale}'",
                               place=document.place((code, "locale")),
                               hint="a CLDR locale such as fr, fr_CH, es_419") from None
    return entries
