"""Every change to an event and its registrations."""

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from modus.common import audit
from modus.common.permissions import require
from modus.directory.models import Organisation, Person
from modus.events.models import Event, Participant


@transaction.atomic
def create_event(*, by, name: str, slug: str, start_date: date, end_date: date, **fields) -> Event:
    event = Event(name=name, slug=slug, start_date=start_date, end_date=end_date, **fields)
    event.full_clean()
    event.save()
    audit.record(by=by, action="event.created", obj=event)
    return event


def register(
    *, by, event: Event, person: Person, role: str = Participant.Role.DELEGATE
) -> Participant:
    """Register a person once; a second registration is refused with a clear error."""
    require(by, "events.manage_event", event)
    if role not in Participant.Role.values:
        raise ValidationError({"role": _("Unknown role: %(role)s") % {"role": role}})
    try:
        with transaction.atomic():
            participant = Participant.objects.create(event=event, person=person, role=role)
            audit.record(
                by=by, action="participant.registered", obj=participant, data={"role": role}
            )
    except IntegrityError as error:
        raise ValidationError(
            _("%(person)s is already registered at %(event)s.") % {"person": person, "event": event}
        ) from error
    return participant


@transaction.atomic
def change_role(*, by, participant: Participant, role: str) -> Participant:
    require(by, "events.manage_event", participant.event)
    if role not in Participant.Role.values:
        raise ValidationError({"role": _("Unknown role: %(role)s") % {"role": role}})
    participant.role = role
    participant.save(update_fields=["role"])
    audit.record(by=by, action="participant.role_changed", obj=participant, data={"role": role})
    return participant


def calendar_token(participant: Participant) -> str:
    """The participant's calendar secret, made once; two first requests agree on one."""
    if not participant.calendar_token:
        Participant.objects.filter(pk=participant.pk, calendar_token__isnull=True).update(
            calendar_token=secrets.token_urlsafe(32)
        )
        participant.refresh_from_db(fields=["calendar_token"])
    return participant.calendar_token


@transaction.atomic
def rotate_calendar_token(*, by, participant: Participant) -> str:
    """A new calendar secret for a participant who shared or leaked the old address; the old
    address stops working at once."""
    require(by, "events.change_calendar_feed", participant)
    participant.calendar_token = secrets.token_urlsafe(32)
    participant.save(update_fields=["calendar_token"])
    audit.record(by=by, action="participant.calendar_address_changed", obj=participant)
    return participant.calendar_token


def organisation_named(name: str) -> Organisation | None:
    return Organisation.objects.filter(name__iexact=name.strip()).order_by("pk").first()
