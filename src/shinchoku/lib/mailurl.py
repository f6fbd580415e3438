"""SHINCHOKU_EMAIL_URL → the keyword arguments of Django's e-mail backends.

    smtp://relay.lgwan.example:25          a closed-network relay: no TLS, no login
    smtp+tls://user:password@host:587      STARTTLS and a login
    smtps://user:password@host:465         TLS from the first byte
    console://                             print the messages (the demo)
    ?timeout=10                            seconds to wait for the server (default 10)

Unset or empty: nothing is sent; messages stay queued and are listed.
Pure Python (no Django app imports): settings.py checks the value at start-up.
"""

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"
DEFAULT_TIMEOUT = 10.0


class EmailUrlError(ValueError):
    """The setting cannot be understood; the message says how to write it."""


def parse_email_url(url: str) -> dict[str, Any] | None:
    """Return {"backend": …, and the backend's options}, or None when no mail is to be sent."""
    url = url.strip()
    if not url:
        return None
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"backend": CONSOLE}
    if scheme not in ("smtp", "smtp+tls", "smtps"):
        raise EmailUrlError(
            f"SHINCHOKU_EMAIL_URL: unknown scheme {parts.scheme!r}; use smtp://, smtp+tls://, smtps:// or console://"
        )
    if not parts.hostname:
        raise EmailUrlError("SHINCHOKU_EMAIL_URL: the mail server's host name is missing (smtp://host:25)")
    query = parse_qs(parts.query)
    try:
        timeout = float(query.get("timeout", [DEFAULT_TIMEOUT])[0])
        port = parts.port or {"smtp": 25, "smtp+tls": 587, "smtps": 465}[scheme]
    except ValueError as error:
        raise EmailUrlError(f"SHINCHOKU_EMAIL_URL: {error}") from None
    return {
        "backend": SMTP,
        "host": parts.hostname,
        "port": port,
        "username": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "use_tls": scheme == "smtp+tls",
        "use_ssl": scheme == "smtps",
        "timeout": timeout,
    }
