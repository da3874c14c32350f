"""Recording who changed what: services call `record` inside their transaction."""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from modus.common.models import AuditEntry


def record(*, by: Any, action: str, obj: models.Model, data: dict | None = None) -> AuditEntry:
    """Write one audit entry; `by` is the acting user (or None for the system)."""
    actor = by if getattr(by, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        data=data or {},
    )


def record_many(
    *, by: Any, action: str, objects: Iterable[models.Model], data: Callable[[Any], dict]
) -> None:
    """One entry per object in one INSERT per 1,000: for bulk changes such as imports."""
    actor = by if getattr(by, "is_authenticated", False) else None
    entries = [
        AuditEntry(
            actor=actor,
            action=action,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            data=data(obj),
        )
        for obj in objects
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=1000)
