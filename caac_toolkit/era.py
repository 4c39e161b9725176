"""How the Working Group's wording changed over the years: each rule once, with what shows it.

Drafting asks `era(date)` for the date of the meeting a document speaks of, and templates print
what it decided; no template compares dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# The Council's resolutions on children and armed conflict that conclusions cite ("welcomed the
# report of the Secretary-General, submitted in accordance with Security Council resolutions 1612
# (2005), …", S/AC.51/2018/1/Rev.1; none cites those before 1612), with the dates they were adopted.
RESOLUTIONS = (
    (1612, dt.date(2005, 7, 26)),  # S/RES/1612 (2005)
    (1882, dt.date(2009, 8, 4)),  # SC/9722; the preamble of resolution 2068 (2012)
    (1998, dt.date(2011, 7, 12)),  # https://press.un.org/en/2011/sc10319.doc.htm
    (2068, dt.date(2012, 9, 19)),  # https://unscr.com/en/resolutions/2068
    (2143, dt.date(2014, 3, 7)),  # https://unscr.com/en/resolutions/2143
    (2225, dt.date(2015, 6, 18)),  # https://www.un.org/press/en/2015/sc11932.doc.htm
    (2427, dt.date(2018, 7, 9)),  # https://press.un.org/en/2018/sc13412.doc.htm
    (2601, dt.date(2021, 10, 29)),  # SC/14680
    (2764, dt.date(2024, 12, 20)),  # https://unscr.com/en/resolutions/2764
)

# Public statements spelled their meeting numbers out from 2011 ("thirtieth", SC/10260) to 2013
# ("forty-second", SC/11228) and wrote figures from 2014 ("48th", SC/11518; later releases mix
# both). Conclusions write figures throughout ("21st" in 2009, "91st" in 2020).
_STATEMENT_FIGURES_FROM = dt.date(2014, 1, 1)

# "Statement by Chairman of …" as the title to the meeting of 19 December 2012 (SC/10890);
# "Statement by Chair of …" from December 2013 (SC/11228); "Public Statement by Chair of …"
# from 2016 (SC/12662).
_CHAIR_FROM = dt.date(2013, 1, 1)
_PUBLIC_STATEMENT_TITLE_FROM = dt.date(2016, 1, 1)

# "took note of the analysis and recommendations contained therein": from 2009 (conclusions on
# Myanmar of 28 October 2009) to today; before, of "the recommendations".
_ANALYSIS_FROM = dt.date(2009, 1, 1)

# The members' observations in numbered paragraphs (Central African Republic, 2016) and the
# action part opening "Further to the meeting, and subject to and consistent with applicable
# international law, …" (S/AC.51/2018/1/Rev.1). The public statement names the meeting that
# adopted the conclusions (SC/13324: the 71st, where the 70th examined the report; likewise
# SC/13876 and SC/13904), where in 2012 it named the one that examined the report (SC/10813: the
# 34th, of 5 October 2012; the conclusions were adopted on 11 October, per Watchlist).
_MODERN_FROM = dt.date(2016, 1, 1)


@dataclass(frozen=True)
class Era:
    statement_meeting_in_figures: bool  # "48th meeting"; else spelled out, "thirty-fourth"
    chairman: bool  # "Chairman" rather than "Chair" in English
    public_statement_title: bool  # "Public Statement by Chair of …" as the statement's title
    analysis: bool  # "took note of the analysis and recommendations"
    modern: bool  # "Further to the meeting, …" before the actions
    statement_names_adoption: bool  # the statement names the adopting meeting, not the examining


def era(date: dt.date) -> Era:
    """The wording of a document about a meeting held on `date`."""
    return Era(
        statement_meeting_in_figures=date >= _STATEMENT_FIGURES_FROM,
        chairman=date < _CHAIR_FROM,
        public_statement_title=date >= _PUBLIC_STATEMENT_TITLE_FROM,
        analysis=date >= _ANALYSIS_FROM,
        modern=date >= _MODERN_FROM,
        statement_names_adoption=date >= _MODERN_FROM,
    )


def resolutions(before: dt.date) -> list[str]:
    """"1612 (2005)" …: the resolutions adopted before a date: the report's when known, since
    conclusions welcome the report as submitted under them (those on Myanmar of 28 October 2009,
    after resolution 1882 of August 2009, cite resolution 1612 alone), else the meeting's."""
    return [f"{number} ({adopted.year})" for number, adopted in RESOLUTIONS if adopted < before]
