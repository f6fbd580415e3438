"""A new city does not start with さいたま市's settings: it chooses its grade scale on the upload form.

さいたま市's own scale (the seed's A/B/C/－) is preselected for さいたま市 only (全国地方公共団体コード
111007); 川越市 (112011) sees no scale chosen and is asked to choose one. No preset's － text names
FY2021's cause (COVID-19): that is the wording of さいたま市's FY2021, set on that year.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from shinchoku.accounts.models import Organization, Role, User
from shinchoku.domain.scale_presets import PRESETS, own_preset, preset_label
from shinchoku.imports.forms import UploadForm
from shinchoku.plans.models import Plan

NEW_PLAN = {
    "kind": "plan",
    "slug": "kawagoe-r3",
    "plan_name": "計画",
    "first_year": "2021",
    "last_year": "2025",
}


def form(own_scale: str, **fields: str) -> UploadForm:
    files = {"file": SimpleUploadedFile("plan.xlsx", b"PK")}
    return UploadForm(
        {**NEW_PLAN, **fields}, files, plans=Plan.objects.none(), kinds=["plan"], own_scale=own_scale
    )


def test_only_saitama_has_a_scale_of_its_own() -> None:
    assert own_preset("111007") == "saitama"
    assert own_preset("112011") == ""


@pytest.mark.django_db
def test_a_new_city_must_choose_the_scale_of_its_new_plan() -> None:
    unchosen = form(own_scale="")
    assert not unchosen.is_valid()
    assert unchosen.errors["scale"] == ["新しい計画の評価尺度を選んでください。"]
    chosen = form(own_scale="", scale="three-level")
    assert chosen.is_valid(), chosen.errors
    assert chosen.cleaned_data["grade_scale"]["name"] == "3段階（達成／一定の成果あり／未達成）"


@pytest.mark.django_db
def test_saitama_keeps_its_own_scale_when_it_chooses_none() -> None:
    saitama = form(own_scale="saitama")
    assert saitama.is_valid(), saitama.errors
    assert saitama.cleaned_data["grade_scale"]["name"] == "さいたま市 令和3年度 達成度"


@pytest.mark.django_db
def test_the_upload_form_of_a_new_city_preselects_no_scale() -> None:
    city = Organization.objects.create(name="川越市（デモ）", jis_code="112011")
    user = User.objects.create(username="kawagoe-jimukyoku", organization=city, role=Role.SECRETARIAT)
    client = Client()
    client.force_login(user)
    response = client.get("/imports/")
    assert response.status_code == 200
    scale = response.context["form"]["scale"]
    assert not scale.value()
    assert 'value="saitama" selected' not in str(scale)


def test_a_preset_is_labelled_by_its_grades_once() -> None:
    labels = {key: preset_label(scale) for key, scale in PRESETS.items()}
    assert labels["three-level"] == "3段階（達成／一定の成果あり／未達成）"
    assert labels["saitama"] == "さいたま市 令和3年度 達成度（A／B／C／－）"
    for key, scale in PRESETS.items():
        assert labels[key].count("／".join(scale.labels)) == 1


def test_no_preset_names_covid_19_as_the_cause_of_a_dash() -> None:
    for scale in PRESETS.values():
        for grade in scale.grades:
            assert "コロナ" not in grade.criteria and "コロナ" not in grade.meaning
    assert PRESETS["saitama"].grades[-1].criteria == "やむを得ない事情により目標を達成不可／事業を実施不可"
