"""Access-matrix rows of the case summary's approval and publication (issue 17, finding 5).

Personas as in test_access_matrix.PERSONAS: anonymous, jimukyoku, roudou, jutaku, iin, case1, other, kouiki.
"""

from django.urls import reverse


def _summary_url(name: str):  # type: ignore[no-untyped-def]
    return lambda o: reverse(name, args=[o["case"].pk, o["summary"].pk])


ROWS = [
    (
        "cases:summary_approve",
        "approve a summary (a case supervisor only)",
        "post",
        _summary_url("cases:summary_approve"),
        {},
        [302, 404, 404, 404, 404, 403, 404, 404],
    ),
    (
        "cases:summary_publish",
        "publish a summary (refused until approved)",
        "post",
        _summary_url("cases:summary_publish"),
        {},
        [302, 404, 404, 404, 404, 302, 404, 404],
    ),
]
