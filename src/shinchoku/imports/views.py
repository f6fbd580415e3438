"""Upload with preview: check the whole file, show what would change and every problem, then confirm.

The uploaded bytes are kept in the database under a token the server makes up, for their user
only, until the user confirms or cancels: any app server can finish what another one previewed.
"""

import functools
import re
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shinchoku.accounts import access
from shinchoku.accounts.models import User
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.domain.errors import GradeError
from shinchoku.domain.fiscal import fiscal_year_of, wareki_label
from shinchoku.domain.grades import SEED_SCALE, GradeScale
from shinchoku.domain.scale_presets import PRESETS, own_preset, scale_from_labels
from shinchoku.imports import access as imports_access
from shinchoku.imports import background, services
from shinchoku.imports.department_forms import build_all_forms, build_form, form_file_name, read_meta
from shinchoku.imports.forms import UploadForm
from shinchoku.imports.models import ImportKind, PendingUpload
from shinchoku.imports.pending import drop_pending, keep_pending, note_checked_versions
from shinchoku.imports.template import template_workbook
from shinchoku.lib.problems import ImportRefused, Problem
from shinchoku.lib.reading import MAX_FILE_BYTES, read_file
from shinchoku.lib.templatetags.display import SUMMARY_LABELS
from shinchoku.plans import access as plans_access

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(request: AuthedRequest) -> HttpResponse:
    """Return the upload form, or check an uploaded file and show its preview."""
    user = request.user
    kinds = imports_access.import_kinds(user)
    if not kinds:
        raise PermissionDenied
    form = _upload_form(user, request.POST or None, request.FILES or None)
    history = imports_access.import_history(user)[:20]
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "imports/upload.html", {"form": form, "history": history}, status=status)
    upload_file = form.cleaned_data["file"]
    content = upload_file.read(MAX_FILE_BYTES + 1)
    pending = {"name": Path(upload_file.name).name[:200], "kind": form.cleaned_data["kind"], "params": {}}
    try:
        params = pending["params"] = _params(form.cleaned_data, pending["name"], content)
        if background.is_large(pending["kind"], content):
            return _check_in_background(user, pending, content)
        result = _run(user, pending, content, dry_run=True)
    except ImportRefused as refused:  # the form comes back as it was sent: only the file is chosen again
        return _refused(request, pending, refused.problems, initial=request.POST.dict())
    if result.versions:
        params = {**params, "versions": result.versions}  # the confirmation writes only what was shown
    kept = keep_pending(
        actor=user, name=pending["name"], kind=pending["kind"], params=params, content=content
    )
    return render(
        request,
        "imports/preview.html",
        {"pending": pending, "summary": result.summary, "token": kept.token, "preview": result.preview},
    )


def _check_in_background(user: User, pending: dict[str, Any], content: bytes) -> HttpResponse:
    """Keep a large file first (never lost), check it in the background, follow it on its page."""
    kept = keep_pending(
        actor=user, name=pending["name"], kind=pending["kind"], params=pending["params"], content=content
    )
    background.start(kept.token, background.CHECK, _checking(user, kept.token, pending, content))
    return redirect("imports:progress", token=kept.token)


def _checking(user: User, token: str, pending: dict[str, Any], content: bytes) -> background.Work:
    def check() -> services.ImportResult:
        result = _run(user, pending, content, dry_run=True)
        if result.versions:  # the confirmation writes only what was shown
            note_checked_versions(actor=user, token=token, versions=result.versions)
        return result

    return check


def progress(request: AuthedRequest, token: str) -> HttpResponse:
    """Return a large file's check or import: its progress (202, reloading), then the preview or the result."""
    upload = _pending(request, token)
    pending = _described(upload)
    job = background.state(token)
    if job is None or (job.failed and request.GET.get("retry") == "1"):  # lapsed, or asked again
        checking = _checking(request.user, token, pending, bytes(upload.content))
        job = background.start(token, background.CHECK, checking)
    if job.running or job.failed:
        context = {"pending": pending, "job": job, "size": len(upload.content), "token": token}
        response = render(request, "imports/progress.html", context, status=202 if job.running else 200)
        response["Cache-Control"] = "no-store"
        return response
    background.forget(token)
    if job.problems or job.result is None:
        drop_pending(upload, actor=request.user)
        return _refused(request, pending, list(job.problems))
    if job.stage == background.IMPORT:
        return _imported(request, upload, job.result)
    context = {
        "pending": pending,
        "summary": job.result.summary,
        "token": token,
        "preview": job.result.preview,
    }
    return render(request, "imports/preview.html", context)


def _upload_form(user: User, *args: Any, **kwargs: Any) -> UploadForm:
    plans = plans_access.visible_plans(user)
    own_scale = own_preset(user.organization.jis_code) if user.organization else ""
    kinds = imports_access.import_kinds(user)
    return UploadForm(*args, plans=plans, kinds=kinds, own_scale=own_scale, **kwargs)


