"""Access matrix rows: notifications, their settings, the undelivered mails and the reminder button (issue 21)."""

from django.urls import reverse

PLAN = "saitama-r3"

# Personas: anonymous, jimukyoku, roudou, jutaku, iin, case1, other, kouiki
ROWS = [
    (
        "notifications:list",
        "my notifications",
        "get",
        lambda o: reverse("notifications:list"),
        {},
        [302, 200, 200, 200, 200, 200, 200, 200],
    ),
    (
        "notifications:settings",
        "notification settings",
        "get",
        lambda o: reverse("notifications:settings"),
        {},
        [302, 200, 200, 200, 200, 200, 200, 200],
    ),
    (
        "notifications:settings",
        "choose the daily digest",
        "post",
        lambda o: reverse("notifications:settings"),
        {"submissions": "daily"},
        [302, 302, 302, 302, 302, 302, 302, 302],
    ),
    (
        "notifications:undelivered",
        "mail not delivered",
        "get",
        lambda o: reverse("notifications:undelivered"),
        {},
        [302, 200, 404, 404, 404, 404, 200, 404],
    ),
    (
        "notifications:retry",
        "send a failed mail again",
        "post",
        lambda o: reverse("notifications:retry", args=[o["failed_mail"].pk]),  # type: ignore[attr-defined]
        {},
        [302, 302, 404, 404, 404, 404, 404, 404],
    ),
    (
        "notifications:remind",
        "remind the late departments",
        "post",
        lambda o: reverse("notifications:remind", args=[PLAN, 2022]),
        {},
        [302, 302, 403, 403, 403, 404, 404, 404],
    ),
]
