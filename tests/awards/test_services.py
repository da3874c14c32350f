"""The voting rules and their errors: windows, eligibility, once per phase, receipts,
paper totals with a witness, publication that freezes the result."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from modus.awards import receipts, selectors, services
from modus.awards.models import Award, Ballot, Nominee, PaperTotal, VoteRecord, VotingPhase
from modus.common.models import AuditEntry
from modus.events.models import CheckIn
from tests.awards.helpers import checked_in_voter, close_all, community_voter, voting_world
from tests.factories import EventFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def state() -> tuple:
    return (
        sorted(Ballot.objects.values_list("receipt_hash", "nominee")),
        sorted(VoteRecord.objects.values_list("voter", "phase", "changes")),
    )


def refused(action, message: str) -> None:
    before = state()
    with pytest.raises(ValidationError) as error:
        action()
    assert message in " ".join(error.value.messages)
    assert state() == before


def test_a_community_member_votes_online_and_gets_a_receipt():
    voting = voting_world()
    voter = community_voter(voting)
    code = services.cast_vote(
        by=voter, award=voting.award, phase=voting.online, nominee_id=voting.nominees[0].pk
    )
    ballot = Ballot.objects.get()
    assert ballot.receipt_hash == receipts.receipt_hash(code)
    assert ballot.nominee == voting.nominees[0]
    assert VoteRecord.objects.get().voter == voter
    check = selectors.check_receipt(voting.event, code.lower().replace("-", " "))
    assert (check.found, check.nominee) == (True, "Alena Nováková")


def test_the_ballot_table_holds_no_voter_and_no_time():
    fields = {field.name for field in Ballot._meta.get_fields()}
    assert fields == {"id", "award", "phase", "nominee", "receipt_hash", "owner_hash"}


def test_the_owner_hash_names_nobody_without_the_receipt():
    voting = voting_world()
    voter = checked_in_voter(voting)
    code = services.cast_vote(
        by=voter, award=voting.award, phase=voting.on_site, nominee_id=voting.nominees[0].pk
    )
    ballot = Ballot.objects.get()
    assert ballot.owner_hash == receipts.owner_hash(voter.pk, code)
    # What the ballot list publishes (the receipt's hash) does not give it.
    assert ballot.owner_hash != receipts.owner_hash(voter.pk, ballot.receipt_hash)


def test_a_second_ballot_is_refused_and_changing_replaces_the_first():
    voting = voting_world()
    voter = community_voter(voting)
    vote = dict(by=voter, award=voting.award, phase=voting.online)
    first = services.cast_vote(**vote, nominee_id=voting.nominees[0].pk)
    refused(
        lambda: services.cast_vote(**vote, nominee_id=voting.nominees[1].pk),
        "You have already voted in this category",
    )
    refused(
        lambda: services.cast_vote(**vote, nominee_id=voting.nominees[1].pk, receipt="AAAA"),
        "No ballot in this category has this receipt code.",
    )
    second = services.cast_vote(**vote, nominee_id=voting.nominees[1].pk, receipt=first)
    assert Ballot.objects.get().nominee == voting.nominees[1]
    assert Ballot.objects.get().receipt_hash == receipts.receipt_hash(second)
    assert VoteRecord.objects.get().changes == 1
    assert selectors.check_receipt(voting.event, first).found is False
    refused(
        lambda: services.cast_vote(**vote, nominee_id=voting.nominees[2].pk, receipt=first),
        "No ballot in this category has this receipt code.",
    )


def test_a_receipt_changes_only_the_holders_vote_in_that_phase():
    voting = voting_world()
    voter, other = community_voter(voting), community_voter(voting)
    code = services.cast_vote(
        by=voter, award=voting.award, phase=voting.online, nominee_id=voting.nominees[0].pk
    )
    refused(
        lambda: services.cast_vote(
            by=other,
            award=voting.award,
            phase=voting.online,
            nominee_id=voting.nominees[1].pk,
            receipt=code,
        ),
        "You have not voted in this category yet",
    )


def test_another_voters_receipt_replaces_nothing():
    voting = voting_world()
    exhibitor, delegate = checked_in_voter(voting), checked_in_voter(voting)
    on_site = dict(award=voting.award, phase=voting.on_site)
    theirs = services.cast_vote(by=exhibitor, **on_site, nominee_id=voting.nominees[0].pk)
    services.cast_vote(by=delegate, **on_site, nominee_id=voting.nominees[1].pk)
    refused(
        lambda: services.cast_vote(
            by=delegate, **on_site, nominee_id=voting.nominees[2].pk, receipt=theirs
        ),
        "No ballot in this category has this receipt code.",
    )
    assert selectors.check_receipt(voting.event, theirs).nominee == "Alena Nováková"


def test_the_two_phases_each_take_one_ballot():
    voting = voting_world()
    voter = checked_in_voter(voting)
    services.invite_voters(
        by=voting.organiser, event=voting.event, emails=[voter.email.upper()], send=False
    )
    for phase in (voting.online, voting.on_site):
        services.cast_vote(
            by=voter, award=voting.award, phase=phase, nominee_id=voting.nominees[2].pk
        )
    assert Ballot.objects.count() == 2


def test_ineligible_people_are_refused():
    voting = voting_world()
    registered_only = ParticipantFactory(event=voting.event).person.user
    stranger = UserFactory()
    nominee = voting.nominees[0].pk
    for user in (registered_only, stranger):
        refused(
            lambda user=user: services.cast_vote(
                by=user, award=voting.award, phase=voting.online, nominee_id=nominee
            ),
            "Only invited members of the community may vote online.",
        )
        refused(
            lambda user=user: services.cast_vote(
                by=user, award=voting.award, phase=voting.on_site, nominee_id=nominee
            ),
            "Only participants who have checked in may vote on site.",
        )
    # Checked in at another event does not count here.
    elsewhere = ParticipantFactory(event=EventFactory(), person=registered_only.person)
    CheckIn.objects.create(participant=elsewhere)
    refused(
        lambda: services.cast_vote(
            by=registered_only, award=voting.award, phase=voting.on_site, nominee_id=nominee
        ),
        "Only participants who have checked in may vote on site.",
    )


def test_votes_outside_the_window_are_refused():
    voting = voting_world(open_online=False)
    voter = community_voter(voting)
    refused(
        lambda: services.cast_vote(
            by=voter, award=voting.award, phase=voting.online, nominee_id=voting.nominees[0].pk
        ),
        "Voting in this phase has closed.",
    )
    later = timezone.now() + timedelta(days=1)
    services.configure_phase(
        by=voting.organiser,
        event=voting.event,
        kind="online",
        opens_at=later,
        closes_at=later + timedelta(days=1),
        weight=50,
    )
    refused(
        lambda: services.cast_vote(
            by=voter, award=voting.award, phase=voting.online, nominee_id=voting.nominees[0].pk
        ),
        "Voting in this phase has not opened yet.",
    )


def test_a_nominee_of_another_category_or_not_approved_is_refused():
    voting = voting_world()
    other = services.add_award(by=voting.organiser, event=voting.event, name="Partnership")
    elsewhere = services.add_nominee(by=voting.organiser, award=other, name="X", kind="project")
    voter = community_voter(voting)
    for nominee_id in (elsewhere.pk, 0, 999999):
        refused(
            lambda n=nominee_id: services.cast_vote(
                by=voter, award=voting.award, phase=voting.online, nominee_id=n
            ),
            "Choose one of this award's nominees.",
        )


def test_a_phase_of_another_event_is_refused():
    voting, other = voting_world(), voting_world()
    voter = community_voter(voting)
    refused(
        lambda: services.cast_vote(
            by=voter, award=voting.award, phase=other.online, nominee_id=voting.nominees[0].pk
        ),
        "This phase belongs to another event.",
    )


def test_opening_and_closing_are_audited_and_only_for_organisers():
    voting = voting_world(open_online=False)
    with pytest.raises(PermissionDenied):
        services.open_phase(by=UserFactory(), phase=voting.online)
    services.open_phase(by=voting.organiser, phase=voting.online)
    services.close_phase(by=voting.organiser, phase=voting.online)
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-2:] == ["awards.phase_opened", "awards.phase_closed"]
    assert actions.count("awards.phase_configured") == 2
    with pytest.raises(ValidationError):
        services.close_phase(by=voting.organiser, phase=voting.online)


def test_paper_totals_need_a_witness_and_count_on_site():
    voting = voting_world()
    a, b, _c = voting.nominees
    with pytest.raises(ValidationError):
        services.enter_paper_totals(
            by=voting.organiser, award=voting.award, totals={a.pk: 3}, witness=" "
        )
    services.enter_paper_totals(
        by=voting.organiser, award=voting.award, totals={a.pk: 3, b.pk: 1}, witness="Jana Svědková"
    )
    services.enter_paper_totals(
        by=voting.organiser, award=voting.award, totals={a.pk: 4}, witness="Jana Svědková"
    )
    assert dict(PaperTotal.objects.values_list("nominee", "count")) == {a.pk: 4, b.pk: 1}
    entry = AuditEntry.objects.filter(action="awards.paper_totals_entered").order_by("pk").last()
    assert entry.data == {"witness": "Jana Svědková", "totals": {str(a.pk): 4}}
    _configuration, result = selectors.count(voting.award)
    assert result.totals == {"online": 0, "onsite": 5}


def test_publishing_freezes_the_result():
    voting = voting_world()
    voter = community_voter(voting)
    services.cast_vote(
        by=voter, award=voting.award, phase=voting.online, nominee_id=voting.nominees[1].pk
    )
    with pytest.raises(ValidationError, match="Close every voting phase"):
        services.publish_result(by=voting.organiser, award=voting.award)
    close_all(voting)
    award = services.publish_result(by=voting.organiser, award=voting.award)
    assert award.result["standings"][0]["name"] == "Boris Beran"
    assert award.result["standings"][0]["combined"] == "1/2"
    frozen = Award.objects.get().result
    for action in (
        lambda: services.publish_result(by=voting.organiser, award=award),
        lambda: services.add_nominee(by=voting.organiser, award=award, name="Late", kind="person"),
        lambda: services.change_award(by=voting.organiser, award=award, name="Renamed"),
        lambda: services.enter_paper_totals(
            by=voting.organiser, award=award, totals={voting.nominees[0].pk: 9}, witness="W"
        ),
        lambda: services.open_phase(by=voting.organiser, phase=voting.online),
    ):
        with pytest.raises(ValidationError):
            action()
    assert Award.objects.get().result == frozen


def test_proposals_wait_for_approval_and_only_approved_nominees_stand():
    voting = voting_world()
    member = community_voter(voting)
    with pytest.raises(ValidationError, match="takes no proposals"):
        services.propose_nominee(by=member, award=voting.award, name="Dan", kind="person")
    services.change_award(by=voting.organiser, award=voting.award, nominations_open=True)
    voting.award.refresh_from_db()
    with pytest.raises(ValidationError, match="community"):
        services.propose_nominee(by=UserFactory(), award=voting.award, name="Dan", kind="person")
    proposed = services.propose_nominee(by=member, award=voting.award, name="Dan", kind="person")
    assert proposed.status == Nominee.Status.PROPOSED
    refused(
        lambda: services.cast_vote(
            by=member, award=voting.award, phase=voting.online, nominee_id=proposed.pk
        ),
        "Choose one of this award's nominees.",
    )
    services.decide_nominee(by=voting.organiser, nominee=proposed, approve=True)
    services.cast_vote(by=member, award=voting.award, phase=voting.online, nominee_id=proposed.pk)


def test_the_same_nominee_cannot_be_proposed_twice():
    voting = voting_world()
    member = community_voter(voting)
    services.change_award(by=voting.organiser, award=voting.award, nominations_open=True)
    voting.award.refresh_from_db()
    services.propose_nominee(by=member, award=voting.award, name="Dan Dvořák", kind="person")
    for name in ("Dan Dvořák", " dan dvořák "):
        with pytest.raises(ValidationError) as error:
            services.propose_nominee(by=member, award=voting.award, name=name, kind="person")
        assert error.value.messages == [
            f"“{name.strip()}” has already been proposed for this award."
        ]
    with pytest.raises(ValidationError, match="already been proposed"):
        services.propose_nominee(by=member, award=voting.award, name="Boris Beran", kind="person")
    assert voting.award.nominees.filter(status=Nominee.Status.PROPOSED).count() == 1


def test_the_organiser_cannot_put_one_nominee_on_the_ballot_twice():
    voting = voting_world()
    with pytest.raises(ValidationError) as error:
        services.add_nominee(
            by=voting.organiser, award=voting.award, name=" boris beran ", kind="person"
        )
    assert error.value.messages[0].startswith("“boris beran” is already a nominee for this award.")
    assert voting.award.nominees.count() == 3


def test_a_nominee_with_paper_totals_stays_on_the_ballot():
    voting = voting_world()
    a, b, c = voting.nominees
    services.enter_paper_totals(
        by=voting.organiser, award=voting.award, totals={a.pk: 3, b.pk: 2, c.pk: 0}, witness="W"
    )
    for nominee in (b, c):
        with pytest.raises(ValidationError) as error:
            services.decide_nominee(by=voting.organiser, nominee=nominee, approve=False)
        assert error.value.messages == [
            "This nominee already has paper ballot totals and stays on the ballot."
        ]
    assert set(Nominee.objects.values_list("status", flat=True)) == {Nominee.Status.APPROVED}
    close_all(voting)
    award = services.publish_result(by=voting.organiser, award=voting.award)
    assert [s["nominee"] for s in award.result["standings"]] == [a.pk, b.pk, c.pk]


def test_phases_cannot_change_once_a_result_is_published():
    voting = voting_world()
    close_all(voting)
    services.publish_result(by=voting.organiser, award=voting.award)
    before = list(VotingPhase.objects.order_by("pk").values())
    later = timezone.now() + timedelta(days=1)
    for kind in ("onsite", "online"):
        with pytest.raises(ValidationError) as error:
            services.configure_phase(
                by=voting.organiser,
                event=voting.event,
                kind=kind,
                opens_at=timezone.now(),
                closes_at=later,
                weight=80,
            )
        assert error.value.messages == ["Results are published: voting cannot open again."]
    assert list(VotingPhase.objects.order_by("pk").values()) == before


def test_a_weight_over_100_is_an_error_of_the_weight():
    voting = voting_world()
    with pytest.raises(ValidationError) as error:
        services.configure_phase(
            by=voting.organiser,
            event=voting.event,
            kind="online",
            opens_at=voting.online.opens_at,
            closes_at=voting.online.closes_at,
            weight=101,
        )
    assert error.value.message_dict == {
        "weight": ["A phase's weight is a percentage: at most 100."]
    }
    voting.online.refresh_from_db()
    assert voting.online.weight == 50


def test_inviting_voters_checks_addresses_and_makes_accounts():
    voting = voting_world()
    with pytest.raises(ValidationError, match="Not e-mail addresses"):
        services.parse_emails("ok@x.example\nnot an address")
    emails = services.parse_emails("A@x.example, b@x.example\n\na@x.example")
    assert emails == ["a@x.example", "b@x.example"]
    assert services.invite_voters(by=voting.organiser, event=voting.event, emails=emails) == 2
    assert services.invite_voters(by=voting.organiser, event=voting.event, emails=emails) == 0
    assert UserFactory._meta.model.objects.filter(email__in=emails).count() == 2


def test_an_invitation_names_the_vote_and_says_how_to_get_a_new_link():
    """A 15-minute sign-in link alone, saying "if you did not ask for it, ignore this", was
    what invited voters got: it named no vote and had expired by the time many read it."""
    voting = voting_world(EventFactory(name="Cluster Awards 2031", time_zone="Europe/Prague"))
    VotingPhase.objects.filter(pk=voting.online.pk).update(
        closes_at=datetime(2031, 3, 3, 16, 0, tzinfo=UTC)
    )
    mail.outbox.clear()
    services.invite_voters(by=voting.organiser, event=voting.event, emails=["v@x.example"])
    (invitation,) = mail.outbox
    assert invitation.to == ["v@x.example"]
    assert invitation.subject == "You are invited to vote: Cluster Awards 2031"
    assert "vote for the awards of Cluster Awards 2031" in invitation.body
    assert "closes on 3 Mar 2031, 17:00 (Europe/Prague)" in invitation.body
    assert "/accounts/link/" in invitation.body
    assert "/accounts/sign-in/" in invitation.body
    assert "did not ask for it" not in invitation.body


def test_staff_are_no_voters_unless_invited_or_checked_in():
    voting = voting_world()
    staff = UserFactory(is_staff=True, is_superuser=True)
    refused(
        lambda: services.cast_vote(
            by=staff, award=voting.award, phase=voting.online, nominee_id=voting.nominees[0].pk
        ),
        "Only invited members of the community may vote online.",
    )


def test_proposing_a_name_tells_nobody_what_the_organisers_have_not_published():
    voting = voting_world()
    first, second = community_voter(voting), community_voter(voting, "second@x.example")
    services.change_award(by=voting.organiser, award=voting.award, nominations_open=True)
    voting.award.refresh_from_db()
    proposed = services.propose_nominee(
        by=first, award=voting.award, name="Dan Dvořák", kind="person"
    )
    declined = services.propose_nominee(
        by=first, award=voting.award, name="Eva Malá", kind="person"
    )
    services.decide_nominee(by=voting.organiser, nominee=declined, approve=False)
    answers = [
        services.propose_nominee(by=second, award=voting.award, name=name, kind="person")
        for name in ("dan dvořák", "Eva Malá")
    ]
    assert answers == [proposed, declined]
    assert voting.award.nominees.filter(name__in=["Dan Dvořák", "Eva Malá"]).count() == 2
    assert list(
        AuditEntry.objects.filter(action="awards.nominee_proposed_again")
        .order_by("pk")
        .values_list("object_id", flat=True)
    ) == [str(proposed.pk), str(declined.pk)]
