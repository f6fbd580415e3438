"""The secretariat keeps its council's members and meetings on its own screens (issue 20)."""

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
