"""The demo event: the European Cluster Conference 2022 in Prague, at the seed's scale.

Deterministic (fixed seed), made-up people, and built only through the services the
pages use, so the demo exercises the real rules.
"""

import contextlib
import random
import zoneinfo
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from faker import Faker

from modus.demo.awards import build_awards
from modus.demo.check_in import build_check_ins
from modus.demo.encodings import seed as seed_encodings
from modus.demo.introductions import build_introductions
from modus.demo.places import COUNTRIES, Country
from modus.demo.profiles import (
    LEGAL_FORMS,
    OpportunityMaker,
    OrganisationProfile,
    ascii_name,
    company_profile,
    ecosystems_for,
    name_words,
    phone_number,
    profile_for,
)
from modus.demo.programme import build_programme, build_site_visits
from modus.demo.seed_organisations import (
    ASSOCIATION,
    MEMBER_TRADES,
    OTHER_CZECH_CLUSTERS,
    SITE_VISIT_CLUSTERS,
    VISITORS,
    NamedOrganisation,
)
from modus.demo.stands import build_stands
from modus.demo.vocabulary import CLUSTER_FOCUS, ECOSYSTEMS
from modus.directory import services as directory
from modus.directory.models import (
    Ecosystem,
    Organisation,
    OrganisationKind,
    Person,
    ValueChainStage,
    Visibility,
)
from modus.directory.search import refresh_all_search_keys
from modus.events import services as events
from modus.events.models import Event, Participant
from modus.matchmaking.models import MeetingRequest, Recommendation
from modus.matchmaking.selectors import free_slots
from modus.matchmaking.services import recommendations, requests, setup

EVENT_SLUG = "ecc-2022"
PARTICIPANTS = 600
DEMO_PASSWORD = "modus-demo-2022"
SEED = 2022
DECLINE_REASON = "Not our field this year."
DEMO_MESSAGE = "Hello, I saw your profile in the recommendations; could we meet at the conference?"

# The delegate's profile is chosen, not drawn: it is what a newcomer sees first, and its
# offer and requests meet others' requests and offers, so the reasons show every kind.
DELEGATE_ACTIVITY = "coats optical glass with thin-film filters and anti-reflective layers"
DELEGATE_PICKS = (
    ("offer", "Optical thin-film filters for spectroscopy and sensing"),
    ("request", "Crack-free drilling of microholes in glass"),
    ("request", "Automated testing of control units at the end of line"),
)

STANDS = 30
# The word between a company's name word and its legal form, if any: "Optika Tech s.r.o.".
NAME_MIDDLES = ("Tech", "Works", "Solutions", "Industries", "Lab", "")
# Role counts beyond delegates, as at a two-day conference with 30 stands.
ROLE_COUNTS = {
    Participant.Role.ORGANISER: 6,
    Participant.Role.SPEAKER: 36,
    Participant.Role.EXHIBITOR: 60,
    Participant.Role.PRESS: 8,
}


@dataclass(frozen=True)
class DemoAccount:
    label: str
    email: str
    password: str | None = None


DEMO_ACCOUNTS = (
    DemoAccount("Organiser (staff, also has a password)", "organiser@nca.example", DEMO_PASSWORD),
    DemoAccount("Cluster manager of MECHATRONIKA Cluster", "manager@mechatronika.example"),
    DemoAccount("Delegate", "delegate@demo.example"),
    DemoAccount("Exhibitor", "exhibitor@optics.example"),
)


def demo_exists() -> bool:
    return Event.objects.filter(slug=EVENT_SLUG).exists()


class Taxonomy:
    def __init__(self):
        self.ecosystems = {e.code: e for e in Ecosystem.objects.all()}
        self.stages = {s.code: s for s in ValueChainStage.objects.all()}


