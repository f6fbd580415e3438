"""Delivery never blocks a step: mails are queued with the step and sent by `deliver_mail`, which
retries a server that is down or slow with back-off and gives up at once on a 5xx refusal."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from shinchoku.accounts.models import User
from shinchoku.lib.mailurl import EmailUrlError, parse_email_url
from shinchoku.notifications.delivery import BACKOFF, deliver_due
from shinchoku.notifications.models import Message, MessageStatus, Notification
from shinchoku.notifications.services import retry_message
from shinchoku.plans import workflow
from shinchoku.plans.models import EntryStatus, YearlyEntry
from smtp_servers import Inbox, Refusing, Slow, free_port, smtp_server

pytestmark = pytest.mark.django_db


def _return(entry: YearlyEntry, comment: str = "根拠を書いてください。") -> YearlyEntry:
    return workflow.return_entry(
        entry=entry, actor=User.objects.get(username="jimukyoku"), version=entry.version, comment=comment
    )


def test_a_closed_network_relay_without_tls_or_login_is_plain_smtp() -> None:
    assert parse_email_url("smtp://relay.lgwan.example:25") == {
        "backend": "django.core.mail.backends.smtp.EmailBackend",
        "host": "relay.lgwan.example",
        "port": 25,
        "username": "",
        "password": "",
        "use_tls": False,
        "use_ssl": False,
        "timeout": 10.0,
    }


def test_a_submission_server_with_starttls_and_a_login() -> None:
    config = parse_email_url("smtp+tls://shinchoku%40city.example:p%40ss@mail.city.example:587?timeout=5")
    assert config is not None
    assert (config["username"], config["password"], config["use_tls"], config["port"], config["timeout"]) == (
        "shinchoku@city.example",
        "p@ss",
        True,
        587,
        5.0,
    )


def test_unset_sends_nothing_and_an_unknown_scheme_is_refused() -> None:
    assert parse_email_url("") is None
    assert parse_email_url("console://")["backend"].endswith("console.EmailBackend")  # type: ignore[index]
    with pytest.raises(EmailUrlError):
        parse_email_url("smtq://host")


def test_the_mail_is_queued_in_the_step_transaction_and_rolls_back_with_it(submitted: YearlyEntry) -> None:
    before = Message.objects.count(), Notification.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        _return(submitted)
        assert Message.objects.filter(to="roudou@saitama.example").count() == 1
        raise RuntimeError("the step's transaction fails after the return")
    assert (Message.objects.count(), Notification.objects.count()) == before
    submitted.refresh_from_db()
    assert submitted.status == EntryStatus.SUBMITTED


def test_a_refused_step_queues_nothing(submitted: YearlyEntry) -> None:
    before = Message.objects.count()
    with pytest.raises(workflow.WorkflowError):
        _return(submitted, comment="  ")
    assert Message.objects.count() == before


def test_without_a_mail_server_nothing_is_sent_and_the_mails_stay_queued(submitted: YearlyEntry) -> None:
    _return(submitted)
    with override_settings(SHINCHOKU_EMAIL_URL=""):
        result = deliver_due()
    assert not result.configured
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.QUEUED}
    out = StringIO()
    with override_settings(SHINCHOKU_EMAIL_URL=""):
        call_command("deliver_mail", stdout=out)
    assert "SHINCHOKU_EMAIL_URL が設定されていない" in out.getvalue()


def test_a_5xx_refusal_fails_at_once_with_the_servers_reason(submitted: YearlyEntry) -> None:
    _return(submitted)
    with smtp_server(Refusing()) as port, override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}"):
        result = deliver_due()
    assert (result.sent, result.failed) == (0, 2)
    mail = Message.objects.get(to="roudou@saitama.example")
    assert (mail.status, mail.attempts, mail.next_try_at) == (MessageStatus.FAILED, 1, None)
    assert "550" in mail.last_error and "No such user here" in mail.last_error


def test_a_slow_server_times_out_and_the_mail_is_tried_again_a_minute_later(submitted: YearlyEntry) -> None:
    _return(submitted)
    now = timezone.now()
    started = timezone.now()
    with (
        smtp_server(Slow()) as port,
        override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}?timeout=0.3"),
    ):
        result = deliver_due(now)
    assert (timezone.now() - started).total_seconds() < 5  # one timeout, not one per mail
    assert (result.sent, result.retrying) == (0, 2)
    mail = Message.objects.get(to="roudou@saitama.example")
    assert mail.status == MessageStatus.QUEUED and mail.attempts == 1
    assert mail.next_try_at == now + datetime.timedelta(minutes=1)
    assert "0.3秒以内に応答しませんでした" in mail.last_error


def test_a_server_down_is_retried_after_1_5_30_minutes_and_2_hours_then_the_mail_fails(
    submitted: YearlyEntry,
) -> None:
    _return(submitted)
    port = free_port()
    now = timezone.now()
    waits = []
    with override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}?timeout=1"):
        for _ in range(5):
            deliver_due(now)
            mail = Message.objects.get(to="roudou@saitama.example")
            if mail.next_try_at is None:
                break
            waits.append(mail.next_try_at - now)
            assert deliver_due(now).retrying == 0  # not due yet: not tried again
            now = mail.next_try_at
    assert (
        waits
        == list(BACKOFF)
        == [
            datetime.timedelta(minutes=1),
            datetime.timedelta(minutes=5),
            datetime.timedelta(minutes=30),
            datetime.timedelta(hours=2),
        ]
    )
    assert (mail.status, mail.attempts) == (MessageStatus.FAILED, 5)


def test_the_secretariat_sends_a_failed_mail_again_and_it_is_delivered(submitted: YearlyEntry) -> None:
    _return(submitted)
    with smtp_server(Refusing()) as port, override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}"):
        deliver_due()
    mail = Message.objects.get(to="roudou@saitama.example")
    retry_message(message=mail, actor=User.objects.get(username="jimukyoku"))
    inbox = Inbox()
    with smtp_server(inbox) as port, override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}"):
        deliver_due()
    mail.refresh_from_db()
    assert mail.status == MessageStatus.SENT and len(inbox.to("roudou@saitama.example")) == 1


def test_the_demo_prints_the_mails_with_console(
    submitted: YearlyEntry, capsys: pytest.CaptureFixture[str]
) -> None:
    with override_settings(SHINCHOKU_EMAIL_URL="console://"):
        assert deliver_due().sent == 1  # the submission, to the secretariat
    assert "jimukyoku@saitama.example" in capsys.readouterr().out


def test_a_title_with_a_line_break_does_not_stop_the_delivery(submitted: YearlyEntry) -> None:
    from shinchoku.plans.models import Program

    Program.objects.filter(pk=submitted.program_id).update(title="就労支援\r\nBcc: someone@evil.example")
    submitted.refresh_from_db()
    _return(submitted)
    mail = Message.objects.get(to="roudou@saitama.example")
    assert "\n" not in mail.subject and "\r" not in mail.subject
    inbox = Inbox()
    with smtp_server(inbox) as port, override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}"):
        assert deliver_due().sent == 2
    assert [m["To"] for m in inbox.mails if "someone@evil.example" in str(m["Bcc"] or "")] == []


def test_a_mail_another_run_is_sending_is_not_sent_twice(submitted: YearlyEntry) -> None:
    from shinchoku.notifications.delivery import LEASE, _claim

    now = timezone.now()
    mail = Message.objects.get(to="jimukyoku@saitama.example")
    assert _claim(mail.pk, now) is not None  # a first run is sending it (outside any transaction)
    inbox = Inbox()
    with smtp_server(inbox) as port, override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}"):
        assert deliver_due(now).sent == 0
        assert deliver_due(now + LEASE).sent == 1  # the first run died: due again after the lease
    assert len(inbox.mails) == 1
