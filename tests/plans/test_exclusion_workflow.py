"""評価対象外 through the yearly cycle: the department marks it with a reason instead of a grade, the
secretariat sets or clears it in review; every step checks the version and keeps the history."""

import datetime
from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from shinchoku.accounts.models import User
from shinchoku.plans import workflow
from shinchoku.plans.models import EntryEvent, EntryStatus, Plan, YearlyEntry
from shinchoku.plans.workflow import EntryInput
from tests_helpers import login

pytestmark = pytest.mark.django_db
COVID = "新型コロナウイルス感染症の影響により事業を中止したため"


def user(name: str) -> User:
    return User.objects.get(username=name)


@pytest.fixture
def entry() -> YearlyEntry:
    """Program 1 (労働政策課) in 令和4年度, a draft."""
    workflow.open_year(
        plan=Plan.objects.get(slug="saitama-r3"),
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=user("jimukyoku"),
    )
    return YearlyEntry.objects.get(program__number=1, fiscal_year=2022)


def typed(grade: str = "", excluded: bool | None = True, reason: str = COVID) -> EntryInput:
    return EntryInput(
        activities="ワンストップ就労支援は中止しました。",
        target_text="就職者数 120人",
        result_text="実施できませんでした。",
        evaluation_type="qualitative",
        proposed_grade=grade,
        proposed_reason="",
        excluded=excluded,
        excluded_reason=reason,
    )


