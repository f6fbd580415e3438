"""The secretariat records a revision (見直し) on the plan's 「見直しと次期計画」 page (issue 20).

The form reads the command's notation, shows what would change before anything is recorded,
and refuses what the command refuses, in Japanese, with the typed text kept. Saitama's plan
(令和3〜7年度) has 令和3年度 opened in the test data; its program 8 is
協力雇用主への競争入札参加資格審査における加点の取組 (契約課, 1(1)②).
"""

import pytest
from django.test import Client

from shinchoku.lifecycle.models import PlanRevision, RevisionChange
from shinchoku.plans.models import Listing, Program
from tests_helpers import db_state, login

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"
URL = f"/plans/{PLAN}/lifecycle/revision/"
MIDTERM = {
    "effective_year": "令和6年度",
    "decided_on": "2024-03-15",
    "summary": "中間見直し",
    "retire": "8",
    "moves": "12=2(1)②",
    "renumbers": "30=62",
    "additions": "61|新しい事業（デモ）|1(2)|労働政策課",
}


def post(client: Client, data: dict[str, str], action: str) -> str:
    response = client.post(URL, data | {"action": action})
    return response.content.decode()


def test_checking_a_revision_shows_each_change_and_records_nothing() -> None:
    client = login("jimukyoku")
    before = db_state()

    response = client.post(URL, MIDTERM | {"action": "preview"})

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "事業の終了: 8 協力雇用主への競争入札参加資格審査における加点の取組" in page or "8 協力雇用主" in page
    )
    lines = [(line.kind, line.number, line.before, line.after) for line in response.context["preview"]]
    assert [(n, b, a) for _, n, b, a in lines] == [
        (8, "協力雇用主への競争入札参加資格審査における加点の取組", ""),
        (12, "1(2)", "2(1)②"),
        (30, "30", "62"),
        (61, "", "新しい事業（デモ）"),
    ]
    assert db_state() == before
    assert not PlanRevision.objects.exists() and not PlanRevision.history.exists()


def test_recording_the_checked_revision_makes_every_change_from_that_year_with_the_actor() -> None:
    client = login("jimukyoku")

    response = client.post(URL, MIDTERM | {"action": "record"})

    assert response.status_code == 302
    revision = PlanRevision.objects.get()
    assert (revision.effective_year, revision.history.get().history_user.username) == (2024, "jimukyoku")
    kinds = list(revision.changes.values_list("kind", "program__number"))
    assert kinds == [
        (RevisionChange.Kind.RETIRED, 8),
        (RevisionChange.Kind.MOVED, 12),
        (RevisionChange.Kind.RENUMBERED, 30),
        (RevisionChange.Kind.ADDED, 61),
    ]
    assert Program.objects.get(plan__slug=PLAN, number=8).last_year == 2023
    assert Program.objects.get(plan__slug=PLAN, number=62).first_year == 2024
    moved = Listing.objects.get(program__number=12, program__plan__slug=PLAN, first_year=2024)
    assert moved.node.path_label() == "2(1)②"
    page = client.get(f"/plans/{PLAN}/lifecycle/").content.decode()
    assert "中間見直し" in page and "新しい事業（デモ）" in page


def test_an_opened_year_is_refused_as_the_command_refuses_it_with_the_text_kept() -> None:
    page = post(login("jimukyoku"), MIDTERM | {"effective_year": "令和3年度"}, "record")

    assert "令和3年度以降の年度は既に開始しています。" in page
    assert "61|新しい事業（デモ）|1(2)|労働政策課</textarea>" in page
    assert not PlanRevision.objects.exists()
    assert Program.objects.get(plan__slug=PLAN, number=8).last_year is None


@pytest.mark.parametrize(
    ("field", "typed", "refusal"),
    [
        ("retire", "8, 999", "事業番号999はありません。"),
        ("moves", "12=9(9)", "施策「9(9)」はありません（例: 2(1)②）。"),
        ("moves", "12", "「事業番号=施策」の形で書いてください"),
        ("renumbers", "30=1", "事業番号1は既にあります。"),
        ("renumbers", "30=99999", "事業番号は1から32767までです（99999）。"),
        ("additions", "61|新しい事業|1(2)|存在しない課", "所管課「存在しない課」はありません。"),
        ("additions", "61|=HYPERLINK()|1(2)|労働政策課", "は使えません"),
        ("moves", "8=2(1)②", "事業番号8は終了する事業です。"),
        ("moves", "12=2(1)②\n１２=3①", "事業番号12の移動が2回あります。"),
    ],
)
def test_what_the_command_refuses_the_form_refuses_and_nothing_is_written(
    field: str, typed: str, refusal: str
) -> None:
    before = db_state()

    page = post(login("jimukyoku"), MIDTERM | {field: typed}, "record")

    assert refusal in page
    assert typed.split("|")[0] in page
    assert db_state() == before


def test_full_width_numbers_and_brackets_are_read_as_the_command_reads_them() -> None:
    response = login("jimukyoku").post(
        URL,
        MIDTERM
        | {
            "retire": "８、９",
            "moves": "１２＝２（１）②",
            "renumbers": "",
            "additions": "",
            "action": "preview",
        },
    )

    assert response.status_code == 200
    assert [(line.number, line.after) for line in response.context["preview"]] == [
        (8, ""),
        (9, ""),
        (12, "2(1)②"),
    ]


def test_a_program_already_ended_cannot_be_ended_again_in_a_later_revision() -> None:
    client = login("jimukyoku")
    assert client.post(URL, MIDTERM | {"action": "record"}).status_code == 302

    page = post(
        client,
        {**MIDTERM, "effective_year": "令和7年度", "moves": "", "renumbers": "", "additions": ""},
        "record",
    )

    assert "事業番号8は令和5年度で終了しています" in page
    assert PlanRevision.objects.count() == 1


def test_only_the_secretariat_records_a_revision() -> None:
    assert login("roudou").post(URL, MIDTERM | {"action": "record"}).status_code == 403
    assert login("iin").get(URL).status_code == 403
    assert not PlanRevision.objects.exists()


def test_the_command_reads_the_same_notation_and_refuses_the_same_way() -> None:
    from django.core.management import CommandError, call_command

    args = ["plan_revision", "--plan", PLAN, "--from-year", "令和6年度", "--decided-on", "2024-03-15"]
    with pytest.raises(CommandError, match="事業番号8は終了する事業です。"):
        call_command(*args, "--summary", "中間見直し", "--retire", "8", "--move", "８＝２（１）②")
    assert not PlanRevision.objects.exists()

    call_command(*args, "--summary", "中間見直し", "--move", "１２＝２（１）②")
    assert PlanRevision.objects.get().changes.get().after == "2(1)②"


def test_the_decision_date_is_read_in_wareki_as_every_date_field_reads_it() -> None:
    response = login("jimukyoku").post(URL, MIDTERM | {"decided_on": "令和6年3月15日", "action": "record"})

    assert response.status_code == 302
    assert PlanRevision.objects.get().decided_on.isoformat() == "2024-03-15"