def _refused(
    request: AuthedRequest,
    pending: dict[str, Any],
    problems: list[Problem],
    initial: dict[str, Any] | None = None,
) -> HttpResponse:
    """Show why the file is refused beside the upload form filled as it was sent (never lose typed input).

    initial: the posted fields; without them (a checked file's later refusal) the kept params say them.
    A browser cannot keep a chosen file: only the file (and a scale file) is chosen again.
    """
    if initial is None:
        initial = _initial_of(request.user, pending)
    form = _upload_form(request.user, initial=initial)
    context = {"pending": pending, "problems": problems, "form": form}
    return render(request, "imports/preview.html", context, status=400)


def _initial_of(user: User, pending: dict[str, Any]) -> dict[str, Any]:
    """Return the upload form's fields as the kept params of a checked file say them."""
    params = pending["params"]
    initial: dict[str, Any] = {"kind": pending["kind"]}
    initial |= {k: params[k] for k in ("slug", "plan_name", "department") if params.get(k)}
    years = ("fiscal_year", "first_year", "last_year")
    initial |= {k: wareki_label(params[k]) for k in years if isinstance(params.get(k), int)}
    if params.get("plan"):
        initial["plan"] = plans_access.visible_plans(user).filter(slug=params["plan"]).first()
    if "percent_places" in params:
        initial["percent_places"] = params["percent_places"]
    if scale := params.get("grade_scale"):
        found = [key for key, preset in PRESETS.items() if preset.to_dict() == scale]
        initial["scale"] = found[0] if found else "file"
    return initial


def _params(data: dict[str, Any], name: str, content: bytes) -> dict[str, Any]:
    if data["kind"] == ImportKind.PLAN:
        keys = ("slug", "plan_name", "first_year", "last_year", "grade_scale", "percent_places", "department")
        return {k: data[k] for k in keys}
    if data["kind"] == ImportKind.DEPARTMENT_FORM and not (data.get("plan") and data.get("fiscal_year")):
        # The form's hidden sheet says which plan and year it was made for; the gate still checks the plan.
        meta = read_meta(read_file(name, content))
        return {"plan": meta.plan, "fiscal_year": meta.fiscal_year}
    return {"plan": data["plan"].slug, "fiscal_year": data["fiscal_year"]}


def _run(
    user: User, pending: dict[str, Any], content: bytes, *, dry_run: bool, overwrite: bool = False
) -> services.ImportResult:
    kind, params, name = pending["kind"], pending["params"], pending["name"]
    if kind not in imports_access.import_kinds(user):
        raise PermissionDenied
    if kind == ImportKind.PLAN:
        if user.organization is None:
            raise PermissionDenied
        return services.import_plan(
            name=name,
            content=content,
            organization=user.organization,
            slug=params["slug"],
            plan_name=params["plan_name"],
            first_year=params["first_year"],
            last_year=params["last_year"],
            actor=user,
            dry_run=dry_run,
            scale=GradeScale.from_dict(params["grade_scale"]) if params.get("grade_scale") else None,
            percent_places=params.get("percent_places", 0),
            department=params.get("department", ""),
        )
    plan = plans_access.get_plan(user, params["plan"])
    if kind == ImportKind.PROGRESS:
        return services.import_progress(
            name=name,
            content=content,
            plan=plan,
            fiscal_year=params["fiscal_year"],
            actor=user,
            dry_run=dry_run,
            overwrite=overwrite,
            seen_versions=None if dry_run else params.get("versions", {}),
        )
    return services.import_department_form(
        name=name, content=content, plan=plan, fiscal_year=params["fiscal_year"], actor=user, dry_run=dry_run
    )


def _pending(request: AuthedRequest, token: str) -> PendingUpload:
    """Return the user's own previewed file; anyone else's does not exist for them."""
    return imports_access.get_pending(request.user, token)


def _described(upload: PendingUpload) -> dict[str, Any]:
    return {"name": upload.name, "kind": upload.kind, "params": upload.params}


@require_POST
def confirm(request: AuthedRequest, token: str) -> HttpResponse:
    """Import the previewed file for real (all or nothing)."""
    user = request.user
    upload = _pending(request, token)
    pending = _described(upload)
    # 「上書きする」: only the secretariat's explicit choice on the preview replaces submitted and
    # confirmed entries (the progress import is the secretariat's alone).
    overwrite = request.POST.get("overwrite") == "1"
    try:
        _use_found_scale(request, pending)
    except ImportRefused as refused:  # a mistyped order: the file stays, the preview is shown again
        return _scale_refused(request, upload, pending, refused)
    content = bytes(upload.content)
    if background.is_large(pending["kind"], content):
        importing = functools.partial(_run, user, pending, content, dry_run=False, overwrite=overwrite)
        background.start(token, background.IMPORT, importing)
        return redirect("imports:progress", token=token)
    try:
        result = _run(user, pending, content, dry_run=False, overwrite=overwrite)
    except ImportRefused as refused:
        drop_pending(upload, actor=user)
        return _refused(request, pending, refused.problems)
    return _imported(request, upload, result)


