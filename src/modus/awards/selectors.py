"""Reading awards: what a voter sees, live counts, the tally of a category and the exports."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When

from modus.awards import receipts
from modus.awards.models import Award, Ballot, Nominee, PaperTotal, VoteRecord, VotingPhase
from modus.awards.tally import Configuration, Phase, Result, Vote, tally
from modus.events.models import Event


def approved_nominees() -> QuerySet[Nominee]:
    return Nominee.objects.filter(status=Nominee.Status.APPROVED)


def proposals(award: Award) -> QuerySet[Nominee]:
    """The award's nominees not on the ballot: those waiting for a decision first."""
    waiting = Case(When(status=Nominee.Status.PROPOSED, then=Value(0)), default=Value(1))
    return (
        award.nominees.exclude(status=Nominee.Status.APPROVED)
        .annotate(answered=waiting)
        .order_by("answered", "position", "pk")
    )


def proposal_counts(award: Award) -> dict[str, int]:
    """How many proposals wait for a decision, and how many were declined."""
    return award.nominees.aggregate(
        waiting=Count("pk", filter=Q(status=Nominee.Status.PROPOSED)),
        declined=Count("pk", filter=Q(status=Nominee.Status.DECLINED)),
    )


def awards_of(event: Event) -> QuerySet[Award]:
    return event.awards.prefetch_related(
        Prefetch("nominees", queryset=approved_nominees(), to_attr="on_ballot")
    )


def phases_of(event: Event) -> dict[str, VotingPhase]:
    return {phase.kind: phase for phase in event.voting_phases.all()}


def voted_in(user, event: Event) -> set[tuple[int, int]]:
    """(award id, phase id) pairs this person has voted in."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        VoteRecord.objects.filter(award__event=event, voter=user).values_list("award", "phase")
    )


def ballot_counts(event: Event) -> dict[str, int]:
    """Live number of ballots per phase (electronic and paper), never who leads."""
    counts = Counter(
        dict(
            Ballot.objects.filter(award__event=event)
            .values_list("phase__kind")
            .annotate(n=Count("pk"))
            .values_list("phase__kind", "n")
        )
    )
    for kind, count in PaperTotal.objects.filter(award__event=event).values_list(
        "phase__kind", "count"
    ):
        counts[kind] += count
    return dict(counts)


def configuration_of(award: Award, phases: list[VotingPhase]) -> Configuration:
    nominee_ids = tuple(approved_nominees().filter(award=award).values_list("pk", flat=True))
    return Configuration(
        nominees=nominee_ids,
        phases=tuple(Phase(phase.kind, phase.weight) for phase in phases),
        tie_break=award.tie_break,
    )


def count(award: Award) -> tuple[Configuration, Result]:
    """The current tally of a category, from its ballots and paper totals."""
    phases = list(award.event.voting_phases.all())
    configuration = configuration_of(award, phases)
    votes = [
        Vote(kind, nominee)
        for kind, nominee in Ballot.objects.filter(award=award).values_list(
            "phase__kind", "nominee"
        )
    ]
    paper = {
        (kind, nominee): total
        for kind, nominee, total in PaperTotal.objects.filter(award=award).values_list(
            "phase__kind", "nominee", "count"
        )
    }
    return configuration, tally(configuration, votes, paper)


def result_as_data(award: Award, configuration: Configuration, result: Result) -> dict:
    """The frozen form of a result, as published and exported."""
    names = dict(Nominee.objects.filter(award=award).values_list("pk", "name"))
    return {
        "award": award.pk,
        "name": award.name,
        "tie_break": configuration.tie_break,
        "phases": [
            {"kind": p.key, "weight": p.weight, "ballots": result.totals[p.key]}
            for p in configuration.phases
        ],
        "nominees": list(configuration.nominees),
        "standings": [
            {
                "nominee": s.nominee,
                "name": names[s.nominee],
                "rank": s.rank,
                "counts": dict(s.counts),
                "shares": {k: str(v) for k, v in s.shares.items()},
                "share_percent": {k: round(float(v) * 100, 1) for k, v in s.shares.items()},
                "combined": str(s.combined),
                "combined_percent": round(float(s.combined) * 100, 1),
            }
            for s in result.standings
        ],
    }


def published_awards(event: Event) -> QuerySet[Award]:
    return event.awards.filter(published_at__isnull=False)


def ballot_rows(event: Event):
    """The published categories' ballots, in receipt-hash order: nothing else to sort by."""
    return (
        Ballot.objects.filter(award__event=event, award__published_at__isnull=False)
        .order_by("award__position", "award", "phase__kind", "receipt_hash")
        .values_list("award", "phase__kind", "receipt_hash", "nominee", "nominee__name")
    )


def paper_rows(event: Event) -> list[dict]:
    return [
        {"award": a, "phase": k, "nominee": n, "count": c, "witness": w}
        for a, k, n, c, w in PaperTotal.objects.filter(
            award__event=event, award__published_at__isnull=False
        )
        .order_by("award", "nominee")
        .values_list("award", "phase__kind", "nominee", "count", "witness")
    ]


@dataclass(frozen=True)
class ReceiptCheck:
    found: bool
    award: str = ""
    phase: str = ""
    nominee: str = ""
    hash: str = ""
    # Whether the ballot list with this ballot's line is published (its category's results).
    published: bool = False


def check_receipt(event: Event, code: str) -> ReceiptCheck:
    digest = receipts.receipt_hash(code)
    ballot = (
        Ballot.objects.filter(award__event=event, receipt_hash=digest)
        .select_related("award", "phase", "nominee")
        .first()
    )
    if ballot is None:
        return ReceiptCheck(found=False, hash=digest)
    return ReceiptCheck(
        found=True,
        award=ballot.award.name,
        phase=ballot.phase.get_kind_display(),
        nominee=ballot.nominee.name,
        hash=digest,
        published=ballot.award.is_published,
    )
