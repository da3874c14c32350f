"""Every change to awards: set-up, nominations, phases, voters, ballots, paper totals and
publication. Each runs in one transaction and records itself in the audit log, except
ballots: a ballot's audit entry would tie the voter to the choice (VoteRecord says who
voted)."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from modus.accounts.services import send_link_mail
from modus.awards import receipts, selectors
from modus.awards.models import (
    Award,
    Ballot,
    CommunityVoter,
    Nominee,
    PaperTotal,
    VoteRecord,
    VotingPhase,
)
from modus.common import audit
from modus.common.permissions import may_vote, nominees_visible_to, require
from modus.events.models import Event
from modus.matchmaking.services.locks import (
    lock_award,
    lock_for_ballot,
    lock_phase,
    lock_phases_of,
)

AWARD_FIELDS = ("name", "description", "position", "tie_break", "nominations_open")


def refuse_if_published(award: Award) -> None:
    if award.is_published:
        raise ValidationError(
            _("The results of “%(award)s” are published and cannot change.") % {"award": award.name}
        )


@transaction.atomic
def add_award(*, by, event: Event, name: str, **fields) -> Award:
    require(by, "events.manage_event", event)
    award = Award(event=event, name=name.strip(), **fields)
    award.full_clean()
    award.save()
    audit.record(by=by, action="awards.award_added", obj=award, data={"name": award.name})
    return award


@transaction.atomic
def change_award(*, by, award: Award, **fields) -> Award:
    require(by, "events.manage_event", award.event)
    award = lock_award(award.pk)
    refuse_if_published(award)
    before = {key: getattr(award, key) for key in fields}
    for key, value in fields.items():
        if key not in AWARD_FIELDS:
            raise ValueError(key)
        setattr(award, key, value)
    award.full_clean()
    award.save()
    audit.record(
        by=by, action="awards.award_changed", obj=award, data={"before": before, "after": fields}
    )
    return award


def _new_nominee(award: Award, **fields) -> Nominee:
    nominee = Nominee(award=award, **fields)
    nominee.position = award.nominees.count() + 1
    nominee.full_clean()
    nominee.save()
    return nominee


def refuse_taken_name(award: Award, name: str) -> None:
    """Refused when the award has a nominee of this name: two would split its votes. Called
    under the award's lock, so that two additions of one name take turns."""
    if award.nominees.filter(name__iexact=name).exists():
        raise ValidationError(
            _(
                "“%(name)s” is already a nominee for this award. If this is another nominee, "
                "add to the name what tells the two apart."
            )
            % {"name": name}
        )


@transaction.atomic
def add_nominee(*, by, award: Award, name: str, kind: str, **fields) -> Nominee:
    """The organiser (or the jury through them) puts a nominee on the ballot."""
    require(by, "events.manage_event", award.event)
    award = lock_award(award.pk)
    refuse_if_published(award)
    refuse_taken_name(award, name.strip())
    nominee = _new_nominee(award, name=name.strip(), kind=kind, **fields)
    audit.record(by=by, action="awards.nominee_added", obj=nominee, data={"award": award.pk})
    return nominee


@transaction.atomic
def propose_nominee(*, by, award: Award, name: str, kind: str, case: str = "") -> Nominee:
    """A community member proposes a nominee, for the organiser to approve."""
    if not award.nominations_open:
        raise ValidationError(_("This award takes no proposals."))
    if not by.has_perm("awards.propose_nominee", award.event):
        raise ValidationError(_("Only the event's community may propose nominees."))
    award = lock_award(award.pk)
    refuse_if_published(award)
    # Checked under the award's lock: two proposals of one name take turns.
    existing = award.nominees.filter(name__iexact=name.strip()).first()
    if existing is not None:
        return proposed_again(by=by, nominee=existing, name=name.strip())
    nominee = _new_nominee(
        award,
        name=name.strip(),
        kind=kind,
        case=case,
        status=Nominee.Status.PROPOSED,
        proposed_by=by,
    )
    audit.record(by=by, action="awards.nominee_proposed", obj=nominee, data={"award": award.pk})
    return nominee


