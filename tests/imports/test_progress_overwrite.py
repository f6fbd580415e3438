"""A progress import replaces a submitted or confirmed entry only on the secretariat's explicit
「上書きする」, and an entry changed after the preview refuses the import (one write path, continued)."""

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from tests.imports.test_department_forms import filled
from tests.imports.test_one_write_path import confirm, entry_1, progress_sheet, user

from shinchoku.imports.services import import_department_form, import_progress
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import (
    EntryEvent,
    EntryStatus,
    Plan,
)
from tests_helpers import login

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- progress import: 上書きする


def test_a_progress_import_writes_a_draft_with_a_version_and_an_event(plan: Plan) -> None:
    version = entry_1().version
    import_progress(
        name="進捗.xlsx",
        content=progress_sheet("相談を実施しました。", "就職者数 300人", "A"),
        plan=plan,
        fiscal_year=2022,
        actor=user("jimukyoku"),
    )
    entry = entry_1()
    assert (entry.status, entry.final_grade, entry.version) == ("confirmed", "A", version + 1)
    (event,) = entry.events.all()
    assert (event.action, event.actor.username, event.comment) == ("imported", "jimukyoku", "進捗.xlsx")
    assert event.get_action_display() == "Excel から取込み"
    assert entry.history.first().history_user.username == "jimukyoku"


def test_an_import_skips_a_confirmed_entry_and_lists_it(plan: Plan) -> None:
    confirmed = confirm(entry_1())
    events = EntryEvent.objects.count()
    content = progress_sheet("Excel で書き換えた取組内容", "就職者数 300人", "A")

    preview = import_progress(
        name="p.xlsx", content=content, plan=plan, fiscal_year=2022, actor=user("jimukyoku"), dry_run=True
    )
    assert preview.summary["skipped"] == ["事業番号1（労働政策課・確定済み）"]
    result = import_progress(
        name="p.xlsx", content=content, plan=plan, fiscal_year=2022, actor=user("jimukyoku")
    )

    assert (
        result.summary["skipped"] == ["事業番号1（労働政策課・確定済み）"] and result.summary["changed"] == 0
    )
    assert (result.summary["entries"], result.summary["not_overwritten"]) == (1, 1)  # counted apart
    entry = entry_1()
    assert (entry.activities, entry.version) == ("就労支援を実施しました。", confirmed.version)
    assert EntryEvent.objects.count() == events


def test_only_overwrite_replaces_a_submitted_or_confirmed_entry_with_an_event(plan: Plan) -> None:
    confirmed = confirm(entry_1())
    result = import_progress(
        name="p.xlsx",
        content=progress_sheet("Excel で書き換えた取組内容", "就職者数 300人", "A"),
        plan=plan,
        fiscal_year=2022,
        actor=user("jimukyoku"),
        overwrite=True,
    )
    assert result.summary["overwritten"] == ["事業番号1（労働政策課・確定済み）"]
    # the overwritten entry changed: 新規 + 変更 + 変更なし is 取組
    assert [result.summary[k] for k in ("entries", "created", "changed", "unchanged")] == [1, 0, 1, 0]
    entry = entry_1()
    assert (entry.activities, entry.final_grade, entry.version) == (
        "Excel で書き換えた取組内容",
        "A",
        confirmed.version + 1,
    )
    event = entry.events.last()
    assert (event.action, event.actor.username, event.comment) == (
        "imported",
        "jimukyoku",
        "p.xlsx（確定済みの内容を上書き）",
    )
    assert entry.history.first().history_user.username == "jimukyoku"


def test_an_entry_changed_after_the_preview_refuses_the_import(plan: Plan) -> None:
    content = progress_sheet("相談を実施しました。", "就職者数 300人", "A")
    preview = import_progress(
        name="p.xlsx", content=content, plan=plan, fiscal_year=2022, actor=user("jimukyoku"), dry_run=True
    )
    confirm(entry_1())  # 労働政策課 and the secretariat act while the preview is open
    with pytest.raises(ImportRefused, match="ファイルの確認の後に変更されています"):
        import_progress(
            name="p.xlsx",
            content=content,
            plan=plan,
            fiscal_year=2022,
            actor=user("jimukyoku"),
            overwrite=True,
            seen_versions=preview.versions,
        )
    assert entry_1().activities == "就労支援を実施しました。"


