"""Documents built by hand, for testing writers apart from drafting."""

from __future__ import annotations

import datetime as dt

from caac_toolkit.document import (
    Bullet,
    Document,
    Heading,
    Masthead,
    Paragraph,
    Part,
    Point,
    Signature,
)

SANCTIONS_COMMITTEE = (
    "the Chair of the Security Council Committee established pursuant to resolution 1533 (2004) "
    "concerning the Democratic Republic of the Congo"
)


def letter(lang: str = "en", value: str = "the Democratic Republic of the Congo") -> Document:
    """A two-part letter with masthead, numbered paragraphs, points, bullets and a signature.

    `value` stands where a user's value would: tests pass hostile text through it.
    """
    en = lang == "en"
    title = (
        f"Letter dated 24 July 2007 from the Chair of the Security Council Working Group on "
        f"Children and Armed Conflict addressed to {SANCTIONS_COMMITTEE}"
        if en
        else "Lettre datée du 24 juillet 2007, adressée au Président du Comité par le Président "
        "du Groupe de travail du Conseil de sécurité sur le sort des enfants en temps de conflit armé"
    )
    return Document(
        kind="letter",
        lang=lang,
        title=title,
        masthead=Masthead(
            left=("United Nations", "Security Council") if en else ("Nations Unies", "Conseil de sécurité"),
            symbol="S/AC.51/2007/17",
            right=(
                ("Distr.: General", "24 July 2007", "Original: English")
                if en
                else ("Distr. générale", "24 juillet 2007", "Original : français")
            ),
            organ="Working Group on Children and Armed Conflict" if en else "Groupe de travail",
        ),
        symbol="S/AC.51/2007/17",
        job_line="07-43210 (E) 240707" if en else "07-43210 (F) 240707",
        date=dt.date(2007, 7, 24),
        subject="S/AC.51/2007/17",
        parts=(
            Part(
                title=title,
                blocks=(
                    Paragraph("Sir," if en else "Monsieur le Président,"),
                    Paragraph(
                        "I have the honour to write in my capacity as Chair of the Security "
                        f"Council Working Group on Children and Armed Conflict about {value}."
                        if en
                        else f"J'ai l'honneur de vous écrire au sujet de la situation {value}."
                    ),
                    Heading(1, "I. Recommendations" if en else "I. Recommandations"),
                    Paragraph(
                        "In accordance with paragraph 9 of resolution 1612 (2005) and paragraph "
                        "5 (c) of resolution 1539 (2004), I forward the conclusions.", 1
                    ),
                    Point("a", f"Strongly condemning the recruitment of children in {value};", True),
                    Point("b", "Calling upon all parties to release children.", True),
                    Paragraph("The Working Group will follow up.", 2),
                    Bullet("A bullet that stays a bullet"),
                    Paragraph("Accept, Sir, the assurances of my highest consideration."),
                ),
                signature=Signature(
                    "(Signed)" if en else "(Signé)",
                    "Jean-Marc de La Sablière",
                    ("Chair of the Security Council Working Group on Children and Armed Conflict",),
                ),
            ),
            Part(
                title="Annex to the letter dated 24 July 2007" if en else "Annexe",
                blocks=(Point("a", "An annexed point", False), Bullet("An annexed bullet")),
                new_page=True,
            ),
        ),
    )
