"""Background work of events: importing registrations (Celery's autodiscovery loads this)."""

from modus.events.registration_import import apply_import_task, check_import_task, sweep_imports

__all__ = ["apply_import_task", "check_import_task", "sweep_imports"]
