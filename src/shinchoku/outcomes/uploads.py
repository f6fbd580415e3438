"""The context statistics from a file on the secretariat's screen: a preview, then all or nothing.

The file is the one `shinchoku import_context` reads (項目・年・値, optional 単位・出典). The preview
writes nothing: it carries the rows it showed, signed for the person and the plan, and a
fingerprint of the figures it compared them with. The confirmation writes exactly those rows, and
only while nobody has changed a figure since the preview.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction

from shinchoku.accounts.models import User
from shinchoku.lib.staleness import fingerprint
from shinchoku.outcomes.editing import OutcomeEditError
from shinchoku.outcomes.models import ContextSeries
from shinchoku.outcomes.queries import context_state
from shinchoku.outcomes.services import ContextRow, context_rows, series_units, write_context_rows
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Plan

SALT = "shinchoku.outcomes.context-upload"
MAX_AGE_SECONDS = 2 * 60 * 60
EXPIRED = "このプレビューは使えません（2時間を過ぎたか、別の計画・利用者のものです）。もう一度ファイルを選んでください。"
CHANGED = (
    "プレビューの後に、ほかの人が取り巻く状況の値を変更しました。何も書き込んでいません。"
    "もう一度ファイルを選び、新しいプレビューを確かめてください。"
)


class PreviewExpired(OutcomeEditError):
    def __init__(self) -> None:
        super().__init__(EXPIRED)


class ChangedSincePreview(OutcomeEditError):
    def __init__(self) -> None:
        super().__init__(CHANGED)


@dataclass(frozen=True)
class PreviewRow:
    """A row of the file beside what is recorded now (before is None for a year not recorded yet)."""

    item: str
    year: int
    value: Decimal
    unit: str
    source: str
    before: Decimal | None
    new_series: bool

    @property
    def changes(self) -> bool:
        return self.before is None or self.before != self.value


@dataclass(frozen=True)
class ContextPreview:
    name: str
    rows: list[PreviewRow]
    token: str

    @property
    def new_series(self) -> list[str]:
        return list(dict.fromkeys(r.item for r in self.rows if r.new_series))

    @property
    def added(self) -> int:
        return sum(1 for r in self.rows if r.before is None)

    @property
    def corrected(self) -> int:
        return sum(1 for r in self.rows if r.before is not None and r.changes)

    @property
    def unchanged(self) -> int:
        return sum(1 for r in self.rows if not r.changes)


def preview_context_upload(*, actor: User, plan: Plan, name: str, content: bytes) -> ContextPreview:
    """Return what the file would write (raises ImportRefused naming every bad row; writes nothing)."""
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    rows = context_rows(name, content, series_units(plan))
    state = context_state(plan)
    recorded = {(item, year): Decimal(value) for item, year, value in state}
    known = set(ContextSeries.objects.filter(plan=plan).values_list("name", flat=True))
    shown = [
        PreviewRow(item, year, value, unit, source, recorded.get((item, year)), item not in known)
        for item, year, value, unit, source in rows
    ]
    payload = {
        "plan": plan.pk,
        "user": actor.pk,
        "rows": [[item, year, str(value), unit, source] for item, year, value, unit, source in rows],
        "seen": fingerprint(state),
    }
    return ContextPreview(name, shown, signing.dumps(payload, salt=SALT, compress=True))


def _payload(token: str, actor: User, plan: Plan) -> dict[str, Any]:
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature as error:  # SignatureExpired is one
        raise PreviewExpired from error
    if not isinstance(payload, dict) or payload.get("plan") != plan.pk or payload.get("user") != actor.pk:
        raise PreviewExpired
    return payload


def _rows(payload: dict[str, Any]) -> list[ContextRow]:
    try:
        return [(str(i), int(y), Decimal(v), str(u), str(s)) for i, y, v, u, s in payload["rows"]]
    except (KeyError, TypeError, ValueError, InvalidOperation) as error:
        raise PreviewExpired from error


@transaction.atomic(durable=True)
def confirm_context_upload(*, actor: User, plan: Plan, token: str) -> int:
    """Write the previewed rows, all or nothing; refused when a figure changed since the preview."""
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    payload = _payload(token, actor, plan)
    list(ContextSeries.objects.select_for_update().filter(plan=plan))  # one upload or edit at a time
    if fingerprint(context_state(plan)) != payload.get("seen"):
        raise ChangedSincePreview
    return write_context_rows(plan, _rows(payload), actor=actor)
