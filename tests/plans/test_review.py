"""The secretariat's review in bulk: filter, sort, select many, 前へ/次へ, and correcting a text itself."""

import datetime

import pytest
from django.db.models import F
from django.test import Client
from tests.plans.test_workflow import typed

from shinchoku.accounts.models import User
from shinchoku.plans import review, workflow
from shinchoku.plans.models import EntryEvent, EntryStatus, Plan, YearlyEntry
from tests_helpers import login

pytestmark = pytest.mark.django_db
LIST = "/plans/saitama-r3/2022/entries/"
BULK = "/plans/saitama-r3/2022/entries/bulk/"


def user(name: str) -> User:
    return User.objects.get(username=name)


def ours(position: int) -> int:
    """Return the program number of 労働政策課's entry at this position (0 is program 1)."""
    return sorted(
        YearlyEntry.objects.filter(fiscal_year=2022, department__name="労働政策課").values_list(
            "program__number", flat=True
        )
    )[position]


def entry(number: int) -> YearlyEntry:
    return YearlyEntry.objects.select_related("program__plan", "department").get(
        program__number=number, fiscal_year=2022, department__name="労働政策課"
    )


def submitted(number: int) -> YearlyEntry:
    """Save and submit 労働政策課's entry as the department: 306 of 120 people suggests A, graded A."""
    draft = entry(number)
    saved = workflow.save_entry(entry=draft, actor=user("roudou"), version=draft.version, data=typed(draft))
    return workflow.submit_entry(entry=saved, actor=user("roudou"), version=saved.version)


@pytest.fixture
def year_2022() -> Plan:
    plan = Plan.objects.get(slug="saitama-r3")
    workflow.open_year(
        plan=plan, fiscal_year=2022, deadline=datetime.date(2023, 4, 28), actor=user("jimukyoku")
    )
    return plan


def numbers(client: Client, query: str) -> list[int]:
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    return [e.program.number for e, _ in response.context["rows"]]


def selection(*entries: YearlyEntry) -> list[str]:
    return [f"{e.pk}:{e.version}" for e in entries]


def test_the_list_filters_by_department_status_text_and_deviation(
    year_2022: Plan, secretariat: Client
) -> None:
    first = submitted(1)
    roudou = first.department_id
    assert len(numbers(secretariat, "")) == 62
    assert numbers(secretariat, "status=submitted") == [1]
    assert set(numbers(secretariat, f"department={roudou}")) == set(
        YearlyEntry.objects.filter(fiscal_year=2022, department_id=roudou).values_list(
            "program__number", flat=True
        )
    )
    assert numbers(secretariat, "q=ワンストップ") == [1]  # the activities' text
    assert numbers(secretariat, "q=1&status=submitted") == [1]  # the program number
    assert numbers(secretariat, "deviation=1") == []  # A as suggested
    # Written as a service writes (its version bumped), so the kept list sees the change.
    YearlyEntry.objects.filter(pk=first.pk).update(suggested_grade="B", version=F("version") + 1)
    assert numbers(secretariat, "deviation=1") == [1]
    assert numbers(secretariat, "grade=A") == [1]
    assert numbers(secretariat, "status=nonsense&department=x")[:1] == [1]  # ignored, never an error


def test_the_list_filters_by_area_and_sorts_by_any_column(year_2022: Plan, secretariat: Client) -> None:
    in_area_1 = numbers(secretariat, "area=1")
    assert 0 < len(in_area_1) < 62
    assert in_area_1 == sorted(in_area_1)
    descending = numbers(secretariat, "sort=number&desc=1")
    assert descending == sorted(descending, reverse=True)
    by_department = secretariat.get(f"{LIST}?sort=department").context["rows"]
    names = [e.department.name for e, _ in by_department]
    assert names == sorted(names)


def test_a_department_sees_only_its_own_entries_whatever_the_filter(year_2022: Plan) -> None:
    other = YearlyEntry.objects.exclude(department__name="労働政策課").filter(fiscal_year=2022).first()
    assert other is not None
    shown = login("roudou").get(f"{LIST}?department={other.department_id}").context["rows"]
    assert shown == []


def test_bulk_confirm_confirms_those_that_need_no_reason_and_lists_the_others(
    year_2022: Plan, secretariat: Client
) -> None:
    fine, needs_reason, changed = submitted(1), submitted(ours(1)), submitted(ours(2))
    # The indicators accepted since suggest B: an A now needs the secretariat's reason.
    YearlyEntry.objects.filter(pk=needs_reason.pk).update(suggested_grade="B")
    page = selection(fine, needs_reason, changed)
    YearlyEntry.objects.filter(pk=changed.pk).update(version=changed.version + 1)
    response = secretariat.post(BULK, {"action": "confirm", "entry": page, "query": "status=submitted"})
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?status=submitted"
    assert entry(1).status == EntryStatus.CONFIRMED
    assert entry(1).final_grade == "A"
    assert entry(ours(1)).status == entry(ours(2)).status == EntryStatus.SUBMITTED
    assert EntryEvent.objects.filter(entry__fiscal_year=2022, action="confirmed").count() == 1
    shown = [str(m) for m in secretariat.get(LIST).context["messages"]]
    assert shown[0] == "1件を確定しました。"
    assert any(f"事業番号 {ours(1)}" in m and "理由が必要" in m for m in shown)
    assert any(f"事業番号 {ours(2)}" in m and "他の人が保存" in m for m in shown)


