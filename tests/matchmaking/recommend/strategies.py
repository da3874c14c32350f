"""Hypothesis strategies: small events whose texts share words, so that matches happen."""

from __future__ import annotations

from hypothesis import strategies as st

from modus.matchmaking.recommend import OpportunityInput, ProfileInput

WORDS = ["optics", "laser", "lenses", "steel", "bakery", "flour", "software", "hotel",
         "battery", "sensor", "yarn", "drone"]  # fmt: skip
ECOSYSTEMS = ["electronics", "agri-food", "digital"]

texts = st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join)
opportunity_fields = st.tuples(
    st.sampled_from(["offer", "request"]),
    texts,
    st.frozensets(st.sampled_from(ECOSYSTEMS), max_size=2),
    st.none() | st.integers(1, 8),
)
profile_fields = st.tuples(
    st.integers(0, 6),  # organisation: some share one
    st.sampled_from(["CZ", "LT", "DE"]),
    st.sampled_from(["company", "cluster", "investor"]),
    st.frozensets(st.sampled_from(ECOSYSTEMS), max_size=2),
    st.frozensets(st.integers(1, 8), max_size=2),
    texts,
    st.lists(opportunity_fields, max_size=3),
)


def build(fields: list[tuple]) -> list[ProfileInput]:
    profiles = []
    for identifier, (organisation, country, kind, ecosystems, stages, text, opps) in enumerate(
        fields
    ):
        opportunities = tuple(
            OpportunityInput(
                id=identifier * 10 + index,
                direction=direction,
                kind="product",
                title=title,
                ecosystems=opportunity_ecosystems,
                stage=stage,
            )
            for index, (direction, title, opportunity_ecosystems, stage) in enumerate(opps)
        )
        profiles.append(
            ProfileInput(
                id=identifier,
                organisation_id=organisation,
                country=country,
                organisation_kind=kind,
                ecosystems=ecosystems,
                stages=stages,
                profile_text=text,
                opportunities=opportunities,
            )
        )
    return profiles


@st.composite
def events(draw, max_size: int = 9):
    """(profiles, exclusions, pending requests, dismissals) of a small event."""
    profiles = build(draw(st.lists(profile_fields, min_size=1, max_size=max_size)))
    ids = st.integers(0, len(profiles) - 1)
    exclusions = draw(st.lists(st.tuples(ids, ids), max_size=4))
    pending = dict(draw(st.lists(st.tuples(ids, st.integers(0, 30)), max_size=4)))
    dismissals = draw(st.lists(st.tuples(ids, ids), max_size=4))
    return profiles, exclusions, pending, dismissals
