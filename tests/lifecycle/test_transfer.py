"""The April change (人事異動) of a department's people in one step, on the secretariat's screen (issue 20).

The scenario: on 1 April 令和5年, with 令和4年度 open, 福祉総務課 of さいたま市 has five accounts.
Two leave the city's welfare work (deactivated), one moves to 地域福祉課, two stay and two arrive.
What the leavers had in hand passes on; nothing typed is lost. The people are test data (（テスト）).
"""

import datetime
import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared_db import undone
from shinchoku.accounts.models import Department, KeptForm, Role, User
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, YearlyEntry
from shinchoku.plans.workflow import EntryInput
from smtp_servers import Inbox, smtp_server
from tests_helpers import db_state, login

pytestmark = pytest.mark.django_db

PEOPLE = [  # login name, 氏名 (test data)
    ("fukushi-sato", "佐藤 一郎（テスト）"),
    ("fukushi-kato", "加藤 花子（テスト）"),
    ("fukushi-ito", "伊藤 次郎（テスト）"),
    ("fukushi-saito", "斎藤 三郎（テスト）"),
    ("fukushi-endo", "遠藤 和子（テスト）"),
]


@pytest.fixture
def fukushi() -> Department:
    """福祉総務課 with its five accounts, 令和4年度 opened (drafts), and 地域福祉課 to move to."""
    jimukyoku = User.objects.get(username="jimukyoku")
    workflow.open_year(
        plan=Plan.objects.get(slug="saitama-r3"),
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=jimukyoku,
    )
    department = Department.objects.get(name="福祉総務課")
    Department.objects.create(organization=department.organization, name="地域福祉課")
    for username, name in PEOPLE:
        person = User.objects.create_user(
            username, organization=department.organization, role=Role.EDITOR, last_name=name
        )
        person.departments.add(department)
    return department


def person(username: str) -> User:
    return User.objects.get(username=username)


def entries_2022(department: Department) -> list[YearlyEntry]:
    return list(
        YearlyEntry.objects.filter(department=department, fiscal_year=2022).order_by("program__number")
    )


def write(entry: YearlyEntry, username: str) -> None:
    """The person saves the entry's draft (so the history says they had it in hand)."""
    workflow.save_entry(
        entry=entry,
        actor=person(username),
        version=entry.version,
        data=EntryInput(
            activities="刑務所出所者等の地域生活定着支援を実施しました。",
            target_text="",
            result_text="",
            evaluation_type="qualitative",
            proposed_grade="",
            proposed_reason="",
        ),
    )


def april(
    department: Department, changes: dict[str, tuple[str, str, str]], newcomers: list[tuple[str, ...]]
) -> dict[str, str]:
    """The form as the secretariat fills it: per login name (what, moved to, successor), newcomer rows."""
    data: dict[str, str] = {}
    for username, (what, move_to, successor) in changes.items():
        pk = person(username).pk
        data[f"what_{pk}"] = what
        data[f"move_to_{pk}"] = str(Department.objects.get(name=move_to).pk) if move_to else ""
        data[f"successor_{pk}"] = successor if successor.startswith("n") else f"p{person(successor).pk}"
    for i, (name, username, email) in enumerate(newcomers):
        data |= {f"new{i}_full_name": name, f"new{i}_username": username, f"new{i}_email": email}
    return data


NEWCOMERS = [
    ("新井 四郎（テスト）", "fukushi-arai", "arai@saitama.example"),
    ("小野 五月（テスト）", "fukushi-ono", ""),
]


def the_april_change(department: Department) -> dict[str, str]:
    return april(
        department,
        {
            "fukushi-sato": ("leave", "", "fukushi-saito"),
            "fukushi-kato": ("leave", "", "n0"),
            "fukushi-ito": ("move", "地域福祉課", "n1"),
        },
        NEWCOMERS,
    )


def url(department: Department) -> str:
    return reverse("accounts:department_transfer", args=[department.pk])


