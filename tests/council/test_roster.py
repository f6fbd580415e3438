"""The secretariat keeps its council's members and meetings on its own screens (issue 20)."""

import datetime

import pytest

from shinchoku.council.models import Meeting, Member
from tests_helpers import login

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"


def test_the_secretariat_adds_a_member_and_records_the_attendance_of_a_meeting() -> None:
    client = login("jimukyoku")

    response = client.post(
        f"/plans/{PLAN}/council/members/",
        {"name": "山田 太郎", "affiliation": "さいたま保護観察所", "category": "probation"},
    )
    assert response.status_code == 302
    member = Member.objects.get(name="山田 太郎")
    assert member.history.get().history_user.username == "jimukyoku"

    response = client.post(
        f"/plans/{PLAN}/council/meetings/",
        {"fiscal_year": "令和4年度", "number": "2", "held_on": "2022-11-10", "attendees": [member.pk]},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(plan__slug=PLAN, fiscal_year=2022, number=2)
    assert list(meeting.attendees.all()) == [member]
    assert meeting.history.get().history_user.username == "jimukyoku"


def test_a_second_meeting_with_the_same_number_is_refused_in_japanese() -> None:
    response = login("jimukyoku").post(
        f"/plans/{PLAN}/council/meetings/", {"fiscal_year": "2022", "number": "1"}
    )

    assert response.status_code == 400
    assert "令和4年度第1回の会議は既にあります。" in response.content.decode()


def test_a_council_member_cannot_change_the_roster() -> None:
    response = login("iin").post(
        f"/plans/{PLAN}/council/members/", {"name": "x", "affiliation": "x", "category": "npo"}
    )

    assert response.status_code == 403
    assert not Member.objects.filter(name="x").exists()


# The seed's meeting has two agenda items (議題（１）, 議題（２）), one per line of the form.
SEED_AGENDA = ["さいたま市の再犯防止の進捗状況について", "国・民間団体等の動向について"]


def test_the_secretariat_writes_a_meetings_agenda_one_item_per_line_and_the_council_page_shows_it() -> None:
    client = login("jimukyoku")

    response = client.post(
        f"/plans/{PLAN}/council/meetings/",
        {"fiscal_year": "令和5年度", "number": "1", "agenda": "\r\n".join(SEED_AGENDA) + "\r\n\r\n"},
    )

    assert response.status_code == 302
    meeting = Meeting.objects.get(plan__slug=PLAN, fiscal_year=2023, number=1)
    assert meeting.agenda == SEED_AGENDA
    assert meeting.history.get().history_user.username == "jimukyoku"
    page = client.get(f"/plans/{PLAN}/council/").content.decode()
    assert "<li>さいたま市の再犯防止の進捗状況について</li>" in page
    edit = client.get(f"/plans/{PLAN}/council/meetings/{meeting.pk}/").content.decode()
    assert "国・民間団体等の動向について</textarea>" in edit


def test_changing_the_agenda_keeps_the_former_one_in_the_history() -> None:
    client = login("jimukyoku")
    meeting = Meeting.objects.get(plan__slug=PLAN, fiscal_year=2022, number=1)

    response = client.post(
        f"/plans/{PLAN}/council/meetings/{meeting.pk}/",
        {"fiscal_year": "2022", "number": "1", "agenda": SEED_AGENDA[0]},
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.agenda == [SEED_AGENDA[0]]
    latest, former = meeting.history.order_by("-history_date")[:2]
    assert (latest.history_user.username, former.agenda) == ("jimukyoku", SEED_AGENDA)


def test_an_agenda_item_over_200_characters_is_refused_with_the_text_kept() -> None:
    client = login("jimukyoku")
    long_item = "再" * 201

    response = client.post(
        f"/plans/{PLAN}/council/meetings/",
        {"fiscal_year": "2023", "number": "3", "agenda": f"{SEED_AGENDA[0]}\n{long_item}"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "議題の2件目が長すぎます（200字まで）。" in page
    assert long_item in page
    assert not Meeting.objects.filter(plan__slug=PLAN, fiscal_year=2023, number=3).exists()


@pytest.mark.parametrize("year", ["令和20年度", "令和8年度", "令和2年度"])
def test_a_meeting_outside_the_plans_period_is_refused_in_japanese(year: str) -> None:
    response = login("jimukyoku").post(
        f"/plans/{PLAN}/council/meetings/", {"fiscal_year": year, "number": "1"}
    )

    assert response.status_code == 400
    assert "計画期間（令和3年度〜令和7年度）外です" in response.content.decode()
    assert (
        not Meeting.objects.filter(plan__slug=PLAN, number=1)
        .exclude(fiscal_year__in=range(2021, 2026))
        .exists()
    )


@pytest.mark.parametrize("held_on", ["令和4年11月10日", "R4.11.10", "2022/11/10", "２０２２年１１月１０日"])
def test_a_meetings_date_is_read_in_wareki_too(held_on: str) -> None:
    response = login("jimukyoku").post(
        f"/plans/{PLAN}/council/meetings/", {"fiscal_year": "令和4年度", "number": "2", "held_on": held_on}
    )

    assert response.status_code == 302
    assert Meeting.objects.get(plan__slug=PLAN, fiscal_year=2022, number=2).held_on == datetime.date(
        2022, 11, 10
    )
