"""Recommendations: load the event's profiles, ask the pure engine, store the lists.

Recomputed in the background (through `modus.tasks`) whenever profiles, requests or
dismissals change; pages only read the stored lists.
"""

from dataclasses import asdict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Prefetch, Q

from modus import tasks
from modus.common import audit
from modus.common.permissions import people_visible_to, seen_by_participants
from modus.directory.models import Opportunity, Person
from modus.events.models import Event, Participant
from modus.matchmaking.models import Dismissal, Meeting, MeetingRequest, Recommendation
from modus.matchmaking.recommend import OpportunityInput, ProfileInput, get_backend, recommend
from modus.matchmaking.services.encodings import DatabaseStore

STORED_PER_PERSON = 30  # enough for the page's filters to leave a useful list


def schedule(event: Event) -> None:
    """Ask for a recomputation after this transaction; changes made while one is queued share it."""
    if cache.add(queued_key(event.pk), True, timeout=120):
        tasks.enqueue(recompute_recommendations, event.pk)


def schedule_for_person(person: Person) -> None:
    for event in Event.objects.filter(participants__person=person):
        schedule(event)


def queued_key(event_id: int) -> str:
    return f"modus:recommendations-queued:{event_id}"


@tasks.task
def recompute_recommendations(event_id: int) -> None:
    cache.delete(queued_key(event_id))
    recompute(Event.objects.get(pk=event_id))


def recompute(event: Event) -> int:
    """Replace the event's stored lists; returns how many suggestions were stored."""
    participants = event_participants(event)
    if len(participants) < 2:
        return 0
    found = recommend(
        [profile_of(p) for p in participants],
        k=STORED_PER_PERSON,
        exclusions=exclusions(event),
        pending_requests=pending_counts(event),
        dismissals=Dismissal.objects.filter(participant__event=event).values_list(
            "participant_id", "other_id"
        ),
        # Hidden profiles get their own suggestions but are never suggested to anyone.
        candidate_ids=event.participants.filter(seen_by_participants("person__")).values_list(
            "pk", flat=True
        ),
        backend=get_backend(settings.RECOMMENDATION_BACKEND, store=DatabaseStore()),
    )
    rows = [
        Recommendation(
            participant_id=viewer,
            other_id=item.other_id,
            rank=rank,
            score=item.score,
            reasons=[asdict(reason) for reason in item.reasons],
        )
        for viewer, items in found.items()
        for rank, item in enumerate(items, start=1)
    ]
    with transaction.atomic():
        # Two recomputations of one event (a request racing a profile change) take turns:
        # without this the later one's insert meets the earlier one's rows.
        list(Event.objects.select_for_update(no_key=True).filter(pk=event.pk))
        Recommendation.objects.filter(participant__event=event).delete()
        Recommendation.objects.bulk_create(rows, batch_size=2000)
        audit.record(
            by=None, action="recommendations.computed", obj=event, data={"stored": len(rows)}
        )
    return len(rows)


def event_participants(event: Event) -> list[Participant]:
    opportunities = Opportunity.objects.select_related("value_chain_stage").prefetch_related(
        "ecosystems"
    )
    return list(
        event.participants.exclude(role=Participant.Role.ORGANISER)
        .select_related("person__organisation")
        .prefetch_related(
            Prefetch("person__opportunities", queryset=opportunities),
            "person__organisation__ecosystems",
            "person__organisation__value_chain_stages",
        )
        .order_by("pk")
    )


def profile_of(participant: Participant) -> ProfileInput:
    person = participant.person
    organisation = person.organisation
    country = (person.country.code or (organisation.country.code if organisation else "")) or "XX"
    return ProfileInput(
        id=participant.pk,
        organisation_id=organisation.pk if organisation else f"person-{person.pk}",
        country=country,
        organisation_kind=organisation.kind if organisation else "other",
        ecosystems=frozenset(e.code for e in organisation.ecosystems.all())
        if organisation
        else frozenset(),
        stages=frozenset(s.position for s in organisation.value_chain_stages.all())
        if organisation
        else frozenset(),
        profile_text=" ".join(
            filter(None, [person.job_title, organisation.description if organisation else ""])
        ),
        opportunities=tuple(
            OpportunityInput(
                id=item.pk,
                direction=item.direction,
                kind=item.kind,
                title=item.title,
                description=item.description,
                ecosystems=frozenset(e.code for e in item.ecosystems.all()),
                stage=item.value_chain_stage.position if item.value_chain_stage else None,
            )
            for item in person.opportunities.all()
        ),
    )


def exclusions(event: Event) -> list[tuple[int, int]]:
    """Pairs who already asked each other (in any state) or already meet."""
    pairs = list(
        MeetingRequest.objects.filter(event=event).values_list("requester_id", "recipient_id")
    )
    for meeting in Meeting.objects.filter(
        event=event, status=Meeting.Status.CONFIRMED
    ).prefetch_related("seats"):
        seats = [seat.participant_id for seat in meeting.seats.all()]
        pairs += [(a, b) for a in seats for b in seats if a < b]
    return pairs


def pending_counts(event: Event) -> dict[int, int]:
    rows = (
        MeetingRequest.objects.filter(event=event, status=MeetingRequest.Status.PENDING)
        .values("recipient_id")
        .annotate(total=Count("pk"))
    )
    return {row["recipient_id"]: row["total"] for row in rows}


@transaction.atomic
def dismiss(*, by: Participant, other: Participant) -> None:
    """ "Not interested": hidden at once, and the next recomputation learns from it."""
    Dismissal.objects.get_or_create(participant=by, other=other)
    Recommendation.objects.filter(participant=by, other=other).delete()
    audit.record(
        by=by.person.user, action="recommendation.dismissed", obj=by, data={"other": other.pk}
    )
    schedule(by.event)


def stored_for(participant: Participant, *, country: str = "", kind: str = "", ecosystem: str = ""):
    """The stored list, less anyone asked or dismissed since it was computed, and anyone whose
    profile the participant may not see (it may have been hidden since)."""
    asked = MeetingRequest.objects.filter(
        Q(requester=participant) | Q(recipient=participant)
    ).values_list("requester_id", "recipient_id")
    hidden = {pid for pair in asked for pid in pair} | set(
        Dismissal.objects.filter(participant=participant).values_list("other_id", flat=True)
    )
    rows = (
        Recommendation.objects.filter(participant=participant)
        .filter(people_visible_to(participant.person.user, "other__person__"))
        .exclude(other_id__in=hidden)
        .select_related("other__person__organisation")
        .prefetch_related("other__person__organisation__ecosystems")
        .order_by("rank")
    )
    if country:
        rows = rows.filter(
            Q(other__person__country=country)
            | Q(other__person__country="", other__person__organisation__country=country)
        )
    if kind:
        rows = rows.filter(other__person__organisation__kind=kind)
    if ecosystem:
        rows = rows.filter(other__person__organisation__ecosystems__code=ecosystem)
    return rows
