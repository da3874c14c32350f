"""Background work of accounts: run through `modus.tasks` (inline, thread or Celery)."""

from modus import tasks
from modus.accounts.services import send_sign_in_link


@tasks.task
def mail_sign_in_link(email: str, ip: str | None, next_url: str = "") -> None:
    """Looked up and mailed off the request, so the answer takes as long for any address."""
    send_sign_in_link(email=email, ip=ip, next_url=next_url)