def test_the_confirmation_says_exactly_what_will_happen_and_changes_nothing(fukushi: Department) -> None:
    first, second = entries_2022(fukushi)[:2]
    write(first, "fukushi-sato")
    write(second, "fukushi-ito")
    before = db_state()

    response = login("jimukyoku").post(url(fukushi), the_april_change(fukushi) | {"action": "preview"})

    assert response.status_code == 200
    summary = response.context["outcome"]
    assert [p.username for p in summary.deactivated] == ["fukushi-kato", "fukushi-sato"]
    assert [(p.username, d.name) for p, d in summary.moved] == [("fukushi-ito", "地域福祉課")]
    assert [n.username for n in summary.added] == ["fukushi-arai", "fukushi-ono"]
    handed = {h.leaving.person.username: (h.successor, h.held.entry_count) for h in summary.handovers}
    assert handed == {
        "fukushi-sato": ("fukushi-saito", 1),
        "fukushi-kato": ("fukushi-arai", 0),
        "fukushi-ito": ("fukushi-ono", 1),
    }
    page = response.content.decode()
    assert "アカウントの無効化 2件" in page and "取組の引継ぎ 2件" in page
    assert db_state() == before


def test_the_april_change_of_fukushi_soumuka_is_made_in_one_step(fukushi: Department) -> None:
    held = entries_2022(fukushi)[0]
    write(held, "fukushi-sato")
    client = login("jimukyoku")

    response = client.post(url(fukushi), the_april_change(fukushi) | {"action": "apply"})

    assert response.status_code == 302
    assert not person("fukushi-sato").is_active and not person("fukushi-kato").is_active
    ito = person("fukushi-ito")
    assert ito.is_active and [d.name for d in ito.departments.all()] == ["地域福祉課"]
    for username in ("fukushi-arai", "fukushi-ono"):
        newcomer = person(username)
        assert newcomer.role == Role.EDITOR and not newcomer.has_usable_password()
        assert list(newcomer.departments.all()) == [fukushi]
    members = set(fukushi.members.filter(is_active=True).values_list("username", flat=True))
    assert members == {"fukushi-saito", "fukushi-endo", "fukushi-arai", "fukushi-ono"}
    sato = person("fukushi-sato").history.latest("history_date")
    assert sato.history_user.username == "jimukyoku"
    assert (
        sato.history_change_reason
        == "人事異動で「福祉総務課」から転出（無効化）、取組1件をfukushi-saitoへ引継ぎ"
    )
    reasons = {  # one history row per account, by the secretariat, saying what the April change did
        "fukushi-ito": "人事異動で「福祉総務課」から「地域福祉課」へ、取組0件をfukushi-onoへ引継ぎ",
        "fukushi-arai": "人事異動で「福祉総務課」に着任",
        "fukushi-saito": "人事異動でfukushi-satoから「福祉総務課」の取組1件を引継ぎ",
    }
    for username, reason in reasons.items():
        rows = person(username).history.filter(history_change_reason=reason)
        assert rows.exists() and {row.history_user.username for row in rows} == {"jimukyoku"}
    done = client.get(response["Location"])
    page = done.content.decode()
    assert done.status_code == 200 and "/account/set-password/" in page and "fukushi-arai" in page
    assert client.get(response["Location"]).status_code == 302  # the links are shown once


def test_a_leavers_unsaved_typed_work_passes_to_the_successor_on_the_same_entry(fukushi: Department) -> None:
    entry = entries_2022(fukushi)[0]
    edit = reverse("plans:edit", args=[entry.pk])
    KeptForm.objects.create(
        user=person("fukushi-sato"),
        path=edit,
        token_hash="0" * 64,
        data={"activities": ["相談支援の実施回数 48回（入力途中）"], "version": [str(entry.version)]},
    )

    response = login("jimukyoku").post(url(fukushi), the_april_change(fukushi) | {"action": "apply"})

    assert response.status_code == 302
    kept = KeptForm.objects.get(path=edit)
    assert kept.user.username == "fukushi-saito"
    page = login("fukushi-saito").get(edit).content.decode()
    assert "相談支援の実施回数 48回（入力途中）" in page
    assert not KeptForm.objects.filter(path=edit).exists()  # restored once, like one's own


def refused(client: Client, department: Department, data: dict[str, str]) -> str:
    before = db_state()
    response = client.post(url(department), data | {"action": "preview"})
    assert response.status_code == 400
    assert db_state() == before
    apply = client.post(url(department), data | {"action": "apply"})
    assert apply.status_code == 400
    assert db_state() == before
    return str(response.content.decode())


def test_the_last_account_may_not_leave_without_a_newcomer(fukushi: Department) -> None:
    everyone = {u: ("leave", "", "fukushi-endo") for u, _ in PEOPLE}

    page = refused(login("jimukyoku"), fukushi, april(fukushi, everyone, []))

    assert "に有効なアカウントが残りません。新しく来る方を同じ画面で追加してください。" in page
    assert 'value="leave" selected' in page  # the form is kept as typed