def _imported(request: AuthedRequest, upload: PendingUpload, result: services.ImportResult) -> HttpResponse:
    """Drop the imported file and say what was imported, on the upload page."""
    drop_pending(upload, actor=request.user)
    messages.success(request, _("The file has been imported.") + " " + _summary_line(result.summary))
    if overwritten := result.summary.get("overwritten"):
        messages.info(request, _("Overwritten, each with an event:") + " " + "、".join(overwritten))
    if skipped := result.summary.get("skipped"):
        messages.warning(
            request, _("Submitted or confirmed entries were not overwritten:") + " " + "、".join(skipped)
        )
    return redirect("imports:upload")


def _scale_refused(
    request: AuthedRequest, upload: PendingUpload, pending: dict[str, Any], refused: ImportRefused
) -> HttpResponse:
    """Show the preview again with the scale's problems (or drop the file if it no longer passes)."""
    token = upload.token
    try:
        checked = _run(request.user, pending, bytes(upload.content), dry_run=True)
    except ImportRefused as again:
        refused.problems.extend(again.problems)
    else:
        context = {
            "pending": pending,
            "summary": checked.summary,
            "token": token,
            "preview": checked.preview,
        }
        context |= {
            "scale_problems": refused.problems,
            "scale_labels": request.POST.get("scale_labels", ""),
        }
        return render(request, "imports/preview.html", context, status=400)
    drop_pending(upload, actor=request.user)
    return _refused(request, pending, refused.problems)


def _use_found_scale(request: AuthedRequest, pending: dict[str, Any]) -> None:
    """Make the grades found in the sheet, as the user ordered them, the new plan's scale (when asked)."""
    if pending["kind"] != ImportKind.PLAN or not request.POST.get("use_found_scale"):
        return
    labels = [label for label in re.split(r"[,、，／/\s]+", request.POST.get("scale_labels", "")) if label]
    try:
        pending["params"]["grade_scale"] = scale_from_labels(labels).to_dict()
    except GradeError as error:
        raise ImportRefused(
            [Problem(str(error), "良い順に、読点（、）で区切って入力してください。")]
        ) from error


def _summary_line(summary: dict[str, Any]) -> str:
    """Return what was imported in words (「重点項目 5、施策・細目 19、事業 16…」), not the summary's keys."""
    return "、".join(
        f"{SUMMARY_LABELS.get(k, k)} {v}" for k, v in summary.items() if isinstance(v, int | str) and v != ""
    )


@require_POST
def cancel(request: AuthedRequest, token: str) -> HttpResponse:
    """Drop a previewed file without importing it."""
    drop_pending(_pending(request, token), actor=request.user)
    messages.info(request, _("Nothing was imported."))
    return redirect("imports:upload")


def department_forms(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    """Return the page listing each department's form for the year (secretariat; a department sees its own)."""
    user = request.user
    plan = plans_access.get_plan(user, slug, opened_year=year)
    departments = imports_access.form_departments(user, plan, year)
    return render(
        request,
        "imports/department_forms.html",
        {"plan": plan, "year": year, "departments": departments, "manages": access.manages_plans(user)},
    )


def department_form(request: AuthedRequest, slug: str, year: int, department_id: int) -> HttpResponse:
    """Return one department's form; another department's is missing for a department user."""
    user = request.user
    plan = plans_access.get_plan(user, slug)
    department = imports_access.get_form_department(user, plan, year, department_id)
    response = HttpResponse(build_form(plan, year, department), content_type=XLSX)
    response["Content-Disposition"] = (
        content_disposition_header(True, form_file_name(plan, year, department)) or ""
    )
    response["Cache-Control"] = "no-store"
    return response


def all_department_forms(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    """Return a zip of every department's form (secretariat)."""
    user = request.user
    plan = plans_access.get_plan(user, slug)
    imports_access.check_all_forms(user, plan, year)
    response = HttpResponse(build_all_forms(plan, year), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, f"{year}_回答票.zip") or ""
    response["Cache-Control"] = "no-store"
    return response


def template(request: AuthedRequest) -> HttpResponse:
    """Return an empty 進捗管理表 in the seed's layout (anyone who may import)."""
    user = request.user
    if not imports_access.import_kinds(user):
        raise PermissionDenied
    response = HttpResponse(
        template_workbook(fiscal_year_of(timezone.localdate()), SEED_SCALE), content_type=XLSX
    )
    response["Content-Disposition"] = content_disposition_header(True, "進捗管理表_ひな形.xlsx") or ""
    return response
