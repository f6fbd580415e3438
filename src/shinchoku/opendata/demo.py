"""Demo: the seed's plan publishes its confirmed figures under CC BY 4.0."""

from shinchoku.lib.upsert import upsert  # saves only what changed: a second run adds no history
from shinchoku.opendata.models import Licence, Publication
from shinchoku.plans.models import Plan


def load_opendata_demo(plan: Plan) -> None:
    upsert(
        Publication,
        {"plan": plan},
        {
            "is_published": True,
            "licence": Licence.CC_BY_4,
            "attribution": f"出典：{plan.name} 進捗状況（{plan.organization.name}）",
        },
    )
