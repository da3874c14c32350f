"""Desks racing on PostgreSQL: real threads, real transactions, exactly one check-in."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from modus.common.models import AuditEntry
from modus.events.badges import badge_for
from modus.events.models import CheckIn
from modus.events.services import check_in_badge, reissue_badge
from tests.concurrency import race
from tests.factories import EventFactory, ParticipantFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_four_desks_checking_in_one_badge_at_once_make_one_check_in():
    event = EventFactory()
    organiser = ParticipantFactory(event=event, role="organiser").person.user
    code = badge_for(ParticipantFactory(event=event)).code
    desks = [
        lambda desk=desk: check_in_badge(by=organiser, event=event, code=code, desk=desk)
        for desk in "ABCD"
    ]
    assert race(desks) == ["done", "refused", "refused", "refused"]
    assert CheckIn.objects.count() == 1
    assert AuditEntry.objects.filter(action="participant.checked_in").count() == 1


def test_concurrent_requests_from_two_desks_check_a_person_in_once():
    event = EventFactory()
    organisers = [ParticipantFactory(event=event, role="organiser").person.user for _ in "AB"]
    participant = ParticipantFactory(event=event)
    code = badge_for(participant).code
    url = reverse("events:check-in", kwargs={"slug": event.slug})
    clients = []
    for desk, user in zip("AB", organisers, strict=True):
        client = Client()
        client.force_login(user)
        client.post(reverse("events:check-in-desk", kwargs={"slug": event.slug}), {"desk": desk})
        clients.append(client)
    connection.close()
    barrier = Barrier(len(clients) * 3)

    def scan(client) -> int:
        barrier.wait()
        try:
            return client.post(url, {"code": code}).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(len(clients) * 3) as pool:
        statuses = sorted(pool.map(scan, clients * 3))
    assert statuses == [200, 409, 409, 409, 409, 409]
    assert CheckIn.objects.filter(participant=participant).count() == 1
    assert CheckIn.objects.get().desk in ("A", "B")


def test_a_reissue_racing_a_scan_of_the_old_code_lets_at_most_one_through():
    """Either the scan came first (checked in with the old code, then retired) or the reissue
    did (the old code is refused and nothing is recorded); never a check-in after a retire."""
    event = EventFactory()
    organiser = ParticipantFactory(event=event, role="organiser").person.user
    participant = ParticipantFactory(event=event)
    old = badge_for(participant).code
    outcomes = race(
        [
            lambda: check_in_badge(by=organiser, event=event, code=old, desk="A"),
            lambda: reissue_badge(by=organiser, participant=participant),
        ]
    )
    checked_in = CheckIn.objects.filter(participant=participant).exists()
    assert outcomes == (["done", "done"] if checked_in else ["done", "refused"])
    if checked_in:
        retired_at = participant.retired_badge_codes.get().retired_at
        assert CheckIn.objects.get().checked_in_at <= retired_at
