"""Awards, their nominees, the two voting phases and the ballots.

Who voted is kept apart from what was voted. `Ballot` holds a choice and the SHA-256 of a
random receipt that only the voter was shown, and nothing else: no voter, no time, a random
key (so neither row order nor key sequence lines ballots up with voters). `VoteRecord` says
that a person voted in a category and phase, once (the database refuses a second row), and
nothing about the choice. Changing a vote deletes the ballot found by the hash of the receipt
the voter presents and stores a new ballot with a new receipt; nothing links the two. The
ballot also keeps a keyed hash of its voter with its receipt (`receipts.owner_hash`), so that
a receipt replaces only a ballot its holder cast; without the receipt that hash names nobody.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modus.awards.tally import TIE_ON_SITE, TIE_ONLINE, TIE_SHARED
from modus.common.constraints import ConstraintErrorsOnFields
from modus.common.storage import nominee_picture_storage, random_name
from modus.directory.models import Organisation, Person
from modus.events.models import Event


class TieBreak(models.TextChoices):
    ONLINE = TIE_ONLINE, _("The higher share of the online vote wins")
    ON_SITE = TIE_ON_SITE, _("The higher share of the on-site vote wins")
    SHARED = TIE_SHARED, _("Nominees still level share the award")


class Award(ConstraintErrorsOnFields):
    """An award category of an event, such as "Cluster Manager of the Year"."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="awards")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    tie_break = models.CharField(
        _("tie-break rule"),
        max_length=10,
        choices=TieBreak.choices,
        default=TieBreak.ONLINE,
        help_text=_("Applied when the combined results are equal; then nominees share a rank."),
    )
    nominations_open = models.BooleanField(
        _("community may propose nominees"),
        default=False,
    )
    # Published: the tally is frozen here and nothing about the category changes again.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    result = models.JSONField(default=dict, blank=True, editable=False)

    constraint_fields = {"award_name_once_per_event": "name"}

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("name"),
                name="award_name_once_per_event",
                violation_error_message=_("This event already has an award with this name."),
            ),
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True)
                | models.Q(result__has_key="standings"),
                name="award_published_with_result",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


def picture_path(nominee, filename: str) -> str:
    return random_name("nominees", filename)


class Nominee(models.Model):
    """A person, an organisation or a project nominated for an award."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")
        PROJECT = "project", _("Project")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed, waiting for approval")
        APPROVED = "approved", _("On the ballot")
        DECLINED = "declined", _("Declined")

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="nominees")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=200)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="nominations"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="nominations"
    )
    case = models.TextField(_("the case for the nominee"), max_length=2000, blank=True)
    picture = models.ImageField(
        _("picture"), upload_to=picture_path, storage=nominee_picture_storage, blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPROVED)
    position = models.PositiveSmallIntegerField(default=0)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("nominee")
        verbose_name_plural = _("nominees")
        indexes = [models.Index(fields=["award", "status"])]

    def __str__(self) -> str:
        return self.name


class VotingPhase(ConstraintErrorsOnFields):
    """The online community vote or the on-site vote of an event: when, and how much it counts."""

    class Kind(models.TextChoices):
        ONLINE = TIE_ONLINE, _("Online community vote")
        ON_SITE = TIE_ON_SITE, _("On-site vote")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="voting_phases")
    kind = models.CharField(_("phase"), max_length=10, choices=Kind.choices)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    weight = models.PositiveSmallIntegerField(
        _("weight (%)"), default=50, help_text=_("Its share in the combined result.")
    )

    constraint_fields = {
        "phase_closes_after_opening": "closes_at",
        "phase_weight_at_most_100": "weight",
    }

    class Meta:
        ordering = ["event", "-kind"]
        verbose_name = _("voting phase")
        verbose_name_plural = _("voting phases")
        constraints = [
            models.UniqueConstraint(fields=["event", "kind"], name="one_phase_of_a_kind"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="phase_closes_after_opening",
                violation_error_message=_("A phase must close after it opens."),
            ),
            models.CheckConstraint(
                condition=models.Q(weight__lte=100),
                name="phase_weight_at_most_100",
                violation_error_message=_("A phase's weight is a percentage: at most 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.event}"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class CommunityVoter(models.Model):
    """A member of the cluster community invited to the online vote by e-mail address."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="community_voters")
    email = models.EmailField(_("e-mail address"))
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("community voter")
        verbose_name_plural = _("community voters")
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="community_voter_once"),
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")), name="community_voter_email_lower"
            ),
        ]

    def __str__(self) -> str:
        return self.email


class VoteRecord(models.Model):
    """That a person voted in an award and phase, and nothing about how."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="vote_records")
    phase = models.ForeignKey(VotingPhase, on_delete=models.CASCADE, related_name="vote_records")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    voted_at = models.DateTimeField(default=timezone.now)
    changes = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("vote record")
        verbose_name_plural = _("vote records")
        constraints = [
            models.UniqueConstraint(
                fields=["award", "phase", "voter"], name="one_vote_per_award_and_phase"
            )
        ]

    def __str__(self) -> str:
        return f"{self.voter} · {self.award}"


class Ballot(models.Model):
    """One electronic ballot: a choice and its receipt's hashes, with no voter and no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="ballots")
    phase = models.ForeignKey(VotingPhase, on_delete=models.CASCADE, related_name="ballots")
    nominee = models.ForeignKey(Nominee, on_delete=models.PROTECT, related_name="ballots")
    receipt_hash = models.CharField(max_length=64, unique=True)
    # Ballots cast before it was kept have "": their receipts no longer change them.
    owner_hash = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        indexes = [models.Index(fields=["award", "phase"])]

    def __str__(self) -> str:
        return self.receipt_hash[:12]


class PaperTotal(models.Model):
    """The counted paper ballots of one nominee in the on-site phase, entered with a witness."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="paper_totals")
    phase = models.ForeignKey(VotingPhase, on_delete=models.CASCADE, related_name="paper_totals")
    nominee = models.ForeignKey(Nominee, on_delete=models.PROTECT, related_name="paper_totals")
    count = models.PositiveIntegerField(_("paper ballots"))
    witness = models.CharField(_("witness"), max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("paper ballot total")
        verbose_name_plural = _("paper ballot totals")
        constraints = [
            models.UniqueConstraint(fields=["award", "phase", "nominee"], name="one_paper_total")
        ]

    def __str__(self) -> str:
        return f"{self.nominee}: {self.count}"
