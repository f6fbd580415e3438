"""The public directory, the secretariat's screens, the leaflet and the HSDS exchange."""

import datetime
import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from django.test import Client
from django.utils import timezone

from shinchoku.accounts.models import Organization
from shinchoku.directory.hsds import HsdsError, export, read_services
from shinchoku.directory.hsds_import import import_services
from shinchoku.directory.leaflet import render_leaflet_pdf
from shinchoku.directory.models import Phone, Schedule, Window
from shinchoku.directory.search import Filters, search
from tests_helpers import login

pytestmark = pytest.mark.django_db
HSDS = Path(__file__).resolve().parents[1] / "data" / "hsds"  # vendored: tests/data/README.md


@pytest.fixture
def saitama() -> Organization:
    return Organization.objects.get(jis_code="111007")


def names(windows: list[Window]) -> list[str]:
    return [w.name for w in windows]


def test_the_seeds_windows_are_demo_data_without_phones_or_addresses(saitama: Organization) -> None:
    windows = Window.objects.filter(organization=saitama)
    assert windows.count() == 10 and all(w.is_demo for w in windows)
    assert not Phone.objects.exists()
    assert not any(loc.address for w in windows for loc in w.locations.all())


@pytest.mark.parametrize(
    "query", ["わーくすてーしょん", "ワークステーション", "ﾜｰｸｽﾃｰｼｮﾝ", "ＷＯＲＫ"[:0] + "ワーク ステーション"]
)
def test_search_ignores_kana_and_width(saitama: Organization, query: str) -> None:
    assert names(search(saitama, Filters(text=query))) == ["ワークステーションさいたま"]


def test_search_finds_by_field_of_help(saitama: Organization) -> None:
    assert "こころの健康センター" in names(search(saitama, Filters(text="依存症")))


def test_filters(saitama: Organization) -> None:
    assert names(search(saitama, Filters(topic="development"))) == ["発達障害者支援センター"]
    assert "児童相談所" not in names(search(saitama, Filters(audience="person")))
    assert names(search(saitama, Filters(ward="iwatsuki"))) == ["生活自立・仕事相談センター"]


def test_open_now_knows_weekdays_lunch_breaks_and_holidays(saitama: Organization) -> None:
    tuesday_10 = timezone.make_aware(datetime.datetime(2024, 4, 30, 10, 0))
    assert len(search(saitama, Filters(open_now=True), now=tuesday_10)) == 10
    lunch = timezone.make_aware(datetime.datetime(2024, 4, 30, 12, 30))
    assert "こころの健康センター" not in names(
        search(saitama, Filters(open_now=True), now=lunch)
    )  # 12:00–13:00 closed
    showa_day = timezone.make_aware(datetime.datetime(2024, 4, 29, 10, 0))
    assert search(saitama, Filters(open_now=True), now=showa_day) == []


def test_public_pages_need_no_login() -> None:
    client = Client()
    window = Window.objects.get(name="こころの健康センター")
    assert client.get("/directory/").status_code == 200
    page = client.get(f"/directory/{window.uuid}/").content.decode()
    assert "依存症" in page and "デモデータ" in page
    assert client.get("/directory/?q=%E3%81%84%E3%81%9E%E3%82%93").status_code == 200


def test_a_phone_number_is_a_tel_link() -> None:
    window = Window.objects.get(name="こころの健康センター")
    Phone.objects.create(window=window, number="000-0000-0000", description="デモ（架空の番号）")
    assert 'href="tel:00000000000"' in Client().get(f"/directory/{window.uuid}/").content.decode()


def test_retired_windows_leave_the_public_pages() -> None:
    window = Window.objects.get(name="児童相談所")
    client = login("jimukyoku")
    assert client.post(f"/manage/directory/{window.pk}/retire/").status_code == 302
    assert Client().get(f"/directory/{window.uuid}/").status_code == 404
    assert "児童相談所" not in Client().get("/directory/").content.decode()


def test_verifying_records_who_and_when_and_clears_the_flag() -> None:
    window = Window.objects.get(name="児童相談所")
    client = login("jimukyoku")
    assert window in client.get("/manage/directory/").context["stale"]
    client.post(f"/manage/directory/{window.pk}/verify/")
    window.refresh_from_db()
    assert window.verified_by.username == "jimukyoku" and not window.needs_verifying()
    assert window.history.first().history_user.username == "jimukyoku"
    window.verified_at = timezone.now() - datetime.timedelta(days=400)
    assert window.needs_verifying()


