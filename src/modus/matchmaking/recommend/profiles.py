"""What the recommendation core is given: participants' profiles, opportunities and filters.

Plain frozen dataclasses; each checks its own values so that bad data fails with a clear
message before any scoring starts.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from modus.matchmaking.recommend.taxonomy import (
    DIRECTIONS,
    ECOSYSTEM_NAMES,
    OPPORTUNITY_KINDS,
    ORGANISATION_KINDS,
    VALUE_CHAIN_STAGES,
)

# Participant, organisation and opportunity ids: whatever the caller uses (database keys),
# as long as the ids of one kind are hashable and comparable with each other.
Id = Hashable


def _check_ecosystems(ecosystems: frozenset[str], owner: str) -> None:
    unknown = sorted(set(ecosystems) - set(ECOSYSTEM_NAMES))
    if unknown:
        raise ValueError(f"{owner}: unknown ecosystem code(s) {unknown}")


def _check_stage(stage: int, owner: str) -> None:
    if stage not in VALUE_CHAIN_STAGES:
        raise ValueError(f"{owner}: value-chain stage must be 1..8, got {stage!r}")


def opportunity_text(title: str, description: str) -> str:
    """The text matched against other opportunities: the title counts twice."""
    return f"{title}. {title}. {description}"


def profile_text(job_title: str, organisation_description: str) -> str:
    """The text matched against other profiles: what a person does and their organisation.

    A job title alone says what someone is, not what their organisation does: two
    "Managing director"s of imported organisations without descriptions were told to have
    similar profiles. So a title adds to a description and never stands in for one."""
    if not organisation_description.strip():
        return ""
    return " ".join(filter(None, [job_title, organisation_description]))


@dataclass(frozen=True)
class OpportunityInput:
    """An offer or a request of a participant, as written in their profile."""

    id: Id
    direction: str
    kind: str
    title: str
    description: str = ""
    ecosystems: frozenset[str] = frozenset()
    stage: int | None = None

    def __post_init__(self) -> None:
        owner = f"opportunity {self.id!r}"
        if self.direction not in DIRECTIONS:
            raise ValueError(f"{owner}: direction must be one of {DIRECTIONS}")
        if self.kind not in OPPORTUNITY_KINDS:
            raise ValueError(f"{owner}: kind must be one of {OPPORTUNITY_KINDS}")
        object.__setattr__(self, "ecosystems", frozenset(self.ecosystems))
        _check_ecosystems(self.ecosystems, owner)
        if self.stage is not None:
            _check_stage(self.stage, owner)

    @property
    def text(self) -> str:
        return opportunity_text(self.title, self.description)


@dataclass(frozen=True)
class ProfileInput:
    """A participant as the recommender sees them."""

    id: Id
    organisation_id: Id
    country: str
    organisation_kind: str
    ecosystems: frozenset[str] = frozenset()
    stages: frozenset[int] = frozenset()
    profile_text: str = ""
    opportunities: tuple[OpportunityInput, ...] = ()

    def __post_init__(self) -> None:
        owner = f"participant {self.id!r}"
        if len(self.country) != 2 or not self.country.isascii() or not self.country.isupper():
            raise ValueError(f"{owner}: country must be an ISO 3166 alpha-2 code such as 'CZ'")
        if self.organisation_kind not in ORGANISATION_KINDS:
            raise ValueError(f"{owner}: organisation kind must be one of {ORGANISATION_KINDS}")
        object.__setattr__(self, "ecosystems", frozenset(self.ecosystems))
        object.__setattr__(self, "stages", frozenset(self.stages))
        object.__setattr__(self, "opportunities", tuple(self.opportunities))
        _check_ecosystems(self.ecosystems, owner)
        for stage in self.stages:
            _check_stage(stage, owner)

    @property
    def all_ecosystems(self) -> frozenset[str]:
        """The profile's ecosystems together with those of its opportunities."""
        return self.ecosystems.union(*(o.ecosystems for o in self.opportunities))

    @property
    def all_stages(self) -> frozenset[int]:
        """The profile's value-chain stages together with those of its opportunities."""
        return self.stages.union(o.stage for o in self.opportunities if o.stage is not None)


@dataclass(frozen=True)
class Filters:
    """Which others may be recommended; an empty set means no restriction."""

    countries: frozenset[str] = field(default_factory=frozenset)
    organisation_kinds: frozenset[str] = field(default_factory=frozenset)
    ecosystems: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "countries", frozenset(self.countries))
        object.__setattr__(self, "organisation_kinds", frozenset(self.organisation_kinds))
        object.__setattr__(self, "ecosystems", frozenset(self.ecosystems))
        _check_ecosystems(self.ecosystems, "filters")
        unknown = sorted(self.organisation_kinds - set(ORGANISATION_KINDS))
        if unknown:
            raise ValueError(f"filters: unknown organisation kind(s) {unknown}")

    def admits(self, profile: ProfileInput) -> bool:
        """Whether `profile` may appear in a list under these filters."""
        if self.countries and profile.country not in self.countries:
            return False
        if self.organisation_kinds and profile.organisation_kind not in self.organisation_kinds:
            return False
        return not self.ecosystems or bool(self.ecosystems & profile.all_ecosystems)
