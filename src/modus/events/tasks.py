"""Background work of events: importing registrations and printing badges (Celery's
autodiscovery loads this)."""

from modus.events.badge_print import make_badge_print_task, sweep_stale_prints
from modus.events.registration_import import apply_import_task, check_import_task, sweep_imports

__all__ = [
    "apply_import_task",
    "check_import_task",
    "make_badge_print_task",
    "sweep_imports",
    "sweep_stale_prints",
]
