"""Access matrix rows: the secretariat's review in bulk and its correction of a text (issue 21, part 5)."""

from django.urls import reverse

from shinchoku.plans.models import YearlyEntry

PLAN = "saitama-r3"


def _draft(o: dict[str, object]) -> int:
    draft = o["draft"]
    assert isinstance(draft, YearlyEntry)
    return draft.pk


ROWS = [
    (
        "plans:entries",
        "entries filtered and sorted",
        "get",
        lambda o: (
            reverse("plans:entries", args=[PLAN, 2022]) + "?status=draft&deviation=1&q=就労&sort=title&desc=1"
        ),
        {},
        [302, 200, 200, 200, 200, 404, 404, 404],
    ),
    (
        "plans:entry",
        "an entry with 前へ/次へ of a filtered list",
        "get",
        lambda o: reverse("plans:entry", args=[_draft(o)]) + "?list=1&status=draft",
        {},
        [302, 200, 200, 404, 404, 404, 404, 404],
    ),
    (
        "plans:bulk",
        "confirm in bulk (nothing of this year selected)",
        "post",
        lambda o: reverse("plans:bulk", args=[PLAN, 2022]),
        {"action": "confirm", "entry": "0:1"},
        [302, 400, 403, 403, 403, 404, 404, 404],
    ),
    (
        "plans:correct",
        "correct a text of a draft",
        "post",
        lambda o: reverse("plans:correct", args=[_draft(o)]),
        {"version": "1", "field": "activities", "text": "修正", "reason": "誤記"},
        [302, 403, 403, 404, 404, 404, 404, 404],
    ),
]