def proposed_again(*, by, nominee: Nominee, name: str) -> Nominee:
    """A second proposal of a nominee. Only one who may see the nominee (on the ballot, or
    proposed by them) is told; to anyone else it answers as a new proposal does, or
    proposing names one by one would tell which the organisers are still considering or
    declined."""
    seen = Nominee.objects.filter(nominees_visible_to(by), pk=nominee.pk).exists()
    if seen or nominee.proposed_by_id == by.pk:
        raise ValidationError(
            _("“%(name)s” has already been proposed for this award.") % {"name": name}
        )
    audit.record(by=by, action="awards.nominee_proposed_again", obj=nominee)
    return nominee


@transaction.atomic
def decide_nominee(*, by, nominee: Nominee, approve: bool) -> Nominee:
    require(by, "events.manage_event", nominee.award.event)
    lock_award(nominee.award_id)
    refuse_if_published(nominee.award)
    if nominee.ballots.exists():
        raise ValidationError(_("This nominee already has votes and stays on the ballot."))
    # Paper totals are votes too: a tally with a declined nominee's would not add up.
    if nominee.paper_totals.exists():
        raise ValidationError(
            _("This nominee already has paper ballot totals and stays on the ballot.")
        )
    nominee.status = Nominee.Status.APPROVED if approve else Nominee.Status.DECLINED
    nominee.save(update_fields=["status"])
    audit.record(by=by, action=f"awards.nominee_{nominee.status}", obj=nominee)
    return nominee


@transaction.atomic
def configure_phase(
    *, by, event: Event, kind: str, opens_at: datetime, closes_at: datetime, weight: int
) -> VotingPhase:
    require(by, "events.manage_event", event)
    phase = VotingPhase.objects.filter(event=event, kind=kind).first()
    if phase is not None:
        phase = lock_phase(phase.pk)
    refuse_if_results_published(event)
    before = {} if phase is None else phase_data(phase)
    phase = phase or VotingPhase(event=event, kind=kind)
    phase.opens_at, phase.closes_at, phase.weight = opens_at, closes_at, weight
    phase.full_clean()
    phase.save()
    audit.record(
        by=by,
        action="awards.phase_configured",
        obj=phase,
        data={"before": before, "after": phase_data(phase)},
    )
    return phase


def phase_data(phase: VotingPhase) -> dict:
    return {
        "opens_at": phase.opens_at.isoformat(),
        "closes_at": phase.closes_at.isoformat(),
        "weight": phase.weight,
    }


def refuse_if_results_published(event: Event) -> None:
    """Once a result is published, the phases it was counted in stay as they were. Asked
    with the phase locked: publishing locks the phases too (`lock_phases_of`), so a change
    and a publication take turns and the later one sees the earlier."""
    if event.awards.filter(published_at__isnull=False).exists():
        raise ValidationError(_("Results are published: voting cannot open again."))


@transaction.atomic
def open_phase(*, by, phase: VotingPhase) -> VotingPhase:
    """Open now: until its closing time, or for a day if that has passed."""
    require(by, "events.manage_event", phase.event)
    phase = lock_phase(phase.pk)
    now = timezone.now()
    if phase.is_open(now):
        raise ValidationError(_("This phase is already open."))
    refuse_if_results_published(phase.event)
    phase.opens_at = now
    if phase.closes_at <= now:
        phase.closes_at = now + timezone.timedelta(days=1)
    phase.save(update_fields=["opens_at", "closes_at"])
    audit.record(by=by, action="awards.phase_opened", obj=phase, data=phase_data(phase))
    return phase


