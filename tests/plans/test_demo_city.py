"""架空市（デモ）: an invented city beside さいたま市, whose plan uses other cities' practices together.

Everything of it is invented and says so in the data (「（デモ）」 in its names, 「デモデータ」 in its
notes and texts); its code 999911 passes the check digit but names no prefecture (99). Its people see
nothing of さいたま市, and さいたま市's people nothing of it. The tests' shared database holds only the
さいたま市 demo (tests/conftest.py), so each test here loads the city inside its own transaction.
"""

from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from shinchoku.accounts.models import Department, Organization, User
from shinchoku.domain.codes import is_valid_code
from shinchoku.domain.grades import GradeScale
from shinchoku.plans.demo_city import load_demo_city
from shinchoku.plans.demo_city_data import DEMO_NOTE
from shinchoku.plans.indicator_models import Indicator, IndicatorValue
from shinchoku.plans.models import Plan, PlanNode, Program, YearlyEntry
from shinchoku.reports.figures import build_figures
from tests_helpers import DEMO_PASSWORD, login

pytestmark = pytest.mark.django_db

SLUG = "kaku-r6-demo"


@pytest.fixture
def city() -> Plan:
    same = User.objects.get(username="jimukyoku").password
    return load_demo_city(password=None, password_hash=same).plan


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_the_city_and_its_code_are_invented_and_say_so(city: Plan) -> None:
    organization = city.organization
    assert organization.name == "架空市（デモ）"
    assert organization.jis_code == "999911" and is_valid_code("999911")
    assert int(organization.jis_code[:2]) > 47  # no prefecture: 01 北海道 … 47 沖縄県
    assert city.name == "架空市再犯防止推進計画（デモ）"
    assert city.basic_goal.startswith("デモデータ")


def test_every_row_of_the_city_says_demo(city: Plan) -> None:
    organization = city.organization
    assert all("（デモ）" in d.name and d.note == DEMO_NOTE for d in organization.departments.all())
    assert all("（デモ）" in n.title for n in PlanNode.objects.filter(plan=city))
    programs = Program.objects.filter(plan=city)
    assert programs.count() == 12
    assert all("（デモ）" in p.title and p.note == DEMO_NOTE and p.content == DEMO_NOTE for p in programs)
    entries = YearlyEntry.objects.filter(program__plan=city)
    assert all((e.activities, e.result_text) == (DEMO_NOTE, DEMO_NOTE) for e in entries)
    assert all(
        "デモ指標" in i.name and "デモ" in i.source for i in Indicator.objects.filter(program__plan=city)
    )
    people = User.objects.filter(organization=organization)
    assert sorted(people.values_list("username", flat=True)) == [
        "kaku_fukushi",
        "kaku_jimukyoku",
        "kaku_kyoiku",
        "kaku_shuro",
    ]
    assert all("（デモ）" in u.first_name and u.email.endswith("@kaku.example") for u in people)
    assert not any(u.is_staff or u.is_superuser for u in people)


def test_the_plan_uses_other_cities_practices(city: Plan) -> None:
    scale = city.scale()
    assert scale.labels == ("1", "2", "3", "4", "5")  # 川崎市: 1 is best
    assert (scale.grades[0].meaning, scale.grades[-1].meaning) == (
        "目標を大きく上回って達成",
        "目標を大きく下回った",
    )
    assert [(d["key"], d["name"]) for d in city.dimensions] == [
        ("validity", "事業の妥当性"),
        ("effectiveness", "事業の有効性・効率性・経済性"),
    ]
    dimension = GradeScale.from_dict(city.dimensions[0]["scale"])
    assert dimension.labels == ("5", "4", "3", "2", "1")
    assert (dimension.grades[0].meaning, dimension.grades[-1].meaning) == ("優る", "劣る")
    assert city.show_priority
    priority = Program.objects.filter(plan=city, is_priority=True).order_by("number")
    assert list(priority.values_list("number", flat=True)) == [1, 6, 10]
    rule = city.measure_rule
    assert (rule["kind"], rule["depth"]) == ("shares", 2)
    assert [t["grade"] for t in rule["thresholds"]] == ["A", "B", "C"]  # D: none met


def test_the_measure_rule_is_one_the_measure_grading_reads(city: Plan) -> None:
    measures = pytest.importorskip("shinchoku.domain.measures")  # branch measure until it is merged
    rule = measures.parse_rule(city.measure_rule, city.scale())
    assert rule.scale.labels == ("A", "B", "C", "D")


def test_two_years_confirmed_with_dimension_grades_and_one_entry_left_out(city: Plan) -> None:
    entries = YearlyEntry.objects.filter(program__plan=city)
    assert {e.status for e in entries} == {"confirmed"}
    assert sorted(set(entries.values_list("fiscal_year", flat=True))) == [2024, 2025]
    assert entries.filter(fiscal_year=2024).count() == entries.filter(fiscal_year=2025).count() == 12
    excluded = entries.get(excluded=True)
    assert (excluded.program.number, excluded.fiscal_year, excluded.final_grade) == (11, 2025, "")
    assert excluded.excluded_reason.startswith("デモデータ") and "評価対象外" in excluded.excluded_reason
    dimension = GradeScale.from_dict(city.dimensions[0]["scale"])
    for entry in entries.filter(excluded=False):
        assert set(entry.dimension_grades) == {"validity", "effectiveness"}
        assert all(dimension.parse(g) for g in entry.dimension_grades.values())


