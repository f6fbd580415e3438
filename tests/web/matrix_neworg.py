"""Access matrix rows: the installation administrator's organizations page and the set-password link."""

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
PUBLIC = {"accounts:set_password"}
