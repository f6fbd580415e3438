"""A large plan or progress file is checked and imported in the background, its page showing how far it is (issue 23, item 5).

The file is kept before anything else (it is never lost); the page says 「確認中…」 or 「取り込んでいます…」
with the seconds so far and reloads itself until the preview or the result can be shown. No time is
asserted: the threshold is set to 0 bytes here, and the thread is replaced by a stand-in run when told.
"""

from typing import Any
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import fake_threads
from shinchoku.imports import background
from shinchoku.imports.models import ImportRecord, PendingUpload
from shinchoku.plans.models import Plan
from tests_helpers import login
from workbooks import small_plan_rows, xlsx

pytestmark = pytest.mark.django_db

NEW_PLAN = {
    "kind": "plan",
    "slug": "new-plan",
    "plan_name": "新しい計画",
    "first_year": "令和8年度",
    "last_year": "令和12年度",
}


@pytest.fixture(autouse=True)
def every_file_is_large(settings: Any) -> None:
    settings.IMPORT_BACKGROUND_BYTES = 0


def upload(client: Client, content: bytes, **fields: str) -> Any:
    return client.post("/imports/", {"file": SimpleUploadedFile("plan.xlsx", content), **fields})


def progress_url(response: Any) -> str:
    assert response.status_code == 302
    url: str = response["Location"]
    assert url.startswith("/imports/") and url.endswith("/progress/")
    return url


def test_a_large_plan_is_kept_checked_previewed_and_imported_through_its_progress_page() -> None:
    client = login("jimukyoku")
    url = progress_url(upload(client, xlsx(small_plan_rows()), **NEW_PLAN))
    assert PendingUpload.objects.filter(user__username="jimukyoku").count() == 1  # kept first
    preview = client.get(url)
    assert preview.status_code == 200
    assert preview.context["summary"]["programs"] == 4
    assert not Plan.objects.filter(slug="new-plan").exists()  # nothing before confirming
    token = preview.context["token"]
    assert progress_url(client.post(f"/imports/{token}/confirm/")) == url
    done = client.get(url)
    assert done.status_code == 302 and done["Location"] == "/imports/"
    (message,) = [str(m) for m in get_messages(done.wsgi_request)]
    assert message.startswith("ファイルを取り込みました。") and "事業 4" in message
    assert Plan.objects.get(slug="new-plan").organization.name == "さいたま市"
    assert ImportRecord.objects.get(plan_slug="new-plan").imported_by.username == "jimukyoku"
    assert not PendingUpload.objects.exists()
    assert client.get(url).status_code == 404  # the outcome is shown once


def test_the_problems_of_a_large_progress_file_are_listed_and_nothing_is_written() -> None:
    rows = small_plan_rows()
    rows[7] = list(rows[7])
    rows[7][6] = "D"
    client = login("jimukyoku")
    plan = Plan.objects.get(slug="saitama-r3")
    fields = {"kind": "progress", "plan": str(plan.pk), "fiscal_year": "令和3年度"}
    page = client.get(progress_url(upload(client, xlsx(rows), **fields)))
    assert page.status_code == 400
    assert "「労働課」は事業番号1の所管課ではありません" in page.content.decode()
    assert not ImportRecord.objects.exists() and not PendingUpload.objects.exists()


def test_another_persons_upload_has_no_progress_page() -> None:
    url = progress_url(upload(login("jimukyoku"), xlsx(small_plan_rows()), **NEW_PLAN))
    assert login("admin").get(url).status_code == 404


class Threads(fake_threads.Threads):
    """The stand-in thread, told to run the import job it recorded."""

    def run(self, number: int = -1) -> None:
        token, job, work, _language = self.started[number]
        background.run_job(token, job, work)


@pytest.fixture
def threads() -> Any:
    fake = Threads()
    outside = mock.Mock(in_atomic_block=False)  # as a web request is: no transaction around it
    with (
        mock.patch.object(background.threading, "Thread", fake),
        mock.patch.object(background, "connection", outside),
    ):
        yield fake


def test_while_a_large_file_is_checked_its_page_says_so_and_reloads_itself(threads: Threads) -> None:
    client = login("jimukyoku")
    url = progress_url(upload(client, xlsx(small_plan_rows()), **NEW_PLAN))
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 202
    assert 'role="status"' in page and "確認中…" in page and "2段階のうち1段階目" in page
    assert f'<meta http-equiv="refresh" content="3; url={url}">' in page  # no JavaScript needed
    assert "plan.xlsx" in page and "ファイルは保存されています" in page
    assert client.get(url).status_code == 202
    assert len(threads.started) == 1  # one check, however often the page reloads
    threads.run()
    token = client.get(url).context["token"]
    progress_url(client.post(f"/imports/{token}/confirm/"))
    importing = client.get(url).content.decode()
    assert "取り込んでいます…" in importing and "2段階のうち2段階目" in importing
    assert not Plan.objects.filter(slug="new-plan").exists()
    threads.run()
    assert client.get(url)["Location"] == "/imports/"
    assert Plan.objects.filter(slug="new-plan").exists()


def test_a_job_that_fails_keeps_the_file_says_why_in_japanese_and_is_checked_again_when_asked(
    threads: Threads,
) -> None:
    client = login("jimukyoku")
    url = progress_url(upload(client, xlsx(small_plan_rows()), **NEW_PLAN))
    token, job, _work, _language = threads.started[0]

    def broken() -> Any:
        raise OSError("the disk is full")

    background.run_job(token, job, broken)
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "ファイルを確認できませんでした。ファイルは保存されています。もう一度確認してください。" in page
    assert 'http-equiv="refresh"' not in page and "disk" not in page
    assert f'href="{url}?retry=1">もう一度確認する</a>' in page
    assert PendingUpload.objects.filter(token=token).exists()  # never lost
    assert client.get(url + "?retry=1").status_code == 202
    assert len(threads.started) == 2
    threads.run()
    assert client.get(url).context["summary"]["programs"] == 4


def test_a_check_whose_state_was_lost_is_started_again_from_the_kept_file(threads: Threads) -> None:
    client = login("jimukyoku")
    url = progress_url(upload(client, xlsx(small_plan_rows()), **NEW_PLAN))
    token = threads.started[0][0]
    background.forget(token)  # the cache emptied, or the server stopped mid-way
    assert client.get(url).status_code == 202
    assert len(threads.started) == 2
    threads.run()
    assert client.get(url).context["summary"]["programs"] == 4
