"""Access matrix rows: the secretariat's screen for its plan's further dimensions (issue 25, 川崎市 妥当性)."""

PLAN = "saitama-r3"
BASE = f"/plans/{PLAN}/settings/dimensions/"
MANAGERS = [302, 200, 403, 403, 403, 404, 404, 404]
ROWS = [
    ("plans:dimensions", "the plan's further dimensions", "get", lambda o: BASE, {}, MANAGERS),
    (
        "plans:dimensions",
        "add a dimension whose key is not a slug (refused, kept as typed)",
        "post",
        lambda o: BASE,
        {"seen": "x", "key": "妥当性", "name": "事業の妥当性", "label_0": "5", "label_1": "1"},
        [302, 400, 403, 403, 403, 404, 404, 404],
    ),
    (
        "plans:dimension",
        "a dimension the plan does not have",
        "get",
        lambda o: BASE + "validity/",
        {},
        [302, 404, 403, 403, 403, 404, 404, 404],
    ),
    (
        "plans:dimension_move",
        "move a dimension from a stale page",
        "post",
        lambda o: BASE + "validity/move/",
        {"seen": "stale", "offset": "1"},
        [302, 409, 403, 403, 403, 404, 404, 404],
    ),
    (
        "plans:dimension_remove",
        "remove a dimension from a stale page",
        "post",
        lambda o: BASE + "validity/remove/",
        {"seen": "stale"},
        [302, 409, 403, 403, 403, 404, 404, 404],
    ),
]
