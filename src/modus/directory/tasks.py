"""Background work of the directory: run through `modus.tasks` (inline, thread or Celery)."""

# The modules that define tasks, imported so that a Celery worker (which imports this module)
# knows every task name it may be sent.
from modus.directory import introductions

__all__ = ["introductions"]
