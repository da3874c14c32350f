"""The award pages through the client: voting with a receipt, the exports that let anyone
recount, the organiser's actions, and no per-row queries."""

import csv
import io
import json
import re
from datetime import UTC, datetime

import pytest
import segno
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from modus.awards import services
from modus.awards.manage_views import PROPOSALS_PAGE_SIZE
from modus.awards.models import Award, Ballot, CommunityVoter, Nominee, PaperTotal, VotingPhase
from modus.awards.tally import Configuration, Phase, Vote, tally
from modus.common.models import AuditEntry
from tests.awards.helpers import checked_in_voter, close_all, community_voter, voting_world
from tests.factories import EventFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

# The award page's queries, the same whatever the number of proposals.
AWARD_PAGE_QUERIES = 10


def vote(client, voting, nominee, phase="online", receipt=None):
    data = {"phase": phase, "nominee": nominee.pk}
    if receipt is not None:
        data["receipt"] = receipt
    address = reverse("awards:cast", args=[voting.event.slug, voting.award.pk])
    return client.post(address, data, follow=True)


def test_voting_shows_a_receipt_that_the_browser_keeps_for_a_change(client):
    voting = voting_world()
    client.force_login(community_voter(voting))
    response = vote(client, voting, voting.nominees[0])
    assert response.status_code == 200
    code = response.context["code"]
    assert code in response.content.decode()
    page = client.get(reverse("awards:vote", args=[voting.event.slug])).content.decode()
    assert f'value="{code}"' in page
    again = vote(client, voting, voting.nominees[1])
    assert again.status_code == 400
    assert "You have already voted" in again.content.decode()
    changed = vote(client, voting, voting.nominees[1], receipt=code)
    assert changed.status_code == 200
    assert list(Ballot.objects.values_list("nominee", flat=True)) == [voting.nominees[1].pk]
    address = reverse("awards:receipt", args=[voting.event.slug])
    check = client.post(address, {"code": code})
    assert check.context["check"].found is False
    assert "ballot list" not in check.content.decode()  # no line for a ballot that is not
    fresh = changed.context["code"]
    check = client.post(address, {"code": fresh})
    assert (check.context["check"].nominee, check.context["check"].published) == (
        "Boris Beran",
        False,
    )
    assert "Once this category's results are published" in check.content.decode()
    # The code opens the choice: it never travels in an address (histories, server logs).
    assert client.get(address, {"code": fresh}).context["check"] is None
    assert "?code=" not in changed.content.decode()


def test_the_receipt_comes_after_a_redirect_and_only_to_the_browser_that_voted(client):
    voting = voting_world()
    client.force_login(community_voter(voting))
    response = vote(client, voting, voting.nominees[0])
    given = reverse("awards:receipt-given", args=[voting.event.slug, voting.award.pk, "online"])
    assert response.redirect_chain == [(given, 302)]  # a reload does not vote again
    code = response.context["code"]
    assert code not in given
    assert client.get(given).context["code"] == code
    other = Client()
    other.force_login(community_voter(voting, email="another@community.example"))
    vote_page = reverse("awards:vote", args=[voting.event.slug])
    assert other.get(given)["Location"] == vote_page


def test_a_vote_without_a_choice_says_which_award_wants_one(client):
    voting = voting_world()
    client.force_login(community_voter(voting))
    award = voting.award
    response = client.post(
        reverse("awards:cast", args=[voting.event.slug, award.pk]), {"phase": "online"}
    )
    assert response.status_code == 400
    assert f"Choose a nominee for “{award.name}” before you vote." in response.content.decode()
    assert Ballot.objects.count() == 0


def test_an_ineligible_voter_gets_the_reason_and_nothing_changes(client):
    voting = voting_world()
    client.force_login(checked_in_voter(voting))
    response = vote(client, voting, voting.nominees[0], phase="online")
    assert response.status_code == 400
    assert "Only invited members of the community may vote online." in response.content.decode()
    assert Ballot.objects.count() == 0
    assert vote(client, voting, voting.nominees[0], phase="onsite").status_code == 200