def test_the_secretariat_edits_a_window_with_its_hours() -> None:
    window = Window.objects.get(name="児童相談所")
    client = login("jimukyoku")
    form = client.get(f"/manage/directory/{window.pk}/").context
    data = {
        "name": "児童相談所",
        "description": window.description,
        "provider_name": "さいたま市",
        "topics": ["youth"],
        "audiences": ["family"],
        "hours_note": "",
        "note": "",
        "url": "",
        "email": "",
        "loc-TOTAL_FORMS": "0",
        "loc-INITIAL_FORMS": "0",
        "tel-TOTAL_FORMS": "0",
        "tel-INITIAL_FORMS": "0",
        "days-TOTAL_FORMS": "0",
        "days-INITIAL_FORMS": "0",
        "hours-TOTAL_FORMS": "1",
        "hours-INITIAL_FORMS": "0",
        "hours-0-weekdays": ["5", "6"],
        "hours-0-opens_at": "10:00",
        "hours-0-closes_at": "09:00",
        "version": str(window.version),  # the hidden field of the page, as read
    }
    assert form is not None
    response = client.post(f"/manage/directory/{window.pk}/", data)
    assert response.status_code == 400  # closing before opening
    data["hours-0-closes_at"] = "16:00"
    assert client.post(f"/manage/directory/{window.pk}/", data).status_code == 302
    assert list(
        Schedule.objects.filter(window=window, weekdays=[5, 6]).values_list("opens_at", flat=True)
    ) == [datetime.time(10, 0)]


@pytest.mark.parametrize(
    ("persona", "status"), [("jimukyoku", 200), ("roudou", 403), ("iin", 403), ("case1", 403)]
)
def test_only_the_secretariat_manages_the_directory(persona: str, status: int) -> None:
    assert login(persona).get("/manage/directory/").status_code == status


def test_another_citys_window_is_missing_for_the_secretariat() -> None:
    other = Organization.objects.create(name="デモ市（架空）", jis_code="999997")
    window = Window.objects.create(organization=other, name="他市の窓口", description="x")
    assert login("jimukyoku").get(f"/manage/directory/{window.pk}/").status_code == 404


