"""How the Working Group's wording changed over the years: each rule once, with what shows it.

Drafting asks `era(date)` for the date of the meeting a document speaks of, and templates print
what it decided; no template compares dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from caac_toolkit.case import Report

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

# The public statement names the meeting that adopted the conclusions up to July 2019 ("At its
# eighty-third meeting, on 30 July 2019", Myanmar, press.un.org/en/security-council?page=218) and
# no meeting from April 2020 (SC/14158, SC/14161, SC/14174; SC/14269, SC/15815): no statement falls
# between them (Watchlist's count of 13 conclusions under Belgium's chairmanship,
# docs/real-documents.md, rule 3).
_STATEMENT_UNNAMED_MEETING_FROM = dt.date(2020, 1, 1)

# The title "Public Statement by Chair of Working Group …", without "Security Council": first in
# SC/14383 (December 2020), yet SC/14394 (December 2020), SC/14431 and SC/14508 (2021) keep the long
# one; every title seen from 2022 is short (SC/14881, SC/15148-SC/15151, SC/15815).
_SHORT_TITLE_FROM = dt.date(2022, 1, 1)

# How the statement's opening ends, the usual form of each period (docs/real-documents.md, rule
# 5): "agreed to address … through a public statement issued by the Chair of the Working Group."
# in 2016-2017 (SC/12492, SC/12896, SC/12936, SC/13070; SC/12662 with a colon, SC/12942 already
# "convey"); "agreed to convey …:" from 2018 to 2023 (SC/13324 … SC/15429); "agreed to address …
# Working Group." in 2024 (SC/15809, SC/15814, SC/15815). Before 2016 as caac has always written
# it ("convey …:").
_OPENINGS = (
    (dt.date(2016, 1, 1), "address-issued-full-stop"),
    (dt.date(2018, 1, 1), "convey-colon"),
    (dt.date(2024, 1, 1), "address-full-stop"),
)

# The report in the statement: "(document S/2020/614)" through 2020 (SC/12896 … SC/14350); plain
# "(S/…)" in every statement of 2021 read (SC/14431, SC/14508) and from December 2020 (SC/14382,
# SC/14383, SC/14394); later years mix both, so a case may say (`wording: {report: …}`).
_PLAIN_REPORT_FROM = dt.date(2021, 1, 1)

# The report's period after its symbol in the statement's opening: in SC/12936 (22 June 2017),
# SC/12942, SC/13070 and SC/13324 (May 2018); not in SC/12492, SC/12662, SC/12896 (to April
# 2017), nor from SC/13446 (7 August 2018) on. Before 2016 as caac has always written it.
_STATEMENT_PERIODS = ((dt.date(1900, 1, 1), dt.date(2016, 1, 1)),
                      (dt.date(2017, 6, 1), dt.date(2018, 8, 1)))

# The statement's points: lettered "(a)" from 2011 to June 2017 (SC/10813, SC/11518, SC/12492,
# SC/12936); bullets in every statement seen from July 2019 (SC/13876, SC/14158, SC/14276,
# SC/14383, SC/14881, SC/15150, SC/15360, SC/15747, SC/15815 in English and French). In between
# the press releases show bullets (SC/13446, August 2018) or numbers "1." (SC/12942, SC/13070,
# SC/13633), which caac does not print: bullets from after the last lettered statement.
_STATEMENT_BULLETS_FROM = dt.date(2017, 7, 1)

# The welcome of the report: "submitted in accordance with" resolutions in S/AC.51/2016/3 (May
# 2016), S/AC.51/2017/4 and S/AC.51/2018/1/Rev.1 (March 2018); "in accordance with" from
# S/AC.51/2018/3 (10 October 2018) on. Before 2016 as caac has always written it.
_SUBMITTED = (dt.date(2016, 1, 1), dt.date(2018, 10, 10))


@dataclass(frozen=True)
class Era:
    statement_meeting_in_figures: bool  # "48th meeting"; else spelled out, "thirty-fourth"
    chairman: bool  # "Chairman" rather than "Chair" in English
    public_statement_title: bool  # "Public Statement by Chair of …" as the statement's title
    analysis: bool  # "took note of the analysis and recommendations"
    modern: bool  # "Further to the meeting, …" before the actions
    statement_names_adoption: bool  # the statement names the adopting meeting, not the examining
    statement_names_meeting: bool  # "At its 82nd meeting, on …" opens the statement
    statement_title: str  # "long" or "short" (choices in case.Choices.statement_title)
    statement_opening: str  # how its opening ends (case.Choices.statement_opening)
    statement_period: bool  # "covering the period from … to …" in the statement's opening
    statement_report: str  # "document": "(document S/…)"; "plain": "(S/…)"
    statement_points: str  # "lettered" "(a)" or "bulleted" "•" (case.Choices.statement_points)
    welcome_verb: str  # "submitted" or "in-accordance"


def era(date: dt.date) -> Era:
    """The wording of a document about a meeting held on `date`."""
    return Era(
        statement_meeting_in_figures=date >= _STATEMENT_FIGURES_FROM,
        chairman=date < _CHAIR_FROM,
        public_statement_title=date >= _PUBLIC_STATEMENT_TITLE_FROM,
        analysis=date >= _ANALYSIS_FROM,
        modern=date >= _MODERN_FROM,
        statement_names_adoption=date >= _MODERN_FROM,
        statement_names_meeting=date < _STATEMENT_UNNAMED_MEETING_FROM,
        statement_title="short" if date >= _SHORT_TITLE_FROM else "long",
        statement_opening=next((form for start, form in reversed(_OPENINGS) if date >= start),
                               "convey-colon"),
        statement_period=any(start <= date < end for start, end in _STATEMENT_PERIODS),
        statement_report="plain" if date >= _PLAIN_REPORT_FROM else "document",
        statement_points="bulleted" if date >= _STATEMENT_BULLETS_FROM else "lettered",
        welcome_verb="submitted" if _SUBMITTED[0] <= date < _SUBMITTED[1] else "in-accordance",
    )


def resolutions(report: Report | None, until: dt.date | None) -> tuple[list[str], list[str]]:
    """"1612 (2005)" …: the resolutions the report was submitted under, and those adopted later,
    up to `until` (the meeting), of which it is not known whether the report cites them.

    Conclusions welcome the report as submitted under the resolutions adopted before it (those
    on Myanmar of 28 October 2009, after resolution 1882 of August 2009, cite 1612 alone;
    S/AC.51/2018/3 on a report of September 2018 cites 2427 of July 2018). Without the report's
    date, those adopted before the later of 1 January of its symbol's year and the end of its
    period: S/2016/133 and S/2018/136 cite up to 2225 (2015), S/2019/727 and S/2020/614 up to
    2427 (2018) (docs/real-documents.md, rule 8)."""
    if report is None:
        return [], []
    issued = report.issued
    if issued is not None:
        return _named(lambda adopted: adopted < issued), []
    before = dt.date(int(report.symbol.split("/")[1]), 1, 1)
    if report.period is not None:
        before = max(before, report.period.end)
    return (_named(lambda adopted: adopted < before),
            _named(lambda adopted: before <= adopted and (until is None or adopted < until)))


def _named(chosen: Callable[[dt.date], bool]) -> list[str]:
    return [f"{number} ({adopted.year})" for number, adopted in RESOLUTIONS if chosen(adopted)]
