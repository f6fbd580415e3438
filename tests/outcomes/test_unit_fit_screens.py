"""The outcome and context screens refuse a figure that cannot be in its unit, and a correction without its reason.

The indicator 刑法犯検挙者中の再犯者数 (人) and the statistic 市内の刑法犯認知件数 (件) are the ones an
independent tester used; their figures (baseline 443人, target 354人, 1,302件) are this test's own
demo values, not the seed's. The tester typed ▲5 and 98.4% for 人 and ▲120 for 件: each was stored.
"""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from shinchoku.accounts.models import User
from shinchoku.outcomes import editing
from shinchoku.outcomes.models import ContextSeries, ContextValue, Outcome, OutcomeValue
from shinchoku.plans.models import Plan
from tests_helpers import db_state

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"


@pytest.fixture
def actor() -> User:
    return User.objects.get(username="jimukyoku")


@pytest.fixture
def reoffenders(actor: User) -> Outcome:
    data = editing.OutcomeInput(
        name="刑法犯検挙者中の再犯者数",
        unit="人",
        direction="lower",
        year_kind="calendar",
        baseline_first_year=2016,
        baseline_last_year=2020,
        baseline_value=Decimal(443),
        target_value=Decimal(354),
        target_year=2025,
    )
    return editing.save_outcome(actor=actor, plan=Plan.objects.get(slug=PLAN), outcome=None, data=data)


@pytest.fixture
def crimes(actor: User) -> ContextSeries:
    data = editing.SeriesInput(name="市内の刑法犯認知件数", unit="件", year_kind="calendar", source="police")
    return editing.save_series(actor=actor, plan=Plan.objects.get(slug=PLAN), series=None, data=data)


def new_value(client: Client, outcome: Outcome, typed: str, **more: str):  # type: ignore[no-untyped-def]
    url = reverse("outcomes:value_new", args=[PLAN, outcome.pk])
    return client.post(url, {"year": "2021", "value": typed, "source": "police", **more})


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("▲5", "「-5人」は負の数です。単位が「人」の項目には0以上の数しか記録できません。"),
        ("98.4%", "「98.4%」は単位が「%」ですが、この項目の単位は「人」です。"),
    ],
)
def test_a_figure_that_cannot_be_a_count_of_people_is_refused_with_the_input_kept(
    secretariat: Client, reoffenders: Outcome, typed: str, why: str
) -> None:
    before = db_state()
    response = new_value(secretariat, reoffenders, typed)
    page = response.content.decode()
    assert response.status_code == 400 and why in page and f'value="{typed}"' in page
    assert db_state() == before


def test_a_fraction_of_people_is_saved_only_once_confirmed(secretariat: Client, reoffenders: Outcome) -> None:
    asked = new_value(secretariat, reoffenders, "12.5")
    page = asked.content.decode()
    assert asked.status_code == 400 and "「12.5人」は小数です" in page
    assert 'type="checkbox" name="confirm"' in page and "このまま保存する" in page
    assert new_value(secretariat, reoffenders, "12.5", confirm="on").status_code == 302
    assert OutcomeValue.objects.get(outcome=reoffenders, year=2021).value == Decimal("12.5")


def test_a_whole_count_asks_nothing(secretariat: Client, reoffenders: Outcome) -> None:
    page = secretariat.get(reverse("outcomes:value_new", args=[PLAN, reoffenders.pk])).content.decode()
    assert 'type="checkbox" name="confirm"' not in page
    assert new_value(secretariat, reoffenders, "４２８人").status_code == 302


def test_the_service_refuses_a_negative_count_too(actor: User, reoffenders: Outcome) -> None:
    with pytest.raises(editing.OutcomeEditError, match="負の数です"):
        editing.save_outcome_value(
            actor=actor,
            outcome=reoffenders,
            data=editing.ValueInput(year=2021, value=Decimal(-5), source="police"),
            value=None,
        )


def test_a_negative_count_of_crimes_is_refused_on_the_screen(
    secretariat: Client, crimes: ContextSeries
) -> None:
    before = db_state()
    url = reverse("outcomes:context_value_new", args=[PLAN, crimes.pk])
    response = secretariat.post(url, {"year": "2021", "value": "▲120"})
    page = response.content.decode()
    assert response.status_code == 400 and "「-120件」は負の数です" in page and 'value="▲120"' in page
    assert db_state() == before


def test_a_file_row_with_a_negative_count_is_refused_by_its_number(
    secretariat: Client, crimes: ContextSeries
) -> None:
    before = db_state()
    csv = '項目,年,値\n市内の刑法犯認知件数,2020,"1,302"\n市内の刑法犯認知件数,2021,▲120\n'
    response = secretariat.post(
        f"/plans/{PLAN}/context/upload/", {"file": SimpleUploadedFile("context.csv", csv.encode())}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "3行目" in page and "「-120件」は負の数です" in page
    assert 'name="token"' not in page and db_state() == before


def test_a_correction_that_changes_the_value_needs_its_reason(
    secretariat: Client, reoffenders: Outcome
) -> None:
    assert new_value(secretariat, reoffenders, "428").status_code == 302
    value = OutcomeValue.objects.get(outcome=reoffenders, year=2021)
    url = reverse("outcomes:value_edit", args=[PLAN, reoffenders.pk, 2021])
    typed = {"value": "431", "source": "police", "version": str(value.version)}
    refused = secretariat.post(url, typed)
    assert refused.status_code == 400 and "修正の理由を入力してください" in refused.content.decode()
    assert 'value="431"' in refused.content.decode()
    assert OutcomeValue.objects.get(pk=value.pk).value == Decimal(428)
    assert secretariat.post(url, {**typed, "reason": "確定値に更新"}).status_code == 302
    record = OutcomeValue.objects.get(pk=value.pk).history.order_by("-history_id").first()
    assert record is not None and (record.value, record.history_change_reason) == (
        Decimal(431),
        "確定値に更新",
    )


def test_a_correction_of_the_source_alone_needs_no_reason(secretariat: Client, reoffenders: Outcome) -> None:
    assert new_value(secretariat, reoffenders, "428").status_code == 302
    value = OutcomeValue.objects.get(outcome=reoffenders, year=2021)
    url = reverse("outcomes:value_edit", args=[PLAN, reoffenders.pk, 2021])
    response = secretariat.post(url, {"value": "428", "source": "white_paper", "version": str(value.version)})
    assert response.status_code == 302


def test_a_context_correction_needs_its_reason_on_the_screen_and_in_the_service(
    secretariat: Client, actor: User, crimes: ContextSeries
) -> None:
    first = editing.ValueInput(year=2021, value=Decimal(1302))  # a first figure needs no reason
    value = editing.save_context_value(actor=actor, series=crimes, data=first, value=None)
    url = reverse("outcomes:context_value_edit", args=[PLAN, crimes.pk, 2021])
    response = secretariat.post(url, {"value": "1,310", "version": str(value.version)})
    assert response.status_code == 400 and "修正の理由を入力してください" in response.content.decode()
    with pytest.raises(editing.OutcomeEditError, match="「修正の理由」が必要です"):
        editing.save_context_value(
            actor=actor,
            series=crimes,
            data=editing.ValueInput(year=2021, value=Decimal(1310)),
            value=value,
            version=value.version,
        )
    assert ContextValue.objects.get(pk=value.pk).value == Decimal(1302)
