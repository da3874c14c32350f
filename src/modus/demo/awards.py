"""The demo's awards, as at the seed's conference: a jury's three nominees in each of two
categories, an online community vote held the week before (closed, a few hundred ballots)
and the on-site vote (open, so that the demo accounts can try it)."""

import random
import zoneinfo
from datetime import datetime, timedelta

from django.utils import timezone

from modus.awards import receipts
from modus.awards import services as awards
from modus.awards.models import Award, Ballot, VoteRecord, VotingPhase
from modus.directory.models import Organisation, OrganisationKind, Person
from modus.events.models import CheckIn, Event

CLUSTER_MANAGER_OF_THE_YEAR = "Cluster Manager of the Year"
PARTNERSHIP_OF_THE_YEAR = "European Cluster Partnership of the Year"
MANAGER_CLUSTERS = ("NANOPROGRESS", "CLUTEX", "CZECHIMPLANT")
PARTNER_THEMES = (
    "a joint cross-border training academy for Industry 4.0 technicians",
    "shared testbeds for photonics start-ups in two regions",
    "a common supply-chain map for light-weight aerospace parts",
)
PARTNER_CZECH_CLUSTERS = (
    "MECHATRONIKA Cluster",
    "Czech Optical Cluster",
    "Moravian Aerospace Cluster",
)
COMMUNITY_VOTERS = 320
ONLINE_TURNOUT = (0.85, 0.75)  # share of invited members who voted, per category
ON_SITE_BALLOTS = (64, 51)


def build_awards(rng: random.Random, event: Event, demo_people: list[Person]) -> None:
    prague = zoneinfo.ZoneInfo(event.time_zone)
    manager_award = awards.add_award(
        by=None,
        event=event,
        name=CLUSTER_MANAGER_OF_THE_YEAR,
        description="For the cluster manager whose work most helped the cluster's members grow.",
        tie_break="online",
    )
    partnership = awards.add_award(
        by=None,
        event=event,
        name=PARTNERSHIP_OF_THE_YEAR,
        description="For a partnership of clusters across borders with results members can see.",
        tie_break="online",
        position=1,
    )
    for name in MANAGER_CLUSTERS:
        cluster = Organisation.objects.select_related("manager").get(name=name)
        manager = cluster.manager
        awards.add_nominee(
            by=None,
            award=manager_award,
            kind="person",
            name=manager.full_name,
            person=manager,
            organisation=cluster,
            case=f"Manager of {cluster.name} in {cluster.city}: grew its membership, brought "
            "members into European projects and opened their workplaces to visitors.",
        )
    foreign = list(
        Organisation.objects.filter(kind=OrganisationKind.CLUSTER)
        .exclude(country="CZ")
        .order_by("pk")[:3]
    )
    for czech_name, partner, theme in zip(
        PARTNER_CZECH_CLUSTERS, foreign, PARTNER_THEMES, strict=False
    ):
        czech = Organisation.objects.get(name=czech_name)
        awards.add_nominee(
            by=None,
            award=partnership,
            kind="project",
            name=f"{czech.name} & {partner.name}",
            organisation=czech,
            case=f"{czech.name} and {partner.name} ({partner.get_country_display()}) run {theme}.",
        )
    online = awards.configure_phase(
        by=None,
        event=event,
        kind="online",
        opens_at=datetime(2022, 9, 19, 9, 0, tzinfo=prague),
        closes_at=datetime(2022, 9, 26, 9, 0, tzinfo=prague),
        weight=50,
    )
    # The seed's ballot box closed on the first day; the demo's stays open to be tried.
    on_site = awards.configure_phase(
        by=None,
        event=event,
        kind="onsite",
        opens_at=datetime(2022, 9, 26, 9, 0, tzinfo=prague),
        closes_at=max(
            datetime(2022, 9, 26, 18, 0, tzinfo=prague), timezone.now() + timedelta(days=60)
        ),
        weight=50,
    )
    community = list(
        Person.objects.filter(user__isnull=False, organisation__isnull=False)
        .exclude(pk__in=[p.pk for p in demo_people])
        .select_related("user")
        .order_by("pk")[:COMMUNITY_VOTERS]
    )
    awards.invite_voters(
        by=None,
        event=event,
        emails=[p.user.email for p in community] + [p.user.email for p in demo_people[1:3]],
        send=False,
    )
    participants = list(event.participants.order_by("pk").values_list("pk", "person__user"))
    # Those who came through the desks (demo/check_in.py) may vote on site.
    checked = set(
        CheckIn.objects.filter(participant__event=event).values_list("participant", flat=True)
    )
    demo_users = {p.user_id for p in demo_people}
    on_site_voters = [user for pk, user in participants if pk in checked and user not in demo_users]
    for index, award in enumerate((manager_award, partnership)):
        voters = [p.user_id for p in community if rng.random() < ONLINE_TURNOUT[index]]
        cast(rng, award, online, voters)
        cast(rng, award, on_site, rng.sample(on_site_voters, ON_SITE_BALLOTS[index]))


def cast(rng: random.Random, award: Award, phase: VotingPhase, voter_ids: list[int]) -> None:
    """Ballots as the voting service stores them, in bulk: a demo's history, not a vote."""
    nominees = list(award.nominees.order_by("position").values_list("pk", flat=True))
    leaning = [rng.uniform(0.6, 1.4) for _ in nominees]
    ballots = []
    for voter in voter_ids:
        # The random draws in the same order as ever: the demo's results stay the same.
        nominee_id = rng.choices(nominees, leaning)[0]
        code = f"{rng.getrandbits(80):020X}"
        ballots.append(
            Ballot(
                award=award,
                phase=phase,
                nominee_id=nominee_id,
                receipt_hash=receipts.receipt_hash(code),
                owner_hash=receipts.owner_hash(voter, code),
            )
        )
    Ballot.objects.bulk_create(ballots)
    VoteRecord.objects.bulk_create(
        [VoteRecord(award=award, phase=phase, voter_id=voter) for voter in voter_ids]
    )
