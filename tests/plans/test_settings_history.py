"""The settings screen's history says what each save changed, before → after (the checker's 川崎市-like city)."""

import pytest
from tests.plans.test_measures import SHARES

from shinchoku.accounts.models import User
from shinchoku.domain.dimensions import Dimension
from shinchoku.domain.measures import parse_rule
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.plans import dimension_settings, measure_services
from shinchoku.plans.models import Plan
from shinchoku.plans.settings_history import settings_history

pytestmark = pytest.mark.django_db


def test_adding_a_dimension_and_a_measure_rule_each_show_as_a_change() -> None:
    plan = Plan.objects.get(slug="saitama-r3")
    actor = User.objects.get(username="jimukyoku")
    validity = Dimension(key="validity", name="事業の妥当性", scale=PRESETS["five-to-one"])
    plan = dimension_settings.add_dimension(
        plan=plan, actor=actor, seen=dimension_settings.fingerprint(plan), dimension=validity
    )
    plan = measure_services.change_measure_rule(plan=plan, rule=parse_rule(SHARES, plan.scale()), actor=actor)

    rule_change, dimension_change = settings_history(plan)[:2]

    assert dimension_change.changes == ("達成度以外の評価の観点: なし → 事業の妥当性",)
    assert rule_change.changes == ("施策の評価: なし → shares（施策評価）",)
    assert rule_change.who == "jimukyoku"
