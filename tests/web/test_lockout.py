"""Login lockout (django-axes): per user name and address first, per user name only after many more failures.

Finding 14 of issue 17: five wrong passwords for any known user name, sent from anywhere, locked
that person out of every office for 15 minutes. Now five failures lock the name only for the
address they came from; the name is locked everywhere after 20 failures in all, which takes at
least four addresses, since a locked address adds no more failures.
"""

import pytest
from django.test import Client, override_settings

from tests_helpers import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def log_in(username: str, password: str, address: str, forwarded_for: str | None = None) -> int:
    extra = {"REMOTE_ADDR": address}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    response = Client().post("/login/", {"username": username, "password": password}, **extra)
    return response.status_code


def fail(username: str, address: str, times: int, forwarded_for: str | None = None) -> list[int]:
    return [log_in(username, "wrong-password", address, forwarded_for) for _ in range(times)]


def test_finding_14_five_failures_from_one_address_do_not_lock_the_user_out_elsewhere() -> None:
    assert fail("roudou", "203.0.113.9", 5) == [200, 200, 200, 200, 429]  # the attacker's address
    assert log_in("roudou", DEMO_PASSWORD, "203.0.113.9") == 429  # even the right password, from there
    assert log_in("roudou", DEMO_PASSWORD, "192.0.2.10") == 302  # the city hall's address: still in


def test_finding_14_a_locked_address_adds_no_failures_to_the_account() -> None:
    fail("roudou", "203.0.113.9", 25)  # 20 of them while locked
    assert log_in("roudou", DEMO_PASSWORD, "192.0.2.10") == 302


def test_finding_14_nineteen_failures_from_four_addresses_leave_the_account_open() -> None:
    for address in ["203.0.113.1", "203.0.113.2", "203.0.113.3"]:
        fail("roudou", address, 5)
    fail("roudou", "203.0.113.4", 4)
    assert log_in("roudou", DEMO_PASSWORD, "192.0.2.10") == 302


def test_finding_14_the_twentieth_failure_locks_the_account_for_every_address() -> None:
    for address in ["203.0.113.1", "203.0.113.2", "203.0.113.3"]:
        fail("roudou", address, 5)
    assert fail("roudou", "203.0.113.4", 5)[-1] == 429
    assert log_in("roudou", DEMO_PASSWORD, "192.0.2.10") == 429
    assert log_in("jutaku", DEMO_PASSWORD, "192.0.2.10") == 302  # only that account


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_address_is_the_one_it_appended() -> None:
    # Every request reaches gunicorn from the proxy (127.0.0.1); the proxy appends the client's
    # address to X-Forwarded-For. What a client writes there itself comes before it and is ignored.
    assert fail("roudou", "127.0.0.1", 5, forwarded_for="192.0.2.10, 203.0.113.9")[-1] == 429
    assert log_in("roudou", DEMO_PASSWORD, "127.0.0.1", forwarded_for="203.0.113.9") == 429
    assert log_in("roudou", DEMO_PASSWORD, "127.0.0.1", forwarded_for="192.0.2.10") == 302
