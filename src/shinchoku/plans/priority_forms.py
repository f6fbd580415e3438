"""The forms of the priority programs (重点事業): the plan's marks and a year's own list."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

MARKS = "marks"  # the year's page: the programs' own marks hold
OWN = "own"  # the year's page: the year's own list holds


def shown_text(numbers: list[int] | None) -> str:
    """Return what the page carries of the numbers it showed: 「1,5」, "" for none, 「-」 for None."""
    return "-" if numbers is None else ",".join(str(n) for n in sorted(numbers))


def shown_numbers(text: str) -> list[int] | None:
    """Return the numbers a page showed, from shown_text; a forged value reads as none shown."""
    if text == "-":
        return None
    return [int(n) for n in text.split(",") if n.strip().isdigit()]


class PriorityForm(forms.Form):
    """The programs marked 重点, ticked in a list; shown is what the page had ticked (a stale page is refused)."""

    shown = forms.CharField(widget=forms.HiddenInput, required=False, max_length=4000)
    numbers = forms.TypedMultipleChoiceField(
        label=_("priority programs (重点)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, programs: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["numbers"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(n, f"{n}　{title}") for n, title in programs]


class YearPriorityForm(PriorityForm):
    """A year's priority programs: the programs' marks, or the year's own list."""

    source = forms.ChoiceField(
        label=_("priority programs of this year"),
        choices=[(MARKS, _("as the programs are marked")), (OWN, _("this year's own list (below)"))],
        widget=forms.RadioSelect,
    )

    field_order = ["source", "numbers", "shown"]