def test_an_indicator_has_a_baseline_and_another_a_target_of_continuing(city: Plan) -> None:
    jobs = Indicator.objects.get(program__plan=city, program__number=1)
    assert (jobs.baseline, jobs.baseline_year) == (Decimal("40"), 2023)
    assert [(v.target, v.actual) for v in jobs.values.order_by("fiscal_year")] == [
        (Decimal("50"), Decimal("56")),
        (Decimal("60"), Decimal("58")),
    ]
    classes = IndicatorValue.objects.get(
        indicator__program__plan=city, indicator__program__number=10, fiscal_year=2025
    )
    assert (classes.target, classes.target_trend, classes.get_target_trend_display()) == (
        None,
        "continue",
        "継続実施",
    )


def test_the_year_tallies_one_first_with_shares_to_one_place(city: Plan) -> None:
    figures = build_figures(city, 2024)
    assert figures["scale"] == ["1", "2", "3", "4", "5"]
    # FY2024's twelve grades: 1 ×1, 2 ×2, 3 ×7, 4 ×2 (1/12 = 8.33…%, 2/12 = 16.66…%, 7/12 = 58.33…%)
    assert figures["overall"] == {"1": 1, "2": 2, "3": 7, "4": 2, "5": 0}
    assert figures["overall_percent"] == {"1": 8.3, "2": 16.7, "3": 58.3, "4": 16.7, "5": 0.0}
    assert all(figures["checks"][k] for k in ("areas_sum_to_overall", "types_sum_to_overall"))


def test_loading_the_city_again_changes_nothing(city: Plan) -> None:
    before = row_counts()
    load_demo_city(password=None)
    assert row_counts() == before  # no new rows, and no new history rows either


def test_the_demo_command_loads_the_city_with_the_same_password() -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    printed = out.getvalue()
    assert "架空の市（デモデータ）: 架空市再犯防止推進計画（デモ）" in printed
    assert "kaku_fukushi" in printed and "パスワードは変更していません" in printed
    assert User.objects.get(username="kaku_shuro").check_password(DEMO_PASSWORD)  # the others' password
    assert Organization.objects.filter(jis_code="111007").get().plans.filter(slug="saitama-r3").exists()


@pytest.mark.parametrize(
    ("username", "paths"),
    [
        (
            "kaku_fukushi",
            ["/plans/saitama-r3/", "/plans/saitama-r3/2021/entries/", "/plans/saitama-r3/settings/"],
        ),
        (
            "kaku_jimukyoku",
            ["/plans/saitama-r3/", "/plans/saitama-r3/2021/board/", "/plans/saitama-r3/2021/report.json"],
        ),
        ("roudou", [f"/plans/{SLUG}/", f"/plans/{SLUG}/2025/entries/"]),
        ("jimukyoku", [f"/plans/{SLUG}/", f"/plans/{SLUG}/2025/board/", f"/plans/{SLUG}/settings/"]),
    ],
)
def test_neither_city_sees_the_other(city: Plan, username: str, paths: list[str]) -> None:
    client = login(username)
    for path in paths:
        assert client.get(path).status_code == 404, path
    other = "saitama-r3" if username.startswith("kaku") else SLUG
    entry = YearlyEntry.objects.filter(program__plan__slug=other).first()
    assert entry is not None
    assert client.get(f"/entries/{entry.pk}/").status_code == 404
    home = client.get("/").content.decode()
    assert ("さいたま市" if username.startswith("kaku") else "架空市") not in home


def test_a_department_of_the_city_sees_its_own_entries_only(city: Plan) -> None:
    page = login("kaku_fukushi").get(f"/plans/{SLUG}/2025/entries/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "住まいの相談会（デモ）" in text  # 福祉政策課（デモ）'s
    assert "就労相談窓口の運営（デモ）" not in text  # 就労支援課（デモ）'s
    assert Department.objects.filter(organization=city.organization).count() == 3


SECRETARIAT_PAGES = [
    "/",
    f"/plans/{SLUG}/",
    f"/plans/{SLUG}/settings/",
    f"/plans/{SLUG}/2025/entries/",
    f"/plans/{SLUG}/2025/board/",
    f"/plans/{SLUG}/trends/",
    f"/plans/{SLUG}/2024/report.html",
    f"/plans/{SLUG}/2025/report.json",
    f"/plans/{SLUG}/2025/report.xlsx",
    f"/plans/{SLUG}/council/",
    f"/plans/{SLUG}/outcomes/",
    f"/plans/{SLUG}/national/",
    f"/plans/{SLUG}/lifecycle/",
]


def test_the_citys_screens_open_for_its_secretariat(city: Plan) -> None:
    client = login("kaku_jimukyoku")
    for path in SECRETARIAT_PAGES:
        assert client.get(path).status_code == 200, path
    for entry in YearlyEntry.objects.filter(program__plan=city, program__number__in=[1, 10, 11]):
        assert client.get(f"/entries/{entry.pk}/").status_code == 200, entry  # baseline, 継続実施, 評価対象外


def test_the_citys_department_opens_its_entries_and_the_form(city: Plan) -> None:
    client = login("kaku_shuro")
    entry = YearlyEntry.objects.get(program__plan=city, program__number=1, fiscal_year=2025)
    assert client.get(f"/entries/{entry.pk}/").status_code == 200
    assert client.get(f"/plans/{SLUG}/2025/entries/").status_code == 200
