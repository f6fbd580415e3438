"""The council report's files are built once per fingerprint; a slow first build says 「作成中…」 (issue 23, item 5).

No time is asserted: the second download is fast because the builder is not called again.
Saitama's 令和3年度 of the demo; program 12's entry is reopened where a change is needed.
"""

from typing import Any
from unittest import mock

import pytest
from django.test import Client

from fake_threads import Threads
from shinchoku.accounts.models import User
from shinchoku.plans import workflow
from shinchoku.plans.models import YearlyEntry
from shinchoku.reports import documents
from shinchoku.reports.figures import ReportInputError
from tests_helpers import login

pytestmark = pytest.mark.django_db
PDF = "/plans/saitama-r3/2021/report.pdf"
PPTX = "/plans/saitama-r3/2021/report.pptx"


@pytest.fixture
def builds() -> Any:
    with mock.patch.object(documents, "build", wraps=documents.build) as built:
        yield built


def reopen_program_12() -> None:
    entry = YearlyEntry.objects.get(program__plan__slug="saitama-r3", program__number=12, fiscal_year=2021)
    workflow.reopen_entry(
        entry=entry, actor=User.objects.get(username="jimukyoku"), version=entry.version, reason="数値の確認"
    )


def download(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def test_the_second_download_of_the_pdf_and_the_deck_is_not_built_again(builds: mock.Mock) -> None:
    client = login("jimukyoku")
    first = download(client, PDF)
    assert download(client, PDF) == first
    assert first.startswith(b"%PDF")
    download(client, PPTX)
    download(client, PPTX)
    assert [c.args[0] for c in builds.call_args_list] == ["pdf", "pptx"]


def test_a_workflow_step_makes_the_next_download_new(builds: mock.Mock) -> None:
    client = login("jimukyoku")
    download(client, PDF)
    reopen_program_12()
    download(client, PDF)
    assert builds.call_count == 2


def test_a_council_member_never_gets_the_secretariats_file(builds: mock.Mock) -> None:
    reopen_program_12()  # the secretariat's file counts it, the council's does not
    download(login("jimukyoku"), PDF)
    download(login("iin"), PDF)
    assert [c.kwargs["confirmed_only"] for c in builds.call_args_list] == [False, True]
    download(login("jimukyoku"), PDF + "?checks=0")
    assert builds.call_count == 3  # the copy without the checks page is a file of its own


@pytest.fixture
def threads() -> Any:
    fake = Threads()
    outside = mock.Mock(in_atomic_block=False)  # as a web request is: no transaction around it
    with (
        mock.patch.object(documents.threading, "Thread", fake),
        mock.patch.object(documents, "connection", outside),
    ):
        yield fake


def test_a_slow_first_build_shows_making_and_reloads_until_ready(threads: Threads) -> None:
    client = login("jimukyoku")
    response = client.get(PDF)
    page = response.content.decode()
    assert response.status_code == 202
    assert 'role="status"' in page and "作成中…" in page
    assert f'<meta http-equiv="refresh" content="3; url={PDF}">' in page  # no JavaScript needed
    assert f'href="{PDF}">今すぐ再読み込みする</a>' in page
    assert client.get(PDF).status_code == 202
    assert len(threads.started) == 1  # one build, however often the page reloads
    key, builder, done = threads.started[0]
    documents.build_and_keep(key, builder, done)
    assert download(client, PDF).startswith(b"%PDF")


def test_a_failed_build_says_so_and_is_started_again_when_asked(threads: Threads) -> None:
    client = login("jimukyoku")
    client.get(PDF + "?checks=0")
    key, _builder, done = threads.started[0]

    def refused() -> bytes:
        raise ReportInputError("令和3年度の年度別取組がまだありません。")

    documents.build_and_keep(key, refused, done)
    page = client.get(PDF + "?checks=0").content.decode()
    assert "令和3年度の年度別取組がまだありません。" in page
    assert 'http-equiv="refresh"' not in page
    assert f'href="{PDF}?checks=0&amp;retry=1">もう一度作成する</a>' in page
    assert client.get(PDF + "?checks=0&retry=1").status_code == 202
    assert len(threads.started) == 2


def test_a_build_past_its_lease_is_not_started_again_while_its_thread_still_runs(threads: Threads) -> None:
    """The insider's 10,000-character reason made a PDF build run past the 5-minute lease: every
    reload after it started another thread in the same server, and they piled up."""
    client = login("jimukyoku")
    assert client.get(PDF).status_code == 202
    key, builder, done = threads.started[0]
    documents.django_cache.delete(f"{key}:building")  # the lease has run out; the first build runs on

    assert client.get(PDF).status_code == 202
    assert len(threads.started) == 1  # not a second thread in this server

    documents.build_and_keep(key, builder, done)  # the first build ends
    assert download(client, PDF).startswith(b"%PDF")
