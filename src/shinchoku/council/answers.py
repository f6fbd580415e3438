"""The council's opinions and the city's answers (市の考え方) as a document of their own (issue 25, part 6).

国分寺市 publishes, beside its combined 進捗状況評価報告書, the council's opinions with the city's
answers: 番号, 意見の概要, 市の考え方, 担当課, by plan and by meeting. This document prints the
opinions given for the chosen plans' year with each one's latest answer (its status, text and the
department that gave it; the program's 所管課 while none has answered). Member names are not
printed: a published answer sheet gives the opinion, not who said it.

It is not kept in the document cache: it is a few pages made from the opinion and response rows
only, which have no fingerprint of their own yet (``reports/cache.py`` fingerprints the council's
part of one plan's report through ``council_pack``); made on each request it cannot be stale.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation

from shinchoku.accounts.models import User
from shinchoku.council import access
from shinchoku.council.models import Meeting, Opinion, Response
from shinchoku.domain.fiscal import wareki_date, wareki_label
from shinchoku.lib.fonts import font_path
from shinchoku.lib.pdf import html_to_pdf
from shinchoku.plans.models import Plan
from shinchoku.reports.combined import plans_label

NO_MEETING = "会議の指定なし"


@dataclass(frozen=True)
class Answer:
    """One row of the document: an opinion and the city's latest answer to it."""

    number: int
    subject: str  # 事業番号12 / 1(1) / 計画全体
    opinion: str
    status: str  # 対応済 … ; "" while unanswered
    answer: str
    reason: str
    department: str


@dataclass(frozen=True)
class MeetingAnswers:
    meeting: str  # 令和3年度第1回（令和4年2月8日）
    answers: list[Answer]


@dataclass(frozen=True)
class PlanAnswers:
    plan: Plan
    meetings: list[MeetingAnswers]


def title_of(plans: list[Plan], fiscal_year: int) -> str:
    """Return 「令和3年度 さいたま市 再犯防止推進計画等 協議会の意見と市の考え方」."""
    return f"{wareki_label(fiscal_year)} {plans_label(plans)} 協議会の意見と市の考え方"


def plan_answers(user: User, plans: list[Plan], fiscal_year: int) -> list[PlanAnswers]:
    """Return the year's opinions of each plan the user may read, by meeting, numbered within the plan."""
    opinions = (
        access.visible_opinions(user)
        .filter(plan__in=plans, fiscal_year=fiscal_year)
        .select_related("meeting", "program", "area__parent__parent")
        .prefetch_related(
            Prefetch("responses", queryset=Response.objects.select_related("department")),
            "program__departments",
        )
        .order_by("pk")
    )
    by_plan: dict[int, list[Opinion]] = {}
    for opinion in opinions:
        by_plan.setdefault(opinion.plan_id, []).append(opinion)
    return [PlanAnswers(plan, _by_meeting(by_plan.get(plan.pk, []))) for plan in plans]


def _by_meeting(opinions: list[Opinion]) -> list[MeetingAnswers]:
    """Return the opinions grouped by meeting in the order held (those of no meeting last), numbered 1…"""
    ordered = sorted(opinions, key=lambda o: (*_meeting_order(o.meeting), o.pk))
    groups: dict[str, list[Answer]] = {}
    for number, opinion in enumerate(ordered, start=1):
        groups.setdefault(_meeting_label(opinion.meeting), []).append(_answer(number, opinion))
    return [MeetingAnswers(meeting, answers) for meeting, answers in groups.items()]


def _meeting_order(meeting: Meeting | None) -> tuple[int, int]:
    return (1, 0) if meeting is None else (0, meeting.fiscal_year * 100 + meeting.number)


def _meeting_label(meeting: Meeting | None) -> str:
    if meeting is None:
        return NO_MEETING
    held = f"（{wareki_date(meeting.held_on)}）" if meeting.held_on else ""
    return f"{meeting}{held}"


def _answer(number: int, opinion: Opinion) -> Answer:
    """Return the opinion with its latest response (from the prefetched rows: no query per opinion)."""
    latest = max(opinion.responses.all(), key=lambda r: (r.at, r.pk), default=None)
    if opinion.program is not None:
        subject = f"事業番号{opinion.program.number} {opinion.program.title}"
    else:
        subject = opinion.area.path_label() if opinion.area is not None else "計画全体"
    if latest is not None and latest.department is not None:
        department = latest.department.name
    elif opinion.program is not None:
        department = "、".join(d.name for d in opinion.program.departments.all())
    else:
        department = ""
    return Answer(
        number=number,
        subject=subject,
        opinion=opinion.text,
        status=latest.get_status_display() if latest else "",
        answer=latest.text if latest else "",
        reason=latest.reason if latest else "",
        department=department,
    )


def context(user: User, plans: list[Plan], fiscal_year: int) -> dict[str, Any]:
    return {
        "title": title_of(plans, fiscal_year),
        "organization": plans[0].organization,
        "year_label": wareki_label(fiscal_year),
        "plans": plan_answers(user, plans, fiscal_year),
        "generated": wareki_date(timezone.localdate()),
    }


def render_html(user: User, plans: list[Plan], fiscal_year: int) -> str:
    """Return the document as HTML (printed as the PDF)."""
    with translation.override("ja"):
        return render_to_string("council/answers.html", context(user, plans, fiscal_year))


def render_pdf(user: User, plans: list[Plan], fiscal_year: int) -> bytes:
    """Return the document as a tagged PDF (PDF/UA-1), A4 portrait, the Japanese font embedded."""
    return html_to_pdf(render_html(user, plans, fiscal_year), roots=[font_path().parent])