def test_a_login_name_taken_in_any_organization_is_refused(fukushi: Department) -> None:
    # kouiki is 埼玉県's analyst: another organization, the same login names.
    data = april(fukushi, {}, [("広域 太郎（テスト）", "kouiki", "")])

    page = refused(login("jimukyoku"), fukushi, data)

    assert "ログイン名「kouiki」はすでに使われています（他の団体を含みます）。" in page
    assert 'value="広域 太郎（テスト）"' in page


def test_a_case_account_is_not_changed_from_the_secretariats_screen(fukushi: Department) -> None:
    person("case1").departments.add(fukushi)
    data = april(fukushi, {"case1": ("leave", "", "fukushi-saito")}, [])

    page = refused(login("jimukyoku"), fukushi, data)

    assert "のアカウントは事務局の画面では変更できません" in page
    assert person("case1").is_active


def test_a_successor_who_leaves_too_is_refused(fukushi: Department) -> None:
    data = april(
        fukushi,
        {"fukushi-sato": ("leave", "", "fukushi-kato"), "fukushi-kato": ("leave", "", "fukushi-saito")},
        [],
    )

    page = refused(login("jimukyoku"), fukushi, data)

    assert "「佐藤 一郎（テスト）」さんの仕事の引継ぎ先を、残る方か新しく来る方から選んでください。" in page


def test_a_move_needs_the_department_moved_to(fukushi: Department) -> None:
    data = april(fukushi, {"fukushi-ito": ("move", "", "fukushi-saito")}, [])

    response = login("jimukyoku").post(url(fukushi), data | {"action": "preview"})

    assert response.status_code == 400
    assert person("fukushi-ito").departments.get() == fukushi


HOSTILE = st.one_of(
    st.text(max_size=60),
    st.integers().map(str),
    st.sampled_from(["", "leave", "move", "apply", "preview", "n5", "n99", "p0", "p-1", "kouiki", "a\x00b"]),
)


def test_hostile_values_in_the_april_form_never_break_it_nor_write_a_part(fukushi: Department) -> None:
    client = login("jimukyoku")
    client.raise_request_exception = False  # a crash must show as a 500, which fails below
    base = the_april_change(fukushi)
    names = [*base, "action", "what_0", "move_to_1", "new5_username", "new6_username"]

    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        action=st.sampled_from(["preview", "apply"]),
        changes=st.dictionaries(st.sampled_from(names), HOSTILE, min_size=1, max_size=5),
    )
    def run(action: str, changes: dict[str, str]) -> None:
        with undone():
            before = db_state()
            response = client.post(url(fukushi), base | {"action": action} | changes)
            assert response.status_code in (200, 302, 400), (response.status_code, changes)
            if response.status_code != 302:
                assert db_state() == before, f"a refused post changed the database: {changes}"

    run()


def test_a_newcomer_with_an_address_gets_the_link_by_mail_and_it_works(fukushi: Department) -> None:
    """新井 has an address: the link is mailed after the change; 小野 has none: pass it on by hand."""
    box = Inbox()
    client = login("jimukyoku")
    with (
        smtp_server(box) as port,
        override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}?timeout=5"),
    ):
        response = client.post(url(fukushi), the_april_change(fukushi) | {"action": "apply"})
    page = client.get(response["Location"]).content.decode()

    [mail] = box.to("arai@saitama.example")
    assert len(box.mails) == 1  # 小野 has no address
    path = re.search(r"https?://\S+?(/account/set-password/\S+/)", mail.get_content())
    assert path and path.group(1) in page
    assert "リンクはメールでも arai@saitama.example に送りました。" in page
    assert "メールアドレスがないため、メールは送っていません。" in page  # 小野
    assert Client().get(path.group(1)).status_code in (200, 302)


def test_the_account_page_shows_why_and_how_the_departments_changed_and_names_a_row_without_actor(
    fukushi: Department,
) -> None:
    write(entries_2022(fukushi)[0], "fukushi-ito")
    client = login("jimukyoku")
    client.post(url(fukushi), the_april_change(fukushi) | {"action": "apply"})
    ito = person("fukushi-ito")
    ito.save()  # a save outside any service: no actor, as `create_organization` or a script makes

    page = client.get(reverse("accounts:person_edit", args=[ito.pk])).content.decode()

    assert "人事異動で「福祉総務課」から「地域福祉課」へ、取組1件をfukushi-onoへ引継ぎ" in page
    assert "福祉総務課 → 地域福祉課" in page
    assert "システム（自動）または本人のパスワード設定" in page
