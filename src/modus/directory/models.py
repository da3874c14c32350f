"""The member directory: organisations, the people in them, memberships and taxonomy."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length, Lower, Upper
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.fields import CountryField

from modus.common.constraints import ConstraintErrorsOnFields
from modus.common.fields import WebsiteField
from modus.common.storage import photo_storage, random_name
from modus.directory.wordforms import document_keys


def country_code_check(field: str) -> models.Q:
    """Two upper-case letters: what an ISO 3166 alpha-2 code looks like in the database."""
    return models.Q(Exact(Length(field), 2), Exact(models.F(field), Upper(field)))


class Ecosystem(models.Model):
    """One of the EU's 14 industrial ecosystems (EU Industrial Strategy, 2021 update)."""

    code = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(unique=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("industrial ecosystem")
        verbose_name_plural = _("industrial ecosystems")

    def __str__(self) -> str:
        return str(_(self.name))


class ValueChainStage(models.Model):
    """A stage of a value chain, ordered from research to end use; neighbours trade."""

    code = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(unique=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("value-chain stage")
        verbose_name_plural = _("value-chain stages")

    def __str__(self) -> str:
        return str(_(self.name))


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    PARTICIPANTS = "participants", _("Signed-in participants only")
    HIDDEN = "hidden", _("Hidden")


class OrganisationKind(models.TextChoices):
    CLUSTER = "cluster", _("Cluster organisation")
    COMPANY = "company", _("Company")
    RESEARCH = "research", _("Research body")
    PUBLIC_AUTHORITY = "public-authority", _("Public authority")
    ASSOCIATION = "association", _("Association")
    INVESTOR = "investor", _("Investor")
    OTHER = "other", _("Other")


DESCRIPTION_MAX_LENGTH = 5000


class Organisation(ConstraintErrorsOnFields):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = WebsiteField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=DESCRIPTION_MAX_LENGTH)
    ecosystems = models.ManyToManyField(
        Ecosystem, blank=True, related_name="organisations", verbose_name=_("ecosystems")
    )
    value_chain_stages = models.ManyToManyField(
        ValueChainStage,
        blank=True,
        related_name="organisations",
        verbose_name=_("value-chain stages"),
    )
    manager = models.ForeignKey(
        "Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_organisations",
        verbose_name=_("manager"),
    )
    visibility = models.CharField(
        _("directory visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    # Word keys (directory/wordforms.py: folded, stemmed, synonyms joined) of the
    # organisation, its people's offers and requests; one indexed column keeps directory
    # search fast on both databases. search_text holds the offers of profiles signed-in
    # participants may see, public_search_text those of public profiles only (what
    # anonymous visitors search). search_name and search_profile (kind, place,
    # description, taxonomy) weigh a result: a name match ranks above a profile match,
    # which ranks above a match in offers only.
    search_text = models.TextField(blank=True, editable=False)
    public_search_text = models.TextField(blank=True, editable=False)
    search_name = models.TextField(blank=True, editable=False)
    search_profile = models.TextField(blank=True, editable=False)
    # The name's words folded but not stemmed (wordforms.folded_words): a picker matches
    # what is typed so far by the beginning of a word, which a stem need not be
    # ("technologic" begins "technologicka", not its key "technologik").
    name_words = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The field each constraint's message is shown on (see ConstraintErrorsOnFields).
    constraint_fields = {
        "organisation_country_code": "country",
        "organisation_kind_known": "kind",
    }

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(Lower("name"), name="organisation_name_lower"),
            models.Index(fields=["kind", "country"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=country_code_check("country"),
                name="organisation_country_code",
                violation_error_message=_(
                    "Enter the country as a two-letter ISO code, such as CZ."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values),
                name="organisation_kind_known",
                violation_error_message=_("Choose a kind of organisation from the list."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(ConstraintErrorsOnFields):
    """An organisation is a member of a cluster or an association."""

    member = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships_held"
    )
    parent = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="members_held")
    since = models.DateField(_("member since"), null=True, blank=True)

    # The field each constraint's message is shown on (see ConstraintErrorsOnFields).
    constraint_fields = {
        "membership_unique": "parent",
        "membership_not_self": "parent",
    }

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "parent"],
                name="membership_unique",
                violation_error_message=_("This organisation is already a member there."),
            ),
            models.CheckConstraint(
                condition=~models.Q(member=models.F("parent")),
                name="membership_not_self",
                violation_error_message=_("An organisation cannot be a member of itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ∈ {self.parent}"


PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 25_000_000  # 5000 × 5000: more than any profile photo needs


def photo_path(person, filename: str) -> str:
    return random_name("people", filename)


# Two letters in a row: a word, not only digits, punctuation or emoji ("!!! ???").
WORD_OF_LETTERS = re.compile(r"[^\W\d_]{2}")


def validate_has_words(text: str) -> None:
    """A title that says nothing in words would be matched by nothing, or by noise."""
    if text and not WORD_OF_LETTERS.search(text):
        raise ValidationError(_("Write it in words, not only digits or signs."))


def validate_photo_size(photo) -> None:
    if photo and photo.size > PHOTO_MAX_BYTES:
        raise ValidationError(_("The photo is larger than 5 MB."))


class Person(ConstraintErrorsOnFields):
    """A person's profile; their registrations at events are Participants."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="person"
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        verbose_name=_("organisation"),
    )
    country = CountryField(_("country"), blank=True)
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("For example: English, Czech")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language of e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Leave empty to get e-mails in the language you last used on the site."),
    )
    # Set at each sign-in; what "the language you last used" means above.
    last_used_language = models.CharField(max_length=10, blank=True, editable=False)
    photo = models.ImageField(
        _("photo"),
        upload_to=photo_path,
        storage=photo_storage,
        blank=True,
        validators=[validate_photo_size],
    )
    visibility = models.CharField(
        _("profile visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PARTICIPANTS,
    )
    share_contact = models.BooleanField(
        _("show my e-mail and phone to signed-in participants"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The field each constraint's message is shown on (see ConstraintErrorsOnFields).
    constraint_fields = {
        "person_country_code": "country",
    }

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(country="") | country_code_check("country"),
                name="person_country_code",
                violation_error_message=_(
                    "Enter the country as a two-letter ISO code, such as CZ."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def preferred_language(self) -> str:
        """The language to write to this person in: chosen, else last used, else the site's
        default (English)."""
        known = {code for code, _name in settings.LANGUAGES}
        for code in (self.language, self.last_used_language):
            if code in known:
                return code
        return settings.LANGUAGE_CODE


class OrganisationJoinRequest(ConstraintErrorsOnFields):
    """A person asks to be shown as one of an organisation's people; its manager decides.

    Person.organisation stays the approved one until then; a person has one open request.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="join_requests")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="join_requests"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The field each constraint's message is shown on (see ConstraintErrorsOnFields).
    constraint_fields = {
        "join_request_one_open_per_person": "organisation",
        "join_request_status_known": "status",
    }

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("request to join an organisation")
        verbose_name_plural = _("requests to join an organisation")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="pending"),
                name="join_request_one_open_per_person",
                violation_error_message=_(
                    "You already have an open request to join an organisation; withdraw it "
                    "before asking again."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "approved", "declined", "withdrawn"]),
                name="join_request_status_known",
                violation_error_message=_("Unknown status of a request to join."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.organisation}"


# Offers and requests one profile holds: enough to say what a person brings and seeks, few
# enough that each is read.
MAX_OPPORTUNITIES = 12


def too_many_opportunities() -> ValidationError:
    return ValidationError(
        # The words the profile page says when it is full (one catalogue entry).
        ngettext(
            "A profile holds at most %(counter)s offer or request; delete one to add another.",
            "A profile holds at most %(counter)s offers and requests; delete one to add another.",
            MAX_OPPORTUNITIES,
        )
        % {"counter": MAX_OPPORTUNITIES},
        code="too-many-opportunities",
    )


def changed_elsewhere(title: str) -> ValidationError:
    return ValidationError(
        _(
            "“%(title)s” was changed in another tab or window after this page was opened; "
            "open My profile again to see it as it now is, and make your change there."
        )
        % {"title": title},
        code="changed-elsewhere",
    )


REMOVED_ELSEWHERE = _(
    "This offer or request was deleted in another tab or window; open My profile again to "
    "see your profile as it now is."
)


def removed_elsewhere() -> ValidationError:
    return ValidationError(REMOVED_ELSEWHERE, code="removed-elsewhere")


class Opportunity(models.Model):
    """An offer or a request on a person's profile: what they bring, what they look for."""

    class Direction(models.TextChoices):
        OFFER = "offer", _("Offer")
        REQUEST = "request", _("Request")

    class Kind(models.TextChoices):
        PRODUCT = "product", _("Product")
        SERVICE = "service", _("Service")
        TECHNOLOGY = "technology", _("Technology")
        PARTNERSHIP = "partnership", _("Partnership")
        PROJECT = "project", _("Project cooperation")
        INVESTMENT = "investment", _("Investment")
        EXPERTISE = "expertise", _("Expertise")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="opportunities")
    direction = models.CharField(_("offer or request"), max_length=10, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=150, validators=[validate_has_words])
    description = models.TextField(_("description"), blank=True, max_length=2000)
    ecosystems = models.ManyToManyField(
        Ecosystem, blank=True, related_name="opportunities", verbose_name=_("ecosystems")
    )
    value_chain_stage = models.ForeignKey(
        ValueChainStage,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
        verbose_name=_("value-chain stage"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When its words or fields last changed: an offer tells the owner of a request that was
    # unanswered only when it is new or changed since (see recommendations.tell_answered).
    updated_at = models.DateTimeField(auto_now=True)
    # Title and description as directory search's word keys (wordforms), kept by save(), so
    # the marketplace finds "sensor" for "senzor" and "optics" for "optika" as the directory
    # does; the title's alone rank a match in the title first.
    search_keys = models.TextField(default="", editable=False)
    title_keys = models.TextField(default="", editable=False)

    class Meta:
        ordering = ["direction", "id"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")

    def __str__(self) -> str:
        return f"{self.get_direction_display()}: {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.search_keys = document_keys(f"{self.title} {self.description}")
        self.title_keys = document_keys(self.title)
        fields = kwargs.get("update_fields")
        if fields is not None and {"title", "description"} & set(fields):
            kwargs["update_fields"] = {*fields, "search_keys", "title_keys"}
        super().save(*args, **kwargs)

    @property
    def edit_version(self) -> str:
        """What a form remembers of the offer it edits, to tell whether it changed since."""
        return self.updated_at.isoformat() if self.updated_at else ""


WISH_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 1000


class SearchKeyRules(models.Model):
    """One row: a fingerprint of the rules the stored search keys were made by
    (search.rules_fingerprint). After an upgrade changes them, migrate makes the keys again."""

    fingerprint = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("search key rules")
        verbose_name_plural = _("search key rules")

    def __str__(self) -> str:
        return self.fingerprint[:12]


class IntroductionRequest(ConstraintErrorsOnFields):
    """A visitor asks the association to be introduced to a member cluster, or to a kind of
    partner: routed to that cluster's manager, or left to association staff to route.

    `routed_to` is the person who answers (the cluster's manager when it was routed); an open
    request routed to nobody waits for staff. `version` grows with every change, so a form
    shown before someone else's change is refused instead of undoing it.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    class Channel(models.TextChoices):
        PAGE = "page", _("Organisation page")
        CATALOGUE = "catalogue", _("Member catalogue")
        BOOTH = "booth", _("Association booth")

    requester = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="introductions_asked"
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions",
        verbose_name=_("cluster"),
    )
    wish = models.TextField(_("whom you would like to meet"), max_length=WISH_MAX_LENGTH)
    routed_to = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions_received",
    )
    # The event at whose booth it was asked, if any: where a meeting slot is looked for first.
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.PAGE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    reason = models.TextField(_("reason"), blank=True, max_length=REASON_MAX_LENGTH)
    suggested_slot = models.ForeignKey(
        "matchmaking.Slot", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nudge_count = models.PositiveSmallIntegerField(default=0)
    nudged_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    # The field each constraint's message is shown on (see ConstraintErrorsOnFields).
    constraint_fields = {
        "introduction_one_open_per_cluster": "organisation",
        "introduction_wish_given": "wish",
        "introduction_declined_with_reason": "reason",
        "introduction_status_known": "status",
        "introduction_answered_when_closed": "status",
    }

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("introduction request")
        verbose_name_plural = _("introduction requests")
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["routed_to", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "organisation"],
                condition=models.Q(status="open"),
                name="introduction_one_open_per_cluster",
                violation_error_message=_(
                    "You already asked for an introduction to this cluster; it is still open."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "accepted", "declined"]),
                name="introduction_status_known",
                violation_error_message=_("Unknown status of an introduction."),
            ),
            models.CheckConstraint(
                condition=~models.Q(wish=""),
                name="introduction_wish_given",
                violation_error_message=_("Say whom you would like to meet."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(reason=""),
                name="introduction_declined_with_reason",
                violation_error_message=_("Give a reason for declining."),
            ),
            models.CheckConstraint(
                condition=models.Q(status="open", answered_at__isnull=True)
                | (~models.Q(status="open") & models.Q(answered_at__isnull=False)),
                name="introduction_answered_when_closed",
                violation_error_message=_("An answered introduction needs its time of answer."),
            ),
        ]

    def __str__(self) -> str:
        target = self.organisation.name if self.organisation_id else self.wish[:60]
        return f"{self.requester} → {target}"
