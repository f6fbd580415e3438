"""Rules of a yearly entry, enforced on every path that saves one (admin included)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from shinchoku.accounts.models import Department
from shinchoku.plans.models import Listing, PlanNode, Program, YearlyEntry
from shinchoku.plans.services import refresh_suggested_grade
from tests_helpers import login

pytestmark = pytest.mark.django_db


def entry(number: int) -> YearlyEntry:
    return YearlyEntry.objects.select_related("program__plan").get(
        program__plan__slug="saitama-r3", program__number=number, fiscal_year=2021
    )


def test_dash_needs_a_reason() -> None:
    e = entry(8)
    e.final_grade, e.reason = "－", ""
    with pytest.raises(ValidationError) as error:
        e.full_clean()
    assert "reason" in error.value.message_dict


def test_a_grade_other_than_the_suggestion_needs_a_reason() -> None:
    e = entry(12)  # suggested B
    e.reason = ""
    with pytest.raises(ValidationError):
        e.full_clean()
    e.final_grade = "Ｂ"  # the suggestion, written full width
    e.full_clean()
    assert e.final_grade == "B"


def test_an_unknown_grade_is_refused_in_japanese() -> None:
    e = entry(8)
    e.final_grade = "D"
    with pytest.raises(ValidationError, match="達成度「D」はこの評価尺度にありません"):
        e.full_clean()


def test_only_the_programs_departments_report_on_it() -> None:
    e = entry(1)
    e.department = Department.objects.get(name="住宅政策課")
    with pytest.raises(ValidationError) as error:
        e.full_clean(exclude=["program", "fiscal_year"])
    assert "department" in error.value.message_dict


def test_an_entry_lies_within_the_plans_period() -> None:
    e = entry(1)
    e.fiscal_year = 2026
    with pytest.raises(ValidationError) as error:
        e.full_clean()
    assert "fiscal_year" in error.value.message_dict


def test_the_suggestion_follows_the_indicators() -> None:
    e = entry(12)
    value = e.program.indicators.get().values.get(fiscal_year=2021)
    value.actual = 5830  # 110% of 5,300
    value.save()
    assert refresh_suggested_grade(entry=e)
    assert e.suggested_grade == "A"


def test_a_program_has_one_first_listing_and_re_listings_otherwise() -> None:
    program = Program.objects.get(plan__slug="saitama-r3", number=1)
    other = PlanNode.objects.get(plan__slug="saitama-r3", label="(2)", parent__label="1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Listing.objects.create(node=other, program=program, is_relisting=False)
    Listing.objects.create(node=other, program=program, is_relisting=True)


def test_a_changed_target_keeps_who_when_before_and_after() -> None:
    from shinchoku.accounts.models import User

    value = entry(12).program.indicators.get().values.get(fiscal_year=2021)
    value._history_user = User.objects.get(username="jutaku")
    value.target = 5400
    value.save()
    latest, previous = value.history.all()[:2]
    assert latest.history_user.username == "jutaku"
    changes = {(c.field, str(c.old), str(c.new)) for c in latest.diff_against(previous).changes}
    assert changes == {("target", "5300.000", "5400.000")}


def test_an_organization_code_needs_its_check_digit() -> None:
    from shinchoku.accounts.models import Organization

    with pytest.raises(ValidationError):
        Organization(name="誤り", jis_code="111008").full_clean()
    Organization(name="東京都（例）", jis_code="130001").full_clean()  # 110001 (埼玉県) is in the demo now


def test_the_entry_page_shows_the_programs_note_where_the_plan_said_同上() -> None:
    entry = YearlyEntry.objects.filter(program__plan__slug="saitama-r3", program__number=30).first()
    assert entry is not None
    page = login("jimukyoku").get(f"/entries/{entry.pk}/").content.decode()
    assert "事業の備考" in page and "資料では標題を「同上」（事業番号29と同じ）と記載。" in page
