"""What is sent to whom: the department hears of 差戻し・確定・確定取消し, the secretariat of
提出 (at once or in a daily digest), a council opinion reaches its program's departments, and a
reminder goes once a day to each department still late."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from shinchoku.accounts.models import User
from shinchoku.council import services as council
from shinchoku.notifications.delivery import queue_digests
from shinchoku.notifications.models import Kind, Message, Notification, Reminder
from shinchoku.notifications.reminders import remind
from shinchoku.plans import workflow
from shinchoku.plans.models import PlanYear, Program, YearlyEntry
from tests_helpers import login

pytestmark = pytest.mark.django_db


def _user(name: str) -> User:
    return User.objects.get(username=name)


def _recipients(kind: str) -> list[str]:
    return sorted(Message.objects.filter(kind=kind).values_list("to", flat=True))


def test_the_submission_goes_to_the_secretariat_only(submitted: YearlyEntry) -> None:
    assert _recipients(Kind.SUBMITTED) == ["jimukyoku@saitama.example"]
    mail = Message.objects.get(kind=Kind.SUBMITTED)
    assert "提出" in mail.subject and "事業1" in mail.subject
    assert "労働政策課 担当（デモ）が提出しました" in mail.body_text


def test_confirmation_and_its_undoing_go_to_the_entrys_department_only(submitted: YearlyEntry) -> None:
    confirmed = workflow.confirm_entry(
        entry=submitted, actor=_user("jimukyoku"), version=submitted.version, final_grade="", reason=""
    )
    workflow.reopen_entry(
        entry=confirmed,
        actor=_user("jimukyoku"),
        version=confirmed.version,
        reason="数値の誤りがありました。",
    )
    assert _recipients(Kind.CONFIRMED) == ["roudou@saitama.example"]
    assert _recipients(Kind.REOPENED) == ["roudou@saitama.example"]
    reopened = Message.objects.get(kind=Kind.REOPENED)
    assert "確定取消し" in reopened.subject
    assert "取り消しの理由:\n数値の誤りがありました。" in reopened.body_text
    assert not Notification.objects.filter(user=_user("jutaku")).exists()


def test_a_secretariat_user_who_chose_the_digest_gets_one_mail_a_day(submitted: YearlyEntry) -> None:
    response = login("jimukyoku").post(reverse("notifications:settings"), {"submissions": "daily"})
    assert response.status_code == 302
    submissions_mailed = Message.objects.filter(kind=Kind.SUBMITTED).count()
    second = YearlyEntry.objects.get(program__number=2, fiscal_year=2022)
    YearlyEntry.objects.filter(pk=second.pk).update(
        activities="相談会", result_text="12回", proposed_grade="B"
    )
    second.refresh_from_db()
    workflow.submit_entry(entry=second, actor=_user(_editor_of(second)), version=second.version)
    assert Message.objects.filter(kind=Kind.SUBMITTED).count() == submissions_mailed  # none at once

    morning = timezone.make_aware(datetime.datetime(2026, 5, 1, 8, 0))
    assert queue_digests(morning - datetime.timedelta(hours=2)) == 0  # before 7:00: not yet
    assert queue_digests(morning) == 1
    assert queue_digests(morning + datetime.timedelta(hours=3)) == 0  # once a day
    digest = Message.objects.get(kind=Kind.DIGEST)
    assert digest.to == "jimukyoku@saitama.example"
    assert "事業2" in digest.body_text and "令和8年5月1日" in digest.subject


def _editor_of(entry: YearlyEntry) -> str:
    return User.objects.filter(role="editor", departments=entry.department).order_by("pk").first().username  # type: ignore[union-attr]


def test_a_council_opinion_on_a_program_notifies_its_departments(submitted: YearlyEntry) -> None:
    program = Program.objects.get(plan__slug="saitama-r3", number=1)
    opinion = council.record_opinion(
        actor=_user("jimukyoku"), plan=program.plan, fiscal_year=2022, program=program, text="就労先の開拓を"
    )
    assert _recipients(Kind.OPINION) == ["roudou@saitama.example"]
    assert f"/council/opinions/{opinion.pk}/" in Message.objects.get(kind=Kind.OPINION).body_text


def test_remind_dry_run_writes_nothing_and_a_second_run_the_same_day_sends_nothing(
    submitted: YearlyEntry,
) -> None:
    out = StringIO()
    call_command("remind", plan="saitama-r3", year=2022, dry_run=True, stdout=out)
    assert "送信予定（--dry-run）" in out.getvalue() and "住宅政策課" in out.getvalue()
    assert not Reminder.objects.exists() and not Message.objects.filter(kind=Kind.REMINDER).exists()

    call_command("remind", plan="saitama-r3", year=2022, stdout=StringIO())
    sent = Message.objects.filter(kind=Kind.REMINDER).count()
    assert sent > 0
    out = StringIO()
    call_command("remind", plan="saitama-r3", year=2022, stdout=out)
    assert "本日送信済みのため送りません" in out.getvalue()
    assert Message.objects.filter(kind=Kind.REMINDER).count() == sent


def test_a_reminder_after_the_deadline_says_it_is_past(submitted: YearlyEntry) -> None:
    plan_year = PlanYear.objects.get(plan__slug="saitama-r3", fiscal_year=2022)
    remind(plan_year=plan_year, actor=_user("jimukyoku"), today=datetime.date(2023, 5, 8))
    mail = Message.objects.filter(kind=Kind.REMINDER, to="jutaku@saitama.example").get()
    assert mail.subject.startswith("【進捗管理】【締切超過】")
    assert "締切（令和5年4月28日）を過ぎています" in mail.body_text
    remind(plan_year=plan_year, actor=_user("jimukyoku"), today=datetime.date(2023, 4, 18))
    before = Message.objects.filter(kind=Kind.REMINDER, to="jutaku@saitama.example").order_by("pk").last()
    assert "締切は令和5年4月28日です（あと10日）" in before.body_text  # type: ignore[union-attr]


def test_a_department_editor_cannot_send_reminders(submitted: YearlyEntry) -> None:
    from django.core.exceptions import PermissionDenied

    plan_year = PlanYear.objects.get(plan__slug="saitama-r3", fiscal_year=2022)
    with pytest.raises(PermissionDenied):
        remind(plan_year=plan_year, actor=_user("roudou"))


def test_a_withdrawal_goes_to_the_secretariat_with_its_reason(submitted: YearlyEntry) -> None:
    workflow.withdraw_entry(
        entry=submitted, actor=_user("roudou"), version=submitted.version, reason="数値を直します。"
    )
    assert _recipients(Kind.WITHDRAWN) == ["jimukyoku@saitama.example"]
    mail = Message.objects.get(kind=Kind.WITHDRAWN)
    assert "取り下げ" in mail.subject and "提出を取り下げました" in mail.body_text
    assert "数値を直します。" in mail.body_text
