"""Telling people that someone else registered them, and the link that takes it back.

An organiser's import registers people who may not know of it, existing accounts among
them. Each is e-mailed once, in their own language, naming the event and who registered
them, with a signed link to withdraw the registration ("this wasn't me"). The link is the
only key: it is mailed to the person's address and works for
`REGISTRATION_WITHDRAW_LINK_DAYS`.
"""

from django.conf import settings
from django.core import mail, signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from modus import tasks
from modus.events.models import Participant

WITHDRAW_SALT = "modus.events.withdraw-registration"
CHUNK = 500  # participants loaded and mailed at a time


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


def tell_registered(participants: list[Participant], new_accounts: set[int]) -> None:
    """After the registrations commit, e-mail each of `participants`; those whose person's
    key is in `new_accounts` are told an account was made for them."""
    if participants:
        tasks.enqueue(
            send_registration_notices,
            [participant.pk for participant in participants],
            sorted(
                participant.pk
                for participant in participants
                if participant.person_id in new_accounts
            ),
        )


@tasks.task
def send_registration_notices(participant_ids: list[int], new_account_ids: list[int]) -> int:
    """One e-mail to each participant, over one connection per chunk; how many were sent.
    A registration withdrawn or deleted meanwhile is not written to."""
    new_accounts = set(new_account_ids)
    sent = 0
    for start in range(0, len(participant_ids), CHUNK):
        part = participant_ids[start : start + CHUNK]
        participants = Participant.objects.select_related("event__host", "person__user").filter(
            pk__in=part
        )
        messages = [
            notice(participant, participant.pk in new_accounts) for participant in participants
        ]
        with mail.get_connection() as connection:
            sent += connection.send_messages(messages) or 0
    return sent


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
