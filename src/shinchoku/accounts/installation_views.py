"""Pages of the installation administrator: the organizations that use this installation."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from shinchoku.accounts import access
from shinchoku.accounts.forms import NewOrganizationForm
from shinchoku.accounts.link_mail import mail_set_password_link
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.accounts.services import create_organization
from shinchoku.lib.errors import ServiceError

NEW_LINK = "shinchoku_new_organization_link"


def organizations(request: AuthedRequest) -> HttpResponse:
    """List the organizations and create a new one with its first secretariat account.

    The set-password link is shown once, on the page the redirect leads to (a reload makes nothing).
    """
    if not access.is_installation_admin(request.user):
        raise Http404  # the page does not exist for a tenant
    form = NewOrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = create_organization(**form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            mailed = mail_set_password_link(created.secretariat, created.set_password_path)
            request.session[NEW_LINK] = {
                "organization": created.organization.name,
                "username": created.secretariat.username,
                "link": request.build_absolute_uri(created.set_password_path),
                "email": created.secretariat.email,
                "mail": mailed.value,
            }
            return redirect("accounts:organizations")
    new = request.session.pop(NEW_LINK, None) if request.method == "GET" else None
    response = render(
        request,
        "accounts/organizations.html",
        {"form": form, "new": new, "organizations": access.installation_organizations(request.user)},
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"  # the link must not stay in any cache
    return response
