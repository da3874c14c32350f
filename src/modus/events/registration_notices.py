"""Telling people that someone else registered them, and the link that takes it back.

An organiser's import registers people who may not know of it, existing accounts among
them. Each is e-mailed once, in their own language, naming the event and who registered
them, with a signed link to withdraw the registration ("this wasn't me"). The link is the
only key: it is mailed to the person's address and works for
`REGISTRATION_WITHDRAW_LINK_DAYS`.
"""

import contextlib
import logging

from django.conf import settings
from django.core import mail, signing
from django.db.models import F
from django.db.models.functions import Greatest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from modus import tasks
from modus.events.models import Participant, RegistrationImport

WITHDRAW_SALT = "modus.events.withdraw-registration"
CHUNK = 500  # participants loaded and mailed at a time
log = logging.getLogger(__name__)


class WithdrawLinkError(Exception):
    """The link cannot withdraw anything; `reason` says why in words a person understands."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def withdraw_token(participant: Participant) -> str:
    # The person's key too: a registration's key alone could one day name another's.
    return signing.dumps([participant.pk, participant.person_id], salt=WITHDRAW_SALT)


def withdraw_url(participant: Participant) -> str:
    return settings.SITE_URL + reverse("events:withdraw", args=[withdraw_token(participant)])


def participant_of_token(token: str) -> Participant:
    """The registration a withdraw link names, or WithdrawLinkError."""
    max_age = settings.REGISTRATION_WITHDRAW_LINK_DAYS * 24 * 3600
    try:
        participant_id, person_id = signing.loads(token, salt=WITHDRAW_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise WithdrawLinkError(
            _(
                "This link has expired. Sign in and ask the event's organisers to cancel "
                "your registration."
            )
        ) from error
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise WithdrawLinkError(_("This link is not valid.")) from error
    participant = (
        Participant.objects.select_related("event__host", "person__user")
        .filter(pk=participant_id, person_id=person_id)
        .first()
    )
    if participant is None:
        raise WithdrawLinkError(
            _("This registration no longer exists; it may have been withdrawn already.")
        )
    return participant


def tell_registered(
    participants: list[Participant],
    new_accounts: set[int],
    registration_import: RegistrationImport | None = None,
) -> None:
    """After the registrations commit, e-mail each of `participants`; those whose person's
    key is in `new_accounts` are told an account was made for them. The e-mails that fail
    are counted on `registration_import`, where its organiser sees the result."""
    if participants and registration_import is not None:
        registration_import.notices_pending = len(participants)
        RegistrationImport.objects.filter(pk=registration_import.pk).update(
            notices_pending=len(participants)
        )
    if participants:
        tasks.enqueue(
            send_registration_notices,
            [participant.pk for participant in participants],
            sorted(
                participant.pk
                for participant in participants
                if participant.person_id in new_accounts
            ),
            registration_import.pk if registration_import else None,
        )


@tasks.task
def send_registration_notices(
    participant_ids: list[int], new_account_ids: list[int], import_id: int | None = None
) -> int:
    """One e-mail to each participant, over one connection per chunk; how many were sent.
    A registration withdrawn or deleted meanwhile is not written to. One person's failed
    e-mail does not keep the others from theirs; the failures are counted on the import."""
    new_accounts = set(new_account_ids)
    sent = 0
    remaining = len(participant_ids)
    try:
        for start in range(0, len(participant_ids), CHUNK):
            part = participant_ids[start : start + CHUNK]
            done, failed = send_chunk(part, new_accounts)
            sent += done
            remaining -= len(part)
            count_notices(import_id, settled=len(part), failed=failed)
    finally:
        # A task that died midway would leave its import's page waiting for ever: what it
        # did not send counts as not mailed.
        count_notices(import_id, settled=remaining, failed=remaining)
    return sent


def send_chunk(participant_ids: list[int], new_accounts: set[int]) -> tuple[int, int]:
    """E-mail these participants over one connection; how many were sent and failed."""
    participants = Participant.objects.select_related("event__host", "person__user").filter(
        pk__in=participant_ids
    )
    messages = [
        (participant.pk, notice(participant, participant.pk in new_accounts))
        for participant in participants
    ]
    sent = 0
    with mail.get_connection() as connection:
        for participant_id, message in messages:
            sent += send_one(connection, participant_id, message)
    return sent, len(messages) - sent


def count_notices(import_id: int | None, *, settled: int, failed: int) -> None:
    """Take `settled` notices off the import's pending ones, `failed` of them not mailed."""
    if import_id is None or not settled:
        return
    RegistrationImport.objects.filter(pk=import_id).update(
        notices_pending=Greatest(F("notices_pending") - settled, 0),
        notices_failed=F("notices_failed") + failed,
    )


def send_one(connection, participant_id: int, message: mail.EmailMessage) -> bool:
    """Send one notice; on failure log it (by key: the log keeps no addresses) and start
    the next on a fresh connection, as a refused one may have left the server hanging up."""
    try:
        return bool(connection.send_messages([message]))
    except Exception as error:  # any backend's failure (SMTP, socket, TLS) is this one's alone
        log.warning("registration notice to participant %s failed: %r", participant_id, error)
        # A connection that is gone already counts as closed.
        with contextlib.suppress(Exception):
            connection.close()
        return False


def notice(participant: Participant, new_account: bool) -> mail.EmailMessage:
    """The e-mail to one registered person, in their language."""
    person, event = participant.person, participant.event
    language = person.preferred_language
    with translation.override(language):
        # A name typed with a line break must not break the header.
        subject = " ".join((_("You are registered for %(event)s") % {"event": event.name}).split())
        body = render_to_string(
            "events/registration_notice_email.txt",
            {
                "event": event,
                "organisation": event.host.name if event.host else "",
                "new_account": new_account,
                "sign_in": settings.SITE_URL + reverse("accounts:sign-in"),
                "withdraw_url": withdraw_url(participant),
                "days": settings.REGISTRATION_WITHDRAW_LINK_DAYS,
            },
        )
    return mail.EmailMessage(
        subject=subject,
        body=body,
        to=[person.user.email],
        headers={"Content-Language": language},
    )
