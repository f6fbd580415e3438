"""What an import did and the record of every imported file (by which a second upload is recognised)."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from shinchoku.accounts.models import Organization, User
from shinchoku.imports.models import ImportRecord
from shinchoku.lib.problems import Problem

Progress = Callable[[int, int], None]  # (rows done, rows in all), for a command line's progress bar


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do)."""

    summary: dict[str, Any]
    written: bool
    warnings: list[str] = field(default_factory=list)
    preview: Any = None  # what a person checks before confirming (PlanPreview for a plan)
    versions: dict[str, int] = field(default_factory=dict)  # entry id → version the check saw


def fingerprint(content: bytes) -> str:
    """Return the file's SHA-256, by which a second upload of the same file is recognised."""
    return hashlib.sha256(content).hexdigest()


def already_imported(
    organization: Organization, kind: str, sha: str, plan_slug: str, year: int | None
) -> Problem | None:
    """Return the problem of a file imported before for the same target, or None."""
    earlier = ImportRecord.objects.filter(
        organization=organization, kind=kind, sha256=sha, plan_slug=plan_slug, fiscal_year=year
    ).first()
    if earlier is None:
        return None
    return Problem(
        f"このファイルは{timezone.localtime(earlier.imported_at):%Y-%m-%d %H:%M}に取り込み済みです（{earlier.file_name}）。",
        "内容を直した場合は、保存し直したファイルを選んでください。",
    )


@dataclass(frozen=True)
class ImportedFile:
    """The file an import read and what it was imported into."""

    organization: Organization
    kind: str
    name: str
    sha: str
    plan_slug: str
    fiscal_year: int | None = None


def record_import(imported: ImportedFile, summary: dict[str, Any], *, actor: User | None) -> ImportRecord:
    """Keep the record of an imported file (inside the import's own transaction)."""
    with transaction.atomic():
        return ImportRecord.objects.create(
            organization=imported.organization,
            kind=imported.kind,
            file_name=imported.name,
            sha256=imported.sha,
            plan_slug=imported.plan_slug,
            fiscal_year=imported.fiscal_year,
            summary=summary,
            imported_by=actor,
        )


def finish_year_import(
    imported: ImportedFile, summary: dict[str, Any], *, actor: User, dry_run: bool
) -> None:
    """Undo a dry run's writes, or record the import of a year's file (what makes a re-upload known)."""
    if dry_run:
        transaction.set_rollback(True)
        return
    record_import(imported, summary, actor=actor)
