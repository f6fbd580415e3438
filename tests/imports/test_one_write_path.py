"""One write path: an entry changed from a file is written by the same workflow services as on screen.

The progress import (進捗管理表), a returned department form (回答票) and the entry form all lock
the entry, check and bump its version, check access, record an event and name the actor in the
history. A file row the uploader could not change on screen refuses the whole file, and an import
replaces a submitted or confirmed entry only on the secretariat's explicit 「上書きする」.
"""

import ast
import inspect
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_save
from django.urls import reverse
from openpyxl import load_workbook
from tests.imports.test_department_forms import filled

from shinchoku.accounts.models import Role, User
from shinchoku.imports.department_forms import HEADER_ROW, INDICATOR_SHEET, build_form
from shinchoku.imports.services import import_department_form, import_progress
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans import workflow
from shinchoku.plans.models import (
    EntryEvent,
    EntryStatus,
    Indicator,
    IndicatorValue,
    Plan,
    YearlyEntry,
)
from tests_helpers import login
from workbooks import xlsx

pytestmark = pytest.mark.django_db

IMPORTS = Path(__file__).resolve().parents[2] / "src" / "shinchoku" / "imports"
PROTECTED_MODELS = {"YearlyEntry", "Indicator", "IndicatorValue", "EntryEvent"}
WRITES = {
    "save",
    "delete",
    "create",
    "bulk_create",
    "bulk_update",
    "update",
    "get_or_create",
    "update_or_create",
}


def user(name: str) -> User:
    return User.objects.get(username=name)


def entry_1() -> YearlyEntry:
    return YearlyEntry.objects.select_related("program__plan", "department").get(
        program__number=1, fiscal_year=2022
    )


def progress_sheet(activities: str, result: str, grade: str, number: int = 1) -> bytes:
    """Return a 進捗管理表 with one row for program 1 of 労働政策課 (no year in its headings)."""
    return xlsx(
        [
            ["事業番号", "計画に掲載している標題", "取組内容", "実績・取組の成果", "達成度", "所管課"],
            [number, "ワークステーションさいたまにおける取組", activities, result, grade, "労働政策課"],
        ]
    )


def confirm(entry: YearlyEntry) -> YearlyEntry:
    """Take the entry through the workflow to confirmed, as 労働政策課 and the secretariat would."""
    saved = workflow.save_entry(
        entry=entry,
        actor=user("roudou"),
        version=entry.version,
        data=workflow.EntryInput("就労支援を実施しました。", "", "就職者数 306人", "qualitative", "B", ""),
    )
    submitted = workflow.submit_entry(entry=saved, actor=user("roudou"), version=saved.version)
    return workflow.confirm_entry(
        entry=submitted, actor=user("jimukyoku"), version=submitted.version, final_grade="", reason=""
    )


# ---------------------------------------------------------------- no write around the services


