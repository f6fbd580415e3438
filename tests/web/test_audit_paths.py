"""Every change of a target, actual, grade, reason or status leaves exactly one audit row, naming who.

Through the entry form, the submit and review buttons, and the department-form import; the
admin path is tested in test_admin.py (who, when, before and after of a grade changed there).
"""

from typing import Any

import pytest
from django.urls import reverse
from tests.imports.test_department_forms import filled
from tests.web.test_cycle_views import form_data

from shinchoku.accounts.models import User
from shinchoku.imports.services import import_department_form
from shinchoku.plans.models import IndicatorValue, YearlyEntry
from tests_helpers import login

pytestmark = pytest.mark.django_db


def audit_rows(entry: YearlyEntry) -> tuple[int, dict[int, int]]:
    values = IndicatorValue.objects.filter(indicator__program=entry.program, fiscal_year=entry.fiscal_year)
    return entry.history.count(), {v.pk: v.history.count() for v in values}


def latest_author(entry: YearlyEntry) -> str:
    latest = entry.history.first()
    assert latest is not None and latest.history_user is not None
    return str(latest.history_user.username)


def test_the_entry_form_the_buttons_and_the_review_each_leave_one_row(cycle: dict[str, Any]) -> None:
    entry: YearlyEntry = cycle["draft"]
    rows, value_rows = audit_rows(entry)

    roudou = login("roudou")
    assert roudou.post(reverse("plans:edit", args=[entry.pk]), form_data(entry)).status_code == 302
    entry.refresh_from_db()
    after_save, values_after_save = audit_rows(entry)
    assert after_save == rows + 1 and latest_author(entry) == "roudou"
    changed = [pk for pk, n in values_after_save.items() if n != value_rows[pk]]
    assert changed and all(values_after_save[pk] == value_rows[pk] + 1 for pk in changed)

    assert (
        roudou.post(reverse("plans:submit", args=[entry.pk]), {"version": entry.version}).status_code == 302
    )
    entry.refresh_from_db()
    assert audit_rows(entry)[0] == after_save + 1 and entry.history.first().status == "submitted"

    review = {"version": entry.version, "final_grade": "A", "reason": "", "comment": "", "action": "confirm"}
    assert login("jimukyoku").post(reverse("plans:review", args=[entry.pk]), review).status_code == 302
    entry.refresh_from_db()
    latest, previous = entry.history.all()[:2]
    assert audit_rows(entry)[0] == after_save + 2 and latest_author(entry) == "jimukyoku"
    changes = {(c.field, c.old, c.new) for c in latest.diff_against(previous).changes}
    assert ("status", "submitted", "confirmed") in changes and ("final_grade", "", "A") in changes


def test_an_imported_department_form_leaves_one_row_per_record_it_changed(cycle: dict[str, Any]) -> None:
    entry: YearlyEntry = cycle["draft"]
    rows, value_rows = audit_rows(entry)
    jimukyoku = User.objects.get(username="jimukyoku")
    import_department_form(
        name="r.xlsx",
        content=filled(entry.program.plan),
        plan=entry.program.plan,
        fiscal_year=2022,
        actor=jimukyoku,
    )
    entry.refresh_from_db()
    after, values_after = audit_rows(entry)
    # Saved, then submitted: one row for each step, as 「保存して事務局に提出」 writes on screen.
    assert after == rows + 2 and latest_author(entry) == "jimukyoku"
    assert all(values_after[pk] == value_rows[pk] + 1 for pk in value_rows)
    assert {v.history.first().history_user_id for v in IndicatorValue.objects.filter(pk__in=value_rows)} == {
        jimukyoku.pk
    }