def test_the_leaflet_holds_part_one_and_the_windows_by_field(saitama: Organization, tmp_path: Path) -> None:
    path = tmp_path / "leaflet.pdf"
    path.write_bytes(render_leaflet_pdf(saitama))
    # -raw: the text in the order it is written (the tagged reading order); the windows run in two
    # columns, which pdftotext's layout guess would interleave line by line.
    text = " ".join(
        subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "第１部 再犯防止について" in text and "再犯防止とは" in text
    assert "第２部 相談窓口一覧" in text and "医療・依存症 こころの健康センター" in text
    assert "デモデータを含みます" in text
    assert Client().get("/directory/leaflet.pdf")["Content-Type"] == "application/pdf"


def test_the_hsds_export_validates_against_the_official_schema(saitama: Organization, tmp_path: Path) -> None:
    Phone.objects.create(window=Window.objects.get(name="こころの健康センター"), number="000-0000-0000")
    page = json.loads(export(saitama, tmp_path).read_text(encoding="utf-8"))
    schema = json.loads((HSDS / "compiled" / "service_with_definitions.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert page["total_items"] == 10
    for service in page["contents"]:
        assert list(validator.iter_errors(service)) == []
    broken = dict(page["contents"][0])
    del broken["name"]
    assert list(validator.iter_errors(broken))  # the validator does check


def test_the_hsds_export_reads_back_the_same(saitama: Organization, tmp_path: Path) -> None:
    before = {
        w.name: (w.topics, w.audiences, sorted(str(s) for s in w.schedules.all()), w.locations.count())
        for w in Window.objects.filter(organization=saitama)
    }
    path = export(saitama, tmp_path)
    Window.objects.filter(organization=saitama).delete()
    assert import_services(saitama, read_services(path)) == 10
    after = {
        w.name: (w.topics, w.audiences, sorted(str(s) for s in w.schedules.all()), w.locations.count())
        for w in Window.objects.filter(organization=saitama)
    }
    assert after == before


def test_a_broken_hsds_file_is_refused_and_nothing_written(saitama: Organization, tmp_path: Path) -> None:
    path = tmp_path / "services.json"
    path.write_text(
        json.dumps({"contents": [{"id": "not-a-uuid", "name": "x", "status": "active"}]}), encoding="utf-8"
    )
    count = Window.objects.count()
    with pytest.raises(HsdsError, match="UUID ではありません"):
        import_services(saitama, read_services(path))
    assert Window.objects.count() == count


def test_the_tabular_package_fits_the_official_tables(saitama: Organization, tmp_path: Path) -> None:
    import csv

    export(saitama, tmp_path)
    tabular = json.loads((HSDS / "compiled" / "tabular.json").read_text(encoding="utf-8"))["properties"]
    by_path = {table["items"]["path"]: table["items"] for table in tabular.values()}
    package = json.loads((tmp_path / "tabular" / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} <= set(by_path)
    for resource in package["resources"]:
        schema = by_path[resource["path"]]
        required = set(schema.get("required", [])) | set(schema.get("tabular_required", []) or [])
        validator = jsonschema.Draft202012Validator(
            {k: v for k, v in schema.items() if k != "required"} | {"required": list(required)}
        )
        with (tmp_path / "tabular" / resource["path"]).open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert set(rows[0]) <= set(schema["properties"]) if rows else True, resource["path"]
        for row in rows:
            values = {k: (int(v) if k == "timezone" else v) for k, v in row.items() if v != ""}
            assert list(validator.iter_errors(values)) == [], (resource["path"], row)
    with (tmp_path / "tabular" / "services.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 10


def test_a_window_saved_by_someone_else_meanwhile_is_not_overwritten() -> None:
    from django.urls import reverse

    from html_forms import form_values
    from shinchoku.directory.models import Window
    from tests_helpers import login

    window = Window.objects.filter(organization__jis_code="111007").first()
    assert window is not None
    url = reverse("directory:edit", args=[window.pk])
    first, second = login("jimukyoku"), login("jimukyoku")
    first_page = form_values(first.get(url).content.decode(), matching="class=card")
    second_page = form_values(second.get(url).content.decode(), matching="class=card")

    assert first.post(url, first_page | {"hours_note": "先に保存した案内"}).status_code == 302
    late = second.post(url, second_page | {"hours_note": "あとから保存しようとした案内"})
    assert late.status_code == 409
    page = late.content.decode()
    assert "ほかの人が保存しました" in page and "あとから保存しようとした案内" in page
    window.refresh_from_db()
    assert window.hours_note == "先に保存した案内" and window.version == 2
    assert window.history.first().hours_note == "先に保存した案内"


def test_leaflet_texts_saved_by_someone_else_meanwhile_are_not_overwritten() -> None:
    from django.urls import reverse

    from html_forms import form_values
    from shinchoku.directory.models import LeafletSection
    from tests_helpers import login

    url = reverse("directory:leaflet_texts")
    first, second = login("jimukyoku"), login("jimukyoku")
    first_page = form_values(first.get(url).content.decode(), matching="class=card")
    second_page = form_values(second.get(url).content.decode(), matching="class=card")
    key = LeafletSection.Key.values[0]
    assert first.post(url, first_page | {key: "先に保存した文"}).status_code == 302
    late = second.post(url, second_page | {key: "あとから書いた文"})
    assert late.status_code == 409 and "あとから書いた文" in late.content.decode()
    assert LeafletSection.objects.get(organization__jis_code="111007", key=key).body == "先に保存した文"


def test_an_hsds_import_over_a_window_makes_a_page_opened_before_it_stale(
    saitama: Organization, tmp_path: Path
) -> None:
    path = export(saitama, tmp_path)
    window = Window.objects.filter(organization=saitama).order_by("pk").first()
    assert window is not None
    opened_at = window.version

    import_services(saitama, read_services(path))

    window.refresh_from_db()
    assert window.version == opened_at + 1  # the edit page read at opened_at is refused (409)
