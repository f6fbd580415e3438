"""Access matrix rows of typed work (issue 18): the session heartbeat and the entry form's autosave."""

from django.urls import reverse

ROWS = [
    (
        "accounts:heartbeat",
        "session heartbeat",
        "post",
        lambda o: reverse("accounts:heartbeat"),
        {},
        [302, 200, 200, 200, 200, 200, 200, 200],
    ),
    (
        "plans:edit",
        "autosave of a draft",
        "post",
        lambda o: reverse("plans:edit", args=[o["draft"].pk]),  # type: ignore[attr-defined]
        {
            "autosave": "1",
            "version": "1",
            "activities": "入力途中の取組内容",
            "evaluation_type": "qualitative",
            "ind-TOTAL_FORMS": "0",
            "ind-INITIAL_FORMS": "0",
        },
        [302, 403, 200, 404, 404, 404, 404, 404],
    ),
]

ROWS += [
    (
        "plans:withdraw",
        "withdraw a draft (not submitted: nothing to withdraw)",
        "post",
        lambda o: reverse("plans:withdraw", args=[o["draft"].pk]),  # type: ignore[attr-defined]
        {"version": "1"},
        [302, 403, 403, 404, 404, 404, 404, 404],
    ),
    (
        "plans:withdraw",
        "withdraw a confirmed entry",
        "post",
        lambda o: reverse("plans:withdraw", args=[o["confirmed"].pk]),  # type: ignore[attr-defined]
        {"version": "1"},
        [302, 403, 403, 404, 403, 404, 404, 404],
    ),
]
