"""Finding the participant behind a scanned or typed badge code, for every scanner:
the check-in desk, a stand's lead capture and the association's booth."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from modus.events.models import Badge, Event, Participant, RetiredBadgeCode


class BadgeError(ValidationError):
    """A code that opens nothing here; the message says why, in the reader's language."""


def clean_code(code: str) -> str:
    """What a scanner or a person typed, without the spaces and any address around it
    (a phone's own camera app may hand over the whole text of the QR)."""
    return (code or "").strip().rsplit("/", 1)[-1].strip()


def participant_for_badge(event: Event, code: str) -> Participant:
    """The participant of `event` whose current badge carries `code`, or BadgeError."""
    code = clean_code(code)
    if not code:
        raise BadgeError(_("Scan a badge or type its code."), code="empty")
    badge = (
        Badge.objects.select_related("participant__person__organisation", "participant__event")
        .filter(code=code)
        .first()
    )
    if badge is None:
        if RetiredBadgeCode.objects.filter(code=code).exists():
            raise BadgeError(
                _("This badge was replaced by a new one and no longer works."), code="reissued"
            )
        raise BadgeError(_("No badge has this code."), code="unknown")
    if badge.participant.event_id != event.pk:
        raise BadgeError(_("This badge belongs to another event."), code="other-event")
    return badge.participant


def badge_for(participant: Participant) -> Badge:
    """The participant's badge, made on first use."""
    badge, _made = Badge.objects.get_or_create(participant=participant)
    return badge
