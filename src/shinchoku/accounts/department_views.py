"""The secretariat's screens for its organization's departments (no Django admin needed)."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shinchoku.accounts import access, departments
from shinchoku.accounts.models import Department, User
from shinchoku.accounts.services import AccountError


class NameForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("name of the department"), max_length=100)


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=gettext_lazy("merge into"), queryset=Department.objects.none(), empty_label=None
    )


def _manager(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    if not access.manages_people(user):
        raise Http404  # the page does not exist for those who do not manage an organization
    return user


def department_list(request: HttpRequest) -> HttpResponse:
    """The organization's departments, and the form to add one."""
    actor = _manager(request)
    form = NameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            departments.add_department(actor=actor, name=form.cleaned_data["name"])
        except AccountError as error:
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


def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename one department, or merge it into another; its history below."""
    actor = _manager(request)
    department = access.organization_departments(actor).filter(pk=pk).first()
    if department is None:
        raise Http404
    action = request.POST.get("action") if request.method == "POST" else None
    name_form = NameForm(request.POST if action == "rename" else None, initial={"name": department.name})
    merge_form = MergeForm(request.POST if action == "merge" else None)
    merge_form.fields["target"].queryset = access.organization_departments(actor).exclude(pk=department.pk)  # type: ignore[attr-defined]
    try:
        if action == "rename" and name_form.is_valid():
            departments.rename_department(
                actor=actor, department=department, name=name_form.cleaned_data["name"]
            )
            messages.success(request, _("The department has been renamed."))
            return redirect("accounts:departments")
        if action == "merge" and merge_form.is_valid():
            target = merge_form.cleaned_data["target"]
            departments.merge_departments(actor=actor, source=department, target=target)
            messages.success(request, _("The department has been merged."))
            return redirect("accounts:departments")
    except AccountError as error:
        (name_form if action == "rename" else merge_form).add_error(None, str(error))
    history = department.history.select_related("history_user").order_by("-history_date")[:20]  # type: ignore[attr-defined]
    invalid = name_form.errors or merge_form.errors
    return render(
        request,
        "accounts/department_form.html",
        {"department": department, "name_form": name_form, "merge_form": merge_form, "history": history},
        status=400 if invalid else 200,
    )
