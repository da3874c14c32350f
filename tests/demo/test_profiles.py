"""What made-up organisations do and offer, their people's titles, names and phones."""

import random

import pytest

from modus.demo.places import COUNTRIES
from modus.demo.profiles import (
    OpportunityMaker,
    ascii_name,
    base_title,
    offer_pool,
    phone_number,
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


def test_research_bodies_and_investors():
    rng = random.Random(1)
    research = profile_for(rng, "research", ("health", "digital"))
    investor = profile_for(rng, "investor", ("health",))
    assert (research.stages, investor.stages) == (("research",), ("services",))
    assert {text.kind for _, text in offer_pool(investor)} == {"investment"}
    made = OpportunityMaker(rng).for_person(research, "Brno")
    assert {item.stage for item in made} == {"research"}


def test_titles_stay_distinct_while_qualifiers_last():
    maker = OpportunityMaker(random.Random(2))
    text = ECOSYSTEMS["electronics"].offers[0]
    titles = [maker.title("offer", text, "Brno") for _ in range(8)]
    assert (len(set(titles)), {base_title(t) for t in titles}) == (8, {text.title})


def test_a_company_asks_in_its_own_field_and_research_bodies_ask_for_no_money():
    rng = random.Random(4)
    company = profile_for(rng, "company", ("tourism", "retail"))
    research = profile_for(rng, "research", ("health", "digital"))
    assert {code for code, _ in request_pool(company)} == {"tourism"}
    assert "investment" not in {text.kind for _, text in request_pool(research)}