def test_bulk_return_needs_its_comment_and_keeps_the_selection(year_2022: Plan, secretariat: Client) -> None:
    first, second = submitted(1), submitted(ours(1))
    refused = secretariat.post(BULK, {"action": "return", "entry": selection(first, second), "comment": " "})
    assert refused.status_code == 400
    assert "差戻しの理由" in refused.content.decode()
    assert refused.context["selected"] == {first.pk, second.pk}
    assert entry(1).status == EntryStatus.SUBMITTED
    secretariat.post(
        BULK,
        {"action": "return", "entry": selection(first, second), "comment": "成果の人数を確認してください。"},
    )
    assert entry(1).status == entry(ours(1)).status == EntryStatus.RETURNED
    comments = set(
        EntryEvent.objects.filter(entry__in=[first, second], action="returned").values_list(
            "comment", flat=True
        )
    )
    assert comments == {"成果の人数を確認してください。"}


def test_bulk_marks_main_programs_and_ignores_entries_of_another_year(
    year_2022: Plan, secretariat: Client
) -> None:
    first = entry(1)
    last_year = YearlyEntry.objects.filter(fiscal_year=2021, is_highlight=False).first()
    assert last_year is not None
    secretariat.post(BULK, {"action": "highlight", "entry": selection(first, last_year)})
    assert entry(1).is_highlight
    last_year.refresh_from_db()
    assert not last_year.is_highlight


def test_only_the_secretariat_acts_in_bulk(year_2022: Plan) -> None:
    first = submitted(1)
    response = login("roudou").post(BULK, {"action": "confirm", "entry": selection(first)})
    assert response.status_code == 403
    assert entry(1).status == EntryStatus.SUBMITTED


def test_the_entry_page_steps_through_the_filtered_list(year_2022: Plan, secretariat: Client) -> None:
    submitted(1), submitted(ours(1)), submitted(ours(2))
    page = secretariat.get(f"/entries/{entry(ours(1)).pk}/?list=1&status=submitted")
    assert (page.context["previous_entry"], page.context["next_entry"]) == (entry(1).pk, entry(ours(2)).pk)
    assert (page.context["position"], page.context["list_size"]) == (2, 3)
    assert f'href="/entries/{entry(ours(2)).pk}/?list=1&amp;status=submitted"' in page.content.decode()
    last = secretariat.get(f"/entries/{entry(ours(2)).pk}/?list=1&status=submitted")
    assert last.context["next_entry"] is None


def test_neighbours_at_the_ends_and_outside_the_list() -> None:
    assert review.neighbours([5, 7, 9], 5) == (None, 7)
    assert review.neighbours([5, 7, 9], 9) == (7, None)
    assert review.neighbours([5, 7, 9], 8) == (None, None)


def test_the_secretariat_corrects_a_text_with_a_reason_in_history_and_event(
    year_2022: Plan, secretariat: Client
) -> None:
    first = submitted(1)
    url = f"/entries/{first.pk}/correct/"
    form = {"version": first.version, "field": "result_text", "text": "就職者数 360人", "reason": ""}
    refused = secretariat.post(url, form)
    assert refused.status_code == 400
    assert "就職者数 360人" in refused.content.decode()  # the typed text is kept
    assert entry(1).result_text == "就職者数 306人"
    assert secretariat.post(url, form | {"reason": "電話で確認: 360人の誤記"}).status_code == 302
    corrected = entry(1)
    assert (corrected.result_text, corrected.status) == ("就職者数 360人", EntryStatus.SUBMITTED)
    event = EntryEvent.objects.get(entry=corrected, action="corrected")
    assert event.comment == "実績・取組の成果を修正: 電話で確認: 360人の誤記"
    assert corrected.history.first().history_change_reason == "電話で確認: 360人の誤記"
    stale = secretariat.post(url, form | {"reason": "もう一度", "text": "x"})
    assert stale.status_code == 409


def test_a_correction_is_only_of_a_text_of_a_submitted_entry(year_2022: Plan) -> None:
    first = submitted(1)
    with pytest.raises(workflow.WorkflowError, match="修正できる項目"):
        workflow.correct_entry_text(
            entry=first,
            actor=user("jimukyoku"),
            version=first.version,
            field="final_grade",
            text="A",
            reason="r",
        )
    with pytest.raises(workflow.PermissionDenied):
        workflow.correct_entry_text(
            entry=first, actor=user("roudou"), version=first.version, field="activities", text="x", reason="r"
        )


def test_previous_and_next_cost_a_fixed_number_of_queries(year_2022: Plan, secretariat: Client) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/entries/{entry(1).pk}/"
    secretariat.get(url)
    counts = []
    for query in ("", "?list=1", "?list=1&deviation=1&q=支援&sort=title&desc=1", "?list=1&area=1"):
        with CaptureQueriesContext(connection) as captured:
            assert secretariat.get(url + query).status_code == 200
        counts.append(len(captured))
    # The list's ids are one query; an area reads the plan's tree once more.
    assert counts[1:] == [counts[0] + 1, counts[0] + 1, counts[0] + 2]
