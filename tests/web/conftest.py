"""Fixtures of the web tests: a year in progress and a second city with its own secretariat."""

import datetime

import pytest

from shinchoku.accounts.models import Department, Organization, Role, User
from shinchoku.accounts.tokens import issue_token
from shinchoku.cases.models import Case, CaseSummary
from shinchoku.council.models import Meeting, Opinion, ReportPack
from shinchoku.directory.models import Window
from shinchoku.notifications.models import Message, MessageStatus
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, YearlyEntry
from shinchoku.reports.figures import build_figures


@pytest.fixture
def cycle(request: pytest.FixtureRequest) -> dict[str, object]:
    """令和4年度 opened (drafts), another city with a secretariat user "other" and a window of its own.

    For the admin's rows of the access matrix, also one object of every admin model for さいたま市
    ("admin_own"), for the other city ("admin_other") and of the installation ("admin_shared").
    """
    plan = Plan.objects.get(slug="saitama-r3")
    workflow.open_year(
        plan=plan,
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )
    other = Organization.objects.create(name="デモ市（架空）", jis_code="999997")
    Department.objects.create(organization=other, name="他市の福祉課")
    other_user = User.objects.create_user("other", organization=other, role=Role.SECRETARIAT)
    Window.objects.create(
        organization=other, name="他市の窓口（デモ）", description="デモデータ", is_demo=True
    )
    objects: dict[str, object] = {
        "draft": YearlyEntry.objects.get(program__number=1, fiscal_year=2022),
        "confirmed": YearlyEntry.objects.get(program__number=1, fiscal_year=2021),
        "window": Window.objects.get(name="こころの健康センター"),
        "roudou_department": Department.objects.get(name="労働政策課"),
        "case": Case.objects.get(label="A"),
        "summary": CaseSummary.objects.get(case__label="A"),
        "opinion": Opinion.objects.filter(program__number=12).first(),
        "meeting": Meeting.objects.first(),
        "token": issue_token(User.objects.get(username="jimukyoku"), "テスト", 30)[0],
        "failed_mail": Message.objects.create(
            organization=plan.organization,
            recipient=User.objects.get(username="roudou"),
            to="roudou@saitama.example",
            kind="returned",
            subject="差戻し",
            body_text="",
            body_html="",
            status=MessageStatus.FAILED,
            last_error="550 No such user here",
        ),
        "pack": ReportPack.objects.create(
            meeting=Meeting.objects.first(),
            fiscal_year=2021,
            pdf=b"%PDF-frozen",
            xlsx=b"PK",
            figures=build_figures(plan, 2021, confirmed_only=True),
        ),
    }
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and str(callspec.params.get("name", "")).startswith("admin:"):
        from admin_objects import build, build_shared

        objects["admin_own"] = build(plan.organization, User.objects.get(username="jimukyoku"), "own")
        objects["admin_other"] = build(other, other_user, "other")
        objects["admin_shared"] = build_shared()
    return objects
