"""The services' refusals read in the person's language: Japanese by default, English when chosen."""

from collections.abc import Iterator

import pytest
from django.urls import reverse
from django.utils import translation

from shinchoku.accounts.models import User
from shinchoku.lib.errors import quoted
from shinchoku.plans import dimension_settings, measure_services, priority
from shinchoku.plans.models import Plan, PlanNode
from tests_helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def default_language_afterwards() -> Iterator[None]:
    """A request in English leaves English active in the thread; the tests after it expect the default."""
    yield
    translation.deactivate()


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.get(slug="saitama-r3")


def refusal(language: str, plan: Plan) -> list[str]:
    """Return three refusals of the secretariat (うち重点, dimensions, measures) in the language."""
    secretariat = User.objects.get(username="jimukyoku")
    messages = []
    with translation.override(language):
        with pytest.raises(priority.PriorityError) as marks:
            priority.set_priority_programs(plan=plan, actor=secretariat, numbers={1, 61}, shown=[])
        messages.append(str(marks.value))
        with pytest.raises(dimension_settings.DimensionSettingsError) as dimension:
            dimension_settings.remove_dimension(
                plan=plan,
                actor=secretariat,
                seen=dimension_settings.fingerprint(plan),
                key="validity",
                confirmed=True,
            )
        messages.append(str(dimension.value))
        elsewhere = PlanNode.objects.exclude(plan=plan).values_list("pk", flat=True).first()
        with pytest.raises(measure_services.MeasureError) as measure:
            measure_services.withdraw_measure_grade(
                plan=plan, node_id=elsewhere or 0, fiscal_year=2021, version=1, actor=secretariat
            )
        messages.append(str(measure.value))
    return messages


def test_refusals_read_in_english_when_english_is_chosen(plan: Plan) -> None:
    assert refusal("en", plan) == [
        "Not a program number of this plan: 61",
        "The plan has no dimension “validity”.",
        "Only the grade of a measure of this plan can be withdrawn.",
    ]


def test_the_same_refusals_stay_in_japanese_by_default(plan: Plan) -> None:
    assert refusal("ja", plan) == [
        "この計画にない事業番号です: 61",
        "評価の観点「validity」はこの計画にありません。",
        "この計画の施策の階層にない項目の評価は取り下げられません。",
    ]


def test_grades_are_quoted_as_each_language_quotes_them() -> None:
    with translation.override("ja"):
        assert quoted(["A", "B", "－"]) == "「A」「B」「－」"
    with translation.override("en"):
        assert quoted(["A", "B", "－"]) == "“A”, “B”, “－”"


def test_a_stale_priority_page_is_refused_in_english_with_409(plan: Plan) -> None:
    client = login("jimukyoku")
    url = reverse("plans:priority", args=[plan.slug])
    assert client.post(url, {"shown": "", "numbers": ["1", "12"]}).status_code == 302
    stale = client.post(url, {"shown": "", "numbers": ["3"]}, HTTP_ACCEPT_LANGUAGE="en")
    assert stale.status_code == 409
    assert "Someone else changed the priority programs after you opened the page." in stale.content.decode()
    assert stale.context["form"]["numbers"].value() == ["3"]  # the ticks typed are kept
