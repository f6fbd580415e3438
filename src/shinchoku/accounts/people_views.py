"""The secretariat's screens for its organization's accounts (no Django admin needed)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shinchoku.accounts import access, people
from shinchoku.accounts.account_history import account_history
from shinchoku.accounts.forms import PersonForm
from shinchoku.accounts.link_mail import mail_set_password_link
from shinchoku.accounts.models import User
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.lib.errors import ServiceError

NEW_LINK = "shinchoku_person_link"


def _manager(request: AuthedRequest) -> User:
    if not access.manages_people(request.user):
        raise Http404  # the page does not exist for those who do not manage an organization's people
    return request.user


def _form(request: AuthedRequest, actor: User, person: User | None = None) -> PersonForm:
    initial = {}
    if person is not None:
        initial = {
            "username": person.username,
            "full_name": person.get_full_name(),
            "email": person.email,
            "role": person.role,
            "departments": list(person.departments.all()),
            "is_active": person.is_active,
        }
    return PersonForm(
        request.POST or None,
        initial=initial or {"is_active": True},
        departments=access.organization_departments(actor),
        roles=access.ROLES_A_SECRETARIAT_GIVES,
        existing=person is not None,
    )


def _input(form: PersonForm) -> people.PersonInput:
    data = form.cleaned_data
    return people.PersonInput(
        full_name=data["full_name"],
        email=data["email"],
        role=data["role"],
        departments=tuple(data["departments"]),
        is_active=data["is_active"],
    )


def _show_link_once(request: AuthedRequest, person: User, path: str) -> None:
    """Mail the link where mail is configured (accounts/link_mail.py), and show it once on the list."""
    mailed = mail_set_password_link(person, path)
    request.session[NEW_LINK] = {
        "username": person.username,
        "link": request.build_absolute_uri(path),
        "email": person.email,
        "mail": mailed.value,
    }


def person_list(request: AuthedRequest) -> HttpResponse:
    """The organization's people: role, departments, whether they may log in; a new link shown once."""
    actor = _manager(request)
    people_list = (
        access.organization_people(actor).prefetch_related("departments").order_by("-is_active", "username")
    )
    link = request.session.pop(NEW_LINK, None)
    response = render(request, "accounts/people.html", {"people": people_list, "link": link})
    response["Cache-Control"] = "no-store"
    return response


def person_add(request: AuthedRequest) -> HttpResponse:
    """Add one person; their set-password link is shown once on the list."""
    actor = _manager(request)
    form = _form(request, actor)
    if request.method == "POST" and form.is_valid():
        try:
            person, path = people.add_person(
                actor=actor, username=form.cleaned_data["username"], data=_input(form)
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            _show_link_once(request, person, path)
            messages.success(request, _("The account has been added."))
            return redirect("accounts:people")
    return render(
        request,
        "accounts/person_form.html",
        {"form": form, "person": None},
        status=400 if form.errors else 200,
    )


def person_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Change one person of the organization (another organization's does not exist here)."""
    actor = _manager(request)
    person = access.get_person(actor, pk)
    form = _form(request, actor, person)
    if request.method == "POST" and form.is_valid():
        try:
            people.change_person(actor=actor, person=person, data=_input(form))
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The account has been changed."))
            return redirect("accounts:people")
    history = account_history(person)
    return render(
        request,
        "accounts/person_form.html",
        {"form": form, "person": person, "history": history},
        status=400 if form.errors else 200,
    )


@require_POST
def person_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    """A new set-password link, a reset of the second factor, or the lifting of a lockout."""
    actor = _manager(request)
    person = access.get_person(actor, pk)
    try:
        if action == "link":
            _show_link_once(request, person, people.new_set_password_link(actor=actor, person=person))
            messages.success(request, _("A new set-password link has been made."))
        elif action == "second-factor":
            people.reset_second_factor(actor=actor, person=person)
            messages.success(
                request, _("The authenticator app has been removed; it is set up again at the next login.")
            )
        elif action == "unlock":
            people.lift_lockout(actor=actor, person=person)
            messages.success(request, _("The lockout has been lifted."))
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect("accounts:people")
