"""Find-or-create by natural key, saving only what changed (the demo loaders use it).

A second run of a loader finds every row as it left it and writes nothing, so it adds no
history rows and changes no version.
"""

from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def upsert(model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> M:
    """Return the row found by lookup, created or updated to values; unchanged rows are not saved."""
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        return model._default_manager.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if changed:
        for name in changed:
            setattr(row, name, values[name])
        row.save(update_fields=changed)
    return row
