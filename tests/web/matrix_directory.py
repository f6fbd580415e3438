"""Access matrix rows: 相談窓口 (the public directory and the secretariat's pages of it); moved from test_access_matrix.py."""

from collections.abc import Callable

from django.urls import reverse

PLAN = "saitama-r3"
Objects = dict[str, object]


def pk(key: str) -> Callable[[Objects], int]:
    return lambda o: o[key].pk  # type: ignore[attr-defined]


ROWS = [
    ("directory:list", "public list", "get", lambda o: reverse("directory:list"), {}, [200] * 8),
    (
        "directory:detail",
        "public detail",
        "get",
        lambda o: reverse("directory:detail", args=[o["window"].uuid]),  # type: ignore[attr-defined]
        {},
        [200] * 8,
    ),
    (
        "directory:leaflet",
        "leaflet",
        "get",
        lambda o: reverse("directory:leaflet") + "?org=111007",
        {},
        [200] * 8,
    ),
    (
        "directory:manage",
        "manage list",
        "get",
        lambda o: reverse("directory:manage"),
        {},
        [302, 200, 403, 403, 403, 403, 200, 403],
    ),
    (
        "directory:add",
        "add form",
        "get",
        lambda o: reverse("directory:add"),
        {},
        [302, 200, 403, 403, 403, 403, 200, 403],
    ),
    (
        "directory:edit",
        "edit form",
        "get",
        lambda o: reverse("directory:edit", args=[pk("window")(o)]),
        {},
        [302, 200, 403, 403, 403, 403, 404, 403],
    ),
    (
        "directory:verify",
        "verify",
        "post",
        lambda o: reverse("directory:verify", args=[pk("window")(o)]),
        {},
        [302, 302, 403, 403, 403, 403, 404, 403],
    ),
    (
        "directory:retire",
        "retire",
        "post",
        lambda o: reverse("directory:retire", args=[pk("window")(o)]),
        {},
        [302, 302, 403, 403, 403, 403, 404, 403],
    ),
    (
        "directory:leaflet_texts",
        "leaflet texts",
        "get",
        lambda o: reverse("directory:leaflet_texts"),
        {},
        [302, 200, 403, 403, 403, 403, 200, 403],
    ),
]
