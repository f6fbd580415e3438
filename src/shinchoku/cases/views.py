"""Pages of /cases/: only assigned case workers and supervisors; every view and export is logged."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from shinchoku.accounts import access
from shinchoku.accounts.models import User
from shinchoku.cases import access as cases_access
from shinchoku.cases import services
from shinchoku.cases.forms import CaseForm, EventForm, SummaryForm, summary_fingerprint
from shinchoku.cases.models import Case, CaseAccessLog, CaseSummary
from shinchoku.cases.queries import published_summaries
from shinchoku.lib.cells import neutralise


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def case_list(request: HttpRequest) -> HttpResponse:
    """Return the user's cases (a supervisor's: all of the organization)."""
    user = _user(request)
    if not access.uses_cases(user):
        raise PermissionDenied
    cases = cases_access.visible_cases(user).prefetch_related("workers").order_by("status", "label")
    return _private(
        render(request, "cases/list.html", {"cases": cases, "supervisor": user.is_case_supervisor})
    )


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Return a case with its timeline, consents and summaries; the view is logged."""
    user = _user(request)
    case = cases_access.get_case(user, pk)
    services.log_access(case=case, user=user, action="view")
    form = CaseForm(instance=case, initial={"version": case.version}, actor=user)
    return _private(
        render(request, "cases/detail.html", _detail(case, form, EventForm(initial=_next_event(case))))
    )


def _next_event(case: object) -> dict[str, object]:
    last = case.events.last()  # type: ignore[attr-defined]
    return {"fiscal_year": last.fiscal_year} if last else {}


def _detail(case: object, form: CaseForm, event_form: EventForm) -> dict[str, object]:
    summaries = [(s, services.summary_flags(s)) for s in case.summaries.all()]  # type: ignore[attr-defined]
    return {"case": case, "form": form, "event_form": event_form, "summaries": summaries}


@require_POST
def case_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the case's fields; a stale save is refused and the typed values stay on the page."""
    user = _user(request)
    case = cases_access.get_case(user, pk)
    form = CaseForm(request.POST, instance=cases_access.get_case(user, pk), actor=user)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.save_case(case=case, actor=user, version=form.cleaned_data["version"], fields=data)
        except services.StaleCaseError as error:
            form.add_error(None, str(error))
            return _private(
                render(request, "cases/detail.html", _detail(case, form, EventForm()), status=409)
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
            return _private(
                render(request, "cases/detail.html", _detail(case, form, EventForm()), status=400)
            )
        messages.success(request, _("Saved."))
        return redirect("cases:detail", pk=case.pk)
    return _private(render(request, "cases/detail.html", _detail(case, form, EventForm()), status=400))


@require_POST
def event_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a step to the timeline."""
    user = _user(request)
    case = cases_access.get_case(user, pk)
    form = EventForm(request.POST)
    if form.is_valid():
        services.add_event(case=case, actor=user, **form.cleaned_data)
        messages.success(request, _("The event has been recorded."))
        return redirect("cases:detail", pk=case.pk)
    return _private(
        render(
            request,
            "cases/detail.html",
            _detail(case, CaseForm(instance=case, initial={"version": case.version}, actor=user), form),
            status=400,
        )
    )


STALE_SUMMARY = gettext_lazy(
    "Someone else saved this summary after you opened it. Your text is still below: "
    "compare it with the saved one (open it in another tab) and save again."
)


def _summary(case: Case, summary_pk: int) -> CaseSummary:
    summary = case.summaries.filter(pk=summary_pk).first()
    if summary is None:
        raise Http404
    return summary


def summary_edit(request: HttpRequest, pk: int, summary_pk: int | None = None) -> HttpResponse:
    """Return or save a draft summary, with the identifiers the check still finds.

    Saving never publishes: a case supervisor approves the texts first (summary_approve), then
    the summary is published as approved (summary_publish).
    """
    user = _user(request)
    case = cases_access.get_case(user, pk)
    summary = _summary(case, summary_pk) if summary_pk else CaseSummary(case=case)
    form = SummaryForm(request.POST or None, instance=summary)
    stale = bool(
        request.method == "POST" and summary.pk and request.POST.get("seen") != summary_fingerprint(summary)
    )
    if stale:
        form.add_error(None, STALE_SUMMARY)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in SummaryForm.Meta.fields}
        saved = services.save_summary(
            summary=CaseSummary(case=case) if summary.pk is None else summary, actor=user, fields=fields
        )
        messages.success(request, _("Saved."))
        return redirect("cases:summary", pk=case.pk, summary_pk=saved.pk)
    found = services.summary_flags(summary) if summary.pk and not stale else []
    context = {
        "case": case,
        "form": form,
        "flags": found,
        "summary": summary,
        "approved": bool(summary.pk) and summary.is_approved(),
        "may_approve": bool(summary.pk)
        and access.supervises_cases(user)
        and summary.edited_by_id != user.pk
        and not summary.is_approved(),
    }
    return _private(render(request, "cases/summary.html", context, status=409 if stale else 200))


@require_POST
def summary_approve(request: HttpRequest, pk: int, summary_pk: int) -> HttpResponse:
    """Approve the summary's texts as they are (a case supervisor other than the writer)."""
    user = _user(request)
    summary = _summary(cases_access.get_case(user, pk), summary_pk)
    if not access.supervises_cases(user):
        raise PermissionDenied
    try:
        services.approve_summary(summary=summary, actor=user)
    except services.SummaryRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Approved: the summary may now be published as it is."))
    return redirect("cases:summary", pk=pk, summary_pk=summary.pk)


@require_POST
def summary_publish(request: HttpRequest, pk: int, summary_pk: int) -> HttpResponse:
    """Publish the summary into the council report, as a supervisor approved it."""
    user = _user(request)
    summary = _summary(cases_access.get_case(user, pk), summary_pk)
    try:
        services.publish_summary(summary=summary, actor=user)
    except services.SummaryRefused as error:
        messages.error(request, _("Not published: ") + str(error))
        return redirect("cases:summary", pk=pk, summary_pk=summary.pk)
    messages.success(request, _("Published: the summary appears in the council report."))
    return redirect("cases:detail", pk=pk)


def case_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the case's timeline as CSV (UTF-8 with BOM); the export is logged."""
    user = _user(request)
    case = cases_access.get_case(user, pk)
    services.log_access(case=case, user=user, action="export", detail="csv")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["年度", "月", "日付", "機関", "内容", "メモ"])
    for event in case.events.all():
        writer.writerow(
            [
                event.fiscal_year,
                event.month or "",
                event.day or "",
                event.get_agency_display(),
                event.get_kind_display(),
                neutralise(event.note),
            ]
        )
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    # With as_attachment=True the header is always made; the None of its type is for inline without a name.
    response["Content-Disposition"] = (
        content_disposition_header(True, f"事例_{case.label}_経過.csv") or "attachment"
    )
    return _private(response)


def access_log(request: HttpRequest) -> HttpResponse:
    """Return the access log of the organization's cases (supervisors only)."""
    user = _user(request)
    if not user.is_case_supervisor:
        raise PermissionDenied
    rows = CaseAccessLog.objects.filter(organization_id=user.organization_id).select_related("user")[:500]
    return _private(render(request, "cases/access_log.html", {"rows": rows}))


def published(request: HttpRequest) -> HttpResponse:
    """Return the published summaries (the secretariat sees these and nothing else of the cases)."""
    user = _user(request)
    if not (access.manages_plans(user) or access.uses_cases(user)):
        raise PermissionDenied
    summaries = published_summaries(user.organization_id) if user.organization_id else []
    return render(request, "cases/published.html", {"summaries": summaries})
