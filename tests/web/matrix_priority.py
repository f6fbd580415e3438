"""Access matrix rows: 重点事業 (the plan's marks, a year's own list) and 評価対象外 in review (issue 25)."""

from django.urls import reverse

from shinchoku.plans.models import YearlyEntry

PLAN = "saitama-r3"


def _entry(key: str):  # type: ignore[no-untyped-def]
    def pk(o: dict[str, object]) -> int:
        entry = o[key]
        assert isinstance(entry, YearlyEntry)
        return entry.pk

    return pk


ROWS = [
    (
        "plans:priority",
        "the plan's priority programs",
        "get",
        lambda o: reverse("plans:priority", args=[PLAN]),
        {},
        [302, 200, 403, 403, 403, 404, 404, 404],
    ),
    (
        "plans:priority",
        "mark priority programs from a stale page",
        "post",
        lambda o: reverse("plans:priority", args=[PLAN]),
        {"shown": "99", "numbers": ["1"]},
        [302, 409, 403, 403, 403, 404, 404, 404],
    ),
    (
        "plans:year_priority",
        "a year's priority programs",
        "get",
        lambda o: reverse("plans:year_priority", args=[PLAN, 2022]),
        {},
        [302, 200, 403, 403, 403, 404, 404, 404],
    ),
    (
        "plans:year_priority",
        "a year's own list from a stale page",
        "post",
        lambda o: reverse("plans:year_priority", args=[PLAN, 2022]),
        {"source": "own", "numbers": ["1"], "shown": "5"},
        [302, 409, 403, 403, 403, 404, 404, 404],
    ),
    (
        "plans:year_priority",
        "a year not opened",
        "get",
        lambda o: reverse("plans:year_priority", args=[PLAN, 2030]),
        {},
        [302, 404, 403, 403, 403, 404, 404, 404],
    ),
    (
        "plans:exclude",
        "mark a draft 評価対象外 (only a submitted entry, in review)",
        "post",
        lambda o: reverse("plans:exclude", args=[_entry("draft")(o)]),
        {"version": "1", "excluded": "on", "reason": "新型コロナウイルス感染症の影響により中止"},
        [302, 403, 403, 404, 404, 404, 404, 404],
    ),
]
