"""Access matrix rows: the secretariat's screens for a program's national issues and plan revisions (issue 20)."""

PLAN = "saitama-r3"
ROWS = [
    (
        "national:program",
        "a program's own national issues",
        "get",
        lambda o: f"/plans/{PLAN}/national/programs/22/",
        {},
        [302, 200, 403, 403, 403, 404, 404, 404],
    ),
    (
        "national:program",
        "save a program's national issues from a stale page",
        "post",
        lambda o: f"/plans/{PLAN}/national/programs/22/",
        {"seen": "stale"},
        [302, 409, 403, 403, 403, 404, 404, 404],
    ),
]
ROWS += [
    (
        "lifecycle:revision",
        "the form to record a revision",
        "get",
        lambda o: f"/plans/{PLAN}/lifecycle/revision/",
        {},
        [302, 200, 403, 403, 403, 404, 404, 404],
    ),
    (
        "lifecycle:revision",
        "check a revision from a year already opened",
        "post",
        lambda o: f"/plans/{PLAN}/lifecycle/revision/",
        {"effective_year": "2021", "decided_on": "2021-03-01", "summary": "見直し", "action": "preview"},
        [302, 400, 403, 403, 403, 404, 404, 404],
    ),
]