def save(entry: YearlyEntry, data: EntryInput) -> YearlyEntry:
    return workflow.save_entry(entry=entry, actor=user("roudou"), version=entry.version, data=data)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (typed(reason="  "), "excluded_reason", "理由を入力"),  # a reason is required
        (typed(grade="B"), "proposed_grade", "達成度を付けません"),  # a grade with it is refused, not dropped
    ],
)
def test_an_exclusion_needs_a_reason_and_no_grade(
    entry: YearlyEntry, data: EntryInput, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        save(entry, data)
    assert message in refused.value.message_dict[field][0]
    entry.refresh_from_db()
    assert (entry.excluded, entry.version) == (False, 1)  # nothing written


def test_the_department_submits_an_excluded_entry_without_a_grade(entry: YearlyEntry) -> None:
    saved = save(entry, typed())
    submitted = workflow.submit_entry(entry=saved, actor=user("roudou"), version=saved.version)
    assert (submitted.status, submitted.excluded, submitted.excluded_reason) == ("submitted", True, COVID)
    confirmed = workflow.confirm_entry(
        entry=submitted, actor=user("jimukyoku"), version=submitted.version, final_grade="", reason=""
    )
    assert (confirmed.status, confirmed.final_grade) == (EntryStatus.CONFIRMED, "")
    last = confirmed.history.first()
    assert last is not None and last.history_user == user("jimukyoku")
    assert confirmed.history.filter(excluded=True, history_user=user("roudou")).exists()


def test_the_secretariat_cannot_grade_an_excluded_entry(entry: YearlyEntry) -> None:
    saved = save(entry, typed())
    submitted = workflow.submit_entry(entry=saved, actor=user("roudou"), version=saved.version)
    with pytest.raises(ValidationError):
        workflow.confirm_entry(
            entry=submitted, actor=user("jimukyoku"), version=submitted.version, final_grade="A", reason=""
        )


def test_a_returned_form_without_the_mark_leaves_it(entry: YearlyEntry) -> None:
    saved = save(entry, typed())
    again = save(saved, replace(typed(), excluded=None, excluded_reason=""))
    assert (again.excluded, again.excluded_reason) == (True, COVID)


def test_the_secretariat_marks_and_clears_it_in_review(entry: YearlyEntry) -> None:
    saved = save(entry, typed(grade="C", excluded=False, reason=""))
    submitted = workflow.submit_entry(entry=saved, actor=user("roudou"), version=saved.version)
    marked = workflow.set_entry_excluded(
        entry=submitted, actor=user("jimukyoku"), version=submitted.version, excluded=True, reason=COVID
    )
    assert (marked.status, marked.excluded, marked.proposed_grade) == ("submitted", True, "")
    event = marked.events.last()
    assert event is not None and event.action == EntryEvent.Action.CORRECTED
    assert event.comment == f"評価対象外に変更: {COVID}（所管課の達成度「C」は取り消しました）"
    assert marked.history.filter(proposed_grade="C").exists()  # the department's grade is kept in the history
    cleared = workflow.set_entry_excluded(
        entry=marked, actor=user("jimukyoku"), version=marked.version, excluded=False, reason=""
    )
    assert (cleared.excluded, cleared.excluded_reason) == (False, "")
    with pytest.raises(workflow.WorkflowError, match="達成度を選んで"):
        workflow.confirm_entry(
            entry=cleared, actor=user("jimukyoku"), version=cleared.version, final_grade="", reason=""
        )


def test_the_secretariats_step_checks_version_status_and_role(entry: YearlyEntry) -> None:
    with pytest.raises(PermissionDenied):  # a draft is not in review
        workflow.set_entry_excluded(
            entry=entry, actor=user("jimukyoku"), version=entry.version, excluded=True, reason=COVID
        )
    saved = save(entry, typed())
    submitted = workflow.submit_entry(entry=saved, actor=user("roudou"), version=saved.version)
    with pytest.raises(workflow.StaleEntryError):
        workflow.set_entry_excluded(
            entry=submitted, actor=user("jimukyoku"), version=saved.version, excluded=False, reason=""
        )
    with pytest.raises(PermissionDenied):
        workflow.set_entry_excluded(
            entry=submitted, actor=user("roudou"), version=submitted.version, excluded=False, reason=""
        )


def test_the_entry_form_marks_it_and_keeps_the_typed_text_when_refused(entry: YearlyEntry) -> None:
    client = login("roudou")
    form = {
        "version": entry.version,
        "activities": "中止",
        "target_text": "",
        "result_text": "実施できませんでした。",
        "evaluation_type": "qualitative",
        "proposed_grade": "B",
        "proposed_reason": "",
        "excluded": "on",
        "excluded_reason": COVID,
        "ind-TOTAL_FORMS": "0",
        "ind-INITIAL_FORMS": "0",
        "save": "1",
    }
    refused = client.post(reverse("plans:edit", args=[entry.pk]), form)
    assert refused.status_code == 400
    assert "評価対象外の取組には達成度を付けません" in refused.content.decode()
    assert COVID in refused.content.decode()
    saved = client.post(reverse("plans:edit", args=[entry.pk]), form | {"proposed_grade": ""})
    assert saved.status_code == 302
    entry.refresh_from_db()
    assert (entry.excluded, entry.excluded_reason) == (True, COVID)


def test_the_review_page_sets_it_and_a_stale_page_is_refused(entry: YearlyEntry) -> None:
    saved = save(entry, typed(grade="B", excluded=False, reason=""))
    submitted = workflow.submit_entry(entry=saved, actor=user("roudou"), version=saved.version)
    client = login("jimukyoku")
    page = client.get(reverse("plans:entry", args=[entry.pk]))
    assert reverse("plans:exclude", args=[entry.pk]) in page.content.decode()
    url = reverse("plans:exclude", args=[entry.pk])
    stale = client.post(url, {"version": saved.version, "excluded": "on", "reason": COVID})
    assert stale.status_code == 409 and COVID in stale.content.decode()
    done = client.post(url, {"version": submitted.version, "excluded": "on", "reason": COVID})
    assert done.status_code == 302
    entry.refresh_from_db()
    assert entry.excluded


def test_the_entry_list_says_excluded_instead_of_a_grade(entry: YearlyEntry) -> None:
    save(entry, typed())
    page = login("jimukyoku").get(reverse("plans:entries", args=["saitama-r3", 2022]))
    assert "対象外" in page.content.decode()
