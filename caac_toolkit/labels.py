"""The words drafting puts around the templates' text: templates/<lang>/labels.yaml, typed.

A user's labels file (in the --templates folder) may give only the entries it changes: it is laid
over the bundled file key by key, and every problem is reported at its file:line:column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import msgspec

from caac_toolkit.errors import InvalidInput
from caac_toolkit.toolkit import Text


class _Strict(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pass


class Gendered(_Strict, frozen=True, kw_only=True):
    """A title as it reads for a woman, for a man, and when nobody said which."""

    female: Text
    male: Text
    unknown: Text

    def __call__(self, gender: str | None) -> str:
        return str(getattr(self, gender or "unknown"))


class Masthead(_Strict, frozen=True, kw_only=True):
    left: list[Text]
    organ: Text
    # The version's language, printed above "Original: …" in a translated document only
    # ("Español", "Russian"); English versions print none.
    version: Text | None = None


class Distribution(_Strict, frozen=True, kw_only=True):
    general: Text
    limited: Text
    restricted: Text


class Senders(_Strict, frozen=True, kw_only=True):
    """How a letter's title and body name its sender, and the signature's title lines."""

    chair: Gendered
    president: Gendered


class Placeholders(_Strict, frozen=True, kw_only=True):
    situation: Text
    signatory: Text
    addressee: Text
    point: Text
    report: Text
    meeting: Text
    date: Text
    resolutions: Text = "[resolutions]"  # the resolutions a document of unknown date cites
    representative: Text = "[representative]"  # who spoke for the country


class Labels(_Strict, frozen=True, kw_only=True):
    masthead: Masthead
    distribution: Distribution
    original: dict[str, Text]  # by language code: "Original: French"
    job_language: Text
    signed: Text
    senders: Senders
    signature_titles: Senders
    # The salutation of correspondence by target id; `default` for the others.
    salutations: Annotated[dict[str, Text], msgspec.Meta(min_length=1)]
    # Addressees when none is given, by target id; {situation} is the country as it reads.
    addressees: dict[str, Text]
    # The same as a letter's title names them, where the title wants another form than the
    # body (Russian: the genitive after "на имя"), and that form described for a warning when
    # a case gives an addressee in one form only.
    title_addressees: dict[str, Text] = {}
    title_addressee_form: Text = ""
    placeholders: Placeholders
    # Names written with an article in running text ("the Sudan"): a name that lacks it, at the
    # start of a value or after "of" or "in", draws a warning.
    definite_names: list[Text] = []
    article: str = ""

    def slips(self, value: str) -> list[str]:
        """What `value` writes without the article its names take in running text."""
        from caac_toolkit.namematch import after_openings

        return after_openings(self.definite_names, value)

    def salutation(self, target: str | None) -> str:
        return self.salutations.get(target or "", self.salutations.get("default", ""))


def load(bundled: Path, user: Path | None) -> Labels:
    """The bundled labels, with the user's file laid over them when there is one."""
    from caac_toolkit import yamlfile

    document = yamlfile.load(bundled)
    if user is not None:
        document = _overlay(document, yamlfile.load(user))
    return validate(document)


def validate(document: Any) -> Labels:
    from caac_toolkit import yamlfile

    if not isinstance(document.data, dict):
        raise InvalidInput("labels are a mapping of names to words", place=document.place(()),
                           hint="see the bundled labels.yaml ('caac templates')")
    try:
        return msgspec.convert(document.data, Labels, strict=True)
    except msgspec.ValidationError as exc:
        message, place = yamlfile.locate(document, str(exc))
        raise InvalidInput(message[0].lower() + message[1:], place=place,
                           hint="compare it with the bundled labels.yaml ('caac templates')") from None


def _overlay(base: Any, extra: Any) -> Any:
    """`base` with `extra`'s values laid over it, mappings merged key by key; each value keeps
    the place it came from."""
    from caac_toolkit import yamlfile

    if not isinstance(extra.data, dict):
        raise InvalidInput("labels are a mapping of names to words", place=extra.place(()))
    merged = yamlfile.YamlDocument(extra.name, _merge(base.data, extra.data))
    for table in ("places", "key_places"):
        getattr(merged, table).update(getattr(base, table))
        getattr(merged, table).update(getattr(extra, table))
    return merged


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        return {**base, **{key: _merge(base.get(key), value) for key, value in extra.items()}}
    return extra

