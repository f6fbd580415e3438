"""Authentication, sessions, headers, production settings and error pages."""

import datetime
import os
import secrets
import subprocess
import sys
import time
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from shinchoku.accounts.middleware import LOGIN_AT, SEEN_AT
from shinchoku.accounts.models import User
from tests_helpers import DEMO_PASSWORD, login

pytestmark = pytest.mark.django_db
PASSWORD = DEMO_PASSWORD


def log_in(client: Client, username: str, password: str) -> object:
    return client.post("/login/", {"username": username, "password": password})


def test_five_failures_lock_the_account_even_for_the_right_password() -> None:
    client = Client()
    for _ in range(4):
        assert log_in(client, "roudou", "wrong-password").status_code == 200
    assert log_in(client, "roudou", "wrong-password").status_code == 429  # the fifth failure locks
    response = log_in(client, "roudou", PASSWORD)
    assert response.status_code == 429
    assert "しばらくロックされています" in response.content.decode()
    call_command("axes_reset_username", "roudou", verbosity=0)  # an administrator lifts it
    assert log_in(Client(), "roudou", PASSWORD).status_code == 302


def test_the_session_key_changes_at_login() -> None:
    client = Client()
    client.get("/login/")
    before = client.session.session_key
    assert log_in(client, "jimukyoku", PASSWORD).status_code == 302
    assert client.session.session_key != before


def test_sessions_expire_when_idle_and_after_a_fixed_time(settings: object) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60  # type: ignore[attr-defined]
    client = login("jimukyoku")
    assert client.get("/").status_code == 200
    session = client.session
    session[LOGIN_AT] = int(time.time()) - 11 * 3600
    session.save()
    response = client.get("/plans/saitama-r3/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get("/").status_code == 302  # logged out


def test_a_password_change_ends_the_other_sessions() -> None:
    elsewhere = login("jimukyoku")
    assert elsewhere.get("/").status_code == 200
    user = User.objects.get(username="jimukyoku")
    user.set_password("a-new-password-2026")
    user.save()
    assert elsewhere.get("/").status_code == 302


def test_security_headers() -> None:
    response = Client().get("/directory/")
    policy = response["Content-Security-Policy"]
    assert (
        "default-src 'self'" in policy
        and "script-src 'self'" in policy
        and "frame-ancestors 'none'" in policy
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def production_env(**extra: str) -> dict[str, str]:
    return (
        os.environ
        | {
            "SHINCHOKU_ENV": "production",
            "SHINCHOKU_SECRET_KEY": secrets.token_urlsafe(50),
            "SHINCHOKU_ALLOWED_HOSTS": "shinchoku.example.jp",
        }
        | extra
    )


def test_production_settings_pass_the_deployment_checklist() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "shinchoku.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SHINCHOKU_SECRET_KEY", "SHINCHOKU_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_settings(missing: str) -> None:
    env = production_env()
    del env[missing]
    result = subprocess.run(
        [sys.executable, "-m", "shinchoku.cli", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and missing in result.stderr


@override_settings(DEBUG=False)
def test_an_error_page_shows_no_traceback() -> None:
    client = login("jimukyoku")
    client.raise_request_exception = False
    with mock.patch(
        "shinchoku.plans.plan_views.plans_access.visible_plans", side_effect=RuntimeError("boom in the code")
    ):
        response = client.get("/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "エラーが発生しました" in page and "Traceback" not in page and "boom" not in page


@pytest.mark.parametrize(("extra", "required"), [({}, "True"), ({"SHINCHOKU_REQUIRE_MFA": "0"}, "False")])
def test_production_requires_the_second_factor_unless_told_otherwise(
    extra: dict[str, str], required: str
) -> None:
    script = "import django; django.setup(); from django.conf import settings; print(settings.REQUIRE_MFA)"
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=production_env() | {"DJANGO_SETTINGS_MODULE": "shinchoku.settings"} | extra,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == required, result.stderr


def test_a_used_session_slides_its_idle_limit_at_most_once_a_minute() -> None:
    from django.contrib.sessions.models import Session

    client = login("jimukyoku")
    assert client.get("/").status_code == 200
    key = client.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    assert client.get("/").status_code == 200  # within the minute: not written again
    assert Session.objects.get(session_key=key).expire_date == first
    session = client.session
    session[SEEN_AT] = int(time.time()) - 61
    session.save()
    Session.objects.filter(session_key=key).update(expire_date=first - datetime.timedelta(minutes=10))
    assert client.get("/").status_code == 200  # a minute later: saved with a fresh 30-minute expiry
    assert Session.objects.get(session_key=key).expire_date >= first
