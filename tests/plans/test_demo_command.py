"""`shinchoku demo` is idempotent and prints the logins; `shinchoku report` refuses bad input."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from shinchoku.accounts.models import User
from shinchoku.demo import load_demo

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_loading_the_demo_again_changes_nothing() -> None:
    before = row_counts()
    load_demo()
    assert row_counts() == before  # no new rows, and no new history rows either


def test_demo_users_one_per_role() -> None:
    roles = dict(User.objects.filter(organization__jis_code="111007").values_list("username", "role"))
    assert roles == {
        "jimukyoku": "secretariat",
        "roudou": "editor",
        "jutaku": "editor",
        "iin": "council",
        "case1": "caseworker",
        "case2": "caseworker",
        "case_sv": "caseworker",
        "admin": "administrator",
    }
    assert list(User.objects.get(username="roudou").departments.values_list("name", flat=True)) == [
        "労働政策課"
    ]


def test_the_password_option_sets_every_demo_password() -> None:
    out = StringIO()
    call_command("demo", "--password", "another-password-1", stdout=out)
    assert "another-password-1" in out.getvalue()
    assert all(
        u.check_password("another-password-1") for u in User.objects.filter(username__in=["admin", "iin"])
    )


def test_an_existing_password_is_kept_without_the_option() -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    assert "パスワードは変更していません" in out.getvalue()
    assert User.objects.get(username="admin").check_password("test-password-for-demo")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # 2031: after the demo's next plan (令和8〜12年度) too.
        (["--year", "2031"], "令和13年度（2031年度）を期間に含む計画はありません。"),
        (["--year", "2021", "--plan", "nope"], "計画「nope」はありません。"),
        (["--year", "2022", "--plan", "saitama-r3"], "令和4年度の年度別取組がまだありません。"),
        (["--year", "来年"], "「来年」は年度として読めません"),
    ],
)
def test_bad_input_is_one_japanese_line(args: list[str], message: str) -> None:
    with pytest.raises(CommandError) as error:
        call_command("report", *args)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_the_readme_commands_work_end_to_end(tmp_path: Path) -> None:
    """From an empty SQLite file: migrate, demo, report; bad input exits non-zero with one line."""
    env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    command = [sys.executable, "-m", "shinchoku.cli"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, *args], env=env, capture_output=True, text=True, cwd=tmp_path)

    assert run("migrate", "-v0").returncode == 0
    demo = run("demo")
    assert demo.returncode == 0, demo.stderr
    assert "デモユーザーのパスワード（自動生成）" in demo.stdout
    report = run("report", "--year", "2021", "--format", "json")
    assert report.returncode == 0 and '"total": 74' in report.stdout
    bad = run("report", "--year", "2031")
    assert bad.returncode != 0
    assert len(bad.stderr.strip().splitlines()) == 1


def test_the_models_have_their_migrations() -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
