"""Typed work is never lost (issue 18, part 2): heartbeat, autosave, and values kept past a session."""

import datetime
import re
import time

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from shinchoku.accounts.middleware import LOGIN_AT, SEEN_AT
from shinchoku.accounts.models import Department, KeptForm, Role, User
from shinchoku.accounts.typed_work import KEPT_COOKIE, OWNER_COOKIE
from shinchoku.plans.models import EntryEvent, YearlyEntry
from tests_helpers import DEMO_PASSWORD, db_state, login

from .test_cycle_views import form_data

pytestmark = pytest.mark.django_db
LONG_TEXT = "ワークステーションさいたまで就労相談を行い、" * 40  # a long 取組内容, 880 characters
RESTORED = "入力した内容は保存されていませんでした"


def logged_in(username: str = "roudou") -> Client:
    """Return a browser that logged in through the login page (so it carries the owner cookie)."""
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def end_every_session() -> None:
    Session.objects.all().delete()


def test_autosave_saves_a_draft_through_the_save_service(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["draft"]
    response = login("roudou").post(
        reverse("plans:edit", args=[entry.pk]), form_data(entry, activities=LONG_TEXT, autosave="1")
    )
    assert response.status_code == 200
    body = response.json()
    assert body["saved"] is True and body["version"] == entry.version + 1
    assert re.fullmatch(r"下書きを自動保存しました（\d\d:\d\d）", body["message"])
    entry.refresh_from_db()
    assert (entry.activities, entry.status, entry.version) == (LONG_TEXT, "draft", body["version"])
    assert entry.history.first().history_user.username == "roudou"
    assert not EntryEvent.objects.filter(entry=entry).exists()  # a draft, not a workflow step


def test_autosave_never_overwrites_another_persons_save(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["draft"]
    page_version = form_data(entry)["version"]
    assert login("roudou").post(reverse("plans:edit", args=[entry.pk]), form_data(entry)).status_code == 302
    stale = form_data(entry, version=page_version, result_text="自動保存の古い画面", autosave="1")
    client = login("roudou")  # logging in writes the user's history: before the snapshot
    before = db_state()
    response = client.post(reverse("plans:edit", args=[entry.pk]), stale)
    assert response.status_code == 409
    assert response.json()["conflict"] is True and "他の人が保存しました" in response.json()["message"]
    assert db_state() == before
    entry.refresh_from_db()
    assert entry.result_text == "就職者数 306人"


def test_autosave_with_a_bad_number_saves_nothing(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["draft"]
    client = login("roudou")  # logging in writes the user's history: before the snapshot
    before = db_state()
    response = client.post(
        reverse("plans:edit", args=[entry.pk]), form_data(entry, **{"ind-0-actual": "約300", "autosave": "1"})
    )
    assert response.status_code == 400 and response.json()["saved"] is False
    assert db_state() == before


def test_a_heartbeat_slides_the_idle_limit() -> None:
    client = logged_in()
    session = client.session
    session[SEEN_AT] = int(time.time()) - 10 * 60  # last seen ten minutes ago: 20 idle minutes left
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=20)
    )
    response = client.post(reverse("accounts:heartbeat"))
    assert response.status_code == 200 and response.json()["alive"] is True
    left = Session.objects.get(session_key=session.session_key).expire_date - timezone.now()
    assert left > datetime.timedelta(minutes=29)  # 30 idle minutes again


def test_a_heartbeat_does_not_outlast_the_ten_hour_limit() -> None:
    client = logged_in()
    session = client.session
    session[LOGIN_AT] = int(time.time()) - 10 * 3600 - 1
    session.save()
    response = client.post(reverse("accounts:heartbeat"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(reverse("home")).status_code == 302  # logged out


def test_an_anonymous_heartbeat_goes_to_the_login() -> None:
    response = Client().post(reverse("accounts:heartbeat"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_save_after_the_session_ended_is_restored_after_logging_in(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["draft"]
    url = reverse("plans:edit", args=[entry.pk])
    browser = logged_in()
    assert browser.get(url).status_code == 200
    end_every_session()
    response = browser.post(url, form_data(entry, activities=LONG_TEXT, save="1"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    entry.refresh_from_db()
    assert entry.activities == ""  # nothing saved without a session
    assert KeptForm.objects.get().user.username == "roudou"
    browser.post(reverse("login"), {"username": "roudou", "password": DEMO_PASSWORD})
    page = browser.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert RESTORED in html and LONG_TEXT in html
    assert not KeptForm.objects.exists()  # deleted once restored
    assert RESTORED not in browser.get(url).content.decode()  # and only once
    assert browser.post(url, form_data(entry, activities=LONG_TEXT)).status_code == 302
    entry.refresh_from_db()
    assert entry.activities == LONG_TEXT


def test_kept_values_are_never_given_to_another_user(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["draft"]
    colleague = User.objects.create_user(
        "roudou2", password=DEMO_PASSWORD, organization=entry.department.organization, role=Role.EDITOR
    )
    colleague.departments.add(Department.objects.get(name="労働政策課"))
    url = reverse("plans:edit", args=[entry.pk])
    browser = logged_in()
    browser.get(url)
    end_every_session()
    browser.post(url, form_data(entry, activities=LONG_TEXT))
    browser.post(reverse("login"), {"username": "roudou2", "password": DEMO_PASSWORD})
    html = browser.get(url).content.decode()
    assert RESTORED not in html and LONG_TEXT not in html
    assert KeptForm.objects.get().user.username == "roudou"  # still waiting for its writer


def test_a_forged_owner_cookie_keeps_nothing(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["draft"]
    browser = Client()
    browser.cookies[OWNER_COOKIE] = signing.dumps("roudou", salt="another.salt")
    before = db_state()
    response = browser.post(reverse("plans:edit", args=[entry.pk]), form_data(entry, activities=LONG_TEXT))
    assert response.status_code == 302
    assert db_state() == before and KEPT_COOKIE not in response.cookies


def test_a_save_after_the_ten_hour_limit_is_kept_for_its_writer(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["draft"]
    url = reverse("plans:edit", args=[entry.pk])
    browser = logged_in()
    session = browser.session
    session[LOGIN_AT] = int(time.time()) - 10 * 3600 - 1
    session.save()
    response = browser.post(url, form_data(entry, activities=LONG_TEXT))
    assert response.status_code == 302 and "/login/" in response["Location"]
    entry.refresh_from_db()
    assert entry.activities == ""
    browser.post(reverse("login"), {"username": "roudou", "password": DEMO_PASSWORD})
    assert LONG_TEXT in browser.get(url).content.decode()


def test_kept_values_expire_after_a_day(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["draft"]
    url = reverse("plans:edit", args=[entry.pk])
    browser = logged_in()
    browser.get(url)
    end_every_session()
    browser.post(url, form_data(entry, activities=LONG_TEXT))
    KeptForm.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    browser.post(reverse("login"), {"username": "roudou", "password": DEMO_PASSWORD})
    assert LONG_TEXT not in browser.get(url).content.decode()


def test_a_conflict_page_keeps_the_typed_text(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["draft"]
    stale = form_data(entry, activities=LONG_TEXT)
    assert login("roudou").post(reverse("plans:edit", args=[entry.pk]), form_data(entry)).status_code == 302
    response = login("roudou").post(reverse("plans:edit", args=[entry.pk]), stale)
    assert response.status_code == 409 and LONG_TEXT in response.content.decode()


def test_the_admin_lists_kept_values_without_showing_them(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["draft"]
    url = reverse("plans:edit", args=[entry.pk])
    browser = logged_in()
    browser.get(url)
    end_every_session()
    browser.post(url, form_data(entry, activities=LONG_TEXT))
    administrator = User.objects.filter(role=Role.ADMINISTRATOR).first()
    assert administrator is not None
    admin = Client()
    admin.force_login(administrator)
    listing = admin.get("/admin/accounts/keptform/")
    assert listing.status_code == 200 and LONG_TEXT[:20] not in listing.content.decode()


def submitted(entry: YearlyEntry) -> YearlyEntry:
    client = login("roudou")
    assert (
        client.post(reverse("plans:edit", args=[entry.pk]), form_data(entry, submit="1")).status_code == 302
    )
    entry.refresh_from_db()
    assert entry.status == "submitted"
    return entry


def test_a_department_withdraws_its_submission_before_the_secretariat_acts(
    cycle: dict[str, YearlyEntry],
) -> None:
    entry = submitted(cycle["draft"])
    response = login("roudou").post(
        reverse("plans:withdraw", args=[entry.pk]), {"version": entry.version, "reason": "実績値を直します"}
    )
    assert response.status_code == 302
    before = entry.version
    entry.refresh_from_db()
    assert (entry.status, entry.version) == ("draft", before + 1)
    event = EntryEvent.objects.filter(entry=entry).last()
    assert event is not None
    assert (event.action, event.actor.username, event.comment) == ("withdrawn", "roudou", "実績値を直します")
    assert entry.history.first().history_user.username == "roudou"
    # The secretariat sees it in the entry's workflow and on the status board.
    secretariat = login("jimukyoku")
    assert "取り下げ" in secretariat.get(reverse("plans:entry", args=[entry.pk])).content.decode()
    board = secretariat.get(reverse("plans:board", args=["saitama-r3", 2022])).content.decode()
    assert "取り下げられた提出" in board and "実績値を直します" in board


def test_a_submission_the_secretariat_confirmed_cannot_be_withdrawn(cycle: dict[str, YearlyEntry]) -> None:
    from shinchoku.plans import workflow

    entry = submitted(cycle["draft"])
    workflow.confirm_entry(
        entry=entry,
        actor=User.objects.get(username="jimukyoku"),
        version=entry.version,
        final_grade="",
        reason="",
    )
    entry.refresh_from_db()
    client = login("roudou")  # logging in writes the user's history: before the snapshot
    before = db_state()
    with pytest.raises(workflow.WorkflowError, match="提出中の取組のみ取り下げられます"):
        workflow.withdraw_entry(entry=entry, actor=User.objects.get(username="roudou"), version=entry.version)
    assert (
        client.post(reverse("plans:withdraw", args=[entry.pk]), {"version": entry.version}).status_code == 403
    )
    assert db_state() == before


def test_a_stale_withdrawal_changes_nothing(cycle: dict[str, YearlyEntry]) -> None:
    entry = submitted(cycle["draft"])
    client = login("roudou")  # logging in writes the user's history: before the snapshot
    before = db_state()
    response = client.post(
        reverse("plans:withdraw", args=[entry.pk]), {"version": entry.version - 1}, follow=True
    )
    assert "他の人が保存しました" in response.content.decode()
    assert db_state() == before


def test_the_secretariat_cannot_withdraw_a_departments_submission(cycle: dict[str, YearlyEntry]) -> None:
    from django.core.exceptions import PermissionDenied

    from shinchoku.plans import workflow

    entry = submitted(cycle["draft"])
    with pytest.raises(PermissionDenied):
        workflow.withdraw_entry(
            entry=entry, actor=User.objects.get(username="jimukyoku"), version=entry.version
        )


def test_the_form_shows_the_previous_year_beside_this_years(cycle: dict[str, YearlyEntry]) -> None:
    previous = cycle["confirmed"]
    assert previous.activities and previous.final_grade
    html = login("roudou").get(reverse("plans:edit", args=[cycle["draft"].pk])).content.decode()
    assert "令和3年度（前年度）" in html and "前年度の内容をコピー" in html
    assert previous.activities.splitlines()[0] in html
    assert f'id="previous-grade">{previous.final_grade}</div>' in html


def test_the_result_text_is_drafted_from_the_typed_figures_without_saving(
    cycle: dict[str, YearlyEntry],
) -> None:
    entry = cycle["draft"]
    data = form_data(entry, result_text="", draft_result="1", **{"ind-0-actual": "２９０"})
    client = login("roudou")  # logging in writes the user's history: before the snapshot
    before = db_state()
    response = client.post(reverse("plans:edit", args=[entry.pk]), data)
    assert response.status_code == 200
    name = data["ind-0-name"]
    assert f"・{name}　290人" in response.content.decode()
    assert db_state() == before


def test_a_figure_in_the_text_that_differs_from_the_indicator_is_pointed_out_not_refused(
    cycle: dict[str, YearlyEntry],
) -> None:
    entry = cycle["draft"]
    name = form_data(entry)["ind-0-name"]
    data = form_data(entry, result_text=f"・{name}　306人", **{"ind-0-actual": "290"})
    client = login("roudou")
    assert client.post(reverse("plans:edit", args=[entry.pk]), data).status_code == 302  # saved
    page = client.get(reverse("plans:edit", args=[entry.pk])).content.decode()
    assert f"{name}: 指標の値は 290人、文章では 306人 です。" in page
    entry.refresh_from_db()
    autosave = client.post(
        reverse("plans:edit", args=[entry.pk]),
        form_data(entry, result_text=f"・{name}　300人", autosave="1", **{"ind-0-actual": "290"}),
    ).json()
    assert autosave["saved"] and autosave["mismatches"] == [
        f"{name}: 指標の値は 290人、文章では 300人 です。"
    ]


def test_a_save_that_cannot_be_submitted_keeps_the_new_version_on_the_page(
    cycle: dict[str, YearlyEntry],
) -> None:
    entry = cycle["draft"]
    client = login("roudou")
    response = client.post(
        reverse("plans:edit", args=[entry.pk]), form_data(entry, result_text="", submit="1")
    )
    assert response.status_code == 400 and "提出する前に入力してください" in response.content.decode()
    entry.refresh_from_db()
    assert f'name="version" value="{entry.version}"' in response.content.decode()
    assert (
        client.post(reverse("plans:edit", args=[entry.pk]), form_data(entry, result_text="成果")).status_code
        == 302
    )


def test_the_home_page_lists_the_current_plan_above_the_next_one(cycle: dict[str, YearlyEntry]) -> None:
    from shinchoku.plans.models import Plan

    current = Plan.objects.get(slug="saitama-r3")
    Plan.objects.create(
        organization=current.organization,
        slug="saitama-r8",
        name="第2次さいたま市再犯防止推進計画（案）",
        first_year=current.last_year + 1,
        last_year=current.last_year + 5,
        predecessor=current,
    )
    html = login("jimukyoku").get(reverse("home")).content.decode()
    assert html.index(reverse("plans:plan", args=["saitama-r3"])) < html.index(
        reverse("plans:plan", args=["saitama-r8"])
    )


def test_a_bad_number_on_a_draft_save_is_listed_at_the_top_with_a_link_to_its_field(
    cycle: dict[str, YearlyEntry],
) -> None:
    entry = cycle["draft"]
    data = form_data(entry, save="1", **{"ind-0-actual": "約300"})
    response = login("roudou").post(reverse("plans:edit", args=[entry.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[
        html.index('class="error-summary"') : html.index("</div>", html.index('class="error-summary"'))
    ]
    assert "入力内容を確認してください" in summary
    assert (
        f'<a href="#id_ind-0-actual">実績値（{data["ind-0-name"]}）: 「約300」は数値として読めません'
        in summary
    )


def test_after_an_error_the_indicator_name_stays_a_label_not_a_narrow_input(
    cycle: dict[str, YearlyEntry],
) -> None:
    entry = cycle["draft"]
    data = form_data(entry, **{"ind-0-actual": "約300"})
    html = login("roudou").post(reverse("plans:edit", args=[entry.pk]), data).content.decode()
    assert f'<span id="ind-0-label">{data["ind-0-name"]}</span>' in html
    assert 'type="text" name="ind-0-name"' not in html


def test_the_conflict_page_shows_what_the_other_person_saved(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["draft"]
    stale = form_data(entry, result_text="二人目が入力した成果")
    assert login("roudou").post(reverse("plans:edit", args=[entry.pk]), form_data(entry)).status_code == 302
    response = login("roudou").post(reverse("plans:edit", args=[entry.pk]), stale)
    assert response.status_code == 409
    html = response.content.decode()
    conflict = html[
        html.index('class="card conflict"') : html.index("</section>", html.index('class="card conflict"'))
    ]
    assert "さんが保存した内容" in conflict and "就職者数 306人" in conflict
    assert "二人目が入力した成果" in html  # the typed text is kept in the form
    assert "data-autosave" not in html  # no autosave over their save until a button is pressed
    entry.refresh_from_db()
    assert f'name="version" value="{entry.version}"' in html
    # Having seen their save, a second press replaces it deliberately.
    again = form_data(entry, result_text="二人目が入力した成果")
    assert login("roudou").post(reverse("plans:edit", args=[entry.pk]), again).status_code == 302
