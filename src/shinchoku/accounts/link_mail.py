"""The set-password link, mailed to the person at once (where mail is configured).

Deliberately NOT through the notifications outbox (notifications.Message): a queued mail is a row
in the database, and a live set-password link must never be stored anywhere (docs/security.md).
The mail is sent here, synchronously, after the account's transaction has committed; the link
exists only in this mail and on the page that shows it once. A mail server that refuses or cannot
be reached never breaks the step: the account is made, the link is shown, and the page says it
must be passed on by hand. (accounts sits below notifications, so the settings are read here.)
"""

import logging
import smtplib
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string

from shinchoku.accounts.models import User
from shinchoku.lib.mailurl import parse_email_url

log = logging.getLogger(__name__)
SUBJECT = "【進捗管理】パスワード設定のご案内"


class LinkMail(StrEnum):
    """What became of the mail of one set-password link."""

    SENT = "sent"
    NOT_CONFIGURED = "not_configured"  # SHINCHOKU_EMAIL_URL is empty: nothing is sent
    NO_ADDRESS = "no_address"  # the person has no e-mail address
    FAILED = "failed"  # the server refused the mail or could not be reached

    @property
    def sent(self) -> bool:
        return self is LinkMail.SENT

    def note(self, address: str) -> str:
        """Return the sentence the command prints (Japanese; the pages say it in their templates)."""
        return {
            LinkMail.SENT: f"メールでも送りました: {address}",
            LinkMail.NOT_CONFIGURED: "メールの送信は設定されていません（SHINCHOKU_EMAIL_URL）。リンクを本人に渡してください。",
            LinkMail.NO_ADDRESS: "メールアドレスがないため、メールは送っていません。リンクを本人に渡してください。",
            LinkMail.FAILED: f"メール（{address}）を送れませんでした。リンクを本人に直接渡してください。",
        }[self]


def _body(person: User, link: str) -> str:
    return render_to_string(
        "accounts/mail/set_password_link.txt",
        {
            "name": person.get_full_name() or person.username,
            "username": person.username,
            "organization": person.organization.name if person.organization else "shinchoku",
            "link": link,
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
    )


def mail_set_password_links(added: Sequence[tuple[User, str]], *, site: str = "") -> list[LinkMail]:
    """Mail each person their set-password link (path on this site) over one connection.

    The link is made absolute with `site`, else SHINCHOKU_SITE_URL. Call it after the transaction
    that made the link has committed. When the server cannot be reached, the rest are not tried
    (each would wait for the timeout) and are FAILED too; a refused address fails that mail only.
    """
    config = parse_email_url(settings.SHINCHOKU_EMAIL_URL)
    if config is None:
        return [LinkMail.NO_ADDRESS if not p.email else LinkMail.NOT_CONFIGURED for p, _ in added]
    options: dict[str, Any] = {k: v for k, v in config.items() if k != "backend"}
    base = (site or settings.SHINCHOKU_SITE_URL).rstrip("/")
    outcomes: list[LinkMail] = []
    connection: Any = None
    unreachable = False
    for person, path in added:
        if not person.email:
            outcomes.append(LinkMail.NO_ADDRESS)
            continue
        if unreachable:
            outcomes.append(LinkMail.FAILED)
            continue
        try:
            if connection is None:
                connection = get_connection(config["backend"], fail_silently=False, **options)
                connection.open()
            EmailMessage(SUBJECT, _body(person, base + path), to=[person.email], connection=connection).send()
        except (smtplib.SMTPException, OSError) as error:
            # The reason is logged without the link: a log is no place for a live link either.
            log.warning("set-password mail to user %s not sent: %s", person.pk, type(error).__name__)
            outcomes.append(LinkMail.FAILED)
            _close(connection)
            connection = None
            unreachable = not isinstance(error, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused)
        else:
            outcomes.append(LinkMail.SENT)
    _close(connection)
    return outcomes


def mail_set_password_link(person: User, path: str, *, site: str = "") -> LinkMail:
    """Mail one person their set-password link; `.sent` says whether it went (see above)."""
    return mail_set_password_links([(person, path)], site=site)[0]


def _close(connection: Any) -> None:
    if connection is None:
        return
    try:
        connection.close()
    except Exception:  # the connection is broken already; nothing to tell
        pass
