"""Access matrix rows: a department's April change (人事異動), its confirmation and its result page."""

from shinchoku.accounts.models import Department

# anonymous, jimukyoku, roudou, jutaku, iin, case1, other, kouiki
SECRETARIAT_ONLY = [302, 200, 404, 404, 404, 404, 404, 404]


def _roudou_department(o: object) -> int:
    return Department.objects.get(name="労働政策課").pk


def _other_department(o: object) -> int:
    return Department.objects.get(name="他市の福祉課").pk


ROWS = [
    (
        "accounts:department_transfer",
        "the April change of 労働政策課",
        "get",
        lambda o: f"/organization/departments/{_roudou_department(o)}/transfer/",
        {},
        SECRETARIAT_ONLY,
    ),
    (
        "accounts:department_transfer",
        "the April change of another city's department",
        "get",
        lambda o: f"/organization/departments/{_other_department(o)}/transfer/",
        {},
        [302, 404, 404, 404, 404, 404, 200, 404],
    ),
    (
        "accounts:department_transfer",
        "confirm an April change of 労働政策課 with nothing to change",
        "post",
        lambda o: f"/organization/departments/{_roudou_department(o)}/transfer/",
        {"action": "preview", "new0_username": ""},
        [302, 400, 404, 404, 404, 404, 404, 404],
    ),
    (
        "accounts:department_transfer",
        "make an April change of 労働政策課 with nothing to change",
        "post",
        lambda o: f"/organization/departments/{_roudou_department(o)}/transfer/",
        {"action": "apply", "new0_username": ""},
        [302, 400, 404, 404, 404, 404, 404, 404],
    ),
    (
        "accounts:department_transfer_done",
        "the result of an April change not made",
        "get",
        lambda o: f"/organization/departments/{_roudou_department(o)}/transfer/done/",
        {},
        [302, 302, 404, 404, 404, 404, 404, 404],
    ),
]
