"""One object of every model the admin shows, for an organization: the admin's access matrix opens each.

Built for the secretariat's own city and for another one, so that every admin page that takes an
object id is tried with an own object and with another organization's.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from shinchoku.accounts.models import ApiToken, Department, KeptForm, Organization, User
from shinchoku.council.models import Meeting, Member, Opinion, PrActivity, ReportPack, Response
from shinchoku.directory.models import LeafletSection, Provider, SearchSynonym, Window
from shinchoku.imports.models import ImportRecord, PendingUpload
from shinchoku.lifecycle.models import PlanRevision, ProgramSuccession, RevisionChange
from shinchoku.national.models import AreaMapping, NationalIssue, NationalPlan, ProgramMapping
from shinchoku.notifications.models import Message, Notification, Preference, Reminder
from shinchoku.opendata.models import Publication
from shinchoku.outcomes.models import ContextSeries, ContextValue, Outcome, OutcomeValue
from shinchoku.plans.models import (
    EntryEvent,
    Indicator,
    IndicatorValue,
    Listing,
    MeasureGrade,
    Plan,
    PlanNode,
    PlanYear,
    Program,
    PublishedTally,
    YearlyEntry,
)


def build(organization: Organization, user: User, tag: str) -> dict[str, object]:
    """Return one new object of each admin model of the organization, by model label ("plans.plan")."""
    department = Department.objects.create(organization=organization, name=f"管理画面の課{tag}")
    plan = Plan.objects.create(
        organization=organization,
        slug=f"admin-{tag}",
        name=f"管理画面の計画{tag}",
        first_year=2022,
        last_year=2026,
    )
    node = PlanNode.objects.create(plan=plan, label="1", title=f"施策{tag}")
    program = Program.objects.create(plan=plan, number=1, title=f"事業{tag}")
    program.departments.add(department)
    entry = YearlyEntry.objects.create(
        program=program, fiscal_year=2022, department=department, status="confirmed", final_grade="A"
    )
    indicator = Indicator.objects.create(program=program, name=f"指標{tag}")
    meeting = Meeting.objects.create(plan=plan, fiscal_year=2022)
    opinion = Opinion.objects.create(plan=plan, fiscal_year=2022, text=f"意見{tag}")
    outcome = Outcome.objects.create(
        plan=plan,
        name=f"再犯率{tag}",
        baseline_first_year=2018,
        baseline_last_year=2020,
        target_value=Decimal("10"),
        target_year=2026,
    )
    series = ContextSeries.objects.create(plan=plan, name=f"刑法犯{tag}", source="white_paper")
    revision = PlanRevision.objects.create(
        plan=plan, decided_on=datetime.date(2023, 3, 1), effective_year=2023, summary=f"改定{tag}"
    )
    issue = NationalIssue.objects.filter(national_plan=NationalPlan.objects.first()).first()
    plan_year = PlanYear.objects.create(plan=plan, fiscal_year=2022)
    objects: list[object] = [
        organization,
        department,
        user,
        TOTPDevice.objects.create(user=user, name=f"端末{tag}", confirmed=False),
        ApiToken.objects.create(
            user=user,
            name=f"鍵{tag}",
            key_hash=f"{tag:0>64}",
            prefix=tag[:8],
            expires_on=datetime.date(2099, 1, 1),
        ),
        KeptForm.objects.create(user=user, path=f"/entries/{tag}/edit/", token_hash=f"{tag:0>64}", data={}),
        plan,
        node,
        program,
        Listing.objects.create(node=node, program=program),
        entry,
        indicator,
        IndicatorValue.objects.create(indicator=indicator, fiscal_year=2022, target=Decimal("10")),
        plan_year,
        EntryEvent.objects.create(entry=entry, action="confirmed", actor=user),
        PublishedTally.objects.create(plan=plan, fiscal_year=2022, overall={"A": 1}, source="公表資料"),
        MeasureGrade.objects.create(node=node, fiscal_year=2022, grade="A", reason=f"手入力{tag}"),
        ImportRecord.objects.create(
            organization=organization, kind="plan", file_name=f"{tag}.xlsx", sha256=tag, plan_slug=plan.slug
        ),
        PendingUpload.objects.create(
            token=f"{tag:0>32}", user=user, name=f"{tag}.xlsx", kind="plan", content=b"PK"
        ),
        Provider.objects.create(organization=organization, name=f"事業者{tag}"),
        Window.objects.create(organization=organization, name=f"窓口{tag}", description="説明", is_demo=True),
        LeafletSection.objects.update_or_create(
            organization=organization, key="what", defaults={"body": f"本文{tag}"}
        )[0],
        SearchSynonym.objects.create(organization=organization, word=f"語{tag}", means="薬物"),
        Member.objects.create(
            organization=organization, name=f"委員{tag}", affiliation="所属", category="probation"
        ),
        meeting,
        opinion,
        Response.objects.create(opinion=opinion, status="done", text=f"回答{tag}"),
        ReportPack.objects.create(
            meeting=meeting, fiscal_year=2022, pdf=b"%PDF", xlsx=b"PK", figures={"confirmed_only": True}
        ),
        PrActivity.objects.create(
            organization=organization, held_on=datetime.date(2022, 7, 1), title=f"啓発{tag}", kind="training"
        ),
        outcome,
        series,
        OutcomeValue.objects.create(outcome=outcome, year=2021, value=Decimal("12"), source="white_paper"),
        ContextValue.objects.create(series=series, year=2021, value=Decimal("100")),
        revision,
        RevisionChange.objects.create(revision=revision, kind="added", program=program),
        ProgramSuccession.objects.create(old_program=program, kind="same"),
        ProgramMapping.objects.create(program=program, issue=issue),
        AreaMapping.objects.create(node=node, issue=issue),
        Publication.objects.create(plan=plan),
        Message.objects.create(
            organization=organization,
            recipient=user,
            to=f"{tag}@saitama.example",
            kind="returned",
            subject=f"件名{tag}",
            body_text="本文",
            body_html="<p>本文</p>",
        ),
        Notification.objects.create(user=user, kind="returned", text=f"差戻し{tag}"),
        Preference.objects.create(user=user),
        Reminder.objects.create(
            plan_year=plan_year, department=department, sent_on=datetime.date(2023, 4, 1), sent_by=user
        ),
    ]
    return {obj._meta.label_lower: obj for obj in objects}  # type: ignore[attr-defined]


def build_shared() -> dict[str, object]:
    """Return an object of each admin model that belongs to no organization (the installation's own)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    request = {"user_agent": "pytest", "http_accept": "*/*", "path_info": "/login/", "username": "roudou"}
    objects: list[object] = [
        Group.objects.create(name="管理画面のグループ"),
        NationalPlan.objects.first(),
        AccessAttempt.objects.create(**request, get_data="", post_data="", failures_since_start=1),
        AccessLog.objects.create(**request),
        AccessFailureLog.objects.create(**request),
    ]
    return {obj._meta.label_lower: obj for obj in objects}  # type: ignore[attr-defined]
