"""A long text can neither be entered as an opinion nor hold up the council report it is printed in.

Found by an insider attack: one 20,000-character opinion kept the meeting's pack building for more
than 13 minutes (WeasyPrint's automatic table layout measured every break of the text).
"""

import subprocess
import tempfile

import pytest
from django.urls import reverse

from shinchoku.council.forms import TEXT_LIMIT
from shinchoku.council.models import Opinion
from shinchoku.plans.models import Plan
from shinchoku.reports.council import render_pdf
from tests_helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.get(slug="saitama-r3")


def test_attack_an_opinion_longer_than_the_limit_is_refused_and_kept_on_the_page(plan: Plan) -> None:
    text = "意見" * 10_000

    response = login("jimukyoku").post(
        reverse("council:opinion_new", args=[plan.slug]), {"fiscal_year": "2021", "text": text}
    )

    assert response.status_code == 400
    assert f"{TEXT_LIMIT}" in response.content.decode()
    assert not Opinion.objects.filter(text=text).exists()


def test_attack_a_long_opinion_already_stored_is_printed_whole_in_the_council_report(plan: Plan) -> None:
    marker = "末尾の確認用の文"
    Opinion.objects.create(plan=plan, fiscal_year=2021, text="意見" * 10_000 + marker)

    pdf = render_pdf(plan, 2021)

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        text = subprocess.run(
            ["pdftotext", handle.name, "-"], capture_output=True, text=True, check=True
        ).stdout
    assert marker in text.replace("\n", "")
