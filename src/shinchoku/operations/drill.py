"""The backup-and-restore drill: `make drill` (and the test suite) runs it against a scratch database.

Load the demo, note the council report's figures, take a backup while another process keeps
writing, damage the data, restore, and check the figures are again exactly the ones noted.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
DRILL_DB = "shinchoku_drill"
# A writer that keeps changing FY2022 texts (not FY2021's figures) until the backup is done.
WRITER = """
import pathlib, sys
from shinchoku.plans.models import YearlyEntry
started, stop = pathlib.Path(sys.argv[-2]), pathlib.Path(sys.argv[-1])
writes = 0
import time
while not stop.exists():
    YearlyEntry.objects.filter(fiscal_year=2022).update(activities=f"drill write {writes}")
    writes += 1
    started.touch()
    time.sleep(0.01)  # a clerk's pace, not a loop that starves the backup of the machine's cores
print(writes)
"""
DAMAGE = """
from shinchoku.plans.models import YearlyEntry
YearlyEntry.objects.filter(fiscal_year=2021).update(final_grade="C")
"""


@dataclass
class DrillResult:
    database: str
    rows_before: int
    backup_bytes: int
    writes_meanwhile: int
    seconds: float
    figures_equal: bool
    broken_backup_refused: bool


Command = Callable[..., str]


def run(database_url: str, workdir: Path) -> DrillResult:
    """Run the drill against database_url (which it overwrites); return what it measured."""
    began = time.monotonic()
    env = os.environ | {"DATABASE_URL": database_url, "SHINCHOKU_ENV": "development"}
    shinchoku = _command(env)
    shinchoku("migrate", "--no-input", "-v0")
    shinchoku("demo", "--password", "drill-password")
    noted = _figures(shinchoku)
    rows = int(
        shinchoku(
            "shell",
            "--no-imports",
            "-c",
            "from shinchoku.plans.models import YearlyEntry; print(YearlyEntry.objects.count())",
        )
    )
    backup_file = workdir / "drill.backup"
    writes = _backup_while_writing(shinchoku, env, workdir, backup_file)

    shinchoku("shell", "--no-imports", "-c", DAMAGE)
    if _figures(shinchoku) == noted:
        raise RuntimeError("the damage did not change the figures: the drill would prove nothing")
    shinchoku("restore", "--no-input", str(backup_file))
    restored = _figures(shinchoku)
    broken_refused = _broken_backup_refused(shinchoku, workdir, backup_file)
    unchanged_after_broken = _figures(shinchoku) == noted
    return DrillResult(
        database=database_url.split(":", 1)[0],
        rows_before=rows,
        backup_bytes=backup_file.stat().st_size,
        writes_meanwhile=writes,
        seconds=round(time.monotonic() - began, 1),
        figures_equal=restored == noted,
        broken_backup_refused=broken_refused and unchanged_after_broken,
    )


def _command(env: dict[str, str]) -> Command:
    """Return a function that runs `shinchoku ARGS` against the drill's database and returns its output."""

    def shinchoku(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "shinchoku.cli", *args], env=env, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise RuntimeError(f"shinchoku {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    return shinchoku


def _figures(shinchoku: Command) -> dict[str, object]:
    report: dict[str, object]
    report = json.loads(shinchoku("report", "--plan", "saitama-r3", "--year", "2021", "--format", "json"))
    return report  # the whole JSON report: totals, areas, departments, deviations, checks


def _backup_while_writing(shinchoku: Command, env: dict[str, str], workdir: Path, backup_file: Path) -> int:
    """Take the backup while another process writes; return how many writes it made meanwhile."""
    started, stop = workdir / "writer-started", workdir / "backup-done"
    writer = subprocess.Popen(
        [sys.executable, "-c", _as_script(WRITER), str(started), str(stop)],
        env=env | {"DJANGO_SETTINGS_MODULE": "shinchoku.settings"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        while not started.exists():
            if writer.poll() is not None:
                stderr = writer.stderr.read().decode() if writer.stderr else ""
                raise RuntimeError(f"the writer stopped early:\n{stderr}")
            time.sleep(0.05)
        shinchoku("backup", "-o", str(backup_file))
    finally:
        # Whatever happened to the backup, the writer stops: a failed drill leaves no process behind.
        stop.touch()
    try:
        out, errors = writer.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        writer.kill()
        writer.communicate()
        raise
    if writer.returncode != 0:
        raise RuntimeError(f"the writer failed while the backup ran:\n{errors.decode()}")
    return int(out.decode().split()[-1])


def _broken_backup_refused(shinchoku: Command, workdir: Path, backup_file: Path) -> bool:
    """A backup cut short (a full disk, a broken copy) is refused and changes nothing."""
    broken = workdir / "broken.backup"
    broken.write_bytes(backup_file.read_bytes()[: backup_file.stat().st_size // 2])
    try:
        shinchoku("restore", "--no-input", str(broken))
    except RuntimeError as refusal:
        return "何も変更していません" in str(refusal)
    return False


def _as_script(body: str) -> str:
    return "import django\ndjango.setup()\n" + body


def fresh_postgresql_database(server: str = PG_SERVER, name: str = DRILL_DB) -> str:
    """Drop and create the drill's own database; return its URL."""
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("database", choices=["sqlite", "postgresql"])
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        url = (
            f"sqlite:///{workdir / 'drill.sqlite3'}"
            if options.database == "sqlite"
            else fresh_postgresql_database()
        )
        result = run(url, workdir)
    print(json.dumps(result.__dict__, ensure_ascii=False))
    if not result.figures_equal:
        sys.exit("復元後の数値がバックアップ時と一致しません。")
    if not result.broken_backup_refused:
        sys.exit("壊れたバックアップの復元が拒否されないか、データが変わりました。")


if __name__ == "__main__":
    main()
