"""The secretariat's screen for one department: rename it, or merge it into another; its history below.

Its URL stays in the accounts namespace (accounts:department_edit), next to the department list;
shinchoku/urls.py includes these patterns with accounts' own.
"""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shinchoku.accounts import access, departments
from shinchoku.accounts.department_views import NameForm
from shinchoku.accounts.models import Department
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.lib.errors import ServiceError
from shinchoku.lifecycle import reorganization


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=gettext_lazy("merge into"), queryset=Department.objects.none(), empty_label=None
    )


def department_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Rename one department, or merge it into another; its history below."""
    actor = request.user
    if not access.manages_people(actor):
        raise Http404  # the page does not exist for those who do not manage an organization
    department = access.get_department(actor, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    name_form = NameForm(request.POST if action == "rename" else None, initial={"name": department.name})
    merge_form = MergeForm(request.POST if action == "merge" else None)
    target_field = merge_form.fields["target"]
    assert isinstance(target_field, forms.ModelChoiceField)
    target_field.queryset = access.organization_departments(actor).exclude(pk=department.pk)
    try:
        if action == "rename" and name_form.is_valid():
            departments.rename_department(
                actor=actor, department=department, name=name_form.cleaned_data["name"]
            )
            messages.success(request, _("The department has been renamed."))
            return redirect("accounts:departments")
        if action == "merge" and merge_form.is_valid():
            target = merge_form.cleaned_data["target"]
            reorganization.merge_departments(actor=actor, source=department, target=target)
            messages.success(request, _("The department has been merged."))
            return redirect("accounts:departments")
    except ServiceError as error:
        (name_form if action == "rename" else merge_form).add_error(None, str(error))
    history = department.history.select_related("history_user").order_by("-history_date")[:20]
    invalid = name_form.errors or merge_form.errors
    return render(
        request,
        "accounts/department_form.html",
        {"department": department, "name_form": name_form, "merge_form": merge_form, "history": history},
        status=400 if invalid else 200,
    )


# Included by shinchoku/urls.py in the accounts namespace (the names and paths are accounts').
urlpatterns = [
    path("organization/departments/<int:pk>/", department_edit, name="department_edit"),
]
