"""Every date a person types is read as the city writes it: 令和8年7月1日, R8.7.1, 2026/7/1.

The browser's date picker refuses 和暦, so the 広報活動 date, a case's closing and keep-until dates, a
case event's day and a help desk's closed day are text boxes read by the one parse_date.
"""

import datetime

import pytest
from django import forms

from shinchoku.cases.forms import CaseForm, EventForm
from shinchoku.council.forms import PrActivityForm
from shinchoku.directory.forms import ClosedDayFormSet

FIELDS: list[tuple[str, forms.Field]] = [
    ("広報活動の日付", PrActivityForm.base_fields["held_on"]),
    ("ケースの終結日", CaseForm.base_fields["closed_on"]),
    ("ケースの保存期限", CaseForm.base_fields["retain_until"]),
    ("ケースの経過の日付", EventForm.base_fields["day"]),
    ("窓口の休業日", ClosedDayFormSet.form.base_fields["day"]),
]


@pytest.mark.parametrize(("name", "field"), FIELDS, ids=[name for name, _ in FIELDS])
@pytest.mark.parametrize("typed", ["令和8年7月1日", "R8.7.1", "2026/7/1", "２０２６年７月１日", "2026-07-01"])
def test_a_date_typed_in_wareki_or_western_is_1_july_2026(name: str, field: forms.Field, typed: str) -> None:
    assert field.clean(typed) == datetime.date(2026, 7, 1)


@pytest.mark.parametrize(("name", "field"), FIELDS, ids=[name for name, _ in FIELDS])
def test_a_date_that_does_not_exist_is_refused_in_japanese(name: str, field: forms.Field) -> None:
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("令和8年2月30日")
    assert "「令和8年2月30日」という日はありません。" in str(refused.value)


@pytest.mark.parametrize(("name", "field"), FIELDS, ids=[name for name, _ in FIELDS])
def test_the_box_is_text_not_the_browsers_picker(name: str, field: forms.Field) -> None:
    assert field.widget.input_type == "text"