def test_the_exported_ballot_list_recounts_to_the_published_result(client):
    voting = voting_world()
    for i in range(7):
        client.force_login(community_voter(voting))
        vote(client, voting, voting.nominees[i % 2])
    for i in range(4):
        client.force_login(checked_in_voter(voting))
        vote(client, voting, voting.nominees[2 - i % 2], phase="onsite")
    client.force_login(voting.organiser)
    paper = reverse("awards:paper", args=[voting.event.slug, voting.award.pk])
    client.post(paper, {"witness": "Jana Svědková", f"n{voting.nominees[2].pk}": 3})
    assert PaperTotal.objects.get().count == 3
    close_all(voting)
    client.post(reverse("awards:publish", args=[voting.event.slug, voting.award.pk]))
    assert Award.objects.get().is_published

    ballots = client.get(reverse("awards:ballots-csv", args=[voting.event.slug]))
    rows = list(csv.DictReader(io.StringIO(ballots.content.decode())))
    assert len(rows) == 11
    assert set(rows[0]) == {"award", "phase", "receipt_hash", "nominee", "nominee_name"}
    published = json.loads(
        client.get(reverse("awards:tally-json", args=[voting.event.slug])).content
    )
    (result,) = published["awards"]
    configuration = Configuration(
        nominees=tuple(result["nominees"]),
        phases=tuple(Phase(p["kind"], p["weight"]) for p in result["phases"]),
        tie_break=result["tie_break"],
    )
    recount = tally(
        configuration,
        [Vote(row["phase"], int(row["nominee"])) for row in rows],
        {(p["phase"], p["nominee"]): p["count"] for p in published["paper"]},
    )
    assert [(s.nominee, str(s.combined), s.rank) for s in recount.standings] == [
        (s["nominee"], s["combined"], s["rank"]) for s in result["standings"]
    ]
    page = client.get(reverse("awards:results", args=[voting.event.slug])).content.decode()
    assert "Cecílie Černá" in page


def test_results_stay_hidden_until_published(client):
    voting = voting_world()
    client.force_login(community_voter(voting))
    vote(client, voting, voting.nominees[0])
    assert list(
        csv.reader(
            io.StringIO(
                client.get(reverse("awards:ballots-csv", args=[voting.event.slug])).content.decode()
            )
        )
    ) == [["award", "phase", "receipt_hash", "nominee", "nominee_name"]]
    screen = client.get(reverse("awards:screen-count", args=[voting.event.slug]))
    assert screen.context["rows"][0]["count"] == 1
    assert "Alena" not in screen.content.decode()


def test_the_organiser_sets_up_phases_in_the_event_time_zone(client):
    voting = voting_world()
    client.force_login(voting.organiser)
    url = reverse("awards:phase", args=[voting.event.slug, "online"])
    response = client.post(
        url,
        {
            "online-opens_at": "2030-05-01T09:00",
            "online-closes_at": "2030-05-08T09:00",
            "online-weight": 40,
        },
    )
    assert response.status_code == 302
    phase = VotingPhase.objects.get(event=voting.event, kind="online")
    assert phase.opens_at.isoformat() == "2030-05-01T07:00:00+00:00"
    assert phase.weight == 40
    bad = {
        "online-opens_at": "2030-05-08T09:00",
        "online-closes_at": "2030-05-01T09:00",
        "online-weight": 40,
    }
    client.post(url, bad)
    phase.refresh_from_db()
    assert phase.weight == 40 and phase.opens_at.day == 1
    voters = reverse("awards:voters", args=[voting.event.slug])
    client.post(voters, {"emails": "x@community.example\nnot-an-address"})
    assert CommunityVoter.objects.count() == 0
    client.post(voters, {"emails": "x@community.example, y@community.example"})
    assert CommunityVoter.objects.count() == 2
    assert AuditEntry.objects.filter(action="awards.voters_invited").count() == 1


def test_the_vote_page_asks_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    voting = voting_world()
    voter = community_voter(voting)
    for number in range(10):
        services.add_nominee(
            by=voting.organiser, award=voting.award, name=f"More {number}", kind="project"
        )
    client.force_login(voter)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("awards:vote", args=[voting.event.slug])).status_code == 200
    close_all(voting)
    client.force_login(voting.organiser)
    client.post(reverse("awards:publish", args=[voting.event.slug, voting.award.pk]))
    with django_assert_max_num_queries(6):
        assert client.get(reverse("awards:results", args=[voting.event.slug])).status_code == 200


def test_the_big_screen_shows_a_qr_code_of_the_voting_page(client):
    voting = voting_world()
    response = client.get(reverse("awards:screen", args=[voting.event.slug]))
    vote_url = "http://testserver" + reverse("awards:vote", args=[voting.event.slug])
    assert response.context["vote_url"] == vote_url
    expected = segno.make(vote_url, error="m").svg_inline(scale=8, border=2)
    assert expected in response.content.decode()


