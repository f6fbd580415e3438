"""Fixtures of the web tests: a year in progress and a second city with its own secretariat."""

import pytest

from cycle_objects import build_cycle


@pytest.fixture
def cycle(request: pytest.FixtureRequest) -> dict[str, object]:
    """令和4年度 opened (drafts), another city with a secretariat user "other" and a window of its own.

    For the admin's rows of the access matrix, also one object of every admin model for さいたま市
    ("admin_own"), for the other city ("admin_other") and of the installation ("admin_shared").
    """
    callspec = getattr(request.node, "callspec", None)
    admin_row = callspec is not None and str(callspec.params.get("name", "")).startswith("admin:")
    return build_cycle(with_admin_objects=admin_row)