@transaction.atomic
def close_phase(*, by, phase: VotingPhase) -> VotingPhase:
    """Close now. Waits for the ballots in flight (they hold the phase's row FOR SHARE)."""
    require(by, "events.manage_event", phase.event)
    phase = lock_phase(phase.pk)
    now = timezone.now()
    if not phase.is_open(now):
        raise ValidationError(_("This phase is not open."))
    phase.closes_at = now
    phase.save(update_fields=["closes_at"])
    audit.record(by=by, action="awards.phase_closed", obj=phase, data=phase_data(phase))
    return phase


def parse_emails(text: str) -> list[str]:
    """E-mail addresses, one per line or separated by commas; a bad one is an error."""
    found, bad = [], []
    for raw in text.replace(",", "\n").replace(";", "\n").splitlines():
        email = raw.strip().lower()
        if not email:
            continue
        try:
            validate_email(email)
        except ValidationError:
            bad.append(raw.strip()[:80])
            continue
        if email not in found:
            found.append(email)
    if bad:
        raise ValidationError(
            _("Not e-mail addresses: %(bad)s") % {"bad": ", ".join(bad[:10])}, code="bad_email"
        )
    if not found:
        raise ValidationError(_("Give at least one e-mail address."), code="empty")
    return found


def invite_voters(*, by, event: Event, emails: Iterable[str], send: bool = True) -> int:
    """Add community members to the online vote; each gets a sign-in link to the ballot.

    Signing in by that link is what proves the address is theirs. Returns how many are new."""
    emails = [email.strip().lower() for email in emails]
    with transaction.atomic():
        require(by, "events.manage_event", event)
        known = set(
            CommunityVoter.objects.filter(event=event, email__in=emails).values_list(
                "email", flat=True
            )
        )
        new = [email for email in emails if email not in known]
        CommunityVoter.objects.bulk_create(
            [CommunityVoter(event=event, email=email) for email in new], ignore_conflicts=True
        )
        users = get_user_model().objects
        have_accounts = {
            e.lower() for e in users.filter(email__in=new).values_list("email", flat=True)
        }
        for email in new:
            if email not in have_accounts:
                users.create_user(email=email)
        audit.record(by=by, action="awards.voters_invited", obj=event, data={"emails": new})
    if send:
        send_invitations(event, new)
    return len(new)


def send_invitations(event: Event, emails: list[str]) -> None:
    """An invitation that names the vote and when it closes; its link opens the ballot."""
    online = event.voting_phases.filter(kind=VotingPhase.Kind.ONLINE).first()
    context = {
        "event": event,
        "closes_at": online.closes_at if online else None,
        "time_zone": event.time_zone,
    }
    next_url = reverse("awards:vote", args=[event.slug])
    for email in emails:
        send_link_mail(
            email=email,
            subject=_("You are invited to vote: %(event)s") % {"event": event.name},
            template="awards/voter_invitation.txt",
            context=context,
            next_url=next_url,
        )


def cast_vote(*, by, award: Award, phase: VotingPhase, nominee_id, receipt: str = "") -> str:
    """Store a ballot and return its new receipt. With the receipt of the voter's earlier
    ballot, that ballot is replaced (the last vote counts) without linking the two."""
    with transaction.atomic():
        lock_for_ballot(award.pk, phase.pk)
        award = Award.objects.select_related("event").get(pk=award.pk)
        phase = VotingPhase.objects.select_related("event").get(pk=phase.pk)
        if phase.event_id != award.event_id:
            raise ValidationError(_("This phase belongs to another event."))
        refuse_if_published(award)
        now = timezone.now()
        if now < phase.opens_at:
            raise ValidationError(_("Voting in this phase has not opened yet."))
        if now >= phase.closes_at:
            raise ValidationError(_("Voting in this phase has closed."))
        if not may_vote(by, phase):
            if phase.kind == VotingPhase.Kind.ONLINE:
                raise ValidationError(_("Only invited members of the community may vote online."))
            raise ValidationError(_("Only participants who have checked in may vote on site."))
        nominee = selectors.approved_nominees().filter(pk=nominee_id, award=award).first()
        if nominee is None:
            raise ValidationError(_("Choose one of this award's nominees."))
        if receipt:
            replace_ballot(by=by, award=award, phase=phase, receipt=receipt)
        else:
            try:
                with transaction.atomic():
                    VoteRecord.objects.create(award=award, phase=phase, voter=by, voted_at=now)
            except IntegrityError:
                raise ValidationError(
                    _(
                        "You have already voted in this category. To change your vote, "
                        "give the receipt code of your ballot."
                    )
                ) from None
        code = receipts.new_receipt()
        Ballot.objects.create(
            award=award,
            phase=phase,
            nominee=nominee,
            receipt_hash=receipts.receipt_hash(code),
            owner_hash=receipts.owner_hash(by.pk, code),
        )
    return code