def _protected_writes(path: Path) -> list[str]:
    """Return the lines of path that write an entry, indicator, value or event other than by a service."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in WRITES:
            continue
        receiver = node.func.value
        names = {n.id for n in ast.walk(receiver) if isinstance(n, ast.Name)}
        names |= {n.attr for n in ast.walk(receiver) if isinstance(n, ast.Attribute)}
        # YearlyEntry.objects…create(), value.save(), change.entry.save(): anything naming an
        # entry, indicator, value or event. The services are called by name, never written around.
        if names & PROTECTED_MODELS or any(
            word in name.lower() for name in names for word in ("entry", "indicator", "value", "event")
        ):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_imports_never_save_an_entry_an_indicator_or_a_value_themselves() -> None:
    files = sorted(IMPORTS.rglob("*.py"))
    assert len(files) > 10
    assert [line for path in files for line in _protected_writes(path)] == []


def test_the_check_finds_a_bare_save(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f(change):\n    change.entry.save()\n    IndicatorValue.objects.filter(pk=1).update(actual=1)\n"
    )
    assert len(_protected_writes(bad)) == 2


@pytest.fixture
def saves_outside_workflow() -> Iterator[list[str]]:
    """Record every save of an entry, indicator or value that did not come from the plans/workflow package."""
    outside: list[str] = []

    def record(sender: Any, **kwargs: Any) -> None:
        for frame in inspect.stack()[1:]:
            module = frame.frame.f_globals.get("__name__", "")
            if module.startswith("shinchoku."):
                if not module.startswith("shinchoku.plans.workflow"):
                    outside.append(f"{sender.__name__} saved by {module}:{frame.lineno}")
                return

    for model in (YearlyEntry, Indicator, IndicatorValue, EntryEvent):
        pre_save.connect(record, sender=model, weak=False, dispatch_uid=f"outside-{model.__name__}")
    yield outside
    for model in (YearlyEntry, Indicator, IndicatorValue, EntryEvent):
        pre_save.disconnect(sender=model, dispatch_uid=f"outside-{model.__name__}")


def test_every_write_of_an_import_comes_from_the_workflow(
    plan: Plan, saves_outside_workflow: list[str]
) -> None:
    import_department_form(
        name="r.xlsx", content=filled(plan), plan=plan, fiscal_year=2022, actor=user("roudou")
    )
    import_progress(
        name="p.xlsx",
        content=progress_sheet("相談を実施しました。", "就職者数 300人", "A", number=2),
        plan=plan,
        fiscal_year=2022,
        actor=user("jimukyoku"),
    )
    assert EntryEvent.objects.filter(entry__fiscal_year=2022).count() == 2  # the check saw the writes
    assert saves_outside_workflow == []


# ---------------------------------------------------------------- the three paths agree


def web_form_save_and_submit(entry: YearlyEntry, actor: str) -> None:
    """Post the entry form as 労働政策課 types what filled() writes into its department form."""
    indicators = workflow.entry_indicators(entry)
    targets = {
        v.indicator_id: v.target
        for v in IndicatorValue.objects.filter(indicator__in=indicators, fiscal_year=2022)
    }
    data = {
        "version": str(entry.version),
        "activities": "ワンストップ就労支援を実施しました。",
        "target_text": entry.target_text,
        "result_text": "就職者数 290人",
        "evaluation_type": entry.evaluation_type,
        "proposed_grade": "A",
        "proposed_reason": "",
        "ind-TOTAL_FORMS": str(len(indicators)),
        "ind-INITIAL_FORMS": "0",
        "submit": "1",
    }
    for i, indicator in enumerate(indicators):
        data |= {
            f"ind-{i}-indicator_id": str(indicator.pk),
            f"ind-{i}-name": indicator.name,
            f"ind-{i}-unit": indicator.unit,
            f"ind-{i}-direction": indicator.direction,
            f"ind-{i}-source": indicator.source,
            f"ind-{i}-target": str(targets[indicator.pk] or ""),
            f"ind-{i}-actual": "290" if "就職者数" in indicator.name else "8100",
        }
    response = login(actor).post(reverse("plans:edit", args=[entry.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def department_form(entry: YearlyEntry, actor: str) -> None:
    plan = entry.program.plan
    import_department_form(
        name="r.xlsx", content=filled(plan), plan=plan, fiscal_year=2022, actor=user(actor)
    )


def progress_import(entry: YearlyEntry, actor: str) -> None:
    import_progress(
        name="p.xlsx",
        content=progress_sheet("ワンストップ就労支援を実施しました。", "就職者数 290人", "A"),
        plan=entry.program.plan,
        fiscal_year=2022,
        actor=user(actor),
    )


def trace(entry: YearlyEntry, write: Any, actor: str) -> dict[str, Any]:
    """Return what one path left behind: versions, history rows and their authors, events."""
    entry = YearlyEntry.objects.get(pk=entry.pk)
    version, rows = entry.version, entry.history.count()
    values = IndicatorValue.objects.filter(indicator__program=entry.program, fiscal_year=2022)
    value_rows = {v.pk: v.history.count() for v in values}
    write(entry, actor)
    entry.refresh_from_db()
    new_rows = list(entry.history.order_by("-history_id")[: entry.history.count() - rows])
    changed_values = [
        v.history.order_by("-history_id")[0] for v in values if v.history.count() > value_rows[v.pk]
    ]
    return {
        "versions": entry.version - version,
        "history_rows": len(new_rows),
        "history_authors": {r.history_user.username for r in new_rows},
        "value_authors": {r.history_user.username for r in changed_values},
        "actuals": sorted(
            v.actual for v in IndicatorValue.objects.filter(pk__in=value_rows) if v.actual is not None
        ),
        "events": [(e.action, e.actor.username) for e in entry.events.all()],
        "content": (entry.activities, entry.result_text, entry.proposed_grade, entry.status),
    }


def test_the_web_form_the_department_form_and_the_progress_import_write_the_same_way(plan: Plan) -> None:
    web = trace(entry_1(), web_form_save_and_submit, "roudou")
    transaction_reset(plan)
    form = trace(entry_1(), department_form, "roudou")
    # The same change by the same person: the same versions, history rows, authors and events.
    assert (
        form
        == web
        == {
            "versions": 2,  # saved, then submitted
            "history_rows": 2,
            "history_authors": {"roudou"},
            "value_authors": {"roudou"},
            "actuals": [Decimal(290), Decimal(8100)],
            "events": [("submitted", "roudou")],
            "content": ("ワンストップ就労支援を実施しました。", "就職者数 290人", "A", "submitted"),
        }
    )
    transaction_reset(plan)
    imported = trace(entry_1(), progress_import, "jimukyoku")
    # The progress sheet holds the city's published figures (no indicator values): one write,
    # one version step, one history row by the secretariat, and its event 「Excel から取込み」.
    assert imported == {
        "versions": 1,
        "history_rows": 1,
        "history_authors": {"jimukyoku"},
        "value_authors": set(),
        "actuals": [],
        "events": [("imported", "jimukyoku")],
        "content": ("ワンストップ就労支援を実施しました。", "就職者数 290人", "A", "confirmed"),
    }


def transaction_reset(plan: Plan) -> None:
    """Put entry 1 of 令和4年度 back to a fresh draft (as opening the year left it) for the next path."""
    entry = entry_1()
    entry.events.all().delete()
    YearlyEntry.objects.filter(pk=entry.pk).update(
        activities="", result_text="", proposed_grade="", final_grade="", reason="", status=EntryStatus.DRAFT
    )
    IndicatorValue.objects.filter(indicator__program=entry.program, fiscal_year=2022).update(actual=None)


# ---------------------------------------------------------------- department forms: issue 17, finding 3


def two_departments(plan: Plan) -> tuple[YearlyEntry, YearlyEntry, User]:
    """Return program 16's two entries for 令和4年度 and an editor of the first department only."""
    first, second = YearlyEntry.objects.filter(program__number=16, fiscal_year=2022).order_by(
        "department__name"
    )
    editor = User.objects.create_user("first-editor", organization=plan.organization, role=Role.EDITOR)
    editor.departments.add(first.department)
    return first, second, editor


