"""Mapping a plan to the national 重点課題, and the analyst's grade shares across organizations."""

import pytest
from django.test import Client

from shinchoku.accounts.models import Department, Organization, Role, User
from shinchoku.national.models import AreaMapping, NationalIssue, ProgramMapping
from shinchoku.plans.models import EntryStatus, Listing, Plan, PlanNode, PlanYear, Program, YearlyEntry
from tests_helpers import login

pytestmark = pytest.mark.django_db


def issue(code: str, number: int) -> NationalIssue:
    return NationalIssue.objects.get(national_plan__code=code, number=number)


def small_city(name: str, jis_code: str, grades: list[str], *, area_issue: int | None = 1) -> Plan:
    """A city with one area and one program per grade, FY2021 confirmed (test data, not a real plan)."""
    organization = Organization.objects.create(name=name, jis_code=jis_code)
    department = Department.objects.create(organization=organization, name="福祉課")
    plan = Plan.objects.create(
        organization=organization,
        slug=f"test-{jis_code}",
        name=f"{name}計画（テスト）",
        first_year=2021,
        last_year=2025,
    )
    PlanYear.objects.create(plan=plan, fiscal_year=2021)
    area = PlanNode.objects.create(plan=plan, label="1", title="就労の支援（テスト）", position=0)
    if area_issue is not None:
        AreaMapping.objects.create(node=area, issue=issue("first", area_issue))
    for number, grade in enumerate(grades, start=1):
        program = Program.objects.create(plan=plan, number=number, title=f"テスト事業{number}")
        program.departments.set([department])
        Listing.objects.create(node=area, program=program)
        YearlyEntry.objects.create(
            program=program,
            fiscal_year=2021,
            department=department,
            final_grade=grade,
            status=EntryStatus.CONFIRMED,
        )
    return plan


def shares(client: Client, query: str = "?year=2021&national_plan=first") -> dict[str, object]:
    response = client.get("/national/" + query)
    assert response.status_code == 200
    return response.context["data"]  # type: ignore[no-any-return]


def test_the_demo_maps_saitamas_five_areas_to_the_first_national_plan() -> None:
    mapped = AreaMapping.objects.filter(node__plan__slug="saitama-r3").order_by("node__position")
    assert [(m.node.label, m.issue.national_plan.code, m.issue.number) for m in mapped] == [
        (str(n), "first", n) for n in range(1, 6)
    ]


def test_a_prefecture_analyst_compares_the_organizations_of_the_prefecture() -> None:
    small_city("川越市", "112011", ["A", "A", "B", "－"])
    small_city("千代田区", "131016", ["C"])  # another prefecture
    data = shares(login("kouiki"))
    assert [o["name"] for o in data["by_organization"]] == ["さいたま市", "川越市"]  # type: ignore[index]
    first = data["issues"][0]  # type: ignore[index]
    # Saitama's area 1 (13 programs: A 5, B 8) and Kawagoe's four programs.
    assert (first["total"], first["counts"]) == (17, {"A": 7, "B": 9, "C": 0, "－": 1})
    assert first["percent"]["A"] == 41.2  # 7/17, rounded half up to one place


def test_a_national_analyst_oversees_every_organization() -> None:
    small_city("千代田区", "131016", ["C"])
    User.objects.create_user("kuni", role=Role.ANALYST)
    data = shares(login("kuni"))
    assert [o["jis_code"] for o in data["by_organization"]] == ["111007", "131016"]  # type: ignore[index]


def test_a_program_mapped_on_its_own_leaves_its_areas_issues() -> None:
    plan = small_city("川越市", "112011", ["A", "B"])
    ProgramMapping.objects.create(program=plan.programs.get(number=2), issue=issue("first", 6))
    User.objects.create_user("kuni", role=Role.ANALYST)
    kawagoe = next(o for o in shares(login("kuni"))["by_organization"] if o["jis_code"] == "112011")  # type: ignore[attr-defined]
    assert [i["total"] for i in kawagoe["issues"]] == [1, 0, 0, 0, 0, 1, 0]


