"""Opinions tracked until answered; PR activities and opinions in the report; packs stay frozen."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from shinchoku.accounts.models import User
from shinchoku.council.models import Meeting, Opinion, ReportPack
from shinchoku.council.queries import open_opinions_for
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, Program, YearlyEntry
from shinchoku.reports.council import render_html
from tests_helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.get(slug="saitama-r3")


def test_the_seeds_pr_activities_and_opinions_are_in_the_json(plan: Plan) -> None:
    out = StringIO()
    call_command("report", "--year", "2021", stdout=out)
    data = json.loads(out.getvalue())
    assert [a["when"] for a in data["pr_activities"]] == [
        "令和4年3月",
        "令和4年4月",
        "令和4年7月",
        "令和4年7月",
        "令和4年10月",
    ]
    assert data["pr_activities"][3]["partner"] == "東京矯正管区"
    assert data["total"] == 74  # the figures are unchanged beside them


def test_an_opinion_is_recorded_answered_and_tracked(plan: Plan) -> None:
    secretariat = login("jimukyoku")
    program = Program.objects.get(plan=plan, number=1)
    response = secretariat.post(
        reverse("council:opinion_new", args=[plan.slug]),
        {"fiscal_year": "2022", "program": program.pk, "text": "就職後の定着状況も示してほしい。"},
    )
    assert response.status_code == 302
    opinion = Opinion.objects.get(text="就職後の定着状況も示してほしい。")
    assert opinion.is_open()
    url = reverse("council:opinion", args=[opinion.pk])
    assert login("jutaku").post(url, {"status": "done", "text": "x"}).status_code == 403  # not its program
    roudou = login("roudou")
    assert (
        roudou.post(url, {"status": "difficult", "text": "把握が難しい。"}).status_code == 400
    )  # needs a reason
    assert (
        roudou.post(url, {"status": "in_progress", "text": "定着状況の把握方法を調整中。"}).status_code == 302
    )
    assert opinion.is_open()
    assert roudou.post(url, {"status": "done", "text": "次年度から定着率を記載します。"}).status_code == 302
    assert not opinion.is_open()
    latest = opinion.responses.last()
    assert latest.department.name == "労働政策課" and latest.history.first().history_user.username == "roudou"


def test_open_opinions_appear_in_the_next_years_entry_form(plan: Plan) -> None:
    workflow.open_year(
        plan=plan,
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )
    entry = YearlyEntry.objects.get(program__number=12, fiscal_year=2022)
    opinions = open_opinions_for(entry.program, 2022)
    assert [o.text[:9] for o in opinions] == ["デモデータ：居住支"]  # the answered one (対応済) is not shown
    page = login("jutaku").get(reverse("plans:edit", args=[entry.pk])).content.decode()
    assert "協議会からの未対応の意見" in page and "居住支援協議会と連携した入居支援" in page


def test_the_next_report_lists_the_activities_and_opinions(plan: Plan) -> None:
    workflow.open_year(
        plan=plan, fiscal_year=2022, deadline=None, actor=User.objects.get(username="jimukyoku")
    )
    assert "協議会からの意見と対応状況" not in render_html(plan, 2021)  # given at the 令和4年度 meeting
    html = render_html(plan, 2022)
    assert "広報・啓発活動等" in html and "東京矯正管区" in html
    assert "協議会からの意見と対応状況" in html and "検討中" in html


def test_a_pack_does_not_change_after_later_edits(plan: Plan) -> None:
    meeting = Meeting.objects.get(plan=plan)
    client = login("jimukyoku")
    response = client.post(reverse("council:freeze", args=[meeting.pk]), {"fiscal_year": "2021"})
    pack = ReportPack.objects.get()
    assert response["Location"] == reverse("council:pack", args=[pack.pk])
    frozen_pdf, frozen_figures = bytes(pack.pdf), pack.figures
    YearlyEntry.objects.filter(program__number=8, fiscal_year=2021).update(final_grade="C")  # a later edit
    pack.refresh_from_db()
    assert bytes(pack.pdf) == frozen_pdf and pack.figures == frozen_figures
    assert pack.figures["overall"]["B"] == 56
    page = client.get(reverse("council:pack", args=[pack.pk])).content.decode()
    assert "B: 56 → 55" in page and "C: 0 → 1" in page
    with pytest.raises(ValueError, match="frozen"):
        pack.save()
    assert (
        client.get(reverse("council:pack_file", args=[pack.pk, "pdf"]))["Content-Type"] == "application/pdf"
    )


@pytest.mark.parametrize(("persona", "status"), [("iin", 200), ("roudou", 403), ("case1", 403)])
def test_council_members_see_the_packs(plan: Plan, persona: str, status: int) -> None:
    meeting = Meeting.objects.get(plan=plan)
    login("jimukyoku").post(reverse("council:freeze", args=[meeting.pk]), {"fiscal_year": "2021"})
    pack = ReportPack.objects.get()
    assert login(persona).get(reverse("council:pack", args=[pack.pk])).status_code == status


DRAFT_MARKER = "未確定の下書き：委員に見せない取組内容"


def _pack_texts(client: object, pack: ReportPack) -> dict[str, str]:
    """Return the text of every file of the pack as a council member downloads it."""
    from io import BytesIO

    from openpyxl import load_workbook
    from pypdf import PdfReader

    def get(fmt: str) -> bytes:
        response = client.get(reverse("council:pack_file", args=[pack.pk, fmt]))  # type: ignore[attr-defined]
        assert response.status_code == 200
        return response.content

    sheet = load_workbook(BytesIO(get("xlsx"))).active
    cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None)
    pdf = " ".join(page.extract_text() for page in PdfReader(BytesIO(get("pdf"))).pages)
    return {"xlsx": cells, "json": get("json").decode(), "pdf": pdf.replace("\n", "")}


def test_finding_4_a_council_member_downloads_no_draft_from_a_pack(plan: Plan) -> None:
    draft = YearlyEntry.objects.get(program__number=1, fiscal_year=2021)
    YearlyEntry.objects.filter(pk=draft.pk).update(
        status="submitted", activities=DRAFT_MARKER, reason=DRAFT_MARKER, is_highlight=True
    )
    meeting = Meeting.objects.get(plan=plan)
    login("jimukyoku").post(reverse("council:freeze", args=[meeting.pk]), {"fiscal_year": "2021"})
    pack = ReportPack.objects.get()
    assert (
        pack.figures["confirmed_only"] is True and pack.figures["total"] == 73
    )  # 74 listings, 1 not confirmed
    texts = _pack_texts(login("iin"), pack)
    assert {fmt: DRAFT_MARKER[:6] in text for fmt, text in texts.items()} == {
        "xlsx": False,
        "json": False,
        "pdf": False,
    }
    assert "労働政策課" in texts["xlsx"]  # the confirmed entries are there
    page = login("iin").get(reverse("council:pack", args=[pack.pk])).content.decode()
    assert "すべて確定した取組だけから作成しています" in page


def test_finding_4_a_pack_frozen_with_drafts_before_the_rule_is_the_secretariats_alone(plan: Plan) -> None:
    from shinchoku.reports.figures import build_figures

    meeting = Meeting.objects.get(plan=plan)
    with pytest.raises(ValueError, match="confirmed entries only"):
        ReportPack.objects.create(
            meeting=meeting, fiscal_year=2021, pdf=b"", xlsx=b"", figures=build_figures(plan, 2021)
        )
    # One that exists already (frozen before the rule): written around the model's guard.
    ReportPack.objects.bulk_create(
        [
            ReportPack(
                meeting=meeting, fiscal_year=2021, pdf=b"%PDF", xlsx=b"PK", figures=build_figures(plan, 2021)
            )
        ]
    )
    old = ReportPack.objects.get()
    member = login("iin")
    for url in (
        reverse("council:pack", args=[old.pk]),
        reverse("council:pack_file", args=[old.pk, "json"]),
    ):
        assert member.get(url).status_code == 404
    assert (
        reverse("council:pack", args=[old.pk])
        not in member.get(reverse("council:home", args=[plan.slug])).content.decode()
    )
    assert login("jimukyoku").get(reverse("council:pack", args=[old.pk])).status_code == 200
