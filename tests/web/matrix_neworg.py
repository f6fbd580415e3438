"""Access matrix rows: the organizations page, the set-password link and the secretariat's people pages."""

from shinchoku.accounts.models import User


def _roudou(o: object) -> int:
    return User.objects.get(username="roudou").pk


ROWS = [
    (
        "accounts:set_password",
        "a set-password link that is not valid",
        "get",
        lambda o: "/account/set-password/MQ/not-a-token/",
        {},
        [200] * 8,
    ),
    (
        "accounts:set_password",
        "a password set through a link that is not valid",
        "post",
        lambda o: "/account/set-password/MQ/not-a-token/",
        {"new_password1": "kawagoe-secretariat-2026", "new_password2": "kawagoe-secretariat-2026"},
        [200] * 8,
    ),
    (
        "accounts:organizations",
        "the organizations of the installation",
        "get",
        lambda o: "/installation/organizations/",
        {},
        [302, 404, 404, 404, 404, 404, 404, 404],
    ),
    (
        "accounts:organizations",
        "register an organization",
        "post",
        lambda o: "/installation/organizations/",
        {"name": "川越市", "code": "112011", "secretariat_username": "k", "email": "k@kawagoe.example"},
        [302, 404, 404, 404, 404, 404, 404, 404],
    ),
]
ROWS += [
    (
        "accounts:people",
        "people of the organization",
        "get",
        lambda o: "/organization/people/",
        {},
        [302, 200, 404, 404, 404, 404, 200, 404],
    ),
    (
        "accounts:person_add",
        "the form for a new person",
        "get",
        lambda o: "/organization/people/new/",
        {},
        [302, 200, 404, 404, 404, 404, 200, 404],
    ),
    (
        "accounts:person_add",
        "add a person without a department",
        "post",
        lambda o: "/organization/people/new/",
        {"username": "kaigo", "role": "editor", "is_active": "on"},
        [302, 400, 404, 404, 404, 404, 400, 404],
    ),
    (
        "accounts:person_edit",
        "a person of さいたま市",
        "get",
        lambda o: f"/organization/people/{_roudou(o)}/",
        {},
        [302, 200, 404, 404, 404, 404, 404, 404],
    ),
    (
        "accounts:person_edit",
        "change a person of さいたま市",
        "post",
        lambda o: f"/organization/people/{_roudou(o)}/",
        {"username": "roudou", "role": "editor", "is_active": "on"},  # no department: refused
        [302, 400, 404, 404, 404, 404, 404, 404],
    ),
    (
        "accounts:person_link",
        "a new set-password link",
        "post",
        lambda o: f"/organization/people/{_roudou(o)}/link/",
        {},
        [302, 302, 404, 404, 404, 404, 404, 404],
    ),
    (
        "accounts:person_second_factor",
        "reset a person's authenticator app",
        "post",
        lambda o: f"/organization/people/{_roudou(o)}/second-factor/",
        {},
        [302, 302, 404, 404, 404, 404, 404, 404],
    ),
    (
        "accounts:person_unlock",
        "lift a person's lockout",
        "post",
        lambda o: f"/organization/people/{_roudou(o)}/unlock/",
        {},
        [302, 302, 404, 404, 404, 404, 404, 404],
    ),
]
ROWS += [
    (
        "accounts:people_bulk",
        "add people from a list",
        "get",
        lambda o: "/organization/people/bulk/",
        {},
        [302, 200, 404, 404, 404, 404, 200, 404],
    ),
    (
        "accounts:people_bulk",
        "a list sent without a file",
        "post",
        lambda o: "/organization/people/bulk/",
        {},
        [302, 400, 404, 404, 404, 404, 400, 404],
    ),
    (
        "accounts:people_bulk_confirm",
        "confirm a list that is not waiting",
        "post",
        lambda o: "/organization/people/bulk/confirm/",
        {"token": "not-a-token"},
        [302, 302, 404, 404, 404, 404, 302, 404],
    ),
    (
        "accounts:people_bulk_done",
        "the result of a list, nothing done",
        "get",
        lambda o: "/organization/people/bulk/done/",
        {},
        [302, 302, 404, 404, 404, 404, 302, 404],
    ),
    (
        "accounts:people_bulk_template_csv",
        "the list's CSV template",
        "get",
        lambda o: "/organization/people/bulk/template.csv",
        {},
        [302, 200, 404, 404, 404, 404, 200, 404],
    ),
    (
        "accounts:people_bulk_template_xlsx",
        "the list's Excel template",
        "get",
        lambda o: "/organization/people/bulk/template.xlsx",
        {},
        [302, 200, 404, 404, 404, 404, 200, 404],
    ),
]
PUBLIC = {"accounts:set_password"}
