"""The admin site in the access matrix: every admin URL pattern of every registered model, with an
object of the secretariat's own city and one of another city (tests/admin_objects.py builds both).

Personas (tests/web/test_access_matrix.py): anonymous, jimukyoku (さいたま市's secretariat: staff,
may view, add and change the plans app's models, delete nothing), roudou, jutaku, iin, case1, other,
kouiki (not staff: the admin sends them to its login). ADMIN_EXPECTED gives the installation
administrator's outcome for each row (persona "admin", a superuser: tests/web/test_admin.py).

A model registered in the admin without a line in SPEC fails at import: every admin page is declared.
"""

from collections.abc import Callable
from typing import NamedTuple

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

Objects = dict[str, object]


class Spec(NamedTuple):
    history: bool  # simple-history's history form exists
    shared: bool  # of the installation, not of one organization
    secretariat_views: bool  # the 事務局 group's permissions (the plans app)
    adds: bool  # anyone may add one here (else made by a service or an upload: 403)
    deletes: bool  # an installation administrator may delete one here


SPEC: dict[str, Spec] = {
    "auth.group": Spec(False, True, False, True, True),
    "accounts.organization": Spec(False, False, False, True, True),
    "accounts.department": Spec(False, False, False, True, True),
    "accounts.user": Spec(False, False, False, True, False),
    "otp_totp.totpdevice": Spec(False, False, False, False, True),
    "accounts.apitoken": Spec(False, False, False, False, True),
    "accounts.keptform": Spec(False, False, False, False, True),
    "plans.plan": Spec(True, False, True, True, True),
    "plans.plannode": Spec(False, False, True, True, True),
    "plans.program": Spec(False, False, True, True, True),
    "plans.listing": Spec(False, False, True, True, True),
    "plans.yearlyentry": Spec(True, False, True, False, False),
    "plans.indicator": Spec(True, False, True, False, False),
    "plans.indicatorvalue": Spec(True, False, True, False, False),
    "plans.planyear": Spec(True, False, True, False, False),
    "plans.entryevent": Spec(False, False, True, False, False),
    "plans.measuregrade": Spec(True, False, True, False, False),
    "plans.publishedtally": Spec(False, False, True, True, True),
    "imports.importrecord": Spec(False, False, False, False, True),
    "imports.pendingupload": Spec(False, False, False, False, True),
    "directory.provider": Spec(False, False, False, True, True),
    "directory.window": Spec(True, False, False, True, True),
    "directory.leafletsection": Spec(True, False, False, True, True),
    "directory.searchsynonym": Spec(True, False, False, True, True),
    "council.member": Spec(False, False, False, True, True),
    "council.meeting": Spec(False, False, False, True, True),
    "council.opinion": Spec(True, False, False, True, True),
    "council.response": Spec(True, False, False, True, True),
    "council.reportpack": Spec(False, False, False, False, True),
    "council.practivity": Spec(True, False, False, True, True),
    "outcomes.outcome": Spec(True, False, False, False, False),
    "outcomes.contextseries": Spec(True, False, False, False, False),
    "outcomes.outcomevalue": Spec(True, False, False, False, False),
    "outcomes.contextvalue": Spec(True, False, False, False, False),
    "lifecycle.planrevision": Spec(True, False, False, False, True),
    "lifecycle.revisionchange": Spec(False, False, False, False, True),
    "lifecycle.programsuccession": Spec(True, False, False, True, True),
    "national.nationalplan": Spec(False, True, False, True, False),
    "national.programmapping": Spec(True, False, False, True, True),
    "national.areamapping": Spec(True, False, False, True, True),
    "opendata.publication": Spec(True, False, False, True, True),
    "notifications.message": Spec(False, False, False, False, True),
    "notifications.notification": Spec(False, False, False, False, True),
    "notifications.preference": Spec(False, False, False, False, True),
    "notifications.reminder": Spec(False, False, False, False, True),
    "axes.accessattempt": Spec(False, True, False, False, True),
    "axes.accesslog": Spec(False, True, False, False, True),
    "axes.accessfailurelog": Spec(False, True, False, False, True),
}

NOT_STAFF = [302] * 6  # roudou, jutaku, iin, case1, other, kouiki: sent to the admin's login

Row = tuple[str, str, str, Callable[[Objects], str], dict[str, object], list[int]]
ROWS: list[Row] = []
ADMIN_EXPECTED: dict[str, int] = {}  # row label → the installation administrator's status


def _row(
    name: str, label: str, method: str, url: Callable[[Objects], str], secretariat: int, admin_: int
) -> None:
    # Issue 20: the secretariat is not staff either; the admin sends it to its login on every page.
    # (The secretariat's status computed below is what a staff tenant would get, kept as a record.)
    ROWS.append((name, label, method, url, {}, [302, 302, *NOT_STAFF]))
    ADMIN_EXPECTED[label] = admin_


def _object_url(url_name: str, label: str, whose: str, version: bool = False) -> Callable[[Objects], str]:
    """Return the URL of one of the fixture's objects (o[whose][label]), with its latest version."""

    def url(o: Objects) -> str:
        obj = o[whose][label]  # type: ignore[index]
        args = [obj.pk, obj.history.first().history_id] if version else [obj.pk]
        return reverse(url_name, args=args)

    return url


