"""The secretariat adds, renames and merges its departments on its own screens, with history (issue 20)."""

import pytest

from shinchoku.accounts.models import Department, User
from shinchoku.plans.models import Program, YearlyEntry
from tests_helpers import login

pytestmark = pytest.mark.django_db


def _pk(name: str) -> int:
    return Department.objects.get(name=name).pk


def _clashing_pair() -> tuple[Department, Department]:
    """Two departments of さいたま市 with an entry for the same program and year (program 16 or 57)."""
    entries = YearlyEntry.objects.filter(program__number=16, fiscal_year=2021).select_related("department")
    first, second = [e.department for e in entries][:2]
    return first, second


def test_the_secretariat_adds_a_department() -> None:
    response = login("jimukyoku").post("/organization/departments/", {"name": "再犯防止推進課"})

    assert response.status_code == 302
    added = Department.objects.get(name="再犯防止推進課")
    assert added.organization == User.objects.get(username="jimukyoku").organization
    assert added.history.get().history_user.username == "jimukyoku"


def test_a_name_already_used_is_refused_in_japanese_and_kept_in_the_form() -> None:
    response = login("jimukyoku").post("/organization/departments/", {"name": "労働政策課"})

    assert response.status_code == 400
    assert "所管課「労働政策課」は既にあります。" in response.content.decode()


def test_a_renamed_department_keeps_its_former_name_in_the_history() -> None:
    pk = _pk("労働政策課")

    response = login("jimukyoku").post(
        f"/organization/departments/{pk}/", {"action": "rename", "name": "雇用政策課"}
    )

    assert response.status_code == 302
    department = Department.objects.get(pk=pk)
    assert department.name == "雇用政策課"
    assert [h.name for h in department.history.order_by("history_date")][-2:] == ["労働政策課", "雇用政策課"]
    page = login("jimukyoku").get(f"/organization/departments/{pk}/").content.decode()
    assert "労働政策課" in page


def test_a_merge_moves_entries_programs_and_people_and_removes_the_department() -> None:
    source, target = Department.objects.get(name="労働政策課"), Department.objects.get(name="住宅政策課")
    entries = YearlyEntry.objects.filter(department=source).count()
    programs = set(Program.objects.filter(departments=source).values_list("pk", flat=True))
    assert entries > 0 and not (
        set(YearlyEntry.objects.filter(department=source).values_list("program_id", "fiscal_year"))
        & set(YearlyEntry.objects.filter(department=target).values_list("program_id", "fiscal_year"))
    )

    response = login("jimukyoku").post(
        f"/organization/departments/{source.pk}/", {"action": "merge", "target": target.pk}
    )

    assert response.status_code == 302
    assert not Department.objects.filter(pk=source.pk).exists()
    assert YearlyEntry.objects.filter(department=target).count() >= entries
    assert programs <= set(Program.objects.filter(departments=target).values_list("pk", flat=True))
    assert list(User.objects.get(username="roudou").departments.all()) == [target]
    assert (
        Department.history.filter(id=source.pk, history_type="-").get().history_user.username == "jimukyoku"
    )


def test_a_merge_of_two_departments_with_an_entry_for_the_same_program_and_year_is_refused() -> None:
    source, target = _clashing_pair()
    before = YearlyEntry.objects.filter(department=source).count()

    response = login("jimukyoku").post(
        f"/organization/departments/{source.pk}/", {"action": "merge", "target": target.pk}
    )

    assert response.status_code == 400
    assert "両方に同じ事業・年度の取組があるため統合できません（2021年度 事業16" in response.content.decode()
    assert YearlyEntry.objects.filter(department=source).count() == before


def test_a_department_editor_has_no_departments_page() -> None:
    assert login("roudou").get("/organization/departments/").status_code == 404
