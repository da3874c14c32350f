"""A small stand world for the stand tests: an event, a hall, two stands with their staff,
and a visitor with a badge."""

from dataclasses import dataclass

from modus.events.badges import badge_for
from modus.events.models import Event, Participant
from modus.stands import services
from modus.stands.models import Hall, Stand
from tests.factories import EventFactory, ParticipantFactory


@dataclass
class StandWorld:
    event: Event
    hall: Hall
    stand: Stand
    other_stand: Stand
    exhibitor: Participant
    rival: Participant
    visitor: Participant
    code: str


def stand_world(**visitor_person) -> StandWorld:
    event = EventFactory()
    exhibitor = ParticipantFactory(event=event, role=Participant.Role.EXHIBITOR)
    rival = ParticipantFactory(event=event, role=Participant.Role.EXHIBITOR)
    visitor = ParticipantFactory(
        event=event, **{f"person__{k}": v for k, v in visitor_person.items()}
    )
    hall = services.save_hall(by=None, event=event, name="Hall 1", width=20, height=10)
    stand = services.add_stand(
        by=None,
        event=event,
        number="A1",
        name="Optics Stand",
        hall=hall,
        exhibitor=exhibitor.person.organisation,
        staff=[exhibitor],
        offers="Thin-film filters",
    )
    other_stand = services.add_stand(
        by=None,
        event=event,
        number="A2",
        name="Rival Stand",
        hall=hall,
        x=5,
        exhibitor=rival.person.organisation,
        staff=[rival],
    )
    return StandWorld(
        event=event,
        hall=hall,
        stand=stand,
        other_stand=other_stand,
        exhibitor=exhibitor,
        rival=rival,
        visitor=visitor,
        code=badge_for(visitor).code,
    )
