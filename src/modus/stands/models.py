"""Exhibitor stands on a hall's floor plan, and the leads their staff capture by badge scan."""

import re

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modus.common.constraints import ConstraintErrorsOnFields
from modus.directory.models import Organisation
from modus.directory.wordforms import document_keys
from modus.events.models import Event, Participant
from modus.matchmaking.models import Table
from modus.stands.plans import plan_path

# A hall is measured in grid units (metres, say); stands are placed on whole units.
MAX_HALL_UNITS = 500


class Hall(ConstraintErrorsOnFields):
    """A hall of the venue: a grid of `width` × `height` units, with an optional plan image
    stretched under it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="halls")
    name = models.CharField(_("name"), max_length=100)
    width = models.PositiveSmallIntegerField(_("width (grid units)"), default=60)
    height = models.PositiveSmallIntegerField(_("depth (grid units)"), default=40)
    image = models.ImageField(_("plan image"), upload_to=plan_path, blank=True)

    constraint_fields = {"hall_name_unique": "name", "hall_size": "width"}

    class Meta:
        ordering = ["event", "name"]
        verbose_name = _("hall")
        verbose_name_plural = _("halls")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "name"],
                name="hall_name_unique",
                violation_error_message=_("The event already has a hall of this name."),
            ),
            models.CheckConstraint(
                condition=Q(width__gte=1, width__lte=MAX_HALL_UNITS)
                & Q(height__gte=1, height__lte=MAX_HALL_UNITS),
                name="hall_size",
                violation_error_message=_("A hall measures 1 to 500 units each way."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


# Wide enough for any run of digits a 20-character stand number holds.
DIGIT_RUN = 20


def natural_key(number: str) -> str:
    """A stand number as people count them, S2 before S10, A1 before A 3 and B2-3 before
    B2-14: each run of digits without its leading zeros, padded to one width; letters in
    lower case; no spaces."""
    padded = re.sub(r"\d+", lambda run: run.group().lstrip("0").rjust(DIGIT_RUN, "0"), number)
    return "".join(padded.lower().split())


class Stand(ConstraintErrorsOnFields):
    """An exhibitor's stand: where it is on the plan, who staffs it, what it offers.

    Its B2B meeting point, when it has one, is the matchmaking Table with the stand's host."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="stands")
    number = models.CharField(_("number"), max_length=20)
    # The number as lists sort it (see natural_key); kept by save().
    number_key = models.CharField(max_length=255, editable=False, default="")
    # The word keys of its number, name, description and offers, as the directory stores
    # texts (wordforms.document_keys), for stand search; kept by save().
    search_text = models.TextField(editable=False, default="")
    name = models.CharField(_("name"), max_length=200)
    exhibitor = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stands",
        verbose_name=_("exhibitor"),
    )
    hall = models.ForeignKey(
        Hall,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stands",
        verbose_name=_("hall"),
    )
    x = models.PositiveSmallIntegerField(_("position from the left"), default=0)
    y = models.PositiveSmallIntegerField(_("position from the top"), default=0)
    width = models.PositiveSmallIntegerField(_("width"), default=3)
    depth = models.PositiveSmallIntegerField(_("depth"), default=2)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    offers = models.TextField(
        _("offers"),
        blank=True,
        max_length=3000,
        help_text=_("What visitors find at the stand: products, services, materials."),
    )
    staff = models.ManyToManyField(
        Participant,
        blank=True,
        related_name="stands_staffed",
        verbose_name=pgettext_lazy("people at a stand", "staff"),
    )
    meeting_point = models.OneToOneField(
        Table,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="floor_stand",
        verbose_name=_("B2B meeting point"),
    )

    constraint_fields = {"stand_number_unique": "number", "stand_size": "width"}

    def save(self, *args, **kwargs):
        self.number_key = natural_key(self.number)
        self.search_text = document_keys(
            f"{self.number} {self.name} {self.description} {self.offers}"
        )
        fields = kwargs.get("update_fields")
        if fields is not None:
            if "number" in fields:
                fields = {*fields, "number_key"}
            if {"number", "name", "description", "offers"} & set(fields):
                fields = {*fields, "search_text"}
            kwargs["update_fields"] = fields
        super().save(*args, **kwargs)

    class Meta:
        ordering = ["event", "number_key", "number"]
        verbose_name = _("stand")
        verbose_name_plural = _("stands")
        constraints = [
            # "x1" beside "X1" is the same stand to a visitor looking for it.
            models.UniqueConstraint(
                "event",
                Upper("number"),
                name="stand_number_unique",
                violation_error_message=_("There is already a stand with this number."),
            ),
            models.CheckConstraint(
                condition=Q(width__gte=1, depth__gte=1),
                name="stand_size",
                violation_error_message=_("A stand is at least one unit wide and deep."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Lead(models.Model):
    """A visitor whose badge a stand's staff scanned: one per stand and visitor, however
    often scanned (the database says so)."""

    class FollowUp(models.TextChoices):
        NEW = "new", _("To follow up")
        CONTACTED = "contacted", _("Contacted")
        MEETING = "meeting", _("Meeting agreed")
        CLOSED = "closed", _("Closed")

    stand = models.ForeignKey(Stand, on_delete=models.CASCADE, related_name="leads")
    visitor = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="leads", verbose_name=_("visitor")
    )
    scanned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_scanned_at = models.DateTimeField(_("first scanned"), default=timezone.now)
    last_scanned_at = models.DateTimeField(_("last scanned"), default=timezone.now)
    scans = models.PositiveIntegerField(_("scans"), default=1)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    rating = models.PositiveSmallIntegerField(_("interest (1–5)"), null=True, blank=True)
    follow_up = models.CharField(
        _("follow-up"), max_length=20, choices=FollowUp.choices, default=FollowUp.NEW
    )
    # The visitor's choice: this stand sees their name and organisation only.
    contact_withheld = models.BooleanField(_("contact not to be shared"), default=False)

    class Meta:
        ordering = ["-last_scanned_at", "-pk"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        constraints = [
            models.UniqueConstraint(fields=["stand", "visitor"], name="lead_once_per_visitor"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="lead_rating_1_to_5",
                violation_error_message=_("Rate the interest from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(last_scanned_at__gte=F("first_scanned_at")),
                name="lead_scanned_in_order",
            ),
        ]
        indexes = [models.Index(fields=["visitor", "-last_scanned_at"])]

    def __str__(self) -> str:
        return f"{self.visitor.person} @ {self.stand}"
