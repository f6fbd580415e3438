"""Who made a change, for django-simple-history: the one place that tells it.

Every service that saves a model with history calls ``record_actor(row, actor)`` before the
save, so the history row says who did it (not the last request's user, not nobody).
"""

from django.db.models import Model


def record_actor(row: Model, actor: Model | None) -> None:
    """Mark the next save of row as made by actor (a User, or None for the system itself)."""
    # simple-history reads this attribute in its post_save handler; it is not declared on models.
    row._history_user = actor  # type: ignore[attr-defined]
