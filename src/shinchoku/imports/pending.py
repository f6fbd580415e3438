"""Previewed files waiting for their user to confirm or cancel (kept in the database, any server may finish)."""

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from shinchoku.accounts.models import User
from shinchoku.imports.models import PendingUpload

PENDING_FOR = datetime.timedelta(days=1)  # a preview left alone longer is dropped


@transaction.atomic(durable=True)
def keep_pending(
    *, actor: User, name: str, kind: str, params: dict[str, Any], content: bytes
) -> PendingUpload:
    """Keep a previewed file for its user under a token the server makes up; drop previews left too long."""
    PendingUpload.objects.filter(created_at__lt=timezone.now() - PENDING_FOR).delete()
    return PendingUpload.objects.create(
        token=uuid.uuid4().hex, user=actor, name=name, kind=kind, params=params, content=content
    )


def drop_pending(upload: PendingUpload, *, actor: User) -> None:
    """Drop a previewed file (confirmed, refused or cancelled); only its own user's."""
    if upload.user_id != actor.pk:
        raise PermissionDenied
    upload.delete()


@transaction.atomic(durable=True)
def note_checked_versions(*, actor: User, token: str, versions: dict[str, int]) -> None:
    """Keep with a previewed file the entry versions its check saw: the import writes only what was shown."""
    upload = PendingUpload.objects.select_for_update().filter(token=token, user=actor).first()
    if upload is None:  # cancelled meanwhile
        return
    upload.params = {**upload.params, "versions": versions}
    upload.save(update_fields=["params"])
