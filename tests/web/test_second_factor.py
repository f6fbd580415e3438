"""TOTP second factor: who must use it, enrolment, the code at each login, and what the password alone cannot do."""

import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from shinchoku.accounts.models import User
from tests_helpers import DEMO_PASSWORD as PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def require_mfa(settings: object) -> None:
    settings.REQUIRE_MFA = True  # type: ignore[attr-defined]


def password_login(username: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, username
    return client


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """Return the code the user's app would show now (or a later step, for a second login)."""
    app = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    app.time = time.time() + steps_ahead * device.step
    return f"{app.token():0{device.digits}d}"


def pending(client: Client) -> TOTPDevice:
    """Return the device being enrolled, as the QR code on the page describes it."""
    client.get(reverse("accounts:mfa_setup"))
    return TOTPDevice(key=client.session["shinchoku_mfa_pending_key"])


def enrol(client: Client, username: str) -> TOTPDevice:
    device = pending(client)
    response = client.post(reverse("accounts:mfa_setup"), {"code": code_for(device), "next": "/"})
    assert response.status_code == 302
    return TOTPDevice.objects.get(user__username=username, confirmed=True)


@pytest.mark.parametrize("username", ["jimukyoku", "admin", "case1", "case_sv"])
def test_the_secretariat_administrators_and_case_workers_must_enrol_before_anything_else(
    username: str,
) -> None:
    client = password_login(username)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_setup"))


@pytest.mark.parametrize("username", ["roudou", "iin"])
def test_departments_and_council_members_are_not_made_to(username: str) -> None:
    client = password_login(username)
    assert client.get("/").status_code == 200


def test_enrolment_shows_a_qr_code_and_the_first_right_code_opens_the_pages() -> None:
    client = password_login("jimukyoku")
    page = client.get(reverse("accounts:mfa_setup"))
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    device = pending(client)

    wrong = client.post(
        reverse("accounts:mfa_setup"), {"code": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 400
    assert "コードが正しくありません" in wrong.content.decode()
    assert client.get(reverse("plans:plan", args=["saitama-r3"])).status_code == 302

    # Typed with the IME on: full-width digits are accepted.
    full_width = code_for(device).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    done = client.post(reverse("accounts:mfa_setup"), {"code": full_width, "next": "/plans/saitama-r3/"})
    assert done.status_code == 302 and done["Location"] == "/plans/saitama-r3/"
    assert client.get(reverse("plans:plan", args=["saitama-r3"])).status_code == 200
    assert TOTPDevice.objects.filter(user__username="jimukyoku", confirmed=True).count() == 1


def test_after_enrolment_every_login_asks_for_the_code() -> None:
    device = enrol(password_login("case1"), "case1")
    client = password_login("case1")
    asked = client.get(reverse("cases:list"))
    assert asked.status_code == 302 and asked["Location"].startswith(reverse("accounts:mfa_verify"))

    assert client.post(reverse("accounts:mfa_verify"), {"code": "12345x"}).status_code == 400
    assert client.get(reverse("cases:list")).status_code == 302
    device.refresh_from_db()
    device.throttle_reset()

    ok = client.post(
        reverse("accounts:mfa_verify"), {"code": code_for(device, steps_ahead=1), "next": "/cases/"}
    )
    assert ok.status_code == 302 and ok["Location"] == "/cases/"
    assert client.get(reverse("cases:list")).status_code == 200


def test_the_password_alone_cannot_replace_an_enrolled_app() -> None:
    enrol(password_login("jimukyoku"), "jimukyoku")
    attacker = password_login("jimukyoku")
    response = attacker.get(reverse("accounts:mfa_setup"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:mfa_verify"))
    assert attacker.post(reverse("accounts:mfa_setup"), {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user__username="jimukyoku").count() == 1


def test_a_code_is_accepted_only_once() -> None:
    device = enrol(password_login("jimukyoku"), "jimukyoku")
    code = code_for(device, steps_ahead=1)
    first = password_login("jimukyoku")
    assert first.post(reverse("accounts:mfa_verify"), {"code": code}).status_code == 302
    replay = password_login("jimukyoku")
    assert replay.post(reverse("accounts:mfa_verify"), {"code": code}).status_code == 400


def test_an_offsite_next_is_not_followed() -> None:
    client = password_login("jimukyoku")
    client.get(reverse("accounts:mfa_setup"))
    device = pending(client)
    response = client.post(
        reverse("accounts:mfa_setup"), {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_it_is_off_in_the_demo_by_default(settings: object) -> None:
    settings.REQUIRE_MFA = False  # type: ignore[attr-defined]
    assert password_login("jimukyoku").get("/").status_code == 200
    assert User.objects.get(username="jimukyoku").totpdevice_set.count() == 0


def test_a_wrong_code_makes_even_the_right_one_wait() -> None:
    device = enrol(password_login("jimukyoku"), "jimukyoku")
    client = password_login("jimukyoku")
    right = code_for(device, steps_ahead=1)
    client.post(reverse("accounts:mfa_verify"), {"code": "000000" if right != "000000" else "111111"})
    assert client.post(reverse("accounts:mfa_verify"), {"code": right}).status_code == 400
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # refused while waiting, not counted again


def test_visiting_the_setup_page_writes_nothing() -> None:
    client = password_login("jimukyoku")
    first = pending(client)
    assert TOTPDevice.objects.count() == 0
    assert pending(client).key == first.key  # the QR code stays the same until confirmed


def test_an_administrator_removes_a_lost_phone_and_the_user_enrols_again() -> None:
    device = enrol(password_login("jimukyoku"), "jimukyoku")
    admin = password_login("admin")
    enrol(admin, "admin")
    listing = admin.get(reverse("admin:otp_totp_totpdevice_changelist"))
    assert listing.status_code == 200 and "jimukyoku" in listing.content.decode()
    removed = admin.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert removed.status_code == 302
    again = password_login("jimukyoku").get("/")
    assert again["Location"].startswith(reverse("accounts:mfa_setup"))