def test_a_department_cannot_import_progress(plan: Plan) -> None:
    with pytest.raises(PermissionDenied):
        import_progress(
            name="p.xlsx",
            content=progress_sheet("相談を実施しました。", "就職者数 300人", "A"),
            plan=plan,
            fiscal_year=2022,
            actor=user("roudou"),
        )


def test_the_preview_page_lists_them_and_overwrites_only_when_ticked(plan: Plan) -> None:
    confirm(entry_1())
    client = login("jimukyoku")

    def upload(name: str) -> Any:
        content = progress_sheet(f"{name} の取組内容", "就職者数 300人", "A")
        return client.post(
            reverse("imports:upload"),
            {
                "kind": "progress",
                "plan": plan.pk,
                "fiscal_year": "令和4年度",
                "file": SimpleUploadedFile(f"{name}.xlsx", content),
            },
        )

    page = upload("first")
    text = page.content.decode()
    assert (
        page.status_code == 200 and "事業番号1（労働政策課・確定済み）" in text and 'name="overwrite"' in text
    )
    assert "上書きする（取組ごとに「Excel から取込み」の記録が残ります）" in text
    token = page.context["token"]
    assert client.post(reverse("imports:confirm", args=[token])).status_code == 302
    assert entry_1().activities == "就労支援を実施しました。"  # not ticked: skipped

    token = upload("second").context["token"]
    done = client.post(reverse("imports:confirm", args=[token]), {"overwrite": "1"}, follow=True)
    assert "次の取組を上書きしました" in done.content.decode()
    assert "取組 1、新規 0、変更 1、変更なし 0" in done.content.decode()
    assert entry_1().activities == "second の取組内容"
    assert entry_1().events.last().action == "imported"


def test_the_command_overwrites_only_with_overwrite(plan: Plan, tmp_path: Path) -> None:
    confirm(entry_1())
    path = tmp_path / "p.xlsx"
    path.write_bytes(progress_sheet("コマンドで書き換えた取組内容", "就職者数 300人", "A"))
    out = io.StringIO()
    call_command("import_progress", str(path), "--plan", plan.slug, "--year", "令和4年度", stdout=out)
    assert "--overwrite" in out.getvalue() and entry_1().activities == "就労支援を実施しました。"

    path.write_bytes(progress_sheet("コマンドで書き換えた取組内容。", "就職者数 300人", "A"))
    call_command(
        "import_progress",
        str(path),
        "--plan",
        plan.slug,
        "--year",
        "2022",
        "--overwrite",
        stdout=io.StringIO(),
    )
    entry = entry_1()
    assert entry.activities == "コマンドで書き換えた取組内容。"
    assert (entry.events.last().action, entry.events.last().actor.username) == ("imported", "jimukyoku")


def test_the_command_records_the_import_as_a_secretariat_member_only(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    path.write_bytes(progress_sheet("相談を実施しました。", "就職者数 300人", "A"))
    with pytest.raises(CommandError, match="事務局ユーザー「roudou」がいません"):
        call_command("import_progress", str(path), "--plan", plan.slug, "--year", "2022", "--user", "roudou")
    assert entry_1().status == EntryStatus.DRAFT


def test_unchanged_rows_of_a_confirmed_entry_need_no_overwrite(plan: Plan) -> None:
    confirmed = confirm(entry_1())
    content = progress_sheet(confirmed.activities, confirmed.result_text, "B")
    result = import_progress(
        name="p.xlsx", content=content, plan=plan, fiscal_year=2022, actor=user("jimukyoku")
    )
    assert (result.summary["unchanged"], result.summary["skipped"]) == (1, [])
    assert entry_1().version == confirmed.version


@pytest.mark.parametrize("actual", ["▲5", "△3", "-5", "－５", "−5"])
def test_a_decrease_in_a_returned_form_is_taken_or_explained_never_a_crash(plan: Plan, actual: str) -> None:
    version = entry_1().version
    try:
        import_department_form(
            name="r.xlsx",
            content=filled(plan, actual=actual),
            plan=plan,
            fiscal_year=2022,
            actor=user("roudou"),
        )
    except ImportRefused:
        assert entry_1().version == version  # refused: nothing written
    else:
        assert entry_1().version == version + 2