def test_a_nominees_picture_is_kept_small_and_shown_only_while_the_nominee_may_be_seen(
    client, settings, tmp_path
):
    settings.PRIVATE_ROOT, settings.MEDIA_ROOT = tmp_path / "private", tmp_path / "media"
    voting = voting_world()
    client.force_login(voting.organiser)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    taken = io.BytesIO()
    Image.new("RGB", (2000, 1500), "red").save(taken, "JPEG", exif=exif)
    add = reverse("awards:add-nominee", args=[voting.event.slug, voting.award.pk])
    upload = SimpleUploadedFile("dana_dvorakova.jpg", taken.getvalue(), content_type="image/jpeg")
    assert client.post(add, {"kind": "person", "name": "Dana Dvořáková", "picture": upload})
    nominee = voting.award.nominees.get(name="Dana Dvořáková")
    # A random name, behind the policy: not the uploaded name, nothing for the web server.
    assert re.fullmatch(r"nominees/[\w-]{24}\.jpg", nominee.picture.name)
    assert not (tmp_path / "media").exists()
    address = nominee.picture.url
    assert address == reverse("nominee-picture", args=[nominee.picture.name])
    with Image.open(tmp_path / "private" / nominee.picture.name) as kept:
        assert (kept.size, dict(kept.getexif())) == ((512, 384), {})
    vote_page = reverse("awards:vote", args=[voting.event.slug])

    client.logout()
    assert address in client.get(vote_page).content.decode()
    response = client.get(address)
    assert (response.status_code, b"".join(response)[:2]) == (200, b"\xff\xd8")
    # On the ballot of a listed event: anyone's, so a shared cache may keep it.
    assert response["Cache-Control"] == "public, max-age=3600"

    services.decide_nominee(by=voting.organiser, nominee=nominee, approve=False)
    assert address not in client.get(vote_page).content.decode()
    assert client.get(address).status_code == 404
    client.force_login(UserFactory())
    assert client.get(address).status_code == 404
    client.force_login(voting.organiser)
    response = client.get(address)
    assert (response.status_code, b"".join(response)[:2]) == (200, b"\xff\xd8")
    assert response["Cache-Control"] == "private, max-age=3600"
    assert client.get(reverse("nominee-picture", args=["../settings.py"])).status_code == 404


def picture_of(nominee, tmp_path) -> str:
    Image.new("RGB", (40, 30), "teal").save(tmp_path / "upload.png")
    with open(tmp_path / "upload.png", "rb") as upload:
        nominee.picture.save("upload.png", File(upload))
    return nominee.picture.url


def test_an_unlisted_events_nominee_picture_is_only_for_those_the_event_concerns(
    client, settings, tmp_path, django_assert_max_num_queries
):
    settings.PRIVATE_ROOT = tmp_path / "private"
    voting = voting_world(EventFactory(is_public=False))
    address = picture_of(voting.nominees[0], tmp_path)
    delegate = ParticipantFactory(event=voting.event).person.user
    # On the ballot, yet the event is unlisted: whoever has the address sees nothing.
    assert client.get(address).status_code == 404
    client.force_login(UserFactory())
    assert client.get(address).status_code == 404
    # Who organises another event sees none of this one's pictures.
    client.force_login(ParticipantFactory(role="organiser").person.user)
    assert client.get(address).status_code == 404
    for user in (delegate, voting.organiser, community_voter(voting)):
        client.force_login(user)
        response = client.get(address)
        assert (response.status_code, b"".join(response)[:4]) == (200, b"\x89PNG")
        assert response["Cache-Control"] == "private, max-age=3600"


def test_a_listed_events_picture_is_one_query_for_a_visitor(
    client, settings, tmp_path, django_assert_num_queries
):
    settings.PRIVATE_ROOT = tmp_path / "private"
    voting = voting_world()
    address = picture_of(voting.nominees[0], tmp_path)
    with django_assert_num_queries(1):
        response = client.get(address)
    assert (response.status_code, b"".join(response)[:4]) == (200, b"\x89PNG")


