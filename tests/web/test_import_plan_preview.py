"""The plan import's preview on the web: the tree with its first rows, skipped rows, the scale, in Japanese."""

import datetime
import io
import json

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from seed_sheet import seed_workbook
from shinchoku.accounts.models import Organization
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.imports.models import ImportKind, ImportRecord
from shinchoku.imports.services import fingerprint
from shinchoku.plans.models import Plan
from tests_helpers import login

pytestmark = pytest.mark.django_db

NEW_PLAN = {
    "kind": "plan",
    "slug": "seed-table",
    "plan_name": "さいたま市再犯防止推進計画",
    "first_year": "令和3年度",
    "last_year": "令和7年度",
    "department": "福祉総務課",
}


def preview(client: Client, content: bytes | None = None, **fields: object) -> object:
    content = content or seed_workbook()
    return client.post(
        "/imports/", {"file": SimpleUploadedFile("進捗管理表.xlsx", content), **NEW_PLAN, **fields}
    )


def test_the_preview_shows_the_tree_with_its_first_rows_and_the_skipped_rows() -> None:
    response = preview(login("jimukyoku"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "作成される計画の構成" in page
    assert "1(1)① 就職に向けた相談・支援等の充実" in page
    assert "ワークステーションさいたまにおける取組" in page and "福祉総務課" in page
    assert "12（再掲）" in page  # the re-listing under 2(1)②
    assert "見出しの説明の行" in page and "ページごとに繰り返された見出し・表題の行" in page
    assert "計画に記載されている内容を転記しています。" in page
    assert "--" not in page.replace("<!--", "").replace("-->", "")  # no command-line options
    assert "two_departments" not in page and "areas" not in page


def test_the_success_message_says_what_was_imported_in_japanese() -> None:
    client = login("jimukyoku")
    token = preview(client).context["token"]
    response = client.post(f"/imports/{token}/confirm/")
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert "重点項目 5" in message and "事業 16" in message and "再掲 2" in message
    assert "areas" not in message and "programs" not in message


def test_grades_the_chosen_scale_lacks_are_offered_as_the_plans_scale() -> None:
    client = login("jimukyoku")
    response = preview(client, scale="three-level")
    page = response.content.decode()
    assert "達成度の列に、この評価尺度にない値があります" in page and "Ａ、Ｂ" in page
    assert 'name="scale_labels" value="A、B"' in page
    client.post(
        f"/imports/{response.context['token']}/confirm/", {"use_found_scale": "1", "scale_labels": "A、B、－"}
    )
    assert Plan.objects.get(slug="seed-table").scale().labels == ("A", "B", "－")


def test_a_scale_file_and_the_decimal_places_are_chosen_on_the_web() -> None:
    client = login("jimukyoku")
    scale_file = SimpleUploadedFile(
        "scale.json", json.dumps(PRESETS["a-prime"].to_dict(), ensure_ascii=False).encode()
    )
    response = preview(client, scale="file", scale_file=scale_file, percent_places="1")
    client.post(f"/imports/{response.context['token']}/confirm/")
    plan = Plan.objects.get(slug="seed-table")
    assert (plan.scale().labels, plan.percent_places) == (("A", "A′", "B+", "B", "C", "－"), 1)


def test_a_broken_scale_file_is_refused_with_the_form_kept() -> None:
    client = login("jimukyoku")
    response = preview(client, scale="file", scale_file=SimpleUploadedFile("scale.json", b"{"))
    assert response.status_code == 400
    assert "評価尺度のファイルを読めません" in response.content.decode()
    assert 'value="seed-table"' in response.content.decode()


def test_a_sheet_without_a_department_column_is_imported_under_a_placeholder_the_preview_names() -> None:
    client = login("jimukyoku")
    response = preview(client, department="")
    assert response.status_code == 200
    page = response.content.decode()
    assert "「所管課」の列がないため、すべての事業の所管課を「所管課未設定」とします。" in page
    client.post(f"/imports/{response.context['token']}/confirm/")
    plan = Plan.objects.get(slug="seed-table")
    assert set(plan.programs.values_list("departments__name", flat=True)) == {"所管課未設定"}


def test_the_duplicate_file_message_shows_japan_time_as_the_history_does() -> None:
    organization = Organization.objects.get(jis_code="111007")
    content = seed_workbook()  # openpyxl stamps the time of saving: the same bytes for both
    record = ImportRecord.objects.create(
        organization=organization,
        kind=ImportKind.PLAN,
        file_name="進捗管理表.xlsx",
        sha256=fingerprint(content),
        plan_slug="seed-table",
    )
    ImportRecord.objects.filter(pk=record.pk).update(
        imported_at=datetime.datetime(2026, 12, 1, 9, 1, tzinfo=datetime.UTC)
    )
    page = preview(login("jimukyoku"), content).content.decode()
    assert "2026-12-01 18:01に取り込み済み" in page
    assert timezone.get_current_timezone_name() == "Asia/Tokyo"


def test_the_empty_template_in_the_seeds_layout_imports_once_filled_in() -> None:
    from openpyxl import load_workbook

    client = login("jimukyoku")
    response = client.get("/imports/template.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet["A3"].value == "事業\n番号" and sheet["H3"].value == "所管課"
    assert sheet["B4"].value == "計画に記載されている内容を転記しています。"
    sheet.append(["1", "就労支援の取組", "就労を支援します。", "", "", "", "", "労働政策課"])
    filled = io.BytesIO()
    workbook.save(filled)
    response = client.post(
        "/imports/",
        {"file": SimpleUploadedFile("filled.xlsx", filled.getvalue()), **NEW_PLAN, "department": ""},
    )
    assert response.status_code == 200, response.content.decode()
    assert response.context["summary"]["programs"] == 1
    assert [n.label for n in response.context["preview"].nodes] == ["1", "1(1)", "1(1)①"]
    assert response.context["preview"].skipped[0].why == "見出しの説明の行"


def test_a_returned_department_form_needs_no_plan_or_year_chosen() -> None:
    from imports.test_department_forms import filled
    from shinchoku.accounts.models import User
    from shinchoku.plans import workflow
    from shinchoku.plans.models import YearlyEntry

    plan = Plan.objects.get(slug="saitama-r3")
    workflow.open_year(
        plan=plan,
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )
    client = login("roudou")
    response = client.post(
        "/imports/", {"file": SimpleUploadedFile("回答票.xlsx", filled(plan)), "kind": "department_form"}
    )
    assert response.status_code == 200, response.content.decode()
    assert response.context["summary"]["department"] == "労働政策課"
    client.post(f"/imports/{response.context['token']}/confirm/")
    entry = YearlyEntry.objects.get(
        program__plan=plan, program__number=1, fiscal_year=2022, department__name="労働政策課"
    )
    assert entry.activities == "ワンストップ就労支援を実施しました。"


def test_a_file_that_is_no_department_form_is_refused_in_japanese_without_a_plan_chosen() -> None:
    response = login("roudou").post(
        "/imports/", {"file": SimpleUploadedFile("x.xlsx", seed_workbook()), "kind": "department_form"}
    )
    assert response.status_code == 400
    assert "shinchoku で作った回答票ではありません。" in response.content.decode()


def test_an_empty_scale_order_is_refused_with_the_file_kept() -> None:
    client = login("jimukyoku")
    token = preview(client, scale="three-level").context["token"]
    response = client.post(f"/imports/{token}/confirm/", {"use_found_scale": "1", "scale_labels": "、 、"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "評価尺度には少なくとも1つの達成度が必要です。" in page and 'value="、 、"' in page
    assert not Plan.objects.filter(slug="seed-table").exists()
    client.post(f"/imports/{token}/confirm/", {"use_found_scale": "1", "scale_labels": "A、B"})
    assert Plan.objects.get(slug="seed-table").scale().labels == ("A", "B")


@pytest.mark.parametrize(
    ("field", "value"),
    [("percent_places", "9"), ("scale", "nonexistent"), ("department", "課" * 101)],
)
def test_odd_choices_are_refused_on_the_form(field: str, value: str) -> None:
    response = preview(login("jimukyoku"), **{field: value})
    assert response.status_code == 400 and field in response.context["form"].errors


def test_the_upload_form_offers_the_scale_the_places_and_the_department() -> None:
    page = login("jimukyoku").get("/imports/").content.decode()
    assert "新しい計画の評価尺度" in page and "A／A′／B+／B／C／－" in page
    assert "すべての事業の所管課" in page and "ひな形" in page


def test_the_preview_says_which_sheets_it_read_as_one_table_and_names_their_rows() -> None:
    from openpyxl import Workbook

    from seed_sheet import EXPLANATION, HEADER, PROGRAMS, TITLE

    def p(number: int) -> list[object]:
        return list(next(row for row in PROGRAMS if row[0] == str(number)))

    book = Workbook()
    book.remove(book.active)
    for title, rows in [
        (
            "基本目標1",
            [["１　就労・居住の確保等のための取組…14事業"], ["①就職に向けた相談・支援等の充実"], p(1)],
        ),
        (
            "基本目標2",
            [["２　保健医療・福祉サービスの利用の促進等のための取組…26事業"], ["①連携の強化"], p(14)],
        ),
    ]:
        sheet = book.create_sheet(title)
        for row in [[TITLE], HEADER, EXPLANATION, *rows]:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    page = preview(login("jimukyoku"), buffer.getvalue()).content.decode()  # type: ignore[attr-defined]
    assert "2枚のシートを1つの表として読みました：基本目標1、基本目標2。" in page
    assert "<td>基本目標2・3</td><td>見出しの説明の行</td>" in page
