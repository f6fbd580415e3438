from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shinchoku.council.models import Meeting
from shinchoku.lib.forms import JapaneseDateField
from shinchoku.lifecycle import revision_input
from shinchoku.lifecycle.revision_input import RevisionChanges
from shinchoku.lifecycle.revisions import RevisionError
from shinchoku.plans.forms import FiscalYearField
from shinchoku.plans.models import Plan


class SuccessorForm(forms.Form):
    name = forms.CharField(label=_("name of the next plan"), max_length=200)
    slug = forms.SlugField(label=_("short name (for addresses)"), max_length=50)
    first_year = FiscalYearField(label=_("first fiscal year"))
    last_year = FiscalYearField(label=_("last fiscal year"))


def _box(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class RevisionForm(forms.Form):
    """A revision (見直し) as the secretariat types it; the change fields use the command's notation."""

    effective_year = FiscalYearField(
        label=_("from fiscal year"), help_text=_("A year not opened yet, e.g. 令和6年度 or 2024")
    )
    decided_on = JapaneseDateField(label=_("decided on"))
    summary = forms.CharField(label=_("what was revised and why"), max_length=2000, widget=_box())
    meeting = forms.ModelChoiceField(
        label=_("reported to the council meeting"), queryset=Meeting.objects.none(), required=False
    )
    retire = forms.CharField(
        label=_("programs that end"),
        help_text=_("Program numbers, e.g. 8, 9. They end with the year before the revision."),
        max_length=1000,
        required=False,
    )
    moves = forms.CharField(
        label=_("programs moved to another measure"),
        help_text=_("One per line: program number=measure, e.g. 12=2(1)②"),
        max_length=5000,
        required=False,
        widget=_box(),
    )
    renumbers = forms.CharField(
        label=_("programs given a new number"),
        help_text=_("One per line: old number=new number, e.g. 30=62"),
        max_length=5000,
        required=False,
        widget=_box(),
    )
    additions = forms.CharField(
        label=_("programs added"),
        help_text=_(
            "One per line: number|title|measure|departments (commas between them), e.g. 61|新しい事業|1(2)|労働政策課"
        ),
        max_length=10000,
        required=False,
        widget=_box(),
    )

    def __init__(self, *args: Any, plan: Plan, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ModelChoiceField)
        meeting.queryset = meetings

    def clean(self) -> dict[str, Any]:
        """Find each program, measure and department named in the changes; say which line is wrong."""
        data = super().clean() or {}
        nodes = revision_input.plan_nodes(self.plan)
        readers: dict[str, Any] = {
            "retire": lambda: revision_input.retire(self.plan, revision_input.numbers_list(data["retire"])),
            "moves": lambda: [
                revision_input.move(self.plan, nodes, t) for t in revision_input.lines(data["moves"])
            ],
            "renumbers": lambda: [
                revision_input.renumber(self.plan, t) for t in revision_input.lines(data["renumbers"])
            ],
            "additions": lambda: [
                revision_input.addition(self.plan, nodes, t) for t in revision_input.lines(data["additions"])
            ],
        }
        found: dict[str, Any] = {}
        for name, read in readers.items():
            if name not in data:
                continue
            try:
                found[name] = read()
            except RevisionError as error:
                self.add_error(name, str(error))
        if len(found) == len(readers):
            try:
                revision_input.refuse_overlaps(RevisionChanges(**found))
            except RevisionError as error:
                self.add_error(None, str(error))
        self.changes = RevisionChanges(**found) if len(found) == len(readers) else RevisionChanges()
        return data

    def revision(self) -> dict[str, Any]:
        """Return the keywords of ``revisions.record_revision`` (the plan and actor aside)."""
        data = self.cleaned_data
        return {
            "decided_on": data["decided_on"],
            "effective_year": data["effective_year"],
            "summary": data["summary"],
            "meeting": data["meeting"],
        } | self.changes.as_kwargs()
