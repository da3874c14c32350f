"""Many voters at once on PostgreSQL, through real requests: exactly one ballot each."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from modus.awards import services
from modus.awards.models import Award, Ballot, CommunityVoter, VoteRecord, VotingPhase
from tests.awards.helpers import community_voter, voting_world
from tests.concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

VOTERS = 1000
DUPLICATES = 100  # voters who send their ballot twice at the same moment
THREADS = 40


def test_a_thousand_voters_at_once_leave_exactly_one_ballot_each(settings):
    # Sessions in signed cookies: signing in a thousand test clients writes no session rows.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    voting = voting_world()
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(email=f"voter{i}@community.example", password="!") for i in range(VOTERS)]
    )
    CommunityVoter.objects.bulk_create(
        [CommunityVoter(event=voting.event, email=user.email) for user in users]
    )
    url = reverse("awards:cast", args=[voting.event.slug, voting.award.pk])
    nominees = [n.pk for n in voting.nominees]
    submissions = [(user, nominees[i % 3]) for i, user in enumerate(users)]
    submissions += [(user, nominees[0]) for user in users[:DUPLICATES]]

    def submit(submission) -> int:
        user, nominee = submission
        try:
            client = Client()
            client.force_login(user)
            return client.post(url, {"phase": "online", "nominee": nominee}).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(THREADS) as pool:
        statuses = list(pool.map(submit, submissions))

    assert statuses.count(302) == VOTERS  # to the receipt
    assert statuses.count(400) == DUPLICATES
    assert Ballot.objects.count() == VOTERS
    assert VoteRecord.objects.count() == VOTERS
    assert VoteRecord.objects.values("voter").distinct().count() == VOTERS


def test_two_changes_with_one_receipt_leave_one_ballot():
    voting = voting_world()
    voter = community_voter(voting)
    vote = dict(by=voter, award=voting.award, phase=voting.online)
    code = services.cast_vote(**vote, nominee_id=voting.nominees[0].pk)
    outcome = race(
        [
            lambda n=n: services.cast_vote(**vote, nominee_id=n.pk, receipt=code)
            for n in voting.nominees[1:]
        ]
    )
    assert outcome == ["done", "refused"]
    assert Ballot.objects.count() == 1
    assert VoteRecord.objects.get().changes == 1


def test_closing_waits_for_ballots_in_flight():
    voting = voting_world()
    voters = [community_voter(voting) for _ in range(20)]
    actions = [
        lambda v=v: services.cast_vote(
            by=v, award=voting.award, phase=voting.online, nominee_id=voting.nominees[0].pk
        )
        for v in voters
    ]
    actions.append(lambda: services.close_phase(by=voting.organiser, phase=voting.online))
    outcome = race(actions)
    voting.online.refresh_from_db()
    # Every ballot that counted was committed before the closing time was written.
    assert outcome.count("done") == 1 + Ballot.objects.count()
    assert Ballot.objects.count() == VoteRecord.objects.count()


def test_publishing_and_reopening_a_phase_take_turns():
    voting = voting_world(open_online=False, open_on_site=False)
    later = timezone.now() + timedelta(days=1)
    outcome = race(
        [
            lambda: services.publish_result(by=voting.organiser, award=voting.award),
            lambda: services.configure_phase(
                by=voting.organiser,
                event=voting.event,
                kind="onsite",
                opens_at=timezone.now(),
                closes_at=later,
                weight=70,
            ),
        ]
    )
    assert outcome == ["done", "refused"]
    published = Award.objects.get().published_at
    closes = list(VotingPhase.objects.values_list("closes_at", flat=True))
    # Either the result came first and the phase stayed shut, or the phase reopened first.
    assert (published is None) == any(closed > timezone.now() for closed in closes)


def test_two_proposals_of_one_nominee_at_once_leave_one():
    voting = voting_world()
    member = community_voter(voting)
    services.change_award(by=voting.organiser, award=voting.award, nominations_open=True)
    voting.award.refresh_from_db()

    def propose():
        services.propose_nominee(by=member, award=voting.award, name="Dan Dvořák", kind="person")

    assert race([propose, propose]) == ["done", "refused"]
    assert voting.award.nominees.filter(name="Dan Dvořák").count() == 1
