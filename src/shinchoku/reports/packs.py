"""The council's part of a report (the pack it is built from): PR activities and opinions.

Reports sit below the council in the layers, so they never read the council's models. The
council hands its part in as plain rows: at start-up (``council.apps``) it registers the one
source that reads its tables, and every report asks ``council_pack`` here. Without a source
(the council app not installed) a report has no activities and no opinions.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from shinchoku.plans.models import Plan


@dataclass(frozen=True)
class ActivityRow:
    """A PR activity (広報・啓発) as the report prints it (⑥)."""

    held_on: datetime.date
    when: str  # 令和4年7月 (month only) or 令和4年7月1日
    title: str
    kind: str  # the kind's Japanese label
    partner: str
    description: str
    programs: list[int]  # the related programs' numbers, sorted

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.held_on.isoformat(),
            "when": self.when,
            "title": self.title,
            "kind": self.kind,
            "partner": self.partner,
            "description": self.description,
            "programs": self.programs,
        }


@dataclass(frozen=True)
class ResponseRow:
    """One answer of the city to an opinion."""

    status: str  # the status's Japanese label
    text: str
    reason: str
    department: str  # the department's name, or ""

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "text": self.text,
            "reason": self.reason,
            "department": self.department,
        }


@dataclass(frozen=True)
class OpinionRow:
    """An opinion of the council with the city's answers, as the report prints it (⑦)."""

    fiscal_year: int
    meeting: str  # the meeting's name, or ""
    text: str
    program: int | None  # the program's number, when the opinion is about one
    area: str | None  # the area's or measure's path label, when it is about one
    open: bool
    responses: list[ResponseRow]

    def as_json(self) -> dict[str, Any]:
        return {
            "fiscal_year": self.fiscal_year,
            "meeting": self.meeting,
            "text": self.text,
            "program": self.program,
            "area": self.area,
            "open": self.open,
            "responses": [r.as_json() for r in self.responses],
        }


@dataclass(frozen=True)
class CouncilPack:
    """What the council adds to a plan-year's report."""

    pr_activities: list[ActivityRow]
    opinions: list[OpinionRow]


CouncilSource = Callable[[Plan, int], CouncilPack]

_sources: list[CouncilSource] = []


def register_council_source(source: CouncilSource) -> None:
    """Let the council provide its part of every report (called once, from its app's ready())."""
    if source not in _sources:
        _sources.append(source)


def council_pack(plan: Plan, fiscal_year: int) -> CouncilPack:
    """Return the council's PR activities and opinions for the plan-year's report."""
    activities: list[ActivityRow] = []
    opinions: list[OpinionRow] = []
    for source in _sources:
        pack = source(plan, fiscal_year)
        activities.extend(pack.pr_activities)
        opinions.extend(pack.opinions)
    return CouncilPack(activities, opinions)