def _model_rows(label: str, spec: Spec) -> None:
    app_label, model_name = label.split(".")
    info = f"admin:{app_label}_{model_name}"
    sees = spec.secretariat_views
    ok = 200 if sees else 403
    _row(f"{info}_changelist", f"admin {label} list", "get", lambda o: reverse(f"{info}_changelist"), ok, 200)
    add = 200 if spec.adds else 403
    _row(
        f"{info}_add",
        f"admin {label} add",
        "get",
        lambda o: reverse(f"{info}_add"),
        add if sees else 403,
        add,
    )
    owners = (
        [("admin_shared", "")] if spec.shared else [("admin_own", "own"), ("admin_other", "another city's")]
    )
    for whose, adjective in owners:
        own = whose != "admin_other"
        what = f"admin {label} {adjective}".strip()
        # Another city's object is missing to the secretariat: 404 wherever it would be found. Where
        # the secretariat has no permission at all, the change page refuses before looking it up.
        change = _object_url(f"{info}_change", label, whose)
        _row(f"{info}_change", f"{what} change", "get", change, ok if own else (404 if sees else 403), 200)
        history = _object_url(f"{info}_history", label, whose)
        _row(f"{info}_history", f"{what} history", "get", history, ok if own else 404, 200)
        # Nobody of a city deletes here (the group has no delete permission): refused before the lookup.
        delete = _object_url(f"{info}_delete", label, whose)
        _row(f"{info}_delete", f"{what} delete", "get", delete, 403, 200 if spec.deletes else 403)
        if spec.history:
            form = _object_url(f"{info}_simple_history", label, whose, version=True)
            _row(f"{info}_simple_history", f"{what} history form", "get", form, ok if own else 404, 200)
            # A revert is refused for everybody; another city's version does not exist for the secretariat.
            _row(f"{info}_simple_history", f"{what} revert", "post", form, 403 if own else 404, 403)


for _model in admin.site._registry:
    _model_rows(_model._meta.label_lower, SPEC[_model._meta.label_lower])


def _content_type(label: str) -> int:
    return ContentType.objects.get_by_natural_key(*label.split(".")).pk


def _plan_pk(whose: str) -> Callable[[Objects], int]:
    return lambda o: o[whose]["plans.plan"].pk  # type: ignore[index]


# The site's own pages.
_row("admin:index", "admin index", "get", lambda o: reverse("admin:index"), 200, 200)
_row(
    "admin:app_list", "admin plans app", "get", lambda o: reverse("admin:app_list", args=["plans"]), 200, 200
)
_row(
    "admin:app_list",
    "admin accounts app",
    "get",
    lambda o: reverse("admin:app_list", args=["accounts"]),
    404,
    200,
)
_row("admin:jsi18n", "admin JavaScript catalog", "get", lambda o: reverse("admin:jsi18n"), 200, 200)
_row(
    "admin:password_change",
    "admin password change",
    "get",
    lambda o: reverse("admin:password_change"),
    200,
    200,
)
_row(
    "admin:password_change_done", "admin password changed", "get",
    lambda o: reverse("admin:password_change_done"), 200, 200,
)  # fmt: skip
_row(
    "admin:autocomplete", "admin autocomplete of a listing's node", "get",
    lambda o: reverse("admin:autocomplete") + "?app_label=plans&model_name=listing&field_name=node&term=施策",
    200, 200,
)  # fmt: skip
for _whose in ("admin_own", "admin_other"):
    # No model has a page outside the admin: "view on site" finds nothing, for anybody.
    _row(
        "admin:view_on_site", f"admin view on site of {_whose}", "get",
        lambda o, w=_whose: reverse("admin:view_on_site", args=[_content_type("plans.plan"), _plan_pk(w)(o)]),
        404, 404,
    )  # fmt: skip
    _row(
        "admin:auth_user_password_change", f"admin set the password of {_whose}'s user", "get",
        lambda o, w=_whose: reverse("admin:auth_user_password_change", args=[o[w]["accounts.user"].pk]),  # type: ignore[index]
        403, 200,
    )  # fmt: skip
_row(
    "admin:<unnamed <path:object_id>/>", "admin object shortcut", "get",
    lambda o: reverse("admin:plans_plan_changelist") + f"{_plan_pk('admin_other')(o)}/", 302, 302,
)  # fmt: skip
# Cases are in no admin: every case URL is the catch-all's 404, for the installation administrator too.
for _case_url in (
    "/admin/cases/",
    "/admin/cases/case/",
    "/admin/cases/caseaccesslog/",
    "/admin/cases/case/1/change/",
):
    _row("admin:<unnamed (?P<url>.*)$>", f"admin {_case_url}", "get", lambda o, u=_case_url: u, 404, 404)
# The admin's login shows its form to anyone but staff already signed in (sent on to the index);
# its logout ends any session and goes to the login page.
ROWS.append(
    (
        "admin:login",
        "admin login",
        "get",
        lambda o: reverse("admin:login"),
        {},
        [200] * 8,
    )  # issue 20: no tenant is staff
)
ADMIN_EXPECTED["admin login"] = 302
ROWS.append(("admin:logout", "admin logout", "post", lambda o: reverse("admin:logout"), {}, [302] * 8))
ADMIN_EXPECTED["admin logout"] = 302
