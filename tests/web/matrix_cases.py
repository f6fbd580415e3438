"""Access matrix rows: 事例 (coordination cases: assigned workers and supervisors only); moved from test_access_matrix.py."""

from collections.abc import Callable

from django.urls import reverse

PLAN = "saitama-r3"
Objects = dict[str, object]


def pk(key: str) -> Callable[[Objects], int]:
    return lambda o: o[key].pk  # type: ignore[attr-defined]


ROWS = [
    (
        "cases:list",
        "case list",
        "get",
        lambda o: reverse("cases:list"),
        {},
        [302, 403, 403, 403, 403, 200, 403, 403],
    ),
    (
        "cases:log",
        "case access log",
        "get",
        lambda o: reverse("cases:log"),
        {},
        [302, 403, 403, 403, 403, 403, 403, 403],
    ),
    (
        "cases:published",
        "published summaries",
        "get",
        lambda o: reverse("cases:published"),
        {},
        [302, 200, 403, 403, 403, 200, 200, 403],
    ),
    (
        "cases:detail",
        "a case",
        "get",
        lambda o: reverse("cases:detail", args=[pk("case")(o)]),
        {},
        [302, 404, 404, 404, 404, 200, 404, 404],
    ),
    (
        "cases:export",
        "a case's export",
        "get",
        lambda o: reverse("cases:export", args=[pk("case")(o)]),
        {},
        [302, 404, 404, 404, 404, 200, 404, 404],
    ),
    (
        "cases:summary",
        "a case's summary",
        "get",
        lambda o: reverse("cases:summary", args=[pk("case")(o), pk("summary")(o)]),
        {},
        [302, 404, 404, 404, 404, 200, 404, 404],
    ),
    (
        "cases:summary_new",
        "a new summary",
        "get",
        lambda o: reverse("cases:summary_new", args=[pk("case")(o)]),
        {},
        [302, 404, 404, 404, 404, 200, 404, 404],
    ),
    (
        "cases:save",
        "save a case",
        "post",
        lambda o: reverse("cases:save", args=[pk("case")(o)]),
        {"version": "1", "label": "A", "status": "open"},
        [302, 404, 404, 404, 404, 302, 404, 404],
    ),
    (
        "cases:event",
        "record an event",
        "post",
        lambda o: reverse("cases:event", args=[pk("case")(o)]),
        {"fiscal_year": "2022", "agency": "police", "kind": "other"},
        [302, 404, 404, 404, 404, 302, 404, 404],
    ),
]
