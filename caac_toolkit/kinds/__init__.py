"""The document kinds: each is a plan-builder (its module here), its phrases (one block each in
`templates/<lang>/<kind>.md.j2`, or in `common.md.j2` when kinds share them) and its file name.

A new kind is one module here, one entry in KINDS, and its phrases in each language.
"""

from __future__ import annotations

from dataclasses import dataclass

from caac_toolkit.kinds import annex, conclusions, letter, statement

# Phrases several kinds print, kept in templates/<lang>/common.md.j2.
COMMON: dict[str, tuple[str, ...]] = {
    # "To the Government of Mali:", "To all parties …, in particular A and B:" (SC/13446)
    "addressee": ("addressee", "parties"),
}


@dataclass(frozen=True)
class Kind:
    name: str
    phrases: dict[str, tuple[str, ...]]  # phrase id -> the values it is given
    template: str  # its phrasebook in each language folder

    @property
    def known(self) -> frozenset[str]:
        """Every phrase the kind may print: its own and the common ones."""
        return frozenset(self.phrases) | frozenset(COMMON)

    def phrasebooks(self, lang: str) -> tuple[str, ...]:
        """Where a phrase of the kind is looked for: its own file, then the common one."""
        return (f"{lang}/{self.template}", f"{lang}/{COMMON_TEMPLATE}")


COMMON_TEMPLATE = "common.md.j2"
KINDS = {
    module.NAME: Kind(module.NAME, module.PHRASES, f"{module.NAME}.md.j2")
    for module in (conclusions, statement, letter, annex)
}
# Values every phrase is given besides its own: the document's language (for filters such as
# `prep`), the situation's forms (caac_toolkit.wording.FORMS) and how the Chair is named (by
# gender).
DOCUMENT_VALUES = ("lang", "situation", "in_situation", "of_situation", "chair")


def phrase_values(kind: str, phrase: str) -> tuple[str, ...]:
    """The values a phrase of `kind` is given, besides the document's."""
    if phrase in COMMON:
        return COMMON[phrase]
    return KINDS[kind].phrases[phrase]
