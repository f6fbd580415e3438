"""The secretariat's list of its organization's departments, and adding one (no Django admin needed).

Renaming or merging a department is a reorganization: lifecycle/reorganization_views.py.
"""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shinchoku.accounts import access, departments
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.lib.errors import ServiceError


class NameForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("name of the department"), max_length=100)


def department_list(request: AuthedRequest) -> HttpResponse:
    """The organization's departments, and the form to add one."""
    actor = request.user
    if not access.manages_people(actor):
        raise Http404  # the page does not exist for those who do not manage an organization
    form = NameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            departments.add_department(actor=actor, name=form.cleaned_data["name"])
        except ServiceError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, _("The department has been added."))
            return redirect("accounts:departments")
    rows = access.organization_departments(actor).order_by("name")
    return render(
        request,
        "accounts/departments.html",
        {"departments": rows, "form": form},
        status=400 if form.errors else 200,
    )