def replace_ballot(*, by, award: Award, phase: VotingPhase, receipt: str) -> None:
    record = (
        VoteRecord.objects.select_for_update(no_key=True)
        .filter(award=award, phase=phase, voter=by)
        .first()
    )
    if record is None:
        raise ValidationError(
            _("You have not voted in this category yet, so there is nothing to change.")
        )
    # Only a ballot this voter cast: another voter's receipt matches no owner hash of theirs.
    deleted, _rows = Ballot.objects.filter(
        award=award,
        phase=phase,
        receipt_hash=receipts.receipt_hash(receipt),
        owner_hash=receipts.owner_hash(by.pk, receipt),
    ).delete()
    if deleted != 1:
        raise ValidationError(_("No ballot in this category has this receipt code."))
    record.changes += 1
    record.save(update_fields=["changes"])


@transaction.atomic
def enter_paper_totals(*, by, award: Award, totals: dict[int, int], witness: str) -> None:
    """Counted paper ballots of the on-site phase, per nominee, with the witness named."""
    require(by, "events.manage_event", award.event)
    award = lock_award(award.pk)
    refuse_if_published(award)
    witness = witness.strip()
    if not witness:
        raise ValidationError(_("Name the witness of the count."))
    phase = VotingPhase.objects.filter(event=award.event, kind=VotingPhase.Kind.ON_SITE).first()
    if phase is None:
        raise ValidationError(_("Set up the on-site phase first."))
    nominees = set(selectors.approved_nominees().filter(award=award).values_list("pk", flat=True))
    if set(totals) - nominees:
        raise ValidationError(_("Choose one of this award's nominees."))
    if any(count < 0 for count in totals.values()):
        raise ValidationError(_("A total cannot be negative."))
    for nominee_id, count in totals.items():
        PaperTotal.objects.update_or_create(
            award=award,
            phase=phase,
            nominee_id=nominee_id,
            defaults={
                "count": count,
                "witness": witness,
                "entered_by": by if getattr(by, "is_authenticated", False) else None,
                "entered_at": timezone.now(),
            },
        )
    audit.record(
        by=by,
        action="awards.paper_totals_entered",
        obj=award,
        data={"witness": witness, "totals": {str(k): v for k, v in totals.items()}},
    )


@transaction.atomic
def publish_result(*, by, award: Award) -> Award:
    """Freeze the tally of a category and show it: at the ceremony, on the results page."""
    require(by, "events.manage_event", award.event)
    award = lock_award(award.pk)
    refuse_if_published(award)
    now = timezone.now()
    phases = lock_phases_of(award.event_id)
    if not phases:
        raise ValidationError(_("Set up the voting phases first."))
    if any(phase.closes_at > now for phase in phases):
        raise ValidationError(_("Close every voting phase before publishing the results."))
    configuration, result = selectors.count(award)
    award.result = selectors.result_as_data(award, configuration, result)
    award.published_at = now
    award.published_by = by if getattr(by, "is_authenticated", False) else None
    award.save(update_fields=["result", "published_at", "published_by"])
    audit.record(
        by=by, action="awards.result_published", obj=award, data={"winners": result.winners}
    )
    return award
