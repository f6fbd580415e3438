"""The yearly cycle's rules: open, save, submit, return, confirm, reopen; stale saves refused."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shinchoku.accounts.models import User
from shinchoku.plans import workflow
from shinchoku.plans.models import EntryEvent, EntryStatus, IndicatorValue, Plan, YearlyEntry
from shinchoku.plans.workflow import EntryInput, IndicatorInput

pytestmark = pytest.mark.django_db


def user(name: str) -> User:
    return User.objects.get(username=name)


@pytest.fixture
def year_2022() -> Plan:
    plan = Plan.objects.get(slug="saitama-r3")
    workflow.open_year(
        plan=plan, fiscal_year=2022, deadline=datetime.date(2023, 4, 28), actor=user("jimukyoku")
    )
    return plan


def entry_2022(number: int) -> YearlyEntry:
    return YearlyEntry.objects.select_related("program__plan", "department").get(
        program__number=number, fiscal_year=2022
    )


def typed(
    entry: YearlyEntry, grade: str = "A", reason: str = "", target: str = "120", actual: str = "306"
) -> EntryInput:
    indicators = workflow.entry_indicators(entry)
    return EntryInput(
        activities="ワンストップ就労支援を実施しました。",
        target_text="就職者数 120人",
        result_text="就職者数 306人",
        evaluation_type="quantitative",
        proposed_grade=grade,
        proposed_reason=reason,
        indicators=tuple(
            IndicatorInput(i.pk, i.name, i.unit, i.direction, i.source, Decimal(target), Decimal(actual))
            for i in indicators
        ),
    )


def test_opening_a_year_creates_an_entry_per_program_and_department(year_2022: Plan) -> None:
    # 60 programs; 16 and 57 have two departments each.
    assert YearlyEntry.objects.filter(fiscal_year=2022).count() == 62
    assert set(YearlyEntry.objects.filter(fiscal_year=2022).values_list("status", flat=True)) == {"draft"}


def test_opening_a_year_carries_the_targets_forward(year_2022: Plan) -> None:
    targets = IndicatorValue.objects.filter(indicator__program__number=1, fiscal_year=2022)
    assert sorted(v.target for v in targets) == [Decimal(120), Decimal(7200)]
    assert all(v.actual is None for v in targets)
    assert "7,200人" in entry_2022(1).target_text  # last year's 目標 text as the start


def test_a_year_opens_once_and_only_within_the_plan(year_2022: Plan) -> None:
    with pytest.raises(workflow.WorkflowError, match="既に開始"):
        workflow.open_year(plan=year_2022, fiscal_year=2022, deadline=None, actor=user("jimukyoku"))
    with pytest.raises(workflow.WorkflowError, match="計画期間"):
        workflow.open_year(plan=year_2022, fiscal_year=2026, deadline=None, actor=user("jimukyoku"))


def test_only_the_secretariat_opens_a_year() -> None:
    plan = Plan.objects.get(slug="saitama-r3")
    with pytest.raises(PermissionDenied):
        workflow.open_year(plan=plan, fiscal_year=2023, deadline=None, actor=user("roudou"))


def test_saving_computes_the_suggested_grade(year_2022: Plan) -> None:
    entry = entry_2022(1)
    saved = workflow.save_entry(entry=entry, actor=user("roudou"), version=entry.version, data=typed(entry))
    assert saved.suggested_grade == "A"  # 306/120 and 306/7200… mean far above 110%
    assert saved.version == entry.version + 1


def test_a_grade_other_than_the_suggestion_needs_a_reason_and_nothing_is_saved(year_2022: Plan) -> None:
    entry = entry_2022(1)
    with pytest.raises(ValidationError):
        workflow.save_entry(
            entry=entry, actor=user("roudou"), version=entry.version, data=typed(entry, grade="B")
        )
    entry.refresh_from_db()
    assert entry.activities == "" and entry.version == 1
    assert (
        IndicatorValue.objects.filter(
            indicator__program__number=1, fiscal_year=2022, actual__isnull=False
        ).count()
        == 0
    )


def test_a_stale_save_is_refused(year_2022: Plan) -> None:
    entry = entry_2022(1)
    workflow.save_entry(entry=entry, actor=user("roudou"), version=1, data=typed(entry))
    with pytest.raises(workflow.StaleEntryError, match="他の人が保存しました"):
        workflow.save_entry(entry=entry, actor=user("roudou"), version=1, data=typed(entry, actual="100"))


def test_another_department_cannot_save(year_2022: Plan) -> None:
    entry = entry_2022(1)
    with pytest.raises(PermissionDenied):
        workflow.save_entry(entry=entry, actor=user("jutaku"), version=1, data=typed(entry))


def test_a_forged_indicator_of_another_program_is_refused(year_2022: Plan) -> None:
    entry = entry_2022(1)
    foreign = IndicatorValue.objects.filter(indicator__program__number=12).first().indicator
    data = typed(entry)
    forged = EntryInput(
        **{
            **data.__dict__,
            "indicators": (IndicatorInput(foreign.pk, "x", "戸", "higher", "", None, Decimal(1)),),
        }
    )
    with pytest.raises(PermissionDenied):
        workflow.save_entry(entry=entry, actor=user("roudou"), version=1, data=forged)


def test_submission_needs_activities_results_and_a_grade(year_2022: Plan) -> None:
    entry = entry_2022(1)
    with pytest.raises(workflow.WorkflowError, match="取組内容、実績・取組の成果、達成度"):
        workflow.submit_entry(entry=entry, actor=user("roudou"), version=1)


def test_the_whole_round(year_2022: Plan) -> None:
    roudou, jimukyoku = user("roudou"), user("jimukyoku")
    entry = entry_2022(1)
    entry = workflow.save_entry(entry=entry, actor=roudou, version=entry.version, data=typed(entry))
    entry = workflow.submit_entry(entry=entry, actor=roudou, version=entry.version)
    assert entry.status == EntryStatus.SUBMITTED
    with pytest.raises(PermissionDenied):  # submitted: the department waits
        workflow.save_entry(entry=entry, actor=roudou, version=entry.version, data=typed(entry))
    with pytest.raises(workflow.WorkflowError, match="差戻しの理由"):
        workflow.return_entry(entry=entry, actor=jimukyoku, version=entry.version, comment=" ")
    entry = workflow.return_entry(
        entry=entry, actor=jimukyoku, version=entry.version, comment="施設利用者数の出典を記載してください。"
    )
    assert entry.status == EntryStatus.RETURNED
    entry = workflow.save_entry(entry=entry, actor=roudou, version=entry.version, data=typed(entry))
    entry = workflow.submit_entry(entry=entry, actor=roudou, version=entry.version)
    entry = workflow.confirm_entry(
        entry=entry, actor=jimukyoku, version=entry.version, final_grade="", reason=""
    )
    assert (entry.status, entry.final_grade) == (EntryStatus.CONFIRMED, "A")
    with pytest.raises(PermissionDenied):  # confirmed entries are locked
        workflow.save_entry(entry=entry, actor=roudou, version=entry.version, data=typed(entry))
    with pytest.raises(workflow.WorkflowError, match="取り消す理由"):
        workflow.reopen_entry(entry=entry, actor=jimukyoku, version=entry.version, reason="")
    entry = workflow.reopen_entry(
        entry=entry, actor=jimukyoku, version=entry.version, reason="実績値の誤りが見つかったため"
    )
    assert entry.status == EntryStatus.RETURNED
    actions = list(EntryEvent.objects.filter(entry=entry).values_list("action", "actor__username"))
    assert actions == [
        ("submitted", "roudou"),
        ("returned", "jimukyoku"),
        ("submitted", "roudou"),
        ("confirmed", "jimukyoku"),
        ("reopened", "jimukyoku"),
    ]


def test_the_secretariats_own_grade_needs_a_reason_when_it_differs(year_2022: Plan) -> None:
    roudou, jimukyoku = user("roudou"), user("jimukyoku")
    entry = entry_2022(1)
    entry = workflow.save_entry(entry=entry, actor=roudou, version=entry.version, data=typed(entry))
    entry = workflow.submit_entry(entry=entry, actor=roudou, version=entry.version)
    with pytest.raises(ValidationError):
        workflow.confirm_entry(
            entry=entry, actor=jimukyoku, version=entry.version, final_grade="B", reason=""
        )
    entry = workflow.confirm_entry(
        entry=entry,
        actor=jimukyoku,
        version=entry.version,
        final_grade="B",
        reason="就職者数の定義が変わったため",
    )
    assert (entry.final_grade, entry.proposed_grade) == ("B", "A")


def test_departments_cannot_review() -> None:
    entry = YearlyEntry.objects.get(program__number=1, fiscal_year=2021)
    with pytest.raises(PermissionDenied):
        workflow.reopen_entry(entry=entry, actor=user("roudou"), version=entry.version, reason="x")


def test_the_history_reads_as_people_write(year_2022: Plan) -> None:
    from django.utils import translation

    from shinchoku.plans.history import entry_history

    roudou = user("roudou")
    entry = entry_2022(1)
    entry = workflow.save_entry(
        entry=entry, actor=roudou, version=entry.version, data=typed(entry, actual="7936")
    )
    entry = workflow.submit_entry(entry=entry, actor=roudou, version=entry.version)
    with translation.override("ja"):
        rows = {(c.who, c.what, c.before, c.after) for c in entry_history(entry, confirmed_only=False)}
    assert ("労働政策課 担当（デモ）", "状況", "下書き", "提出済") in rows
    assert ("労働政策課 担当（デモ）", "ワークステーションさいたま施設利用者数: 実績値", "―", "7,936") in rows


def test_attack_a_shared_indicator_cannot_change_under_another_departments_confirmed_entry(
    year_2022: Plan,
) -> None:
    """Found by an insider attack: a department's draft changed the value a confirmed entry shows."""
    from shinchoku.plans.models import Indicator

    first, second = YearlyEntry.objects.filter(program__number=16, fiscal_year=2022).order_by(
        "department__name"
    )
    shared = Indicator.objects.create(
        program=first.program, department=None, name="共通の指標（テスト）", unit="人"
    )
    IndicatorValue.objects.create(
        indicator=shared, fiscal_year=2022, target=Decimal(273), actual=Decimal(352)
    )
    YearlyEntry.objects.filter(pk=second.pk).update(status=EntryStatus.CONFIRMED, final_grade="B")
    editor = User.objects.create_user("kyotsu", organization=first.program.plan.organization, role="editor")
    editor.departments.add(first.department)

    with pytest.raises(workflow.WorkflowError, match="ほかの所管課と共通"):
        workflow.save_entry(
            entry=first, actor=editor, version=first.version, data=typed(first, "1", actual="999")
        )

    value = IndicatorValue.objects.get(indicator=shared, fiscal_year=2022)
    assert (value.target, value.actual) == (Decimal(273), Decimal(352))
