"""Pages of /cases/: only assigned case workers and supervisors; every view and export is logged."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from shinchoku.accounts.requests import AuthedRequest
from shinchoku.cases import access, services
from shinchoku.cases.forms import CaseForm, EventForm, SummaryForm, summary_fingerprint
from shinchoku.cases.models import Case, CaseSummary
from shinchoku.lib.cells import neutralise

STALE_SUMMARY = gettext_lazy(
    "Someone else saved this summary after you opened it. Your text is still below: "
    "compare it with the saved one (open it in another tab) and save again."
)


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _detail_page(
    request: AuthedRequest, case: Case, form: CaseForm, event_form: EventForm, status: int = 200
) -> HttpResponse:
    summaries = [(s, services.summary_flags(s)) for s in case.summaries.all()]
    context = {"case": case, "form": form, "event_form": event_form, "summaries": summaries}
    return _private(render(request, "cases/detail.html", context, status=status))


def _case_form(case: Case, request: AuthedRequest) -> CaseForm:
    return CaseForm(instance=case, initial={"version": case.version}, actor=request.user)


def case_list(request: AuthedRequest) -> HttpResponse:
    """Return the user's cases (a supervisor's: all of the organization)."""
    cases = access.listed_cases(request.user).prefetch_related("workers").order_by("status", "label")
    context = {"cases": cases, "supervisor": request.user.is_case_supervisor}
    return _private(render(request, "cases/list.html", context))


def case_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """Return a case with its timeline, consents and summaries; the view is logged."""
    case = access.get_case(request.user, pk)
    services.log_access(case=case, actor=request.user, action="view")
    last = case.events.last()
    event_form = EventForm(initial={"fiscal_year": last.fiscal_year} if last else {})
    return _detail_page(request, case, _case_form(case, request), event_form)


@require_POST
def case_save(request: AuthedRequest, pk: int) -> HttpResponse:
    """Save the case's fields; a stale save is refused and the typed values stay on the page."""
    case = access.get_case(request.user, pk)
    form = CaseForm(request.POST, instance=access.get_case(request.user, pk), actor=request.user)
    if not form.is_valid():
        return _detail_page(request, case, form, EventForm(), status=400)
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        services.save_case(case=case, actor=request.user, version=form.cleaned_data["version"], fields=data)
    except services.StaleCaseError as error:
        form.add_error(None, str(error))
        return _detail_page(request, case, form, EventForm(), status=409)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
        return _detail_page(request, case, form, EventForm(), status=400)
    messages.success(request, _("Saved."))
    return redirect("cases:detail", pk=case.pk)


@require_POST
def event_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Add a step to the timeline."""
    case = access.get_case(request.user, pk)
    form = EventForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, case, _case_form(case, request), form, status=400)
    services.add_event(case=case, actor=request.user, **form.cleaned_data)
    messages.success(request, _("The event has been recorded."))
    return redirect("cases:detail", pk=case.pk)


def summary_edit(request: AuthedRequest, pk: int, summary_pk: int | None = None) -> HttpResponse:
    """Return or save a draft summary, with the identifiers the check still finds.

    Saving never publishes: a case supervisor approves the texts first (summary_approve), then
    the summary is published as approved (summary_publish).
    """
    case = access.get_case(request.user, pk)
    summary = access.get_summary(case, summary_pk) if summary_pk else CaseSummary(case=case)
    form = SummaryForm(request.POST or None, instance=summary)
    posted = request.method == "POST"
    stale = bool(posted and summary.pk and request.POST.get("seen") != summary_fingerprint(summary))
    if stale:
        form.add_error(None, STALE_SUMMARY)
    if posted and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in SummaryForm.Meta.fields}
        target = CaseSummary(case=case) if summary.pk is None else summary
        saved = services.save_summary(summary=target, actor=request.user, fields=fields)
        messages.success(request, _("Saved."))
        return redirect("cases:summary", pk=case.pk, summary_pk=saved.pk)
    context = {
        "case": case,
        "form": form,
        "flags": services.summary_flags(summary) if summary.pk and not stale else [],
        "summary": summary,
        "approved": bool(summary.pk) and summary.is_approved(),
        "may_approve": access.may_approve(request.user, summary),
    }
    return _private(render(request, "cases/summary.html", context, status=409 if stale else 200))


@require_POST
def summary_approve(request: AuthedRequest, pk: int, summary_pk: int) -> HttpResponse:
    """Approve the summary's texts as they are (a case supervisor other than the writer)."""
    summary = access.get_summary(access.get_case(request.user, pk), summary_pk)
    try:
        services.approve_summary(summary=summary, actor=request.user)
    except services.SummaryRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Approved: the summary may now be published as it is."))
    return redirect("cases:summary", pk=pk, summary_pk=summary.pk)


@require_POST
def summary_publish(request: AuthedRequest, pk: int, summary_pk: int) -> HttpResponse:
    """Publish the summary into the council report, as a supervisor approved it."""
    summary = access.get_summary(access.get_case(request.user, pk), summary_pk)
    try:
        services.publish_summary(summary=summary, actor=request.user)
    except services.SummaryRefused as error:
        messages.error(request, _("Not published: ") + str(error))
        return redirect("cases:summary", pk=pk, summary_pk=summary.pk)
    messages.success(request, _("Published: the summary appears in the council report."))
    return redirect("cases:detail", pk=pk)


def case_export(request: AuthedRequest, pk: int) -> HttpResponse:
    """Return the case's timeline as CSV (UTF-8 with BOM); the export is logged."""
    case = access.get_case(request.user, pk)
    services.log_access(case=case, actor=request.user, action="export", detail="csv")
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


def access_log(request: AuthedRequest) -> HttpResponse:
    """Return the access log of the organization's cases (supervisors only)."""
    rows = access.access_log_rows(request.user)[:500]
    return _private(render(request, "cases/access_log.html", {"rows": rows}))


def published(request: AuthedRequest) -> HttpResponse:
    """Return the published summaries (the secretariat sees these and nothing else of the cases)."""
    summaries = access.readable_published_summaries(request.user)
    return render(request, "cases/published.html", {"summaries": summaries})
