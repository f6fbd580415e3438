"""Issue 21's journey, through the pages: a return reaches the department on screen and by mail,
a reminder reaches each late department once, and a mail server that is down blocks nothing."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from shinchoku.notifications.delivery import deliver_due
from shinchoku.notifications.models import Message, MessageStatus, Reminder
from shinchoku.plans.models import EntryStatus, YearlyEntry
from smtp_servers import Inbox, free_port, smtp_server
from tests_helpers import login

pytestmark = pytest.mark.django_db


def _return(entry: YearlyEntry, comment: str) -> None:
    response = login("jimukyoku").post(
        reverse("plans:review", args=[entry.pk]),
        {"version": entry.version, "action": "return", "comment": comment},
    )
    assert response.status_code == 302


def test_a_return_shows_the_banner_and_the_mail_arrives_at_the_smtp_server(submitted: YearlyEntry) -> None:
    _return(submitted, "実績の人数の根拠を書いてください。")

    home = login("roudou").get(reverse("home")).content.decode()
    assert "差戻しが1件あります" in home

    inbox = Inbox()
    with smtp_server(inbox) as port, override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}"):
        assert deliver_due().sent == 2  # the submission to the secretariat, the return to the department
    (mail,) = inbox.to("roudou@saitama.example")
    assert "差戻し" in mail["Subject"] and "事業1" in mail["Subject"]
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "実績の人数の根拠を書いてください。" in text
    assert f"/entries/{submitted.pk}/" in text
    assert "令和" in text
    html = mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert f'href="http://localhost:8000/entries/{submitted.pk}/"' in html


def test_remind_sends_each_late_department_one_mail_naming_its_programs(submitted: YearlyEntry) -> None:
    board = reverse("plans:board", args=["saitama-r3", 2022])
    remind = reverse("notifications:remind", args=["saitama-r3", 2022])
    secretariat = login("jimukyoku")
    assert secretariat.post(remind).status_code == 302
    assert secretariat.post(remind).status_code == 302  # a second press the same day sends nothing

    late = set(
        YearlyEntry.objects.filter(fiscal_year=2022, status=EntryStatus.DRAFT).values_list(
            "department__name", flat=True
        )
    )
    assert Reminder.objects.count() == len(late)
    inbox = Inbox()
    with smtp_server(inbox) as port, override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}"):
        deliver_due()
    roudou = inbox.to("roudou@saitama.example")
    jutaku = inbox.to("jutaku@saitama.example")
    assert len(roudou) == 1 and len(jutaku) == 1
    jutaku_programs = YearlyEntry.objects.filter(fiscal_year=2022, department__name="住宅政策課")
    text = jutaku[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    for entry in jutaku_programs.select_related("program"):
        assert f"事業{entry.program.number} {entry.program.title}" in text
    assert "事業1 " not in text  # 労働政策課's program, already submitted
    assert "jimukyoku@saitama.example" in text  # the secretariat's contact
    assert "令和5年4月28日" in text

    page = secretariat.get(board).content.decode()
    assert timezone.localtime(Reminder.objects.first().sent_at).strftime("%Y-%m-%d %H:%M") in page  # type: ignore[union-attr]


def test_with_the_smtp_server_down_the_return_commits_the_failure_is_listed_then_delivered(
    submitted: YearlyEntry,
) -> None:
    port = free_port()  # nothing listens there: the server is down
    with override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}?timeout=1"):
        _return(submitted, "指標の実績値を入れてください。")
        submitted.refresh_from_db()
        assert submitted.status == EntryStatus.RETURNED
        result = deliver_due()
    # Both mails (the submission's, the return's) wait for their next try, with the reason.
    assert (result.sent, result.retrying) == (0, 2)
    assert result.stopped == "メールサーバーに接続できません（接続を拒否されました）"

    page = login("jimukyoku").get(reverse("notifications:undelivered")).content.decode()
    assert "roudou@saitama.example" in page
    assert "接続を拒否されました" in page

    inbox = Inbox()
    later = timezone.now() + datetime.timedelta(minutes=2)  # past the first back-off (1 minute)
    with smtp_server(inbox, port), override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}"):
        assert deliver_due(later).sent == 2
    assert len(inbox.to("roudou@saitama.example")) == 1
    assert Message.objects.get(to="roudou@saitama.example").status == MessageStatus.SENT
    assert (
        "roudou@saitama.example"
        not in login("jimukyoku").get(reverse("notifications:undelivered")).content.decode()
    )
