"""The web tests' year in progress: built per test by tests/web/conftest.py, once per module by the access matrix."""

import datetime

from shinchoku.accounts.models import Department, Organization, Role, User
from shinchoku.accounts.tokens import issue_token
from shinchoku.cases.models import Case, CaseSummary
from shinchoku.council.models import Meeting, Opinion, ReportPack
from shinchoku.directory.models import Window
from shinchoku.notifications.models import Message, MessageStatus
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, YearlyEntry
from shinchoku.reports.figures import build_figures


def build_cycle(*, with_admin_objects: bool) -> dict[str, object]:
    """Build what the `cycle` fixture returns (tests/web/test_access_matrix.py builds it once per module)."""
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
    if with_admin_objects:
        from admin_objects import build, build_shared

        objects["admin_own"] = build(plan.organization, User.objects.get(username="jimukyoku"), "own")
        objects["admin_other"] = build(other, other_user, "other")
        objects["admin_shared"] = build_shared()
    return objects
