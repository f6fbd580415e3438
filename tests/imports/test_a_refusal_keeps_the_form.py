"""A refused file keeps what the person typed and chose: the refusal page has the upload form filled
as it was sent, so choosing another file and pressing 「ファイルを確認する」 again needs nothing retyped
(a browser cannot keep the chosen file itself). Nothing is written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from tests.imports.test_one_write_path import confirm, entry_1, progress_sheet

from shinchoku.imports.models import ImportRecord, PendingUpload
from shinchoku.plans.models import Plan
from tests_helpers import login
from workbooks import small_plan_rows, xlsx

pytestmark = pytest.mark.django_db

PLAN_FIELDS = {
    "kind": "plan",
    "slug": "r8-plan",
    "plan_name": "第2次さいたま市再犯防止推進計画",
    "first_year": "令和8年度",
    "last_year": "令和12年度",
    "scale": "three-level",
    "percent_places": "1",
    "department": "",
}


def refused_plan_file() -> bytes:
    """The small plan with row 9 numbered 「1-1-2」 among 「1」「2」: refused, 「…混在しています。」"""
    rows = small_plan_rows()
    rows[8] = ["1-1-2", *rows[8][1:]]
    return xlsx(rows)


def post(client: Client, content: bytes, **fields: str) -> str:
    response = client.post("/imports/", {"file": SimpleUploadedFile("計画.xlsx", content), **fields})
    assert response.status_code == 400
    return response.content.decode()


def test_a_refused_plan_file_comes_back_with_every_choice_kept() -> None:
    page = post(login("jimukyoku"), refused_plan_file(), **PLAN_FIELDS)

    assert "このファイルは取り込めません" in page and "何も書き込んでいません" in page
    assert '<input type="radio" name="kind" value="plan" required id="id_kind_0" checked>' in page
    assert 'name="slug" value="r8-plan"' in page
    assert 'name="plan_name" value="第2次さいたま市再犯防止推進計画"' in page
    assert 'name="first_year" value="令和8年度"' in page and 'name="last_year" value="令和12年度"' in page
    assert '<option value="three-level" selected>' in page
    assert '<option value="1" selected>' in page
    assert '<option value="saitama" selected>' not in page and '<option value="0" selected>' not in page
    assert 'action="/imports/"' in page and 'enctype="multipart/form-data"' in page
    assert not Plan.objects.filter(slug="r8-plan").exists()
    assert (
        not PendingUpload.objects.exists() and not ImportRecord.objects.filter(plan_slug="r8-plan").exists()
    )


def test_a_refused_progress_file_keeps_its_plan_and_year() -> None:
    rows = small_plan_rows()
    rows[7] = [*rows[7][:6], "D", *rows[7][7:]]  # 「労働課」 is not the department of program 1
    plan = Plan.objects.get(slug="saitama-r3")
    fields = {"kind": "progress", "plan": str(plan.pk), "fiscal_year": "令和3年度"}
    page = post(login("jimukyoku"), xlsx(rows), **fields)

    assert "このファイルは取り込めません" in page
    assert f'<option value="{plan.pk}" selected>' in page
    assert 'name="fiscal_year" value="令和3年度"' in page
    assert not PendingUpload.objects.exists()


def test_a_file_refused_at_import_after_its_preview_keeps_its_plan_and_year(plan: Plan) -> None:
    """The preview was shown, then 労働政策課 and the secretariat confirmed entry 1: 「取り込む」 refuses
    the file, and the form comes back with the plan and year the kept file was checked for."""
    client = login("jimukyoku")
    content = progress_sheet("相談を実施しました。", "就職者数 300人", "A")
    fields = {"kind": "progress", "plan": str(plan.pk), "fiscal_year": "令和4年度"}
    preview = client.post("/imports/", {"file": SimpleUploadedFile("進捗.xlsx", content), **fields})
    confirm(entry_1())

    response = client.post(f"/imports/{preview.context['token']}/confirm/", {"overwrite": "1"})

    page = response.content.decode()
    assert response.status_code == 400 and "ファイルの確認の後に変更されています" in page
    assert '<input type="radio" name="kind" value="progress" required id="id_kind_1" checked>' in page
    assert f'<option value="{plan.pk}" selected>' in page and 'name="fiscal_year" value="令和4年度"' in page
    assert entry_1().activities == "就労支援を実施しました。"
