"""Online backup and restore of the whole database: SQLite's backup API, PostgreSQL's pg_dump/pg_restore.

Both take a consistent snapshot while the server keeps running. A restore replaces
everything in one step: it either completes or leaves the database as it was.
"""

import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

from django.db import connection

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is for the person running it (Japanese)."""


def backup(target: Path, patience: float = 120.0) -> None:
    """Write a consistent copy of the configured database to target (written whole, then renamed)."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if connection.vendor == "sqlite":
            _sqlite_backup(partial, patience)
        elif connection.vendor == "postgresql":
            _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "-f", str(partial)])
        else:
            raise BackupError(f"{connection.vendor} のバックアップには対応していません。")
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def restore(source: Path) -> None:
    """Replace the configured database's contents with a backup made by backup()."""
    if not source.is_file():
        raise BackupError(f"{source} がありません。")
    head = source.read_bytes()[:16]
    if connection.vendor == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(f"{source} は SQLite のバックアップではありません（何も変更していません）。")
        _sqlite_restore(source)
    elif connection.vendor == "postgresql":
        if not head.startswith(PG_MAGIC):
            raise BackupError(
                f"{source} は PostgreSQL のバックアップ（pg_dump -Fc）ではありません（何も変更していません）。"
            )
        connection.close()
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",  # all or nothing
                "--exit-on-error",
                "-d",
                _pg_env()["PGDATABASE"],
                str(source),
            ]
        )
    else:
        raise BackupError(f"{connection.vendor} の復元には対応していません。")


def _sqlite_backup(target: Path, patience: float) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    deadline = time.monotonic() + patience

    def give_up_when_late(status: int, remaining: int, total: int) -> None:
        # SQLite retries while another connection holds a write lock; do not wait for ever.
        if time.monotonic() > deadline:
            raise BackupError(f"データベースが{patience:.0f}秒以上使用中のため、バックアップを中止しました。")

    try:
        # One step copies every page: a consistent snapshot, while writers in WAL mode go on.
        connection.connection.backup(copy, progress=give_up_when_late, sleep=0.05)
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("バックアップの整合性検査に失敗しました。")
    finally:
        copy.close()


def _sqlite_restore(source: Path) -> None:
    backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        try:
            intact = backup_db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            tables = {r[0] for r in backup_db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError:
            intact = False
        if not intact:
            raise BackupError(f"{source} は壊れています（何も変更していません）。")
        if "django_migrations" not in tables:
            raise BackupError(f"{source} は shinchoku のバックアップではありません（何も変更していません）。")
        connection.ensure_connection()
        backup_db.backup(connection.connection)  # replaces every page under one lock
    finally:
        backup_db.close()


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} が見つかりません。PostgreSQL のクライアント（postgresql-client）を入れてください。"
        )
    return found


def _pg_env() -> dict[str, str]:
    settings = connection.settings_dict
    env = {
        "PGDATABASE": settings["NAME"],
        "PGHOST": settings.get("HOST") or "",
        "PGPORT": str(settings.get("PORT") or ""),
        "PGUSER": settings.get("USER") or "",
        "PGPASSWORD": settings.get("PASSWORD") or "",
    }
    return {k: v for k, v in env.items() if v}


def _run(command: list[str]) -> None:
    result = subprocess.run(command, env=os.environ | _pg_env(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(
            f"{Path(command[0]).name} が失敗しました（何も変更していません）：{result.stderr.strip()}"
        )
