"""The council's opinions and the city's answers (市の考え方) as a document of their own (issue 25, part 6).

As 国分寺市 publishes them beside its combined report: by plan, then by meeting, each opinion
numbered with its 意見の概要, the city's latest answer and the 担当課 that gave it.
"""

import datetime
import io
from urllib.parse import urlencode

import pikepdf
import pytest
from django.urls import reverse

from combined_objects import NAME, SLUG, welfare_plan
from shinchoku.accounts.models import Organization, Role, User
from shinchoku.council import services
from shinchoku.council.answers import plan_answers
from shinchoku.council.models import Meeting
from shinchoku.plans.models import Plan, Program
from tests_helpers import login

pytestmark = pytest.mark.django_db
SEED = "saitama-r3"
TITLE = "令和3年度 さいたま市 再犯防止推進計画等 協議会の意見と市の考え方"


def _url(fmt: str, *slugs: str) -> str:
    query = [("year", "2021"), *(("plan", s) for s in slugs)]
    return reverse("council:answers", args=[fmt]) + "?" + urlencode(query)


@pytest.fixture
def opinions() -> None:
    """Two meetings of the seed plan and one of the welfare plan, for 令和3年度."""
    jimukyoku = User.objects.get(username="jimukyoku")
    seed, welfare = Plan.objects.get(slug=SEED), welfare_plan()
    first = Meeting.objects.create(plan=seed, fiscal_year=2021, number=1, held_on=datetime.date(2021, 8, 3))
    second = Meeting.objects.create(plan=seed, fiscal_year=2021, number=2, held_on=datetime.date(2022, 2, 8))
    welfare_meeting = Meeting.objects.create(plan=welfare, fiscal_year=2021, number=1)
    later = services.record_opinion(
        actor=jimukyoku, plan=seed, fiscal_year=2021, meeting=second, text="協力雇用主の数も示してほしい。"
    )
    employment = services.record_opinion(
        actor=jimukyoku,
        plan=seed,
        fiscal_year=2021,
        meeting=first,
        program=Program.objects.get(plan=seed, number=1),
        text="就職後の定着状況も示してほしい。",
    )
    services.respond(
        actor=login_user("roudou"), opinion=employment, status="in_progress", text="把握方法を調整中です。"
    )
    services.respond(
        actor=login_user("roudou"), opinion=employment, status="done", text="次年度から定着率を示します。"
    )
    services.respond(
        actor=jimukyoku, opinion=later, status="considering", text="保護観察所と相談しています。"
    )
    services.record_opinion(
        actor=jimukyoku,
        plan=welfare,
        fiscal_year=2021,
        meeting=welfare_meeting,
        text="成年後見の相談件数を示してほしい。",
    )
    services.record_opinion(
        actor=jimukyoku, plan=seed, fiscal_year=2020, meeting=None, text="前年度の意見（載らない）"
    )


def login_user(username: str) -> User:
    return User.objects.get(username=username)


def test_opinions_are_grouped_by_plan_and_meeting_numbered_with_the_latest_answer(opinions: None) -> None:
    plans = [Plan.objects.get(slug=SEED), Plan.objects.get(slug=SLUG)]
    seed, welfare = plan_answers(login_user("jimukyoku"), plans, 2021)

    assert [m.meeting for m in seed.meetings] == [
        "令和3年度第1回（令和3年8月3日）",
        "令和3年度第2回（令和4年2月8日）",
    ]
    first = seed.meetings[0].answers[0]
    assert (first.number, first.opinion, first.status, first.answer, first.department) == (
        1,
        "就職後の定着状況も示してほしい。",
        "対応済",
        "次年度から定着率を示します。",
        "労働政策課",
    )
    second = seed.meetings[1].answers[0]
    assert (second.number, second.subject, second.status) == (2, "計画全体", "検討中")
    assert [(a.number, a.opinion, a.status) for m in welfare.meetings for a in m.answers] == [
        (1, "成年後見の相談件数を示してほしい。", "")  # numbered within its plan; not yet answered
    ]


def test_the_document_prints_the_columns_a_city_publishes(opinions: None) -> None:
    html = login("jimukyoku").get(_url("html", SEED, SLUG)).content.decode()

    assert f"<title>{TITLE}</title>" in html
    assert '<th scope="col" class="number">番号</th><th scope="col" class="opinion">意見の概要</th>' in html
    assert '市の考え方</th><th scope="col" class="department">担当課</th>' in html
    assert html.index("さいたま市再犯防止推進計画</h2>") < html.index(f"{NAME}</h2>")
    assert "【対応済】</span>次年度から定着率を示します。" in html and "把握方法を調整中です。" not in html
    assert "（まだ回答していません）" in html
    assert "前年度の意見（載らない）" not in html


def test_the_pdf_is_tagged(opinions: None) -> None:
    response = login("jimukyoku").get(_url("pdf", SEED, SLUG))
    assert response["Content-Disposition"].startswith("attachment")
    pdf = pikepdf.open(io.BytesIO(response.content))
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == "ja"
    assert str(pdf.docinfo.Title) == TITLE
    assert "/StructTreeRoot" in pdf.Root


def test_readers_of_the_council_page_read_it_and_another_city_finds_nothing(opinions: None) -> None:
    assert login("roudou").get(_url("html", SEED, SLUG)).status_code == 200
    assert login("iin").get(_url("html", SEED, SLUG)).status_code == 200
    assert login("case1").get(_url("html", SEED)).status_code == 403
    other = Organization.objects.create(name="デモ町（架空）", jis_code="999996")
    User.objects.create_user("other-town", organization=other, role=Role.SECRETARIAT)
    assert login("other-town").get(_url("html", SEED)).status_code == 404
    assert login("jimukyoku").get(_url("html", SEED, "no-such-plan")).status_code == 404
