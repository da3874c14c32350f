"""A small voting world: one event, one award with three nominees, both phases open."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from modus.awards import services
from modus.awards.models import Award, Nominee, VotingPhase
from modus.events.models import CheckIn, Event, Participant
from tests.factories import EventFactory, ParticipantFactory, UserFactory


@dataclass
class Voting:
    event: Event
    organiser: object
    award: Award
    nominees: list[Nominee]
    online: VotingPhase
    on_site: VotingPhase


def voting_world(event: Event | None = None, *, open_online=True, open_on_site=True) -> Voting:
    event = event or EventFactory()
    organiser = ParticipantFactory(event=event, role=Participant.Role.ORGANISER).person.user
    award = services.add_award(by=organiser, event=event, name="Cluster Manager of the Year")
    nominees = [
        services.add_nominee(by=organiser, award=award, name=name, kind="person")
        for name in ("Alena Nováková", "Boris Beran", "Cecílie Černá")
    ]
    now = timezone.now()
    hour = timedelta(hours=1)

    def window(is_open: bool):
        return (now - hour, now + hour) if is_open else (now - 2 * hour, now - hour)

    online = services.configure_phase(
        by=organiser,
        event=event,
        kind="online",
        weight=50,
        **dict(zip(("opens_at", "closes_at"), window(open_online), strict=True)),
    )
    on_site = services.configure_phase(
        by=organiser,
        event=event,
        kind="onsite",
        weight=50,
        **dict(zip(("opens_at", "closes_at"), window(open_on_site), strict=True)),
    )
    return Voting(event, organiser, award, nominees, online, on_site)


def community_voter(voting: Voting, email: str | None = None):
    user = UserFactory(**({"email": email} if email else {}))
    services.invite_voters(by=voting.organiser, event=voting.event, emails=[user.email], send=False)
    return user


def checked_in_voter(voting: Voting):
    participant = ParticipantFactory(event=voting.event)
    CheckIn.objects.create(participant=participant)
    return participant.person.user


def close_all(voting: Voting) -> None:
    for phase in (voting.online, voting.on_site):
        phase.refresh_from_db()
        if phase.is_open():
            services.close_phase(by=voting.organiser, phase=phase)