def test_unmapped_programs_are_counted_apart() -> None:
    small_city("川越市", "112011", ["A"], area_issue=None)
    kawagoe = shares(login("kouiki"))["by_organization"][1]  # type: ignore[index]
    assert kawagoe["unmapped"]["total"] == 1 and sum(i["total"] for i in kawagoe["issues"]) == 0


def test_drafts_never_count_across_organizations() -> None:
    plan = small_city("川越市", "112011", ["A", "A"])
    YearlyEntry.objects.filter(program__plan=plan, program__number=2).update(status=EntryStatus.SUBMITTED)
    kawagoe = shares(login("kouiki"))["by_organization"][1]  # type: ignore[index]
    assert kawagoe["issues"][0]["total"] == 1


def test_the_csv_has_a_row_per_organization_and_issue() -> None:
    small_city("川越市", "112011", ["A"])
    response = login("kouiki").get("/national/shares.csv?year=2021&national_plan=first")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("年度,国の計画,団体コード,団体名,重点課題番号,重点課題,事業数,A（件）")
    assert (
        lines[1]
        == "令和3年度,再犯防止推進計画（第一次）,,全体,1,就労・住居の確保等,14,6,8,0,0,42.9,57.1,0.0,0.0"
    )
    assert len(lines) == 1 + 3 * 8  # 全体 and two cities × (7 issues + 対応づけなし)


def test_a_wrong_year_is_refused_in_japanese() -> None:
    response = login("kouiki").get("/national/?year=1900&national_plan=first")
    assert response.status_code == 400
    assert "正しく選択してください" in response.content.decode()


def test_the_secretariat_maps_an_area_and_the_history_keeps_who() -> None:
    client = login("jimukyoku")
    page = client.get("/plans/saitama-r3/national/")
    area1 = PlanNode.objects.get(plan__slug="saitama-r3", parent=None, label="1")
    seen = page.context["form"].initial["seen"]
    response = client.post(
        "/plans/saitama-r3/national/?national_plan=first",
        {f"area_{area1.pk}": [str(issue("first", 1).pk), str(issue("first", 6).pk)], "seen": seen},
    )
    assert response.status_code == 302
    assert sorted(AreaMapping.objects.filter(node=area1).values_list("issue__number", flat=True)) == [1, 6]
    # Areas 2–5 were left unticked in the post: their mappings are removed, and the history says who did it.
    assert not AreaMapping.objects.filter(node__plan__slug="saitama-r3").exclude(node=area1).exists()
    removed = AreaMapping.history.filter(history_type="-").first()
    assert removed is not None and removed.history_user.username == "jimukyoku"


def test_a_stale_mapping_page_is_refused_and_changes_nothing() -> None:
    client = login("jimukyoku")
    before = list(AreaMapping.objects.values_list("pk", flat=True))
    response = client.post("/plans/saitama-r3/national/", {"seen": "an older page"})
    assert response.status_code == 409
    assert "ほかの人が対応づけを保存しました" in response.content.decode()
    assert list(AreaMapping.objects.values_list("pk", flat=True)) == before


def test_an_analyst_of_a_municipality_sees_that_municipality_only() -> None:
    kawagoe = small_city("川越市", "112011", ["A"]).organization
    User.objects.create_user("kawagoe-analyst", organization=kawagoe, role=Role.ANALYST)
    assert [o["name"] for o in shares(login("kawagoe-analyst"))["by_organization"]] == ["川越市"]  # type: ignore[index]


def test_a_forged_issue_is_refused_in_japanese_and_changes_nothing() -> None:
    client = login("jimukyoku")
    seen = client.get("/plans/saitama-r3/national/").context["form"].initial["seen"]
    area1 = PlanNode.objects.get(plan__slug="saitama-r3", parent=None, label="1")
    before = list(AreaMapping.objects.order_by("pk").values_list("node_id", "issue_id"))
    response = client.post(
        "/plans/saitama-r3/national/", {f"area_{area1.pk}": [str(issue("second", 1).pk)], "seen": seen}
    )
    assert response.status_code == 400
    assert "正しく選択してください" in response.content.decode()
    assert list(AreaMapping.objects.order_by("pk").values_list("node_id", "issue_id")) == before
