"""The steps on an entry's page: submit, withdraw, return or confirm, reopen, correct a text."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shinchoku.accounts.requests import AuthedRequest
from shinchoku.lib.errors import ServiceError
from shinchoku.plans import access as plans_access
from shinchoku.plans import workflow
from shinchoku.plans.entry_views import detail_context
from shinchoku.plans.forms import CorrectTextForm, ExcludeForm, ReopenForm, ReviewForm
from shinchoku.plans.models import YearlyEntry
from shinchoku.plans.posted import posted_version, refusal_message


@require_POST
def entry_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Submit the entry as it was saved."""
    user = request.user
    entry = plans_access.get_entry(user, pk)
    if not plans_access.can_edit_entry(user, entry):
        raise PermissionDenied
    return _take_step(
        request,
        entry,
        lambda: workflow.submit_entry(entry=entry, actor=user, version=posted_version(request)),
        _("The entry has been submitted to the secretariat."),
    )


@require_POST
def entry_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    """Take the department's submission back to a draft before the secretariat acts on it (取り下げ)."""
    user = request.user
    entry = plans_access.get_entry(user, pk)
    if not plans_access.can_withdraw_entry(user, entry):
        raise PermissionDenied
    reason = request.POST.get("reason", "")[:2000]
    return _take_step(
        request,
        entry,
        lambda: workflow.withdraw_entry(
            entry=entry, actor=user, version=posted_version(request), reason=reason
        ),
        _("The submission has been withdrawn; the entry is a draft again."),
    )


def _take_step(
    request: AuthedRequest, entry: YearlyEntry, step: Callable[[], object], done: str
) -> HttpResponse:
    """Take a workflow step; say it was taken, or why it was refused; back to the entry's page."""
    try:
        step()
    except (ServiceError, ValidationError) as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, done)
    return redirect("plans:entry", pk=entry.pk)


@require_POST
def entry_review(request: AuthedRequest, pk: int) -> HttpResponse:
    """Return the entry to its department with a comment, or confirm it with the final grade."""
    user = request.user
    entry = plans_access.get_entry(user, pk)
    if not plans_access.can_review_entry(user, entry):
        raise PermissionDenied
    form = ReviewForm(request.POST, entry=entry)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("action") == "return":
                workflow.return_entry(
                    entry=entry, actor=user, version=data["version"], comment=data["comment"]
                )
                messages.success(request, _("The entry has been returned to the department."))
            else:
                workflow.confirm_entry(
                    entry=entry,
                    actor=user,
                    version=data["version"],
                    final_grade=data["final_grade"],
                    reason=data["reason"],
                    dimension_grades=data["dimension_grades"] if form.dimensions else None,
                )
                messages.success(request, _("The entry has been confirmed."))
            return redirect("plans:entry", pk=entry.pk)
        except (ServiceError, ValidationError) as error:
            form.add_error(None, refusal_message(error))
    return render(request, "plans/entry_detail.html", detail_context(user, entry, review=form), status=400)


@require_POST
def entry_reopen(request: AuthedRequest, pk: int) -> HttpResponse:
    """Reopen a confirmed entry, with the reason the department will read."""
    user = request.user
    entry = plans_access.get_entry(user, pk)
    if not plans_access.can_reopen_entry(user, entry):
        raise PermissionDenied
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            workflow.reopen_entry(
                entry=entry,
                actor=user,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The entry has been reopened for the department."))
            return redirect("plans:entry", pk=entry.pk)
    return render(request, "plans/entry_detail.html", detail_context(user, entry, reopen=form), status=400)


@require_POST
def entry_correct(request: AuthedRequest, pk: int) -> HttpResponse:
    """Correct one text of a submitted entry for the department, with the reason it will read."""
    user = request.user
    entry = plans_access.get_entry(user, pk)
    if not plans_access.can_review_entry(user, entry):
        raise PermissionDenied
    form = CorrectTextForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            workflow.correct_entry_text(
                entry=entry,
                actor=user,
                version=data["version"],
                field=data["field"],
                text=data["text"],
                reason=data["reason"],
            )
        except (ServiceError, ValidationError) as error:
            form.add_error(None, refusal_message(error))
        else:
            messages.success(request, _("The text has been corrected; the department can see why."))
            return redirect("plans:entry", pk=entry.pk)
    context = detail_context(user, entry, correct=form)
    return render(request, "plans/entry_detail.html", context, status=409 if _stale(form) else 400)


@require_POST
def entry_exclude(request: AuthedRequest, pk: int) -> HttpResponse:
    """Mark a submitted entry 評価対象外 with its reason, or clear the mark (secretariat)."""
    user = request.user
    entry = plans_access.get_entry(user, pk)
    if not plans_access.can_review_entry(user, entry):
        raise PermissionDenied
    form = ExcludeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            workflow.set_entry_excluded(
                entry=entry,
                actor=user,
                version=data["version"],
                excluded=data["excluded"],
                reason=data["reason"],
            )
        except (ServiceError, ValidationError) as error:
            form.add_error(None, refusal_message(error))
        else:
            messages.success(
                request, _("The exclusion from the count has been changed; the department can see it.")
            )
            return redirect("plans:entry", pk=entry.pk)
    context = detail_context(user, entry, exclude=form)
    return render(request, "plans/entry_detail.html", context, status=409 if _stale(form) else 400)


def _stale(form: Any) -> bool:
    return any("他の人が保存しました" in e for e in form.non_field_errors())
