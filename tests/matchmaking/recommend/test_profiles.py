import pytest

from modus.matchmaking.recommend import (
    Filters,
    OpportunityInput,
    ProfileInput,
    profile_text,
    recommend,
)
from modus.matchmaking.recommend.reasons import SIMILAR_PROFILE
from tests.matchmaking.recommend.examples import offer, participant, request


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"direction": "gift"}, "direction"),
        ({"kind": "bribe"}, "kind"),
        ({"ecosystems": {"space"}}, "ecosystem"),
        ({"stage": 9}, "stage"),
    ],
)
def test_an_opportunity_rejects_unknown_values(fields, message):
    values = {"id": 1, "direction": "offer", "kind": "product", "title": "t", **fields}
    with pytest.raises(ValueError, match=message):
        OpportunityInput(**values)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"country": "Czechia"}, "country"),
        ({"country": "cz"}, "country"),
        ({"organisation_kind": "firm"}, "organisation kind"),
        ({"ecosystems": {"space"}}, "ecosystem"),
        ({"stages": {0}}, "stage"),
    ],
)
def test_a_profile_rejects_unknown_values(fields, message):
    values = {"id": 1, "organisation_id": 1, "country": "CZ", "organisation_kind": "company"}
    with pytest.raises(ValueError, match=message):
        ProfileInput(**{**values, **fields})


def test_a_profile_counts_the_ecosystems_and_stages_of_its_opportunities():
    profile = participant(
        1,
        offer("lenses", ecosystems={"electronics"}, stage=4),
        request("steel", ecosystems={"energy-intensive"}, stage=3),
        ecosystems={"health"},
        stages={5},
    )
    assert profile.all_ecosystems == {"electronics", "energy-intensive", "health"}
    assert profile.all_stages == {3, 4, 5}


def test_the_title_weighs_twice_in_an_opportunitys_text():
    assert offer("lenses", "and mirrors").text == "lenses. lenses. and mirrors"


def test_filters_admit_by_country_kind_and_ecosystem():
    czech_company = participant(1, ecosystems={"digital"})
    lithuanian_cluster = participant(
        2, offer("x", ecosystems={"health"}), country="LT", organisation_kind="cluster"
    )
    assert Filters().admits(czech_company)
    assert Filters(countries={"LT"}).admits(lithuanian_cluster)
    assert not Filters(countries={"LT"}).admits(czech_company)
    assert Filters(organisation_kinds={"company"}).admits(czech_company)
    assert not Filters(organisation_kinds={"company"}).admits(lithuanian_cluster)
    assert Filters(ecosystems={"health"}).admits(lithuanian_cluster)
    assert not Filters(ecosystems={"health"}).admits(czech_company)


def test_filters_reject_unknown_codes():
    with pytest.raises(ValueError, match="ecosystem"):
        Filters(ecosystems={"space"})
    with pytest.raises(ValueError, match="organisation kind"):
        Filters(organisation_kinds={"firm"})


def test_a_job_title_alone_makes_no_profile_alike():
    assert profile_text("Managing director", " ") == ""
    assert profile_text("Managing director", "Laser optics") == "Managing director Laser optics"
    event = [
        participant(number, profile_text=profile_text("Managing director", ""), country=country)
        for number, country in ((1, "CZ"), (2, "AT"))
    ]
    reasons = {reason.code for item in recommend(event)[1] for reason in item.reasons}
    assert SIMILAR_PROFILE not in reasons
