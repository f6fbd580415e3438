"""The secretariat's screens for its council's members and meetings (no Django admin needed)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shinchoku.accounts.requests import AuthedRequest
from shinchoku.council import access, roster
from shinchoku.council.models import Member, MemberCategory
from shinchoku.lib.errors import ServiceError
from shinchoku.lib.forms import JapaneseDateField
from shinchoku.plans.forms import FiscalYearField


class MemberForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("name"), max_length=100)
    affiliation = forms.CharField(label=gettext_lazy("affiliation"), max_length=200)
    category = forms.ChoiceField(label=gettext_lazy("category"), choices=MemberCategory.choices)
    term_from = JapaneseDateField(label=gettext_lazy("term from"), required=False)
    term_to = JapaneseDateField(label=gettext_lazy("term to"), required=False)


class MeetingForm(forms.Form):
    fiscal_year = FiscalYearField(label=gettext_lazy("fiscal year"))
    number = forms.IntegerField(label=gettext_lazy("number in the year"), min_value=1, max_value=99)
    held_on = JapaneseDateField(label=gettext_lazy("held on"), required=False)
    attendees = forms.ModelMultipleChoiceField(
        label=gettext_lazy("attendance"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agenda = forms.CharField(
        label=gettext_lazy("agenda"),
        help_text=gettext_lazy("One item per line, in the order of the meeting."),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    minutes = forms.CharField(
        label=gettext_lazy("minutes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_agenda(self) -> list[str]:
        """Return the agenda's lines (議題), one item each; the service trims and checks them."""
        return str(self.cleaned_data["agenda"]).splitlines()


def _page(request: HttpRequest, context: dict[str, Any], form: forms.Form) -> HttpResponse:
    return render(
        request, "council/roster.html", context | {"form": form}, status=400 if form.errors else 200
    )


def members(request: AuthedRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """The council's members and the form to add one; with pk, the form to change that member."""
    user = request.user
    plan = access.get_managed_plan(user, slug)
    member = None if pk is None else access.get_member(plan, pk)
    initial = {} if member is None else {f: getattr(member, f) for f in MemberForm.base_fields}
    form = MemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            roster.save_member(
                actor=user, plan=plan, member=member, data=roster.MemberInput(**form.cleaned_data)
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The council member has been saved."))
            return redirect("council:members", slug=plan.slug)
    rows = access.roster_members(plan)
    return _page(
        request,
        {
            "plan": plan,
            "title": _("Council members") if member is None else str(member),
            "rows": [(str(m), reverse("council:member_edit", args=[plan.slug, m.pk])) for m in rows]
            if member is None
            else [],
            "history": member.history.select_related("history_user")[:20] if member else None,
        },
        form,
    )


def meetings(request: AuthedRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """The council's meetings and the form to add one; with pk, the form to change that meeting."""
    user = request.user
    plan = access.get_managed_plan(user, slug)
    meeting = None if pk is None else access.get_plan_meeting(plan, pk)
    initial: dict[str, Any] = {"number": 1}
    if meeting is not None:
        initial = {
            "fiscal_year": meeting.fiscal_year,
            "number": meeting.number,
            "held_on": meeting.held_on,
            "attendees": list(meeting.attendees.all()),
            "agenda": "\n".join(meeting.agenda),
            "minutes": meeting.minutes,
        }
    form = MeetingForm(request.POST or None, initial=initial)
    attendees = form.fields["attendees"]
    assert isinstance(attendees, forms.ModelMultipleChoiceField)
    attendees.queryset = access.roster_members(plan)
    if request.method == "POST" and form.is_valid():
        try:
            roster.save_meeting(
                actor=user, plan=plan, meeting=meeting, data=roster.MeetingInput(**form.cleaned_data)
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The council meeting has been saved."))
            return redirect("council:meetings", slug=plan.slug)
    rows = plan.meetings.all()
    return _page(
        request,
        {
            "plan": plan,
            "title": _("Council meetings") if meeting is None else str(meeting),
            "rows": [(str(m), reverse("council:meeting_edit", args=[plan.slug, m.pk])) for m in rows]
            if meeting is None
            else [],
            "history": meeting.history.select_related("history_user")[:20] if meeting else None,
        },
        form,
    )
