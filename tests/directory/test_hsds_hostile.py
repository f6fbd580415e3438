"""Finding 10 of issue 17: an HSDS import stays in its organization, and links and cells cannot run."""

import csv
import json
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from shinchoku.accounts.models import Organization
from shinchoku.directory.hsds import HsdsError, export_tabular, service_json
from shinchoku.directory.hsds_import import import_services
from shinchoku.directory.models import Provider, Window
from shinchoku.lib.validators import validate_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def saitama() -> Organization:
    return Organization.objects.get(jis_code="111007")


@pytest.fixture
def other_city() -> Organization:
    return Organization.objects.create(name="デモ市（架空）", jis_code="999997")


def a_service(**changes: object) -> dict[str, object]:
    service: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "name": "就労相談窓口",
        "description": "相談",
        "status": "active",
    }
    return service | changes


def test_finding_10_another_organizations_provider_is_refused_not_overwritten(
    saitama: Organization, other_city: Organization
) -> None:
    theirs = Provider.objects.create(
        organization=other_city, name="他市の福祉局", website="https://example.jp/"
    )
    service = a_service(
        organization={"id": str(theirs.uuid), "name": "乗っ取り", "website": "https://evil.example/"}
    )
    windows = Window.objects.count()
    with pytest.raises(HsdsError, match="提供者「乗っ取り」は別の自治体のものです"):
        import_services(saitama, [service])
    theirs.refresh_from_db()
    assert (theirs.organization, theirs.name, theirs.website) == (
        other_city,
        "他市の福祉局",
        "https://example.jp/",
    )
    assert Window.objects.count() == windows


def test_finding_10_another_organizations_row_ids_are_refused(
    saitama: Organization, other_city: Organization
) -> None:
    theirs = Window.objects.create(organization=other_city, name="他市の窓口", description="x")
    phone = theirs.phones.create(number="048-000-0000")
    service = a_service(phones=[{"id": str(phone.uuid), "number": "048-111-1111"}])
    with pytest.raises(HsdsError):
        import_services(saitama, [service])
    phone.refresh_from_db()
    assert (phone.window, phone.number) == (theirs, "048-000-0000")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>",
        "file:///etc/passwd",
    ],
)
def test_finding_10_a_link_that_runs_or_reads_files_is_refused_on_import(
    saitama: Organization, url: str
) -> None:
    windows = Window.objects.count()
    with pytest.raises(HsdsError, match="リンクは http・https・tel・mailto のものだけ使えます"):
        import_services(saitama, [a_service(url=url)])
    with pytest.raises(HsdsError):
        import_services(
            saitama, [a_service(organization={"id": str(uuid.uuid4()), "name": "局", "website": url})]
        )
    assert Window.objects.count() == windows


@pytest.mark.parametrize(
    ("link", "allowed"),
    [
        ("https://www.city.saitama.jp/", True),
        ("http://example.jp/soudan", True),
        ("tel:048-829-1111", True),
        ("mailto:soudan@example.jp", True),
        ("javascript:alert(1)", False),
        ("ftp://example.jp/", False),
        ("vbscript:msgbox", False),
        ("tel:", False),
        ("//evil.example/", False),
    ],
)
def test_finding_10_every_path_allows_only_http_https_tel_and_mailto_links(link: str, allowed: bool) -> None:
    def valid(check: object) -> bool:
        try:
            check()  # type: ignore[operator]
        except ValidationError:
            return False
        return True

    assert valid(lambda: validate_link(link)) is allowed
    window = Window(
        organization=Organization.objects.get(jis_code="111007"), name="窓口", description="x", url=link
    )
    assert valid(lambda: window.full_clean(exclude=["version"])) is allowed


def test_finding_10_the_hsds_csv_export_writes_no_cell_that_starts_a_formula(
    saitama: Organization, tmp_path: Path
) -> None:
    window = Window.objects.filter(organization=saitama).first()
    assert window is not None
    Window.objects.filter(pk=window.pk).update(
        name='=HYPERLINK("http://evil.example","開く")', description="+1+1"
    )
    window.refresh_from_db()
    export_tabular([service_json(window)], tmp_path)
    with (tmp_path / "services.csv").open(encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    assert row["name"] == "'" + '=HYPERLINK("http://evil.example","開く")'
    assert row["description"] == "'+1+1"
    json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
