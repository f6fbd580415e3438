"""Every URL pattern of the project × every persona × method → a declared outcome.

A URL without a declaration fails the suite. Outsiders get 404, those who may see
but not act get 403, anonymous visitors go to the login (except the public
directory), and the database is unchanged after every refused request.
"""

from collections.abc import Callable, Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cycle_objects import build_cycle
from shared_db import module_transaction
from tests_helpers import client_for, db_state

pytestmark = pytest.mark.django_db
PERSONAS = ["anonymous", "jimukyoku", "roudou", "jutaku", "iin", "case1", "other", "kouiki"]
PLAN = "saitama-r3"
Objects = dict[str, object]
Url = Callable[[Objects], str]


def pk(key: str) -> Callable[[Objects], int]:
    return lambda o: o[key].pk  # type: ignore[attr-defined]


# (URL name, label, method, url, POST data, expected status per persona in PERSONAS order)
MATRIX: list[tuple[str, str, str, Url, dict[str, object], list[int]]] = [
    ("home", "home", "get", lambda o: reverse("home"), {}, [302, 200, 200, 200, 200, 200, 200, 200]),
    ("healthz", "health check", "get", lambda o: "/healthz", {}, [200] * 8),
    ("login", "login", "get", lambda o: reverse("login"), {}, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("logout", "logout", "post", lambda o: reverse("logout"), {}, [302, 302, 302, 302, 302, 302, 302, 302]),
    (
        "set_language",
        "set_language",
        "post",
        lambda o: reverse("set_language"),
        {"language": "en", "next": "/"},
        [302, 302, 302, 302, 302, 302, 302, 302],
    ),
    (
        "accounts:mfa_setup",
        "authenticator app",
        "get",
        lambda o: reverse("accounts:mfa_setup"),
        {},
        [302, 200, 200, 200, 200, 200, 200, 200],
    ),
    (
        "accounts:mfa_setup",
        "a wrong first code",
        "post",
        lambda o: reverse("accounts:mfa_setup"),
        {"code": "abcdef"},
        [302, 400, 400, 400, 400, 400, 400, 400],
    ),
    (
        "accounts:mfa_verify",
        "one-time code without an app",
        "get",
        lambda o: reverse("accounts:mfa_verify"),
        {},
        [302, 302, 302, 302, 302, 302, 302, 302],
    ),
    (
        "plans:plan",
        "plan",
        "get",
        lambda o: reverse("plans:plan", args=[PLAN]),
        {},
        [302, 200, 200, 200, 200, 404, 404, 404],
    ),
    (
        "plans:open_year",
        "open a year",
        "post",
        lambda o: reverse("plans:open_year", args=[PLAN]),
        {"fiscal_year": "2023"},
        [302, 302, 403, 403, 403, 404, 404, 404],
    ),
    (
        "plans:entries",
        "entries",
        "get",
        lambda o: reverse("plans:entries", args=[PLAN, 2022]),
        {},
        [302, 200, 200, 200, 200, 404, 404, 404],
    ),
    (
        "plans:board",
        "board",
        "get",
        lambda o: reverse("plans:board", args=[PLAN, 2022]),
        {},
        [302, 200, 403, 403, 403, 404, 404, 404],
    ),
    (
        "plans:entry",
        "a draft",
        "get",
        lambda o: reverse("plans:entry", args=[pk("draft")(o)]),
        {},
        [302, 200, 200, 404, 404, 404, 404, 404],
    ),
    (
        "plans:entry",
        "a confirmed entry",
        "get",
        lambda o: reverse("plans:entry", args=[pk("confirmed")(o)]),
        {},
        [302, 200, 200, 404, 200, 404, 404, 404],
    ),
    (
        "plans:edit",
        "edit form",
        "get",
        lambda o: reverse("plans:edit", args=[pk("draft")(o)]),
        {},
        [302, 403, 200, 404, 404, 404, 404, 404],
    ),
    (
        "plans:edit",
        "edit save",
        "post",
        lambda o: reverse("plans:edit", args=[pk("draft")(o)]),
        {
            "version": "1",
            "activities": "実施しました",
            "evaluation_type": "qualitative",
            "ind-TOTAL_FORMS": "0",
            "ind-INITIAL_FORMS": "0",
        },
        [302, 403, 302, 404, 404, 404, 404, 404],
    ),
    (
        "plans:submit",
        "submit",
        "post",
        lambda o: reverse("plans:submit", args=[pk("draft")(o)]),
        {"version": "1"},
        [302, 403, 302, 404, 404, 404, 404, 404],
    ),
    (
        "plans:review",
        "review",
        "post",
        lambda o: reverse("plans:review", args=[pk("draft")(o)]),
        {"version": "1", "action": "confirm"},
        [302, 403, 403, 404, 404, 404, 404, 404],
    ),
    (
        "plans:reopen",
        "reopen",
        "post",
        lambda o: reverse("plans:reopen", args=[pk("confirmed")(o)]),
        {"version": "1", "reason": "誤りの訂正"},
        [302, 302, 403, 404, 403, 404, 404, 404],
    ),
    (
        "plans:suggest",
        "suggest",
        "get",
        lambda o: reverse("plans:suggest", args=[pk("draft")(o)]) + "?ind-0-target=10&ind-0-actual=12",
        {},
        [302, 200, 200, 404, 404, 404, 404, 404],
    ),
    (
        "plans:highlight",
        "highlight",
        "post",
        lambda o: reverse("plans:highlight", args=[pk("confirmed")(o)]),
        {"highlight": "1"},
        [302, 302, 403, 404, 403, 404, 404, 404],
    ),
    (
        "plans:accept_indicator",
        "accept an indicator",
        "post",
        lambda o: reverse("plans:accept_indicator", args=[pk("confirmed")(o)]),
        {"prefix": "p0", "p0-name": "新しい指標", "p0-direction": "higher", "p0-target": "10"},
        [302, 302, 403, 404, 403, 404, 404, 404],
    ),
    (
        "reports:dashboard",
        "dashboard",
        "get",
        lambda o: reverse("reports:dashboard", args=[PLAN, 2021]),
        {},
        [302, 200, 200, 200, 200, 404, 404, 404],
    ),
    (
        "reports:trends",
        "trends",
        "get",
        lambda o: reverse("reports:trends", args=[PLAN]),
        {},
        [302, 200, 200, 200, 200, 404, 404, 404],
    ),
    (
        "reports:download",
        "download",
        "get",
        lambda o: reverse("reports:download", args=[PLAN, 2021, "json"]),
        {},
        [302, 200, 403, 403, 200, 404, 404, 404],
    ),
    (
        "imports:upload",
        "upload form",
        "get",
        lambda o: reverse("imports:upload"),
        {},
        [302, 200, 200, 200, 403, 403, 200, 403],
    ),
    (
        "imports:progress",
        "progress of an unknown upload",
        "get",
        lambda o: reverse("imports:progress", args=["0" * 32]),
        {},
        [302, 404, 404, 404, 404, 404, 404, 404],
    ),
    (
        "imports:confirm",
        "confirm an unknown upload",
        "post",
        lambda o: reverse("imports:confirm", args=["0" * 32]),
        {},
        [302, 404, 404, 404, 404, 404, 404, 404],
    ),
    (
        "imports:cancel",
        "cancel an unknown upload",
        "post",
        lambda o: reverse("imports:cancel", args=["0" * 32]),
        {},
        [302, 404, 404, 404, 404, 404, 404, 404],
    ),
    (
        "imports:department_forms",
        "forms page",
        "get",
        lambda o: reverse("imports:department_forms", args=[PLAN, 2022]),
        {},
        [302, 200, 200, 200, 403, 404, 404, 404],
    ),
    (
        "imports:department_form",
        "労働政策課's form",
        "get",
        lambda o: reverse("imports:department_form", args=[PLAN, 2022, pk("roudou_department")(o)]),
        {},
        [302, 200, 200, 404, 403, 404, 404, 404],
    ),
    (
        "imports:all_department_forms",
        "all forms",
        "get",
        lambda o: reverse("imports:all_department_forms", args=[PLAN, 2022]),
        {},
        [302, 200, 403, 403, 403, 404, 404, 404],
    ),
    (
        "lifecycle:plan",
        "revisions and the next plan",
        "get",
        lambda o: reverse("lifecycle:plan", args=[PLAN]),
        {},
        [302, 200, 403, 403, 403, 404, 404, 404],
    ),
    (
        "lifecycle:end_program",
        "end a program in the next plan",
        "post",
        lambda o: reverse("lifecycle:end_program", args=[PLAN, 3]),
        {},
        [302, 302, 403, 403, 403, 404, 404, 404],
    ),
    (
        "accounts:tokens",
        "API tokens",
        "get",
        lambda o: reverse("accounts:tokens"),
        {},
        [302, 200, 200, 200, 200, 403, 200, 200],
    ),
    (
        "accounts:tokens",
        "make an API token",
        "post",
        lambda o: reverse("accounts:tokens"),
        {"name": "テスト", "days": "30"},
        [302, 302, 302, 302, 302, 403, 302, 302],
    ),
    (
        "accounts:token_revoke",
        "revoke someone else's token",
        "post",
        lambda o: reverse("accounts:token_revoke", args=[pk("token")(o)]),
        {},
        [302, 302, 404, 404, 404, 403, 404, 404],
    ),
    (
        "national:mapping",
        "national plan mapping",
        "get",
        lambda o: reverse("national:mapping", args=[PLAN]),
        {},
        [302, 200, 403, 403, 403, 404, 404, 404],
    ),
    (
        "national:mapping",
        "save the national plan mapping",
        "post",
        lambda o: reverse("national:mapping", args=[PLAN]),
        {"seen": "stale"},
        [302, 409, 403, 403, 403, 404, 404, 404],
    ),
    (
        "national:shares",
        "cross-organization shares",
        "get",
        lambda o: reverse("national:shares"),
        {},
        [302, 403, 403, 403, 403, 403, 403, 200],
    ),
    (
        "national:shares_csv",
        "cross-organization shares CSV",
        "get",
        lambda o: reverse("national:shares_csv") + "?year=2021&national_plan=first",
        {},
        [302, 403, 403, 403, 403, 403, 403, 200],
    ),
    ("opendata:index", "open data", "get", lambda o: reverse("opendata:index"), {}, [200] * 8),
    (
        "opendata:plan",
        "a plan's open data",
        "get",
        lambda o: reverse("opendata:plan", args=[PLAN]),
        {},
        [200] * 8,
    ),
    (
        "opendata:download",
        "an open-data file",
        "get",
        lambda o: reverse("opendata:download", args=[PLAN, "figures.csv"]),
        {},
        [200] * 8,
    ),
    (
        "opendata:settings",
        "open-data settings",
        "get",
        lambda o: reverse("opendata:settings", args=[PLAN]),
        {},
        [302, 200, 403, 403, 403, 404, 404, 404],
    ),
    (
        "opendata:settings",
        "save open-data settings from a stale page",
        "post",
        lambda o: reverse("opendata:settings", args=[PLAN]),
        {"seen": "stale", "is_published": "on", "licence": "CC0-1.0"},
        [302, 409, 403, 403, 403, 404, 404, 404],
    ),
    # The API ignores the session: without a token everyone is the public (tests/api checks tokens).
    ("api:api-root", "API root", "get", lambda o: "/api/", {}, [404] * 8),
    ("api:openapi-json", "API schema", "get", lambda o: "/api/openapi.json", {}, [200] * 8),
    ("api:openapi-view", "API documentation", "get", lambda o: "/api/docs", {}, [200] * 8),
    ("api:organizations", "API organizations", "get", lambda o: "/api/organizations", {}, [200] * 8),
    ("api:plans", "API plans", "get", lambda o: "/api/plans", {}, [200] * 8),
    ("api:plan_detail", "API plan", "get", lambda o: f"/api/plans/{PLAN}", {}, [200] * 8),
    ("api:programs", "API programs", "get", lambda o: f"/api/plans/{PLAN}/programs", {}, [200] * 8),
    ("api:entries", "API entries", "get", lambda o: f"/api/plans/{PLAN}/entries?year=2022", {}, [200] * 8),
    ("api:indicators", "API indicators", "get", lambda o: f"/api/plans/{PLAN}/indicators", {}, [200] * 8),
    ("api:figures", "API figures", "get", lambda o: f"/api/plans/{PLAN}/figures/2021", {}, [200] * 8),
    ("api:review", "API review", "get", lambda o: f"/api/plans/{PLAN}/review", {}, [200] * 8),
    ("api:national_plans", "API national plans", "get", lambda o: "/api/national/plans", {}, [200] * 8),
    ("api:national_shares", "API shares", "get", lambda o: "/api/national/first/2021", {}, [401] * 8),
    (
        "api:directory_services",
        "API directory",
        "get",
        lambda o: "/api/directory/services",
        {},
        [200] * 8,
    ),
    # The admin site's rows are generated in matrix_admin.py: every URL pattern of every model.
]


def _topic_modules() -> list[object]:
    """The matrix_<topic>.py modules beside this file: each defines ROWS like MATRIX (and may
    define PUBLIC, a set of URL names anonymous visitors may open).

    Several people add URLs at once; a module per topic keeps their rows apart.
    """
    import importlib.util
    from pathlib import Path

    modules: list[object] = []
    for path in sorted(Path(__file__).parent.glob("matrix_*.py")):
        spec = importlib.util.spec_from_file_location(f"access_matrix_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


TOPICS = _topic_modules()
MATRIX += [row for module in TOPICS for row in module.ROWS]  # type: ignore[attr-defined]
PUBLIC = {
    "healthz",
    "login",
    "set_language",
    "directory:list",
    "directory:detail",
    "directory:leaflet",
    "opendata:index",
    "opendata:plan",
    "opendata:download",
}
PUBLIC |= {name for module in TOPICS for name in getattr(module, "PUBLIC", set())}


def url_names() -> Iterator[str]:
    """Yield the name of every URL pattern of the project, the admin's included.

    The admin's unnamed patterns (each model's `<id>/` shortcut, the final catch-all) are the same
    view for every model: each is one name.
    """

    def walk(patterns: list[object], namespace: str) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                yield namespace + (pattern.name or f"<unnamed {pattern.pattern}>")

    yield from walk(get_resolver().url_patterns, "")


@pytest.fixture(scope="module")
def cycle(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[Objects]:
    """The web tests' year in progress with the admin's objects, built once for all the requests.

    Each request still runs in its test's own transaction, rolled back after it (the rows a POST
    saves are gone before the next request); the year itself is rolled back after the module.
    """
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():  # type: ignore[attr-defined]
            objects = build_cycle(with_admin_objects=True)
        yield objects


def test_every_url_pattern_is_declared() -> None:
    declared = {row[0] for row in MATRIX}
    assert sorted(set(url_names()) - declared) == []


@pytest.mark.parametrize(
    ("name", "label", "method", "url", "data", "expected"), MATRIX, ids=[r[1] for r in MATRIX]
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_url_for_every_persona(
    cycle: Objects,
    persona: str,
    name: str,
    label: str,
    method: str,
    url: Url,
    data: dict[str, object],
    expected: list[int],
) -> None:
    want = expected[PERSONAS.index(persona)]
    client = client_for(persona)
    before = db_state()
    response = getattr(client, method)(url(cycle), data)
    assert response.status_code == want, f"{label} as {persona}"
    if persona == "anonymous" and name not in PUBLIC and want == 302:
        assert "/login/" in response["Location"]
    if want in (403, 404) or (persona == "anonymous" and name not in PUBLIC) or method == "get":
        assert db_state() == before, f"{label} as {persona} changed the database"