def with_indicator_row(content: bytes, number: int, name: str, actual: str) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook[INDICATOR_SHEET]
    row = max(sheet.max_row + 1, HEADER_ROW + 1)
    sheet.cell(row, 1).value, sheet.cell(row, 2).value, sheet.cell(row, 5).value = number, name, actual
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_finding_3_a_department_form_cannot_change_another_departments_indicator(plan: Plan) -> None:
    first, second, editor = two_departments(plan)
    theirs = Indicator.objects.create(program=second.program, department=second.department, name="相談件数")
    value = IndicatorValue.objects.create(indicator=theirs, fiscal_year=2022, target=1000, actual=999)
    rows = value.history.count()
    YearlyEntry.objects.filter(pk=second.pk).update(status=EntryStatus.CONFIRMED)
    form = build_form(plan, 2022, first.department)
    content = with_indicator_row(form, 16, "相談件数", "1")

    with pytest.raises(ImportRefused) as refused:
        import_department_form(name="r.xlsx", content=content, plan=plan, fiscal_year=2022, actor=editor)

    assert f"指標「相談件数」は事業番号16（{first.department.name}）の指標ではありません" in str(
        refused.value
    )
    value.refresh_from_db()
    assert value.actual == Decimal(999) and value.history.count() == rows
    assert YearlyEntry.objects.get(pk=first.pk).version == first.version


def test_the_web_form_refuses_the_same_change(plan: Plan) -> None:
    first, second, editor = two_departments(plan)
    theirs = Indicator.objects.create(program=second.program, department=second.department, name="相談件数")
    with pytest.raises(PermissionDenied):
        workflow.save_entry(
            entry=first,
            actor=editor,
            version=first.version,
            data=workflow.EntryInput(
                "",
                "",
                "",
                "qualitative",
                "",
                "",
                (workflow.IndicatorInput(theirs.pk, "相談件数", "", "higher", "", None, Decimal(1)),),
            ),
        )


def test_a_form_row_for_an_entry_the_department_cannot_change_refuses_the_whole_file(plan: Plan) -> None:
    confirmed = confirm(YearlyEntry.objects.get(program__number=2, fiscal_year=2022))
    content = filled(plan)  # program 1 filled in; now also change the confirmed entry of program 2
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["回答票"]
    row = next(r for r in range(HEADER_ROW + 1, sheet.max_row + 1) if sheet.cell(r, 1).value == 2)
    sheet.cell(row, 4).value = "確定後に書き換えた取組内容"
    buffer = io.BytesIO()
    workbook.save(buffer)
    before = (entry_1().version, confirmed.version, EntryEvent.objects.count())

    with pytest.raises(ImportRefused, match="事業番号2は確定のため、回答票では変更できません"):
        import_department_form(
            name="r.xlsx", content=buffer.getvalue(), plan=plan, fiscal_year=2022, actor=user("roudou")
        )

    confirmed.refresh_from_db()
    assert (entry_1().version, confirmed.version, EntryEvent.objects.count()) == before
    assert confirmed.activities == "就労支援を実施しました。"


def test_a_form_row_naming_a_program_outside_the_form_is_a_problem(plan: Plan) -> None:
    content = with_indicator_row(filled(plan), 16, "就職者数", "1")
    with pytest.raises(ImportRefused, match="事業番号16はこの回答票の対象ではありません"):
        import_department_form(
            name="r.xlsx", content=content, plan=plan, fiscal_year=2022, actor=user("roudou")
        )
    assert entry_1().status == EntryStatus.DRAFT


def test_the_preview_of_a_form_writes_nothing(plan: Plan) -> None:
    before = (entry_1().version, entry_1().history.count(), EntryEvent.objects.count())
    result = import_department_form(
        name="r.xlsx", content=filled(plan), plan=plan, fiscal_year=2022, actor=user("roudou"), dry_run=True
    )
    assert result.summary["submitted"] == 1 and not result.written
    assert (entry_1().version, entry_1().history.count(), EntryEvent.objects.count()) == before
