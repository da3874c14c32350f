"""What made-up organisations do and offer, their people's titles, names and phones."""

import random

import pytest

from modus.demo import institutions
from modus.demo.places import COUNTRIES
from modus.demo.profiles import (
    NEUTRAL_NAME_WORDS,
    OpportunityMaker,
    ascii_name,
    base_title,
    company_profile,
    name_words,
    offer_pool,
    phone_number,
    pools,
    profile_for,
    request_pool,
)
from modus.demo.vocabulary import ACTIVITY_STAGES, ECOSYSTEMS


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Αθανάσιος", "athanasios"),
        ("Шевченко", "shevchenko"),
        ("Nováková-Dvořáková", "novakova-dvorakova"),
        ("Anna Maria", "anna-maria"),
        ("O'Neill", "o-neill"),
        ("", ""),
    ],
)
def test_ascii_name(name, expected):
    assert ascii_name(name) == expected


def test_phone_numbers_follow_their_countrys_plan():
    rng = random.Random(3)
    for country in COUNTRIES:
        phone = phone_number(rng, country)
        prefix, national = phone.split(" ", 1)
        assert (prefix, len(national)) == (f"+{country.calling_code}", len(country.phone_plan))


def test_a_company_stands_where_its_activities_are_and_offers_from_there():
    rng = random.Random(5)
    for code in ECOSYSTEMS:
        for _ in range(20):
            profile = profile_for(rng, "company", (code,))
            stages = {
                ACTIVITY_STAGES[code][ECOSYSTEMS[code].activities.index(activity)]
                for activity in profile.activities
            }
            assert set(profile.stages) == stages
            pool = offer_pool(profile)
            assert pool
            assert {(ecosystem, text.stage in stages) for ecosystem, text in pool} == {(code, True)}


def test_a_companys_first_offer_is_what_its_description_says_it_does():
    profile = company_profile(
        "electronics", "manufactures precision optical components for laser systems"
    )
    for seed in range(5):
        made = OpportunityMaker(random.Random(seed)).for_person(profile, "Turnov", both=True)
        assert base_title(made[0].title) == "Precision optics for laser systems"


def test_a_company_is_named_for_what_it_does_or_for_nothing():
    """An iron foundry is not "Polymer s.r.o.": its name word names its trade, or none."""
    optics = company_profile(
        "electronics", "manufactures precision optical components for laser systems"
    )
    foundry = company_profile(
        "energy-intensive", "casts grey and ductile iron parts for machinery and pumps"
    )
    dairy = company_profile(
        "agri-food", "processes organic dairy milk into yoghurts and fresh cheeses"
    )
    assert name_words(optics) == ("Optika",)
    assert name_words(foundry) == NEUTRAL_NAME_WORDS
    assert name_words(dairy) == ("Fresh", "Dairy")
    research = profile_for(random.Random(1), "research", ("energy-intensive",))
    assert name_words(research) == ECOSYSTEMS["energy-intensive"].name_words


def test_colleagues_post_other_things_while_there_are_any():
    """Three cluster managers of one cluster do not each post "Partner clusters for a
    Euroclusters project"."""
    maker = OpportunityMaker(random.Random(8))
    cluster = profile_for(random.Random(8), "cluster", ("agri-food",))
    posted = [
        base_title(item.title)
        for _ in range(2)
        for item in maker.for_person(cluster, "Amsterdam", both=True)
    ]
    assert len(posted) == len(set(posted))


def test_research_bodies_and_investors():
    rng = random.Random(1)
    research = profile_for(rng, "research", ("health", "digital"))
    investor = profile_for(rng, "investor", ("health",))
    assert (research.stages, investor.stages) == (("research",), ("services",))
    assert {text.kind for _, text in offer_pool(investor)} == {"investment"}
    assert pools(rng, investor)["request"] == []
    made = OpportunityMaker(rng).for_person(research, "Brno")
    assert {item.stage for item in made} == {"research"}


def test_a_research_institute_posts_on_the_topics_its_description_names():
    """Not a company's texts ("Family dairy entering supermarket chains needs..."): its own
    research, offered and taken to industry, in its main field."""
    rng = random.Random(6)
    for code in ECOSYSTEMS:
        research = profile_for(rng, "research", (code, "digital"))
        assert len(research.activities) == 2
        assert set(research.activities) <= set(ECOSYSTEMS[code].research_topics)
        for direction, texts in pools(rng, research).items():
            assert texts, direction
            for ecosystem, text in texts:
                assert ecosystem == code
                assert text.title in institutions.titles("research", direction, code)
                assert any(topic in text.description for topic in research.activities)


@pytest.mark.parametrize("kind", ["cluster", "association", "public-authority"])
def test_a_cluster_brokers_in_each_of_its_fields(kind):
    """A cluster introduces its members, gathers consortia and looks for partner clusters,
    in each of its ecosystems, rather than posting a member company's needs as its own."""
    rng = random.Random(7)
    cluster = profile_for(rng, kind, ("textile", "health"))
    fields = set()
    for direction, texts in pools(rng, cluster).items():
        fields |= {code for code, _ in texts}
        for ecosystem, text in texts:
            assert text.title in institutions.titles(kind, direction, ecosystem)
            assert "{" not in text.title + text.description
            assert len(text.title) <= 90 and len(text.description) <= 300
    assert fields == {"textile", "health"}
    made = OpportunityMaker(rng).for_person(cluster, "Liberec", both=True)
    assert {item.direction for item in made} == {"offer", "request"}
    # Nobody offers or asks for one thing twice, for two fields.
    assert len({template_of(item.direction, base_title(item.title)) for item in made}) == len(made)


def template_of(direction: str, title: str) -> str:
    """The cluster template `title` was filled in from."""
    templates = institutions.TEXTS[("cluster", direction)]
    fields = institutions.FIELDS.values()
    return next(t for _, t, _ in templates if title in {t.format(field=f) for f in fields})


def test_titles_stay_distinct_while_qualifiers_last():
    maker = OpportunityMaker(random.Random(2))
    text = ECOSYSTEMS["electronics"].offers[0]
    titles = [maker.title("offer", text, "Brno") for _ in range(8)]
    assert (len(set(titles)), {base_title(t) for t in titles}) == (8, {text.title})


def test_a_company_asks_in_its_own_field():
    rng = random.Random(4)
    company = profile_for(rng, "company", ("tourism", "retail"))
    assert {code for code, _ in request_pool(company)} == {"tourism"}
