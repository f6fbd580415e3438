"""Access rows for the URLs the seed-sheets work adds (the empty template of the 進捗管理表)."""

from django.urls import reverse

ROWS = [
    (
        "imports:template",
        "empty 進捗管理表 in the seed's layout",
        "get",
        lambda o: reverse("imports:template"),
        {},
        [302, 200, 200, 200, 403, 403, 200, 403],
    ),
]