@pytest.mark.parametrize(
    "name",
    [
        "nominees/../nominees/{name}",
        "nominees//{name}",
        "/{name}",
        "{name}/",
        "{name}%00",
        "nominees/%2e%2e/nominees/{name}",
        "../private/{name}",
        "nominees/{other}",
    ],
)
def test_a_picture_address_that_is_not_exactly_a_visible_nominees_is_not_found(
    client, settings, tmp_path, name
):
    settings.PRIVATE_ROOT = tmp_path / "private"
    voting = voting_world()
    shown = picture_of(voting.nominees[0], tmp_path)
    # Another event's, unlisted: its name in this address finds nothing either.
    hidden = voting_world(EventFactory(is_public=False)).nominees[0]
    picture_of(hidden, tmp_path)
    stored = voting.nominees[0].picture.name.removeprefix("nominees/")
    other = hidden.picture.name.removeprefix("nominees/")
    address = reverse("nominee-picture", args=["x"])[:-1] + name.format(name=stored, other=other)
    response = client.get(shown)
    assert (response.status_code, b"".join(response)[:4]) == (200, b"\x89PNG")
    assert client.get(address).status_code == 404


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_shared_browser_gives_the_next_voter_neither_the_receipt_nor_the_ballot(client):
    voting = voting_world()
    exhibitor, delegate = checked_in_voter(voting), checked_in_voter(voting)
    cookie = f"modus_receipt_{voting.award.pk}_onsite"
    client.force_login(exhibitor)
    theirs = vote(client, voting, voting.nominees[0], phase="onsite").context["code"]
    # Someone else signed in on this browser is not shown it, signed out or not.
    client.force_login(delegate)
    vote_page = reverse("awards:vote", args=[voting.event.slug])
    assert theirs not in client.get(vote_page).content.decode()
    client.force_login(exhibitor)
    assert theirs in client.get(vote_page).content.decode()
    client.post(reverse("accounts:sign-out"))
    assert client.cookies[cookie].value == ""
    client.force_login(delegate)
    vote(client, voting, voting.nominees[1], phase="onsite")
    refused = vote(client, voting, voting.nominees[2], phase="onsite", receipt=theirs)
    assert refused.status_code == 400
    assert "No ballot in this category has this receipt code." in refused.content.decode()
    assert sorted(Ballot.objects.values_list("nominee", flat=True)) == [
        voting.nominees[0].pk,
        voting.nominees[1].pk,
    ]


def test_a_refused_proposal_shows_the_phases_in_the_event_time_zone(client):
    voting = voting_world()
    services.change_award(by=voting.organiser, award=voting.award, nominations_open=True)
    services.configure_phase(
        by=voting.organiser,
        event=voting.event,
        kind="online",
        opens_at=datetime(2030, 5, 1, 7, 0, tzinfo=UTC),
        closes_at=datetime(2030, 5, 8, 7, 0, tzinfo=UTC),
        weight=50,
    )
    client.force_login(community_voter(voting))
    shown = client.get(reverse("awards:vote", args=[voting.event.slug])).content.decode()
    (line,) = re.findall(r"<p>Online community vote: [^<]*</p>", shown)
    assert "9:00" in line
    propose = reverse("awards:propose", args=[voting.event.slug, voting.award.pk])
    response = client.post(propose, {"kind": "person", "name": "Dan", "case": "x" * 2001})
    assert response.status_code == 400
    assert re.findall(r"<p>Online community vote: [^<]*</p>", response.content.decode()) == [line]
    assert voting.award.nominees.count() == 3


def post_phase(client, voting, kind: str, days: tuple[str, str], weight: int):
    """The phase form as an organiser fills it in: open and close at 9:00 on `days`."""
    opens, closes = days
    fields = {"opens_at": f"{opens}T09:00", "closes_at": f"{closes}T09:00", "weight": weight}
    return client.post(
        reverse("awards:phase", args=[voting.event.slug, kind]),
        {f"{kind}-{name}": value for name, value in fields.items()},
        follow=True,
    )


def test_a_weight_over_100_is_refused_in_plain_words(client):
    voting = voting_world()
    client.force_login(voting.organiser)
    response = post_phase(client, voting, "online", ("2030-05-01", "2030-05-08"), 101)
    assert messages_of(response) == ["Weight (%): A phase's weight is a percentage: at most 100."]
    voting.online.refresh_from_db()
    assert (voting.online.weight, voting.online.opens_at.year) == (50, voting.online.closes_at.year)


