"""`shinchoku backup` and `shinchoku restore`: the drill restores exactly the figures it noted; bad files change nothing."""

import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from shinchoku.operations import drill
from shinchoku.operations.backup import PG_MAGIC, BackupError, backup
from tests_helpers import db_state

pytestmark = pytest.mark.django_db


def test_the_drill_restores_the_figures_of_a_backup_taken_while_another_process_wrote(tmp_path: Path) -> None:
    if connection.vendor == "postgresql":
        url = drill.fresh_postgresql_database(
            os.environ.get("DATABASE_URL", drill.PG_SERVER).rsplit("/", 1)[0]
        )
    else:
        url = f"sqlite:///{tmp_path / 'drill.sqlite3'}"
    result = drill.run(url, tmp_path)
    assert result.writes_meanwhile > 0
    assert result.figures_equal, "the restored report differs from the one noted before the backup"
    assert result.broken_backup_refused


def test_a_postgresql_backup_is_written_whole_in_pg_dump_format(tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the SQLite backup is taken by the drill (this test's own transaction holds a lock)")
    target = tmp_path / "shinchoku.backup"
    call_command("backup", "-o", str(target))
    assert target.read_bytes().startswith(PG_MAGIC)
    assert not list(tmp_path.glob("*.partial"))


def test_a_sqlite_backup_that_cannot_read_gives_up_and_leaves_no_file(tmp_path: Path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("pg_dump reads its own snapshot")
    target = tmp_path / "shinchoku.backup"
    # The test runs inside an open transaction, as a long import would: the copy must not wait for ever.
    with pytest.raises(BackupError, match="使用中のため、バックアップを中止しました"):
        backup(target, patience=0.3)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "ではありません"),
        (b"PK\x03\x04 an Excel file, not a backup", "ではありません"),
        (b"SQLite format 3\x00" + b"\x00" * 80, ""),
        (b"PGDMP" + b"\x00" * 80, ""),
    ],
    ids=["empty", "excel", "sqlite-header-only", "pg-header-only"],
)
def test_restoring_something_else_is_refused_in_japanese_and_changes_nothing(
    tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "not-a-backup"
    source.write_bytes(content)
    if content.startswith(b"PGDMP") and connection.vendor == "postgresql":
        pytest.skip("a broken pg_dump file is tried by the drill, on its own database")
    before = db_state()
    with pytest.raises(CommandError, match=message or "何も変更していません"):
        call_command("restore", str(source), no_input=True)
    assert db_state() == before


def test_restore_asks_before_replacing_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="中止しました"):
        call_command("restore", str(tmp_path / "whatever.backup"))
