"""`make run`: the demo a city tries runs with DEBUG off, its static files served by the app (whitenoise).

Finding 15 of issue 17: the demo ran with DEBUG on, so an anonymous visitor's 404 was Django's
technical page listing every URL pattern. DEBUG is now off unless SHINCHOKU_DEBUG=1 (developers).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"


def demo_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """Return the environment `make run` starts with: no SHINCHOKU_* setting, a SQLite file of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SHINCHOKU_", "DJANGO_"))}
    return (
        env
        | {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
            "SHINCHOKU_STATIC_ROOT": str(tmp_path / "staticfiles"),
            "PYTHONPATH": os.pathsep.join(sys.path),
        }
        | extra
    )


def shinchoku(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shinchoku.cli", *args], env=env, cwd=cwd, capture_output=True, text=True
    )


def free_port() -> int:
    """Return a free port among 8100–8199 (8000 is the developers' own `make run`)."""
    for port in range(8100, 8200):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.fail("no free port in 8100–8199")


def get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


@pytest.fixture
def demo_server(tmp_path: Path) -> Iterator[str]:
    """Serve as `make run` does (migrations and the demo's data aside: a 404 and a static file need neither)."""
    env = demo_env(tmp_path)
    collected = shinchoku(env, tmp_path, "collectstatic", "--no-input", "-v0")
    assert collected.returncode == 0, collected.stderr
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "shinchoku.cli", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            assert server.poll() is None, "the demo server stopped"
            assert time.monotonic() < deadline, "the demo server did not start within 60 s"
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_finding_15_an_anonymous_404_of_the_demo_is_the_projects_page(demo_server: str) -> None:
    status, _type, page = get(f"{demo_server}/no-such-page/")
    assert status == 404
    assert "このページはないか、表示する権限がありません。" in page
    assert "URLconf" not in page and "Django tried these URL patterns" not in page and "admin/" not in page


def test_finding_15_the_demo_serves_its_static_files(demo_server: str) -> None:
    status, content_type, css = get(f"{demo_server}/static/shinchoku/site.css")
    assert (status, content_type.split(";")[0]) == (200, "text/css") and len(css) > 1000
    status, _type, _js = get(f"{demo_server}/static/admin/js/core.js")  # the admin's own files too
    assert status == 200


def test_finding_15_make_run_collects_the_static_files_and_turns_nothing_on() -> None:
    lines = MAKEFILE.read_text(encoding="utf-8").split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "collectstatic" in lines
    assert "SHINCHOKU_DEBUG" not in lines and "--insecure" not in lines


@pytest.mark.parametrize(("extra", "debug"), [({}, "False"), ({"SHINCHOKU_DEBUG": "1"}, "True")])
def test_finding_15_debug_is_for_developers_who_ask(
    tmp_path: Path, extra: dict[str, str], debug: str
) -> None:
    script = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    env = demo_env(tmp_path, DJANGO_SETTINGS_MODULE="shinchoku.settings", **extra)
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert result.stdout.strip() == debug, result.stderr
