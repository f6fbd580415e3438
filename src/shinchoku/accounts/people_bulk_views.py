"""The secretariat adds many people at once: upload a list, see every row, confirm, get the links.

The checked rows wait in the secretariat's session (not the file: only the cells read from it)
under a token the server makes up, until the secretariat confirms; the confirmation checks them
again inside its transaction. The new accounts' set-password links are shown once, on the result.
"""

import dataclasses
import io
import secrets
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from shinchoku.accounts import access, people_bulk
from shinchoku.accounts.link_mail import mail_set_password_links
from shinchoku.accounts.models import User
from shinchoku.accounts.people_bulk_table import RawPerson, read_people
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.lib.csvfile import csv_bytes
from shinchoku.lib.errors import ServiceError
from shinchoku.lib.problems import ImportRefused
from shinchoku.lib.reading import MAX_FILE_BYTES, read_file

PENDING = "shinchoku_people_bulk"
DONE = "shinchoku_people_bulk_done"
HEADER = ("氏名", "ログイン名", "メール", "所管課", "役割")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PeopleFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("List of people (Excel .xlsx or CSV)"),
        help_text=gettext_lazy("Columns 氏名, ログイン名, メール, 所管課, 役割, as in the template."),
    )


def _manager(request: AuthedRequest) -> User:
    if not access.manages_people(request.user):
        raise Http404  # as the people page: it does not exist for those who do not manage people
    return request.user


def _page(request: AuthedRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    context.setdefault("form", PeopleFileForm())
    return render(request, "accounts/people_bulk.html", context, status=status)


def bulk_upload(request: AuthedRequest) -> HttpResponse:
    """Return the upload form, or read the uploaded list and show what confirming it would do."""
    actor = _manager(request)
    form = PeopleFileForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _page(request, {"form": form}, 400 if request.method == "POST" else 200)
    upload = form.cleaned_data["file"]
    name = Path(upload.name).name[:200]
    try:
        rows = read_people(read_file(name, upload.read(MAX_FILE_BYTES + 1)))
    except ImportRefused as refused:
        return _page(request, {"form": form, "name": name, "problems": refused.problems}, 400)
    plan = people_bulk.plan_people(actor, rows)
    token = secrets.token_urlsafe(16)
    request.session[PENDING] = {
        "token": token,
        "name": name,
        "rows": [dataclasses.asdict(raw) for raw in rows],
    }
    return _page(request, {"name": name, "plan": plan, "token": token}, 400 if plan.refused else 200)


@require_POST
def bulk_confirm(request: AuthedRequest) -> HttpResponse:
    """Add and change the people of the previewed list (all or none), then show the new links."""
    actor = _manager(request)
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or request.POST.get("token") != pending.get("token"):
        messages.error(request, _("The list is no longer waiting for confirmation. Choose the file again."))
        return redirect("accounts:people_bulk")
    rows = [RawPerson(**row) for row in pending["rows"]]
    try:
        done = people_bulk.add_people(actor=actor, rows=rows)
    except people_bulk.PeopleRefused as refused:
        context = {"name": pending["name"], "plan": refused.plan, "token": pending["token"]}
        return _page(request, context | {"error": str(refused)}, 400)
    except ServiceError as error:
        plan = people_bulk.plan_people(actor, rows)
        context = {"name": pending["name"], "plan": plan, "token": pending["token"], "error": str(error)}
        return _page(request, context, 400)
    del request.session[PENDING]
    mailed = mail_set_password_links(done.added)  # after the commit: each link works once
    request.session[DONE] = {
        "name": pending["name"],
        "changed": [person.username for person in done.changed],
        "added": [
            {
                "username": person.username,
                "full_name": person.get_full_name(),
                "link": request.build_absolute_uri(path),
                "email": person.email,
                "mail": outcome.value,
            }
            for (person, path), outcome in zip(done.added, mailed, strict=True)
        ],
    }
    return redirect("accounts:people_bulk_done")


def bulk_done(request: AuthedRequest) -> HttpResponse:
    """Show what the confirmed list did, and each new account's set-password link, this once."""
    _manager(request)
    done = request.session.pop(DONE, None)
    if done is None:
        return redirect("accounts:people")
    return render(request, "accounts/people_bulk_done.html", {"done": done})


def bulk_template(request: AuthedRequest, kind: str) -> HttpResponse:
    """Return the empty list to fill in: CSV (UTF-8 with BOM, as Excel opens it) or an Excel workbook."""
    _manager(request)
    if kind == "csv":
        response = HttpResponse(csv_bytes(HEADER, []), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="people.csv"'
        return response
    response = HttpResponse(_template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="people.xlsx"'
    return response


def _template_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "利用者"
    sheet.append(HEADER)
    for column, width in zip("ABCDE", (16, 20, 30, 30, 16), strict=True):
        sheet.column_dimensions[column].width = width
        sheet[f"{column}1"].font = Font(bold=True)
    roles = DataValidation(type="list", formula1='"事務局,所管課担当者,協議会委員"', allow_blank=True)
    roles.add("E2:E1000")
    sheet.add_data_validation(roles)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