def test_after_publication_a_phase_is_not_reopened_by_editing_it(client):
    voting = voting_world()
    close_all(voting)
    services.publish_result(by=voting.organiser, award=voting.award)
    before = list(VotingPhase.objects.order_by("pk").values())
    client.force_login(voting.organiser)
    response = post_phase(client, voting, "onsite", ("2020-05-01", "2099-05-08"), 70)
    assert messages_of(response) == ["Results are published: voting cannot open again."]
    assert list(VotingPhase.objects.order_by("pk").values()) == before


def test_declining_a_nominee_with_paper_totals_is_refused_and_publishing_works(client):
    voting = voting_world()
    client.force_login(voting.organiser)
    paper = reverse("awards:paper", args=[voting.event.slug, voting.award.pk])
    totals = {f"n{n.pk}": 2 + i for i, n in enumerate(voting.nominees)}
    recorded = client.post(paper, {"witness": "Jana", **totals}, follow=True)
    assert messages_of(recorded) == ["Paper ballot totals recorded."]
    declined = voting.nominees[2]
    decide = reverse("awards:decide", args=[voting.event.slug, declined.pk])
    response = client.post(decide, {"decision": "decline"}, follow=True)
    assert messages_of(response) == [
        "This nominee already has paper ballot totals and stays on the ballot."
    ]
    declined.refresh_from_db()
    assert declined.status == "approved"
    close_all(voting)
    publish = reverse("awards:publish", args=[voting.event.slug, voting.award.pk])
    assert client.post(publish).status_code == 302
    assert Award.objects.get().result["standings"][0]["nominee"] == declined.pk


def test_an_unlisted_events_vote_opens_to_its_invited_voters_only(client):
    voting = voting_world()
    voting.event.is_public = False
    voting.event.save(update_fields=["is_public"])
    address = reverse("awards:vote", args=[voting.event.slug])
    assert client.get(address).status_code == 404
    client.force_login(UserFactory())
    assert client.get(address).status_code == 404
    client.force_login(community_voter(voting))
    assert client.get(address).status_code == 200
    assert vote(client, voting, voting.nominees[0]).status_code == 200


def propose(voting, count: int, *, declined: int = 0) -> None:
    """`count` community proposals, the first `declined` of them declined."""
    Nominee.objects.bulk_create(
        Nominee(
            award=voting.award,
            name=f"Proposal {number:02}",
            status="declined" if number < declined else "proposed",
            position=number,
        )
        for number in range(count)
    )


@pytest.mark.parametrize("count", [5, 60])
def test_the_award_page_pages_the_proposals_and_counts_them(
    client, count, django_assert_num_queries
):
    voting = voting_world()
    propose(voting, count, declined=2)
    client.force_login(voting.organiser)
    address = reverse("awards:award", args=[voting.event.slug, voting.award.pk])
    client.get(address)
    with django_assert_num_queries(AWARD_PAGE_QUERIES):
        html = client.get(address).content.decode()
    ballot, proposals = (
        re.findall(r"<h4>([^<]*)</h4>", part) for part in html.split('data-testid="proposals"')
    )
    assert ballot == ["Alena Nováková", "Boris Beran", "Cecílie Černá"]
    # Those waiting for a decision first, then the declined ones.
    assert proposals[0] == "Proposal 02"
    assert len(proposals) == min(count, PROPOSALS_PAGE_SIZE)
    assert f"{count - 2} wait for a decision · 2 declined" in html
    assert ("Page 1 of 3" in html) == (count == 60)


def test_deciding_a_proposal_returns_to_its_page(client):
    voting = voting_world()
    propose(voting, 2 * PROPOSALS_PAGE_SIZE + 1)
    client.force_login(voting.organiser)
    address = reverse("awards:award", args=[voting.event.slug, voting.award.pk])
    last = Nominee.objects.get(name=f"Proposal {2 * PROPOSALS_PAGE_SIZE}")
    decide = reverse("awards:decide", args=[voting.event.slug, last.pk])
    response = client.post(decide, {"decision": "approve", "page": "3"})
    assert response["Location"] == f"{address}?page=3"
    # Its page emptied: the last page there is.
    html = client.get(response["Location"]).content.decode()
    assert "Page 2 of 2" in html
    response = client.post(
        reverse(
            "awards:decide", args=[voting.event.slug, Nominee.objects.get(name="Proposal 00").pk]
        ),
        {"decision": "decline", "page": "x"},
    )
    assert response["Location"] == address
