"""Any spelling of a figure on the secretariat's outcome and context screens is saved as read, or refused whole.

The screens read figures with the same parser as the entry form and the importers: what it reads is
saved (the year 2030 has no value yet), what it refuses is a form error that writes nothing. Both
demo statistics count people (人): a figure that cannot be a count (▲5, 98.4%) is refused, and a
fraction (12.5) is asked about before it is saved (domain/unit_fit.py).
"""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from number_spellings import spellings
from shared_db import undone
from shinchoku.domain import unit_fit
from shinchoku.domain.errors import DomainError
from shinchoku.domain.numbers import means_no_value, parse_figure, parse_quantity
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


def reading(text: str, model: type[OutcomeValue] | type[ContextValue], unit: str) -> Decimal | None:
    """Return what is saved of text in the model's value column; None when refused, asked about or no figure."""
    try:
        value = parse_figure(text, model_digits(model, "value"))
    except DomainError:
        return None
    if value is None or means_no_value(text):
        return None
    typed = parse_quantity(text).unit
    if unit_fit.refusal(value, unit, typed) or unit_fit.warning(value, unit):
        return None
    return value


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
    post(secretariat, url, data, reading(value, OutcomeValue, outcome.unit), OutcomeValue)


@FUZZ
@given(value=spellings())
def test_any_spelling_of_a_context_figure_is_saved_as_read_or_refused(
    secretariat: Client, value: str
) -> None:
    series = ContextSeries.objects.get(plan__slug="saitama-r3", name="刑法犯検挙者数（デモ値）")
    url = reverse("outcomes:context_value_new", args=["saitama-r3", series.pk])
    read = reading(value, ContextValue, series.unit)
    post(secretariat, url, {"year": "2030", "value": value}, read, ContextValue)
