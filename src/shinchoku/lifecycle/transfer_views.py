"""The secretariat's screen for the April change of one department's people (人事異動（4月の異動）).

The form says who leaves, moves or arrives and who takes each leaver's work; 「確認する」 shows
exactly what will happen; 「この内容で異動する」 does it all at once (lifecycle/transfer.py) and
shows the newcomers' set-password links once. Its URLs stay in the accounts namespace, beside
the department's page, like reorganization_views.py.
"""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from shinchoku.accounts import access
from shinchoku.accounts.link_mail import mail_set_password_links
from shinchoku.accounts.models import Department, User
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.lib.errors import ServiceError
from shinchoku.lifecycle import transfer
from shinchoku.lifecycle.transfer_forms import TransferForm

RESULT = "shinchoku_transfer_result"


def _manager(request: AuthedRequest) -> User:
    if not access.manages_people(request.user):
        raise Http404  # the page does not exist for those who do not manage an organization's people
    return request.user


def _form(request: AuthedRequest, actor: User, department: Department) -> TransferForm:
    return TransferForm(
        request.POST or None,
        department=department,
        members=list(transfer.department_members(department)),
        departments=access.organization_departments(actor).exclude(pk=department.pk).order_by("name"),
    )


def _result(request: AuthedRequest, outcome: transfer.Outcome) -> dict[str, Any]:
    """Return what the done page shows, as plain data for the session (the links once).

    Called after the change has committed, so each mailed link already works.
    """
    newcomers = [(outcome.accounts[n.username], outcome.links[n.username]) for n in outcome.added]
    mailed = mail_set_password_links(newcomers)
    return {
        "deactivated": [str(p.get_full_name() or p.username) for p in outcome.deactivated],
        "moved": [[str(p.get_full_name() or p.username), d.name] for p, d in outcome.moved],
        "added": [
            [
                n.full_name,
                n.username,
                request.build_absolute_uri(outcome.links[n.username]),
                mail.value,
                person.email,
            ]
            for n, (person, _path), mail in zip(outcome.added, newcomers, mailed, strict=True)
        ],
        "handovers": [
            [
                str(h.leaving.person.get_full_name() or h.leaving.person.username),
                h.successor,
                [str(entry) for entry in h.held.entries],
                len(h.held.drafts),
            ]
            for h in outcome.handovers
        ],
        "entry_count": outcome.entry_count,
    }


def department_transfer(request: AuthedRequest, pk: int) -> HttpResponse:
    """The form, its confirmation (action=preview) and the change itself (action=apply)."""
    actor = _manager(request)
    department = access.get_department(actor, pk)
    form = _form(request, actor, department)
    action = request.POST.get("action")
    if request.method == "POST" and form.is_valid() and action in ("preview", "apply"):
        try:
            if action == "apply":
                outcome = transfer.apply_transfer(actor=actor, transfer=form.transfer())
                request.session[RESULT] = _result(request, outcome) | {"department": department.pk}
                messages.success(request, _("The April change has been made."))
                return redirect("accounts:department_transfer_done", pk=department.pk)
            outcome = transfer.plan_transfer(actor=actor, transfer=form.transfer())
            context = {"department": department, "form": form, "outcome": outcome}
            return render(request, "accounts/transfer_confirm.html", context)
        except ServiceError as error:
            form.add_error(None, str(error))
    manageable = set(access.organization_people(actor).values_list("pk", flat=True))
    return render(
        request,
        "accounts/transfer.html",
        {"department": department, "form": form, "manageable": manageable},
        status=400 if form.errors else 200,
    )


def department_transfer_done(request: AuthedRequest, pk: int) -> HttpResponse:
    """What the change did, with the newcomers' set-password links: shown once, then gone."""
    actor = _manager(request)
    department = access.get_department(actor, pk)
    result = request.session.get(RESULT)
    if not isinstance(result, dict) or result.get("department") != department.pk:
        return redirect("accounts:department_transfer", pk=department.pk)
    del request.session[RESULT]
    response = render(request, "accounts/transfer_done.html", {"department": department, "result": result})
    response["Cache-Control"] = "no-store"
    return response


# Included by shinchoku/urls.py in the accounts namespace (the names and paths are accounts').
urlpatterns = [
    path("organization/departments/<int:pk>/transfer/", department_transfer, name="department_transfer"),
    path(
        "organization/departments/<int:pk>/transfer/done/",
        department_transfer_done,
        name="department_transfer_done",
    ),
]
