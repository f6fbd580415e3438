"""Access matrix rows: grading measures (施策) — the plan's rule and a year's measures (issue 25)."""

PLAN = "saitama-r3"
NOT_THE_SECRETARIAT = [403, 403, 403, 404, 404, 404]
ROWS = [
    (
        "plans:measure_settings",
        "how measures are graded",
        "get",
        lambda o: f"/plans/{PLAN}/settings/measures/",
        {},
        [302, 200, *NOT_THE_SECRETARIAT],
    ),
    (
        "plans:measure_settings",
        "a measure rule of shares without its thresholds (refused, kept as typed)",
        "post",
        lambda o: f"/plans/{PLAN}/settings/measures/",
        {"kind": "shares", "depth": "2", "scale_name": "施策評価", "labels": "A, B, C, D"},
        [302, 400, *NOT_THE_SECRETARIAT],
    ),
    (
        "plans:measure_settings",
        "the measure settings of an unknown plan",
        "get",
        lambda o: "/plans/no-such-plan/settings/measures/",
        {},
        [302, 404, 404, 404, 404, 404, 404, 404],
    ),
    (
        "plans:measures",
        "the measures of an opened year",
        "get",
        lambda o: f"/plans/{PLAN}/2022/measures/",
        {},
        [302, 200, *NOT_THE_SECRETARIAT],
    ),
    (
        "plans:measures",
        "a grade by hand while the plan grades no measures (refused)",
        "post",
        lambda o: f"/plans/{PLAN}/2022/measures/",
        {"node": "1", "version": "0", "grade": "A", "reason": "理由"},
        [302, 400, *NOT_THE_SECRETARIAT],
    ),
    (
        "plans:measures",
        "the measures of a year not opened",
        "get",
        lambda o: f"/plans/{PLAN}/2030/measures/",
        {},
        [302, 404, *NOT_THE_SECRETARIAT],
    ),
]