class NameMaker:
    """Made-up names in each country's language, repeatable for a seed."""

    def __init__(self, seed: int):
        self.seed = seed
        self.fakers: dict[str, Faker] = {}

    def faker(self, locale: str) -> Faker:
        if locale not in self.fakers:
            self.fakers[locale] = Faker(locale)
            self.fakers[locale].seed_instance(self.seed)
        return self.fakers[locale]

    def person(self, locale: str, rng: random.Random) -> tuple[str, str]:
        fake = self.faker(locale)
        if rng.random() < 0.45:
            return fake.first_name_female(), fake.last_name_female()
        return fake.first_name_male(), fake.last_name_male()


def participant_counts(rng: random.Random) -> dict[str, int]:
    """Split 600 over the 40 countries by weight; every country gets at least three."""
    total_weight = sum(country.weight for country in COUNTRIES)
    counts = {c.code: max(3, PARTICIPANTS * c.weight // total_weight) for c in COUNTRIES}
    codes = [c.code for c in sorted(COUNTRIES, key=lambda c: -c.weight)]
    index = 0
    while sum(counts.values()) != PARTICIPANTS:
        code = codes[index % len(codes)]
        step = 1 if sum(counts.values()) < PARTICIPANTS else -1
        if counts[code] + step >= 3:
            counts[code] += step
        index += 1
    return counts


class DemoBuilder:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.names = NameMaker(seed)
        self.taxonomy = Taxonomy()
        self.used_emails: set[str] = set()
        self.profiles: dict[int, OrganisationProfile] = {}
        self.opportunity_maker = OpportunityMaker(self.rng)
        self.picks: dict[int, tuple[tuple[str, str], ...]] = {}

    def organisation(
        self, spec: NamedOrganisation, profile: OrganisationProfile | None = None
    ) -> Organisation:
        profile = profile or profile_for(self.rng, spec.kind, spec.ecosystems)
        organisation = directory.create_organisation(
            by=None,
            name=spec.name,
            kind=spec.kind,
            country=spec.country,
            city=spec.city,
            website=spec.website or f"https://{slugify(spec.name)}.example",
            description=spec.description,
            ecosystems=[self.taxonomy.ecosystems[code] for code in spec.ecosystems],
            stages=[self.taxonomy.stages[code] for code in profile.stages],
        )
        self.profiles[organisation.pk] = profile
        return organisation

    def made_up_organisation(
        self,
        country: Country,
        kind: str,
        ecosystems: tuple[str, ...],
        profile: OrganisationProfile | None = None,
    ) -> Organisation:
        city = self.rng.choice(country.cities)
        profile = profile or profile_for(self.rng, kind, ecosystems)
        words = name_words(profile)
        name, description = self.describe(profile, self.rng.choice(words), city, country.code)
        while Organisation.objects.filter(name=name).exists():
            name = f"{self.rng.choice(words)} {name}"
        return self.organisation(
            NamedOrganisation(name, kind, country.code, city, ecosystems, description), profile
        )

    def describe(
        self, profile: OrganisationProfile, word: str, city: str, country: str
    ) -> tuple[str, str]:
        kind, ecosystems = profile.kind, profile.ecosystems
        vocabulary = ECOSYSTEMS[ecosystems[0]]
        if kind == OrganisationKind.CLUSTER:
            focus = CLUSTER_FOCUS[ecosystems[0]]
            return (
                f"{city} {word} Cluster",
                f"A cluster organisation in {city} bringing together companies, research bodies "
                f"and public partners in {focus}. One member "
                f"{self.rng.choice(vocabulary.activities)}.",
            )
        if kind == OrganisationKind.RESEARCH:
            topics = profile.activities
            return (
                f"{word} Research Institute {city}",
                f"An applied research institute in {city}. Its research covers {topics[0]}, "
                f"as well as {topics[1]}; it transfers results to industry through contract "
                "research.",
            )
        if kind == OrganisationKind.INVESTOR:
            return (
                f"{word} Capital {city}",
                f"A venture and growth investor in {city}, backing companies in "
                f"{CLUSTER_FOCUS[ecosystems[0]]}.",
            )
        suffix = self.rng.choice([*LEGAL_FORMS.get(country, ("Ltd",)), "Group", "Systems"])
        middle = self.rng.choice(NAME_MIDDLES)
        sentences = [f"The company {profile.activities[0]}."]
        sentences += [f"It also {activity}." for activity in profile.activities[1:]]
        return " ".join(part for part in (word, middle, suffix) if part), " ".join(sentences)

    def person(
        self, country: Country, organisation: Organisation | None, email: str = "", name=None
    ) -> Person:
        first, last = name or self.names.person(country.locale, self.rng)
        email = email or self.unique_email(self.address(first, last, organisation))
        return directory.create_person(
            by=None,
            email=email,
            first_name=first,
            last_name=last,
            organisation=organisation,
            country=country.code,
            job_title=self.job_title(organisation),
            languages=self.rng.choice(
                ["English", "English, German", "English, French", "English, Czech"]
            ),
            phone=phone_number(self.rng, country),
            visibility=self.rng.choices(
                [Visibility.PARTICIPANTS, Visibility.PUBLIC, Visibility.HIDDEN], [6, 3, 1]
            )[0],
        )

    def address(self, first: str, last: str, organisation: Organisation | None) -> str:
        """first.last@organisation.example in ASCII; names with no Latin reading (none of
        Faker's locales has one today) become person-<n>."""
        domain = slugify(organisation.name)[:30].strip("-") if organisation else "demo"
        local = ".".join(part for part in (ascii_name(first), ascii_name(last)) if part)
        return f"{local or f'person-{len(self.used_emails) + 1}'}@{domain}.example"

    def unique_email(self, email: str) -> str:
        local, domain = email.split("@")
        candidate, number = email, 2
        while candidate in self.used_emails:
            candidate, number = f"{local}{number}@{domain}", number + 1
        self.used_emails.add(candidate)
        return candidate

    def job_title(self, organisation: Organisation | None) -> str:
        if organisation and organisation.kind == OrganisationKind.CLUSTER:
            titles = [
                "Cluster Manager",
                "Project Manager",
                "Innovation Manager",
                "Internationalisation Officer",
            ]
        elif organisation and organisation.kind == OrganisationKind.PUBLIC_AUTHORITY:
            titles = ["Policy Officer", "Head of Unit", "Adviser", "Trade Attaché"]
        elif organisation and organisation.kind == OrganisationKind.RESEARCH:
            titles = ["Senior Researcher", "Head of Technology Transfer", "Research Group Leader"]
        else:
            titles = [
                "CEO",
                "Business Development Manager",
                "Sales Director",
                "CTO",
                "Head of R&D",
                "Purchasing Manager",
            ]
        return self.rng.choice(titles)

    def opportunities(self, person: Person, both: bool = False) -> None:
        organisation = person.organisation
        profile = self.profiles[organisation.pk]
        maker = self.opportunity_maker
        if person.pk in self.picks:
            made_list = maker.chosen(profile, organisation.city, self.picks[person.pk])
        else:
            made_list = maker.for_person(profile, organisation.city, both)
        for made in made_list:
            directory.add_opportunity(
                by=None,
                person=person,
                direction=made.direction,
                kind=made.kind,
                title=made.title,
                description=made.description,
                ecosystems=[self.taxonomy.ecosystems[made.ecosystem]],
                stage=self.taxonomy.stages[made.stage],
                refresh_search=False,
            )


# The steps after every participant's profile exists; none of them changes a profile, so a
# caller that needs only the people and their texts (a benchmark, a test) may skip them.
STEPS_AFTER_PROFILES = (
    "build_matchmaking",
    "build_stands",
    "build_programme",
    "build_site_visits",
    "build_check_ins",
    "build_introductions",
    "build_awards",
)


@transaction.atomic
def build_demo(seed: int = SEED) -> Event:
    """Create the whole demo event; call once on an empty database (see `demo_exists`)."""
    builder = DemoBuilder(seed)
    rng = builder.rng
    association = builder.organisation(ASSOCIATION)
    named_clusters = [builder.organisation(spec) for spec in SITE_VISIT_CLUSTERS]
    other_clusters = [
        builder.organisation(
            NamedOrganisation(
                name,
                OrganisationKind.CLUSTER,
                "CZ",
                city,
                ecosystems,
                f"A Czech cluster organisation in {city} working on "
                f"{CLUSTER_FOCUS[ecosystems[0]]}.",
            )
        )
        for name, city, ecosystems in OTHER_CZECH_CLUSTERS
    ]
    for cluster in named_clusters + other_clusters:
        directory.add_membership(
            by=None, member=cluster, parent=association, since=date(2012 + rng.randint(0, 9), 1, 1)
        )
    visitors = [builder.organisation(spec) for spec in VISITORS]
    event = events.create_event(
        by=None,
        name="European Cluster Conference 2022",
        slug=EVENT_SLUG,
        start_date=date(2022, 9, 26),
        end_date=date(2022, 9, 27),
        time_zone="Europe/Prague",
        venue="Prague Congress Centre",
        city="Prague",
        country="CZ",
        host=visitors[0],
        description=(
            "The 8th European Cluster Conference, organised by the Ministry of Industry and Trade "
            "of the Czech Republic within the Czech EU Presidency and the European Commission, "
            "with the support of the European Cluster Collaboration Platform. Two days on cluster "
            "policy for the green and digital transition of European value chains, a matchmaking "
            "event, site visits to five Czech clusters and 30 stands."
        ),
    )
    people = build_people(builder, event, association, named_clusters + other_clusters, visitors)
    assign_roles(rng, event, people)
    refresh_all_search_keys()
    seed_encodings()
    build_matchmaking(rng, event, people)
    build_stands(event, seed)
    delegate = event.participants.get(person=people[2])
    build_programme(rng, event, delegate)
    build_site_visits(rng, event, delegate)
    build_check_ins(event, seed, first=people[: len(DEMO_ACCOUNTS)])
    build_introductions(event, people)
    # Its own random stream, so the awards change nothing else the demo draws.
    build_awards(random.Random(f"{seed}-awards"), event, people[: len(DEMO_ACCOUNTS)])
    return event


def build_matchmaking(rng: random.Random, event: Event, people: list[Person]) -> None:
    """Two sessions of eight 20-minute slots, 40 tables and 30 stands, and requests led by
    recommendations."""
    prague = zoneinfo.ZoneInfo(event.time_zone)
    setup.add_session(
        by=None,
        event=event,
        name="Matchmaking, Monday afternoon",
        starts_at=datetime(2022, 9, 26, 14, 0, tzinfo=prague),
        slot_minutes=20,
        slot_count=8,
    )
    setup.add_session(
        by=None,
        event=event,
        name="Matchmaking, Tuesday morning",
        starts_at=datetime(2022, 9, 27, 9, 0, tzinfo=prague),
        slot_minutes=20,
        slot_count=8,
    )
    setup.add_tables(by=None, event=event, count=40)
    add_stands(event)
    recommendations.recompute(event)
    participants = list(event.participants.select_related("person", "event").order_by("pk"))
    by_id = {p.pk: p for p in participants}
    delegate = next(p for p in participants if p.person_id == people[2].pk)
    for participant in participants:
        suggested = list(Recommendation.objects.filter(participant=participant)[:8])
        for row in rng.sample(suggested, min(len(suggested), rng.randint(0, 3))):
            ask(participant, by_id[row.other_id])
    for person in people[4:7]:
        ask(next(p for p in participants if p.person_id == person.pk), delegate)
    answer_requests(rng, event, delegate)
    recommendations.recompute(event)


def add_stands(event: Event) -> None:
    """One stand for each of the first exhibitors of different organisations, before any
    meeting is booked, so that meetings with them are at their stands."""
    exhibitors = event.participants.filter(role=Participant.Role.EXHIBITOR).select_related("person")
    hosts = {}
    for participant in exhibitors.order_by("pk"):
        # An exhibitor of no organisation is a stand of their own.
        hosts.setdefault(participant.person.organisation_id or -participant.pk, participant)
    for number, host in enumerate(list(hosts.values())[:STANDS], start=1):
        setup.add_stand(by=None, event=event, name=f"S{number}", host=host)


def ask(requester: Participant, recipient: Participant) -> None:
    # Already asked, or over the limit: a real user would see why; the demo moves on.
    with contextlib.suppress(ValidationError):
        requests.send_request(by=requester, recipient=recipient, message=DEMO_MESSAGE)


def answer_requests(rng: random.Random, event: Event, keep_open: Participant) -> None:
    """About half accepted into a slot both have free, a few declined, the rest left open."""
    pending = MeetingRequest.objects.filter(event=event, status="pending").select_related(
        "requester__event", "recipient__event", "requester__person"
    )
    for request in pending.order_by("pk"):
        if request.recipient_id == keep_open.pk and request.requester.person.pk % 3:
            continue
        luck = rng.random()
        recipient = request.recipient
        with contextlib.suppress(ValidationError):
            if luck < 0.5:
                slots = free_slots(recipient, request.requester)
                if slots:
                    slot = rng.choice(slots[:6])
                    requests.accept_request(request=request, by=recipient, slot=slot)
            elif luck < 0.6:
                requests.decline_request(request=request, by=recipient, reason=DECLINE_REASON)


def build_people(
    builder: DemoBuilder, event: Event, association, czech_clusters, visitors
) -> list[Person]:
    rng = builder.rng
    counts = participant_counts(rng)
    people = demo_account_people(builder, association, czech_clusters)
    counts["CZ"] -= len(people)
    named_by_country: dict[str, list[Organisation]] = {}
    for organisation in [association, *czech_clusters, *visitors]:
        named_by_country.setdefault(organisation.country.code, []).append(organisation)
    for country in COUNTRIES:
        organisations = named_by_country.get(country.code, []) + country_organisations(
            builder, country, counts[country.code], czech_clusters
        )
        for index in range(counts[country.code]):
            organisation = organisations[index % len(organisations)]
            person = builder.person(country, organisation)
            people.append(person)
            if organisation.manager_id is None and organisation.kind in (
                OrganisationKind.CLUSTER,
                OrganisationKind.ASSOCIATION,
            ):
                make_manager(person, organisation)
    for index, person in enumerate(people):
        builder.opportunities(person, both=index < len(DEMO_ACCOUNTS))
    for person in people:
        events.register(by=None, event=event, person=person)
    return people


def country_organisations(
    builder: DemoBuilder, country: Country, people: int, czech_clusters
) -> list[Organisation]:
    """Made-up organisations of a country: about one for every two and a half people."""
    rng = builder.rng
    organisations = []
    codes = list(ECOSYSTEMS)
    national_cluster = None
    for index in range(max(1, round(people / 2.5))):
        if country.code == "CZ":
            parent = rng.choice(czech_clusters)
            ecosystems = tuple(parent.ecosystems.values_list("code", flat=True))[:2]
        else:
            parent = national_cluster
            ecosystems = ecosystems_for(rng, rng.choice(codes))
        kind = pick_kind(rng, index, country.code)
        profile = None
        if parent is not None and parent.name in MEMBER_TRADES:
            ecosystems, profile = member_of_trade(rng, kind, parent, MEMBER_TRADES[parent.name])
        organisation = builder.made_up_organisation(country, kind, ecosystems, profile)
        if kind == OrganisationKind.CLUSTER and national_cluster is None and country.code != "CZ":
            national_cluster = organisation
        elif parent is not None and kind in (OrganisationKind.COMPANY, OrganisationKind.RESEARCH):
            directory.add_membership(by=None, member=organisation, parent=parent)
        organisations.append(organisation)
    return organisations


def member_of_trade(
    rng: random.Random, kind: str, cluster: Organisation, trade: tuple[str, tuple[str, ...]]
) -> tuple[tuple[str, ...], OrganisationProfile | None]:
    """The ecosystems of a member of a cluster whose members share a trade (MEMBER_TRADES),
    the trade's first; a company (or other) does one of the trade's activities."""
    ecosystem, activities = trade
    others = [code for code in cluster.ecosystems.values_list("code", flat=True)]
    ecosystems = (ecosystem, *[code for code in others if code != ecosystem][:1])
    if kind not in (OrganisationKind.COMPANY, OrganisationKind.OTHER):
        return ecosystems, None
    profile = company_profile(ecosystem, rng.choice(activities))
    return ecosystems, replace(profile, kind=kind, ecosystems=ecosystems)


def pick_kind(rng: random.Random, index: int, country: str) -> str:
    if index == 0 and country != "CZ":
        return OrganisationKind.CLUSTER
    return rng.choices(
        [
            OrganisationKind.COMPANY,
            OrganisationKind.RESEARCH,
            OrganisationKind.CLUSTER,
            OrganisationKind.INVESTOR,
            OrganisationKind.OTHER,
        ],
        [62, 16, 12, 5, 5],
    )[0]


def make_manager(person: Person, organisation: Organisation) -> None:
    directory.update_profile(
        by=None,
        person=person,
        share_contact=True,
        visibility=Visibility.PUBLIC,
        job_title="Cluster Manager",
    )
    directory.set_manager(by=None, organisation=organisation, manager=person)


def demo_account_people(builder: DemoBuilder, association, czech_clusters) -> list[Person]:
    czech = next(c for c in COUNTRIES if c.code == "CZ")
    mechatronika = czech_clusters[0]
    optics = next(c for c in czech_clusters if c.name == "Czech Optical Cluster")
    delegate_company = builder.made_up_organisation(
        czech,
        OrganisationKind.COMPANY,
        ("electronics",),
        company_profile("electronics", DELEGATE_ACTIVITY),
    )
    directory.add_membership(by=None, member=delegate_company, parent=mechatronika)
    specs = [
        (DEMO_ACCOUNTS[0], association, ("Tereza", "Nováková")),
        (DEMO_ACCOUNTS[1], mechatronika, ("Martin", "Dvořák")),
        (DEMO_ACCOUNTS[2], delegate_company, ("Eva", "Horáková")),
        (DEMO_ACCOUNTS[3], optics, ("Jan", "Svoboda")),
    ]
    people = []
    for account, organisation, name in specs:
        person = builder.person(czech, organisation, email=account.email, name=name)
        builder.used_emails.add(account.email)
        # Those who try the demo see it as a visible member sees it: suggested to others,
        # asked for meetings (a hidden profile is told apart on its own pages).
        directory.update_profile(by=None, person=person, visibility=Visibility.PARTICIPANTS)
        people.append(person)
    builder.picks[people[2].pk] = DELEGATE_PICKS
    organiser_user = people[0].user
    organiser_user.is_staff = organiser_user.is_superuser = True
    organiser_user.set_password(DEMO_PASSWORD)
    organiser_user.save()
    make_manager(people[1], mechatronika)
    make_manager(people[0], association)
    return people


def assign_roles(rng: random.Random, event: Event, people: list[Person]) -> None:
    """Organisers from the association's team, exhibitors from stand-holding organisations."""
    participants = {
        p.person_id: p for p in event.participants.select_related("person__organisation")
    }
    fixed = {
        people[0].pk: Participant.Role.ORGANISER,
        people[3].pk: Participant.Role.EXHIBITOR,
    }
    association_team = [p for p in people[4:] if p.organisation_id == people[0].organisation_id]
    pool = [p for p in people[4:] if p.pk not in fixed and p not in association_team]
    rng.shuffle(pool)
    for person in association_team[: ROLE_COUNTS[Participant.Role.ORGANISER] - 1]:
        fixed[person.pk] = Participant.Role.ORGANISER
    start = 0
    for role in (Participant.Role.SPEAKER, Participant.Role.EXHIBITOR, Participant.Role.PRESS):
        needed = ROLE_COUNTS[role] - sum(1 for r in fixed.values() if r == role)
        for person in pool[start : start + needed]:
            fixed[person.pk] = role
        start += needed
    for person_id, role in fixed.items():
        events.change_role(by=None, participant=participants[person_id], role=role)
