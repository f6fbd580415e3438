"""A citizen sees the city's name, not the product's, at the top of its public pages."""

import pytest
from django.test import Client

from shinchoku.directory.models import Window

pytestmark = pytest.mark.django_db


def _header(html: str) -> str:
    return html[html.index('<header class="site">') : html.index("</header>")]


def test_the_directory_is_headed_with_the_citys_name() -> None:
    page = Client().get("/directory/").content.decode()

    assert "さいたま市 相談窓口" in _header(page)
    assert "shinchoku" not in _header(page)
    assert "| さいたま市 相談窓口</title>" in page


def test_a_windows_page_is_headed_with_its_citys_name() -> None:
    window = Window.objects.get(name="こころの健康センター")

    page = Client().get(f"/directory/{window.uuid}/").content.decode()

    assert "さいたま市 相談窓口" in _header(page)


def test_a_plans_open_data_page_is_headed_with_its_citys_name() -> None:
    page = Client().get("/open/saitama-r3/").content.decode()

    assert "さいたま市 オープンデータ" in _header(page)
    assert "shinchoku" not in _header(page)
