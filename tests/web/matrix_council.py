"""Access matrix rows: 協議会 (members, meetings, opinions, packs, PR activities); moved from test_access_matrix.py."""

from collections.abc import Callable

from django.urls import reverse

PLAN = "saitama-r3"
Objects = dict[str, object]


def pk(key: str) -> Callable[[Objects], int]:
    return lambda o: o[key].pk  # type: ignore[attr-defined]


ROWS = [
    (
        "council:home",
        "council page",
        "get",
        lambda o: reverse("council:home", args=[PLAN]),
        {},
        [302, 200, 200, 200, 200, 403, 404, 403],
    ),
    (
        "council:opinion_new",
        "opinion form",
        "get",
        lambda o: reverse("council:opinion_new", args=[PLAN]),
        {},
        [302, 200, 403, 403, 403, 403, 404, 403],
    ),
    (
        "council:activity_new",
        "activity form",
        "get",
        lambda o: reverse("council:activity_new", args=[PLAN]),
        {},
        [302, 200, 403, 403, 403, 403, 404, 403],
    ),
    (
        "council:opinion",
        "an opinion",
        "get",
        lambda o: reverse("council:opinion", args=[pk("opinion")(o)]),
        {},
        [302, 200, 200, 200, 200, 403, 404, 403],
    ),
    (
        "council:opinion",
        "answer an opinion",
        "post",
        lambda o: reverse("council:opinion", args=[pk("opinion")(o)]),
        {"status": "in_progress", "text": "対応中です。"},
        [302, 302, 403, 302, 403, 403, 404, 403],
    ),
    (
        "council:freeze",
        "freeze a pack",
        "post",
        lambda o: reverse("council:freeze", args=[pk("meeting")(o)]),
        {"fiscal_year": "2021"},
        [302, 302, 403, 403, 403, 403, 404, 403],
    ),
    (
        "council:pack",
        "a pack",
        "get",
        lambda o: reverse("council:pack", args=[pk("pack")(o)]),
        {},
        [302, 200, 403, 403, 200, 403, 404, 403],
    ),
    (
        "council:pack_file",
        "a pack's PDF",
        "get",
        lambda o: reverse("council:pack_file", args=[pk("pack")(o), "pdf"]),
        {},
        [302, 200, 403, 403, 200, 403, 404, 403],
    ),
]
