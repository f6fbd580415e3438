"""A process killed in the middle of an import leaves the database as it was; eight SQLite writers never meet "database is locked"."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from django.db import connection

from shinchoku.operations import drill

SETUP = "import django\ndjango.setup()\n"
ROW_COUNTS = (
    SETUP
    + """
import json
from django.apps import apps
print(json.dumps({m._meta.label: m._default_manager.count() for m in apps.get_models()
                  if m._meta.label != "sessions.Session"}))
"""
)
# Import the demo's own 進捗管理表 as a new plan, and die (SIGKILL: no cleanup of any kind)
# once 40 listings are written (after the plan, its tree, programs and departments), inside the
# import's transaction. The import writes in bulk, so its progress report is where it is stopped.
KILLED_IMPORT = (
    SETUP
    + """
import os, signal
from shinchoku.accounts.models import Organization
from shinchoku.imports.services import import_plan
from shinchoku.plans.models import Plan
from shinchoku.reports.progress_table import to_xlsx

content = to_xlsx(Plan.objects.get(slug="saitama-r3"), 2021)
def die(done, total):
    if int(os.environ["KILL_AFTER"]) and done >= int(os.environ["KILL_AFTER"]):
        assert Plan.objects.filter(slug="killed-import").exists()  # written, not yet committed
        os.kill(os.getpid(), signal.SIGKILL)
import_plan(name="p.xlsx", content=content, organization=Organization.objects.get(jis_code="111007"),
            slug="killed-import", plan_name="途中で止まった取込", first_year=2021, last_year=2025, actor=None,
            progress=die)
print("finished")
"""
)
# Each writer reads, then writes an entry and its history, 25 times: the read-then-write
# transaction is the one that fails at once in SQLite unless transactions start IMMEDIATE.
WRITER = (
    SETUP
    + """
import sys
from django.db import transaction
from shinchoku.plans.models import YearlyEntry
me = int(sys.argv[-1])
ids = sorted(YearlyEntry.objects.values_list("pk", flat=True))
for i in range(25):
    with transaction.atomic():
        entry = YearlyEntry.objects.get(pk=ids[(me * 7 + i) % len(ids)])
        entry.activities = f"writer {me} pass {i}"
        entry.save()
"""
)


@pytest.fixture(scope="module")
def scratch_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database of its own with the demo loaded (SQLite file, or a PostgreSQL database)."""
    if connection.vendor == "postgresql":
        server = os.environ.get("DATABASE_URL", drill.PG_SERVER).rsplit("/", 1)[0]
        url = drill.fresh_postgresql_database(server, "shinchoku_crash")
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('crash') / 'scratch.sqlite3'}"
    for args in (["migrate", "--no-input", "-v0"], ["demo", "--password", "scratch-password"]):
        subprocess.run(
            [sys.executable, "-m", "shinchoku.cli", *args], env=env_for(url), check=True, capture_output=True
        )
    yield url


def env_for(url: str, **extra: str) -> dict[str, str]:
    return os.environ | {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "shinchoku.settings"} | extra


def python(url: str, script: str, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script, *args], env=env_for(url, **extra), capture_output=True, text=True
    )


def row_counts(url: str) -> dict[str, int]:
    result = python(url, ROW_COUNTS)
    assert result.returncode == 0, result.stderr
    counts: dict[str, int] = json.loads(result.stdout)
    return counts


def test_an_import_killed_halfway_leaves_every_table_as_it_was(scratch_url: str) -> None:
    before = row_counts(scratch_url)
    killed = python(scratch_url, KILLED_IMPORT, KILL_AFTER="40")
    assert killed.returncode == -9, killed.stdout + killed.stderr
    assert "finished" not in killed.stdout
    assert row_counts(scratch_url) == before

    # The same import, not killed, writes: the kill did stop something real.
    finished = python(scratch_url, KILLED_IMPORT, KILL_AFTER="0")
    assert finished.returncode == 0 and "finished" in finished.stdout, finished.stderr
    after = row_counts(scratch_url)
    assert after["plans.Program"] > before["plans.Program"]


def test_eight_sqlite_writers_at_once_never_meet_a_locked_database(scratch_url: str) -> None:
    if not scratch_url.startswith("sqlite"):
        pytest.skip("PostgreSQL has row locks; this is about SQLite's single writer")
    before = row_counts(scratch_url)["plans.HistoricalYearlyEntry"]
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(n)],
            env=env_for(scratch_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(8)
    ]
    errors = [w.communicate(timeout=300)[1] for w in writers]
    assert [w.returncode for w in writers] == [0] * 8, "\n".join(errors)
    assert not any("locked" in e for e in errors)
    assert row_counts(scratch_url)["plans.HistoricalYearlyEntry"] == before + 8 * 25
