"""Two app servers on one PostgreSQL: log in on one, go on with the other (no state on a server).

Sessions live in the database and a previewed upload too, so a load balancer may send each request
to any server. The test starts two gunicorn processes on a database of its own.
"""

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from django.db import connection

from shinchoku.operations import drill
from workbooks import small_plan_rows, xlsx

PASSWORD = "two-servers-password"
PORTS = (18431, 18432)
GUNICORN = Path(sys.executable).with_name("gunicorn")


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[str, str]]:
    if connection.vendor != "postgresql":
        pytest.skip("two servers share one PostgreSQL (make test-postgres)")
    server = os.environ.get("DATABASE_URL", drill.PG_SERVER).rsplit("/", 1)[0]
    url = drill.fresh_postgresql_database(server, "shinchoku_two_servers")
    env = os.environ | {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "shinchoku.settings",
        "SHINCHOKU_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    for args in (["migrate", "--no-input", "-v0"], ["demo", "--password", PASSWORD]):
        subprocess.run(
            [sys.executable, "-m", "shinchoku.cli", *args], env=env, check=True, capture_output=True
        )
    processes = [
        subprocess.Popen(
            [str(GUNICORN), "shinchoku.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
            env=env,
        )
        for port in PORTS
    ]
    try:
        bases = tuple(f"http://127.0.0.1:{port}" for port in PORTS)
        for base in bases:
            _wait_for(base)
        yield bases  # type: ignore[misc]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def _wait_for(base: str) -> None:
    for _ in range(150):
        try:
            requests.get(f"{base}/login/", timeout=20)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise AssertionError(f"{base} did not start")


def _csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=30).text
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match, url
    return match.group(1)


def test_log_in_on_one_server_and_go_on_with_the_other(servers: tuple[str, str]) -> None:
    first, second = servers
    browser = requests.Session()
    browser.trust_env = False  # loopback: no proxy from the environment
    token = _csrf(browser, f"{first}/login/")
    response = browser.post(
        f"{first}/login/",
        {"username": "jimukyoku", "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{first}/login/"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302
    page = browser.get(f"{second}/plans/saitama-r3/", allow_redirects=False, timeout=30)
    assert page.status_code == 200 and "さいたま市再犯防止推進計画" in page.text

    # A file previewed on the second server is imported by a confirmation sent to the first.
    token = _csrf(browser, f"{second}/imports/")
    preview = browser.post(
        f"{second}/imports/",
        {
            "kind": "plan",
            "slug": "two-servers",
            "plan_name": "二つのサーバーで取り込んだ計画（テスト）",
            "first_year": "令和8年度",
            "last_year": "令和12年度",
            "csrfmiddlewaretoken": token,
        },
        files={"file": ("plan.xlsx", xlsx(small_plan_rows()))},
        headers={"Referer": f"{second}/imports/"},
        timeout=60,
    )
    assert preview.status_code == 200, preview.text[:500]
    action = re.search(r'action="(/imports/[0-9a-f]+/confirm/)"', preview.text)
    assert action
    confirmed = browser.post(
        f"{first}{action.group(1)}",
        {"csrfmiddlewaretoken": _csrf(browser, f"{first}/imports/")},
        headers={"Referer": f"{first}/imports/"},
        allow_redirects=False,
        timeout=60,
    )
    assert confirmed.status_code == 302
    assert browser.get(f"{second}/plans/two-servers/", timeout=30).status_code == 200

    # Logging out on one server ends the session on both.
    browser.post(
        f"{second}/logout/",
        {"csrfmiddlewaretoken": _csrf(browser, f"{second}/imports/")},
        headers={"Referer": f"{second}/"},
        timeout=30,
    )
    assert browser.get(f"{first}/plans/saitama-r3/", allow_redirects=False, timeout=30).status_code == 302
