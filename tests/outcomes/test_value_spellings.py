"""Any spelling of a figure on the secretariat's outcome and context screens is saved as read, or refused whole.

The screens read figures with the same parser as the entry form and the importers: what it reads is
saved (the year 2030 has no value yet), what it refuses is a form error that writes nothing.
"""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from number_spellings import spellings
from shared_db import undone
from shinchoku.domain.errors import DomainError
from shinchoku.domain.numbers import parse_figure
from shinchoku.lib.forms import model_digits
from shinchoku.outcomes.models import ContextSeries, ContextValue, Outcome, OutcomeValue
from tests_helpers import db_state

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def reading(text: str, model: type[OutcomeValue] | type[ContextValue]) -> Decimal | None:
    """Return what the parser reads in text for the model's value column; None for refused or no figure."""
    try:
        return parse_figure(text, model_digits(model, "value"))
    except DomainError:
        return None


def post(client: Client, url: str, data: dict[str, str], read: Decimal | None, model: type) -> None:
    with undone():
        before = db_state()
        response = client.post(url, data)
        if read is None:
            assert response.status_code == 400 and db_state() == before
        else:
            assert response.status_code == 302, response.content.decode()[:2000]
            assert model.objects.filter(year=2030).get().value == read


@FUZZ
@given(value=spellings())
def test_any_spelling_of_an_outcome_value_is_saved_as_read_or_refused(
    secretariat: Client, value: str
) -> None:
    outcome = Outcome.objects.get(plan__slug="saitama-r3", name="再犯者数（デモ値）")
    url = reverse("outcomes:value_new", args=["saitama-r3", outcome.pk])
    data = {"year": "2030", "value": value, "source": "ministry"}
    post(secretariat, url, data, reading(value, OutcomeValue), OutcomeValue)


@FUZZ
@given(value=spellings())
def test_any_spelling_of_a_context_figure_is_saved_as_read_or_refused(
    secretariat: Client, value: str
) -> None:
    series = ContextSeries.objects.get(plan__slug="saitama-r3", name="刑法犯検挙者数（デモ値）")
    url = reverse("outcomes:context_value_new", args=["saitama-r3", series.pk])
    post(secretariat, url, {"year": "2030", "value": value}, reading(value, ContextValue), ContextValue)
