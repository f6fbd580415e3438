"""The deadline-day mix on loopback: departments entering, the secretariat reviewing, the public searching.

Run by `make loadtest` (loadtest/run.py starts gunicorn on PostgreSQL and this scenario).
"""

import itertools
import os
import random
import re
import sys
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from html_forms import form_values

PASSWORD = "load-test-password"
PLAN, YEAR = "saitama-r3", 2022
ENTRY_LINK = re.compile(r'href="/entries/(\d+)/"')
WINDOW_LINK = re.compile(r'href="(/directory/[0-9a-f-]{36}/)"')
SEARCHES = ["就労", "住まい", "ｼｭｳﾛｳ", "相談", "依存症", "家族", "高齢", ""]


class LoggedIn(HttpUser):
    abstract = True
    username = ""

    def on_start(self) -> None:
        page = self.client.get("/login/", name="login page")
        data = form_values(page.text, matching="action=/login/") | {
            "username": self.username,
            "password": PASSWORD,
        }
        with self.client.post("/login/", data, name="log in", catch_response=True) as response:
            if "/login/" in response.url:
                response.failure(f"{self.username} could not log in")


class Department(LoggedIn):
    """A department editor filling in the year's entries on the deadline day."""

    weight = 3
    wait_time = between(1, 4)

    accounts = itertools.cycle(os.environ.get("LOAD_EDITORS", "roudou,jutaku").split(","))

    def on_start(self) -> None:
        self.username = next(self.accounts)  # one department each, shared only when users outnumber them
        super().on_start()
        listing = self.client.get(f"/plans/{PLAN}/{YEAR}/entries/", name="entry list")
        self.entries = sorted(set(ENTRY_LINK.findall(listing.text)))

    @task(2)
    def entry_list(self) -> None:
        self.client.get(f"/plans/{PLAN}/{YEAR}/entries/", name="entry list")

    @task(3)
    def save_an_entry(self) -> None:
        if not self.entries:
            return
        url = f"/entries/{random.choice(self.entries)}/edit/"
        for attempt in range(3):
            page = self.client.get(url, name="entry form")
            data = form_values(page.text, matching="class=entry-form")
            data["activities"] = f"負荷試験の入力 {random.randint(1, 10**6)}"
            with self.client.post(
                url, data, name="entry save", catch_response=True, allow_redirects=False
            ) as saved:
                if saved.status_code == 302:
                    return
                if saved.status_code == 409 and attempt < 2:
                    saved.success()  # someone saved first: read again and retry, as a person would
                    continue
                saved.failure(f"entry save answered {saved.status_code}")
                return

    @task(1)
    def home(self) -> None:
        self.client.get("/", name="home")


class Secretariat(LoggedIn):
    """The secretariat following the status board and the figures."""

    weight = 1
    wait_time = between(2, 5)
    username = "jimukyoku"

    @task(3)
    def board(self) -> None:
        self.client.get(f"/plans/{PLAN}/{YEAR}/board/", name="status board")

    @task(2)
    def dashboard(self) -> None:
        self.client.get(f"/plans/{PLAN}/2021/dashboard/", name="dashboard")

    @task(2)
    def entries(self) -> None:
        self.client.get(f"/plans/{PLAN}/{YEAR}/entries/", name="entry list")

    @task(1)
    def report(self) -> None:
        self.client.get(f"/plans/{PLAN}/2021/report.html", name="council report (HTML)")


class Public(HttpUser):
    """Someone looking for a help desk, no login."""

    weight = 2
    wait_time = between(1, 3)

    @task(4)
    def search(self) -> None:
        page = self.client.get("/directory/", params={"q": random.choice(SEARCHES)}, name="directory search")
        self.windows = WINDOW_LINK.findall(page.text)

    @task(2)
    def window(self) -> None:
        if getattr(self, "windows", None):
            self.client.get(random.choice(self.windows), name="window page")
