"""Pages of notifications: the user's own list and settings, the secretariat's undelivered mail, reminders."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from shinchoku.accounts import access
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.lib.mailurl import parse_email_url
from shinchoku.notifications import access as notifications_access
from shinchoku.notifications import reminders, services
from shinchoku.notifications.models import Digest, MessageStatus
from shinchoku.plans import access as plans_access


def notification_list(request: AuthedRequest) -> HttpResponse:
    """Return what the application told the user, newest first."""
    items = notifications_access.own_notifications(request.user)[:200]
    return render(request, "notifications/list.html", {"items": items})


class PreferenceForm(forms.Form):
    submissions = forms.ChoiceField(
        label=gettext_lazy("Submissions and withdrawals"), choices=Digest.choices, widget=forms.RadioSelect
    )


def notification_settings(request: AuthedRequest) -> HttpResponse:
    """Let the user choose one mail per submission or one digest a day."""
    user = request.user
    if not user.is_active or user.organization_id is None:
        raise Http404
    current = notifications_access.own_preference(user)
    form = PreferenceForm(
        request.POST or None,
        initial={"submissions": current.submissions if current else Digest.IMMEDIATE},
    )
    if request.method == "POST":
        if form.is_valid():
            services.set_preference(user=user, submissions=form.cleaned_data["submissions"])
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:settings")
        return render(request, "notifications/settings.html", {"form": form}, status=400)
    return render(request, "notifications/settings.html", {"form": form})


def undelivered(request: AuthedRequest) -> HttpResponse:
    """Return the organization's mails not delivered: failed, or waiting to be tried again, with why."""
    user = request.user
    if not access.manages_plans(user):
        raise Http404
    mails = notifications_access.visible_messages(user)
    rows = (
        mails.filter(Q(status=MessageStatus.FAILED) | Q(status=MessageStatus.QUEUED, attempts__gt=0))
        .select_related("recipient")
        .order_by("-created_at", "-pk")[:500]
    )
    return render(
        request,
        "notifications/undelivered.html",
        {
            "rows": rows,
            "waiting": mails.filter(status=MessageStatus.QUEUED).count(),
            "configured": parse_email_url(settings.SHINCHOKU_EMAIL_URL) is not None,
        },
    )


@require_POST
def retry(request: AuthedRequest, pk: int) -> HttpResponse:
    """Queue a failed mail again (e.g. after the address was corrected)."""
    user = request.user
    if not access.manages_plans(user):
        raise Http404
    message = notifications_access.get_message(user, pk)
    services.retry_message(message=message, actor=user)
    messages.success(request, _("The mail will be sent again at the next delivery."))
    return redirect("notifications:undelivered")


@require_POST
def remind(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    """Send today's reminders of the year to every department that has not submitted (the board's button)."""
    user = request.user
    plan_year = plans_access.get_plan_year(user, slug, year)
    plan = plan_year.plan
    if not plans_access.manages_plan(user, plan):
        raise PermissionDenied
    result = reminders.remind(plan_year=plan_year, actor=user)
    sent = [r for r in result if not r.already_today]
    skipped = [r for r in result if r.already_today]
    if sent:
        messages.success(
            request,
            _("Reminders sent to %(departments)s.")
            % {"departments": "、".join(r.department.name for r in sent)},
        )
    if skipped:
        messages.info(
            request,
            _("Already reminded today, not sent again: %(departments)s.")
            % {"departments": "、".join(r.department.name for r in skipped)},
        )
    if not result:
        messages.info(request, _("Every department has submitted; no reminder was sent."))
    return redirect(reverse("plans:board", args=[plan.slug, year]))
