"""Small hand-made profiles for the recommendation tests."""

from __future__ import annotations

from modus.matchmaking.recommend import OpportunityInput, ProfileInput

_next_opportunity = iter(range(1_000_000))


def offer(title: str, description: str = "", **fields) -> OpportunityInput:
    fields.setdefault("kind", "product")
    return OpportunityInput(next(_next_opportunity), "offer", title=title,
                            description=description, **fields)  # fmt: skip


def request(title: str, description: str = "", **fields) -> OpportunityInput:
    fields.setdefault("kind", "product")
    return OpportunityInput(next(_next_opportunity), "request", title=title,
                            description=description, **fields)  # fmt: skip


def participant(identifier: int, *opportunities: OpportunityInput, **fields) -> ProfileInput:
    fields.setdefault("organisation_id", f"org-{identifier}")
    fields.setdefault("country", "CZ")
    fields.setdefault("organisation_kind", "company")
    return ProfileInput(id=identifier, opportunities=tuple(opportunities), **fields)


def photonics_event() -> list[ProfileInput]:
    """A buyer of optics, its supplier, two look-alikes of the buyer and bystanders."""
    return [
        participant(
            1,
            request("optical components supplier", "lenses and mirrors for our laser cutters"),
            profile_text="Laser cutting machines for sheet metal",
            ecosystems={"electronics"},
            stages={5},
        ),
        participant(
            2,
            offer("precision optics for laser systems", "we grind lenses and optical mirrors"),
            profile_text="Optical workshop",
            country="LT",
            ecosystems={"electronics"},
            stages={4},
        ),
        participant(
            3,
            profile_text="Laser cutting machines for sheet metal",
            ecosystems={"electronics"},
            stages={5},
        ),
        participant(
            4,
            profile_text="Laser cutting machines for sheet metal and tubes",
            ecosystems={"electronics"},
            stages={5},
        ),
        participant(
            5, offer("organic bakery flour"), profile_text="Bakery", ecosystems={"agri-food"}
        ),
        participant(6, request("hotel booking software"), profile_text="Spa hotel", country="AT"),
    ]
