"""The award tally: a pure function of the ballot list and the configuration.

No Django here. Each phase's share of a nominee is its votes over the phase's votes; the
combined result is the weighted mean of the shares, in exact fractions, so a recount from
the exported ballot list gives the very same numbers. A phase without any vote adds nothing
to anyone. Ties on the combined result are broken by the stated rule (the higher share in one
named phase); nominees still level share their rank (1, 1, 3).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

# Tie-break rules: break on the share of this phase, or leave tied nominees level.
TIE_ONLINE = "online"
TIE_ON_SITE = "onsite"
TIE_SHARED = "shared"
TIE_BREAKS = (TIE_ONLINE, TIE_ON_SITE, TIE_SHARED)


class TallyError(ValueError):
    """The ballots do not fit the configuration (unknown phase or nominee)."""


@dataclass(frozen=True)
class Phase:
    key: str  # "online" or "onsite"
    weight: int  # any non-negative number; only the ratio between phases matters


@dataclass(frozen=True)
class Configuration:
    nominees: tuple[int, ...]
    phases: tuple[Phase, ...]
    tie_break: str = TIE_SHARED


@dataclass(frozen=True)
class Vote:
    """One electronic ballot: a phase and the nominee chosen."""

    phase: str
    nominee: int


@dataclass(frozen=True)
class Standing:
    nominee: int
    counts: Mapping[str, int]
    shares: Mapping[str, Fraction]
    combined: Fraction
    rank: int


@dataclass(frozen=True)
class Result:
    standings: tuple[Standing, ...]  # best first
    totals: Mapping[str, int] = field(default_factory=dict)

    @property
    def winners(self) -> tuple[int, ...]:
        return tuple(s.nominee for s in self.standings if s.rank == 1)


def tally(
    configuration: Configuration,
    votes: Iterable[Vote],
    paper: Mapping[tuple[str, int], int] | None = None,
) -> Result:
    """Count `votes` plus paper totals ({(phase, nominee): count}) under `configuration`."""
    phases = {phase.key: phase for phase in configuration.phases}
    if configuration.tie_break not in TIE_BREAKS:
        raise TallyError(f"unknown tie-break rule {configuration.tie_break!r}")
    if any(phase.weight < 0 for phase in configuration.phases):
        raise TallyError("a weight cannot be negative")
    nominees = set(configuration.nominees)
    counts: Counter[tuple[str, int]] = Counter()
    for vote in votes:
        counts[(vote.phase, vote.nominee)] += 1
    for key, count in (paper or {}).items():
        if count < 0:
            raise TallyError("a paper total cannot be negative")
        counts[key] += count
    for phase, nominee in counts:
        if phase not in phases:
            raise TallyError(f"a ballot names an unknown phase {phase!r}")
        if nominee not in nominees:
            raise TallyError(f"a ballot names an unknown nominee {nominee!r}")
    totals = {key: sum(counts[(key, n)] for n in nominees) for key in phases}
    weight_sum = sum(phase.weight for phase in configuration.phases)
    rows = []
    for nominee in configuration.nominees:
        mine = {key: counts[(key, nominee)] for key in phases}
        shares = {
            key: Fraction(mine[key], totals[key]) if totals[key] else Fraction(0) for key in phases
        }
        combined = (
            sum((Fraction(phases[key].weight) * shares[key] for key in phases), Fraction(0))
            / weight_sum
            if weight_sum
            else Fraction(0)
        )
        rows.append((nominee, mine, shares, combined))
    return Result(standings=rank(rows, configuration.tie_break), totals=totals)


def rank(rows, tie_break: str) -> tuple[Standing, ...]:
    def strength(row) -> tuple[Fraction, Fraction]:
        _, _, shares, combined = row
        second = shares.get(tie_break, Fraction(0)) if tie_break != TIE_SHARED else Fraction(0)
        return combined, second

    # Sorted by strength, then by nominee id only to list level nominees in a fixed order.
    ordered = sorted(rows, key=lambda row: (tuple(-x for x in strength(row)), row[0]))
    standings = []
    for position, row in enumerate(ordered, start=1):
        level = standings and strength(ordered[position - 2]) == strength(row)
        place = standings[-1].rank if level else position
        nominee, mine, shares, combined = row
        standings.append(Standing(nominee, mine, shares, combined, place))
    return tuple(standings)
