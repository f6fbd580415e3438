from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from shinchoku.council.models import Member, Opinion, PrActivity, Response, ResponseStatus
from shinchoku.lib.forms import JapaneseDateField
from shinchoku.plans.models import Plan, PlanNode, Program

# An opinion or an answer printed in the council report: long enough for any real one (the seed's
# run to a few hundred characters), short enough that a report is never held up by one text.
TEXT_LIMIT = 4000


def _choose_from(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Offer the field's choices from queryset (a model choice field)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def _limit(form: forms.BaseForm, *names: str) -> None:
    for name in names:
        field = form.fields[name]
        field.validators.append(MaxLengthValidator(TEXT_LIMIT))
        field.widget.attrs["maxlength"] = str(TEXT_LIMIT)


class OpinionForm(forms.ModelForm):  # type: ignore[type-arg]  # generic only in the stubs (no django_stubs_ext)
    class Meta:
        model = Opinion
        fields = ["fiscal_year", "meeting", "member", "area", "program", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose_from(self, "meeting", plan.meetings.all())
        _choose_from(self, "member", Member.objects.filter(organization=plan.organization))
        _choose_from(self, "area", PlanNode.objects.filter(plan=plan).select_related("parent__parent"))
        _choose_from(self, "program", Program.objects.filter(plan=plan))
        _limit(self, "text")


class ResponseForm(forms.ModelForm):  # type: ignore[type-arg]  # generic only in the stubs (no django_stubs_ext)
    class Meta:
        model = Response
        fields = ["status", "text", "reason"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "text", "reason")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == ResponseStatus.DIFFICULT and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why it is difficult."))
        return data


class PrActivityForm(forms.ModelForm):  # type: ignore[type-arg]  # generic only in the stubs (no django_stubs_ext)
    class Meta:
        model = PrActivity
        fields = ["held_on", "month_only", "title", "kind", "partner", "description", "programs"]
        # 和暦 as typed (令和8年7月1日), not the browser's picker, which refuses it.
        field_classes = {"held_on": JapaneseDateField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "programs": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose_from(self, "programs", Program.objects.filter(plan=plan))
