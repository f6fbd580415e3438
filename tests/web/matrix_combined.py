"""Access matrix rows: the combined report of several plans and the council's answers (issue 25, part 6).

The combined report is the council report's (reports:download): the secretariat and council members
(a department's editor 403); a plan in the query that the persona cannot see (another city's, or any
for a case worker or the analyst) is a 404, never listed. The answers are the council page's:
everyone who works with the plans reads them (403 for the case worker and the analyst).
"""

from django.urls import reverse

PLAN = "saitama-r3"
CHOSEN = f"?year=2021&plan={PLAN}"

ROWS = [
    (
        "reports:combined",
        "choose the plans of a combined report",
        "get",
        lambda o: reverse("reports:combined"),
        {},
        [302, 200, 403, 403, 200, 403, 200, 403],
    ),
    (
        "reports:combined",
        "a combined report's choice kept in the address",
        "get",
        lambda o: reverse("reports:combined") + CHOSEN,
        {},
        [302, 200, 403, 403, 200, 404, 404, 404],
    ),
    (
        "reports:combined_file",
        "a combined report (HTML)",
        "get",
        lambda o: reverse("reports:combined_file", args=["html"]) + CHOSEN + "&title=テスト",
        {},
        [302, 200, 403, 403, 200, 404, 404, 404],
    ),
    (
        "reports:combined_file",
        "a combined report of no plan",
        "get",
        lambda o: reverse("reports:combined_file", args=["html"]) + "?year=2021",
        {},
        [302, 400, 403, 403, 400, 403, 404, 403],
    ),
    (
        "reports:combined_file",
        "a combined report of an unknown plan",
        "get",
        lambda o: reverse("reports:combined_file", args=["html"]) + "?year=2021&plan=no-such-plan",
        {},
        [302, 404, 404, 404, 404, 404, 404, 404],
    ),
    (
        "council:answers",
        "the council's opinions and the city's answers",
        "get",
        lambda o: reverse("council:answers", args=["html"]) + CHOSEN,
        {},
        [302, 200, 200, 200, 200, 403, 404, 403],
    ),
    (
        "council:answers",
        "the answers of an unknown plan",
        "get",
        lambda o: reverse("council:answers", args=["html"]) + "?year=2021&plan=no-such-plan",
        {},
        [302, 404, 404, 404, 404, 403, 404, 403],
    ),
]
