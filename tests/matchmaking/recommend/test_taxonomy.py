from modus.matchmaking.recommend.taxonomy import (
    ECOSYSTEM_CODES,
    ECOSYSTEM_NAMES,
    OPPORTUNITY_KINDS,
    ORGANISATION_KINDS,
    STAGE_POSITIONS,
    VALUE_CHAIN_STAGES,
)


def test_the_fourteen_ecosystems_with_the_leads_codes():
    assert ECOSYSTEM_CODES == (
        "aerospace-defence", "agri-food", "construction", "cultural-creative", "digital",
        "electronics", "energy-intensive", "renewables", "health",
        "mobility-transport-automotive", "proximity-social-economy", "retail", "textile",
        "tourism",
    )  # fmt: skip
    assert set(ECOSYSTEM_NAMES) == set(ECOSYSTEM_CODES)


def test_value_chain_positions_run_from_research_to_end_use():
    assert STAGE_POSITIONS == (1, 2, 3, 4, 5, 6, 7, 8)
    assert [VALUE_CHAIN_STAGES[p][0] for p in STAGE_POSITIONS] == [
        "research", "design", "materials", "components", "integration", "distribution",
        "services", "end-use",
    ]  # fmt: skip


def test_kinds():
    assert OPPORTUNITY_KINDS == (
        "product", "service", "technology", "partnership", "project", "investment", "expertise",
    )  # fmt: skip
    assert ORGANISATION_KINDS == (
        "cluster", "company", "research", "public-authority", "association", "investor", "other",
    )  # fmt: skip
