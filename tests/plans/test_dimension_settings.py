"""The secretariat adds, renames, reorders and removes its plan's further dimensions (川崎市 妥当性, issue 25)."""

from typing import Any

import pytest

from shinchoku.accounts.models import User
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.lib.history import record_actor
from shinchoku.plans.dimension_forms import dimension_initial
from shinchoku.plans.dimension_settings import fingerprint
from shinchoku.plans.history import entry_history
from shinchoku.plans.models import Plan, YearlyEntry
from tests_helpers import login

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"
BASE = f"/plans/{PLAN}/settings/dimensions/"


def _add(client: Any, key: str, name: str, preset: str = "five-to-one", **changes: object) -> Any:
    plan = Plan.objects.get(slug=PLAN)
    data = {k: ("" if v is None else v) for k, v in dimension_initial(PRESETS[preset]).items()}
    data.update(seen=fingerprint(plan), key=key, name=name)
    data.update(changes)
    return client.post(BASE, data)


def _keys() -> list[str]:
    return [d["key"] for d in Plan.objects.get(slug=PLAN).dimensions]


def test_the_secretariat_adds_kawasakis_two_dimensions_from_presets_with_history() -> None:
    client = login("jimukyoku")
    assert client.get(BASE + "?preset=status-i-iv").status_code == 200

    assert _add(client, "validity", "事業の妥当性").status_code == 302
    assert _add(client, "effectiveness", "有効性・効率性・経済性").status_code == 302

    plan = Plan.objects.get(slug=PLAN)
    assert [(d["key"], d["name"]) for d in plan.dimensions] == [
        ("validity", "事業の妥当性"),
        ("effectiveness", "有効性・効率性・経済性"),
    ]
    assert [g["label"] for g in plan.dimensions[0]["scale"]["grades"]] == ["5", "4", "3", "2", "1"]
    assert plan.dimensions[0]["scale"]["grades"][0]["meaning"] == "優る"
    latest = plan.history.order_by("-history_date").first()
    assert latest is not None and latest.history_user == User.objects.get(username="jimukyoku")
    assert [d["key"] for d in latest.dimensions] == ["validity", "effectiveness"]
    assert "有効性・効率性・経済性" in client.get(BASE).content.decode()


def test_a_second_dimension_of_the_same_name_is_refused_with_the_input_kept() -> None:
    client = login("jimukyoku")
    _add(client, "validity", "事業の妥当性")
    response = _add(client, "validity2", "事業の妥当性")
    assert response.status_code == 400
    assert "評価の観点の名前が重複しています" in response.content.decode()
    assert 'value="validity2"' in response.content.decode()
    assert _keys() == ["validity"]


def test_renaming_reordering_and_a_stale_page() -> None:
    client = login("jimukyoku")
    _add(client, "validity", "事業の妥当性")
    _add(client, "status", "3年間の状況", preset="status-i-iv")
    plan = Plan.objects.get(slug=PLAN)
    seen = fingerprint(plan)

    moved = client.post(BASE + "status/move/", {"seen": seen, "offset": "-1"})
    assert moved.status_code == 302 and _keys() == ["status", "validity"]

    # The page read before the move is stale now: refused (409), nothing changed.
    stale = client.post(BASE + "validity/move/", {"seen": seen, "offset": "-1"})
    assert stale.status_code == 409 and "画面を開き直して" in stale.content.decode()
    assert _keys() == ["status", "validity"]

    form = {
        k: ("" if v is None else v) for k, v in dimension_initial(PRESETS["five-to-one"], "妥当性").items()
    }
    form["seen"] = fingerprint(Plan.objects.get(slug=PLAN))
    assert client.post(BASE + "validity/", form).status_code == 302
    assert Plan.objects.get(slug=PLAN).dimensions[1]["name"] == "妥当性"


def test_a_graded_dimension_is_removed_only_when_confirmed_and_its_scale_must_keep_the_grades() -> None:
    client = login("jimukyoku")
    _add(client, "validity", "事業の妥当性")
    entries = YearlyEntry.objects.filter(program__plan__slug=PLAN, fiscal_year=2021)[:3]
    for entry in entries:
        YearlyEntry.objects.filter(pk=entry.pk).update(dimension_grades={"validity": "5"})

    # A scale without 5 could no longer read the grades written: refused.
    form = {
        k: ("" if v is None else v) for k, v in dimension_initial(PRESETS["three-level"], "妥当性").items()
    }
    form["seen"] = fingerprint(Plan.objects.get(slug=PLAN))
    refused = client.post(BASE + "validity/", form)
    assert refused.status_code == 400 and "評価「5」がこの評価尺度にない" in refused.content.decode()

    seen = fingerprint(Plan.objects.get(slug=PLAN))
    unconfirmed = client.post(BASE + "validity/remove/", {"seen": seen})
    assert unconfirmed.status_code == 400
    assert "3件の取組で評価済みです" in unconfirmed.content.decode()
    assert _keys() == ["validity"]

    assert client.post(BASE + "validity/remove/", {"seen": seen, "confirm": "on"}).status_code == 302
    assert _keys() == []
    # The entries keep what they were graded (their history untouched); nothing prints it any more.
    assert YearlyEntry.objects.filter(dimension_grades={"validity": "5"}).count() == 3


def test_a_department_editor_cannot_change_the_dimensions() -> None:
    assert _add(login("roudou"), "validity", "事業の妥当性").status_code == 403
    assert _keys() == []


def test_an_entrys_history_names_the_dimension_as_the_plan_names_it() -> None:
    _add(login("jimukyoku"), "validity", "事業の妥当性")
    entry = YearlyEntry.objects.get(program__plan__slug=PLAN, program__number=12, fiscal_year=2021)
    entry.dimension_grades = {"validity": "4"}
    record_actor(entry, User.objects.get(username="jimukyoku"))
    entry.save(update_fields=["dimension_grades"])

    shown = [(c.before, c.after) for c in entry_history(entry, confirmed_only=False)]

    assert ("―", "事業の妥当性: 4") in shown  # not the key 「validity: 4」
