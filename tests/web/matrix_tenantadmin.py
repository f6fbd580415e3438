"""Access matrix rows: the secretariat's plan settings and opened-year screens (issue 20)."""

PLAN = "saitama-r3"
ROWS = [
    (
        "plans:settings",
        "the plan's settings",
        "get",
        lambda o: f"/plans/{PLAN}/settings/",
        {},
        [302, 200, 403, 403, 403, 404, 404, 404],
    ),
    (
        "plans:settings",
        "save the plan's settings without a scale",
        "post",
        lambda o: f"/plans/{PLAN}/settings/",
        {"scale_name": "", "combine_policy": "mean", "merge_policy": "lower", "percent_places": "0"},
        [302, 400, 403, 403, 403, 404, 404, 404],
    ),
]
ROWS += [
    (
        "plans:year_deadline",
        "a deadline that is not a date (refused, kept as typed)",
        "post",
        lambda o: f"/plans/{PLAN}/2021/deadline/",
        {"deadline": "not a date"},
        [302, 400, 403, 403, 403, 404, 404, 404],
    ),
    (
        "plans:year_wording",
        "a wording of － too long for the year's reports (refused, kept as typed)",
        "post",
        lambda o: f"/plans/{PLAN}/2021/wording/",
        {"wording": "新型コロナウイルス感染症" * 20},
        [302, 400, 403, 403, 403, 404, 404, 404],
    ),
    (
        "plans:year_undo",
        "undo opening a year with entries",
        "post",
        lambda o: f"/plans/{PLAN}/2021/undo-opening/",
        {},
        [302, 302, 403, 403, 403, 404, 404, 404],
    ),
]


def _roudou_department(o: object) -> int:
    from shinchoku.accounts.models import Department

    return Department.objects.get(name="労働政策課").pk


ROWS += [
    (
        "accounts:departments",
        "departments of the organization",
        "get",
        lambda o: "/organization/departments/",
        {},
        [302, 200, 404, 404, 404, 404, 200, 404],
    ),
    (
        "accounts:departments",
        "add a department without a name",
        "post",
        lambda o: "/organization/departments/",
        {"name": ""},
        [302, 400, 404, 404, 404, 404, 400, 404],
    ),
    (
        "accounts:department_edit",
        "a department of さいたま市",
        "get",
        lambda o: f"/organization/departments/{_roudou_department(o)}/",
        {},
        [302, 200, 404, 404, 404, 404, 404, 404],
    ),
    (
        "accounts:department_edit",
        "rename a department of さいたま市 to nothing",
        "post",
        lambda o: f"/organization/departments/{_roudou_department(o)}/",
        {"action": "rename", "name": ""},
        [302, 400, 404, 404, 404, 404, 404, 404],
    ),
]


def _meeting(o: object) -> int:
    from shinchoku.council.models import Meeting

    return Meeting.objects.get(plan__slug=PLAN, fiscal_year=2022, number=1).pk


ROWS += [
    (
        "council:members",
        "the council's members",
        "get",
        lambda o: f"/plans/{PLAN}/council/members/",
        {},
        [302, 200, 403, 403, 403, 404, 404, 404],
    ),
    (
        "council:members",
        "add a council member without a name",
        "post",
        lambda o: f"/plans/{PLAN}/council/members/",
        {"name": "", "affiliation": "さいたま保護観察所", "category": "probation"},
        [302, 400, 403, 403, 403, 404, 404, 404],
    ),
    (
        "council:member_edit",
        "a council member that does not exist",
        "get",
        lambda o: f"/plans/{PLAN}/council/members/999999/",
        {},
        [302, 404, 403, 403, 403, 404, 404, 404],
    ),
    (
        "council:meetings",
        "the council's meetings",
        "get",
        lambda o: f"/plans/{PLAN}/council/meetings/",
        {},
        [302, 200, 403, 403, 403, 404, 404, 404],
    ),
    (
        "council:meeting_edit",
        "change a meeting to the number of another",
        "post",
        lambda o: f"/plans/{PLAN}/council/meetings/{_meeting(o)}/",
        {"fiscal_year": "2022", "number": "0"},
        [302, 400, 403, 403, 403, 404, 404, 404],
    ),
]
