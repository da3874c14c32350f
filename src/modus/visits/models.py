"""Site visits: tours that member clusters host for an event's participants."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modus.common.constraints import ConstraintErrorsOnFields
from modus.common.fields import WebsiteField
from modus.directory.models import Organisation
from modus.events.models import Event, Participant, Place, refuse_outside_event

MAX_TOUR_MINUTES = 14 * 24 * 60


class SiteVisit(ConstraintErrorsOnFields):
    """A tour hosted by a member cluster, with a fixed number of places and a waitlist."""

    # What the booking core and the notices call it.
    notice_prefix = "tour"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="site_visits")
    host = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="site_visits",
        verbose_name=_("host organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    video_url = WebsiteField(
        _("video invitation"),
        blank=True,
        help_text=_("A link to a video; YouTube and Vimeo videos can be played on the page."),
    )
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"),
        default=180,
        # A tour ends on the event's days; no event runs a fortnight.
        validators=[MaxValueValidator(MAX_TOUR_MINUTES)],
    )
    meeting_point = models.CharField(_("meeting point"), max_length=200)
    transport = models.CharField(_("transport"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    language = models.CharField(_("language"), max_length=50, blank=True, default="English")
    # Roles of participants who may book (Participant.Role values); empty: everyone.
    open_to = models.JSONField(_("who may book"), default=list, blank=True)

    constraint_fields = {
        "visit_capacity_positive": "capacity",
        "visit_duration_positive": "duration_minutes",
    }

    class Meta:
        ordering = ["starts_at", "title", "pk"]
        verbose_name = _("site visit")
        verbose_name_plural = _("site visits")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1),
                name="visit_capacity_positive",
                violation_error_message=_("A tour needs at least one place."),
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1),
                name="visit_duration_positive",
                violation_error_message=_("A tour lasts at least a minute."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def agenda_key(self) -> str:
        return f"tour:{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("visits:detail", args=[self.event.slug, self.pk])

    def clean(self) -> None:
        super().clean()
        if self.starts_at is not None and self.duration_minutes:
            try:
                ends_at = self.ends_at
            except OverflowError:  # past the year 9999
                refuse_outside_event(self.event, self.starts_at, self.starts_at)
                raise ValidationError(
                    {"duration_minutes": _("The tour would end past the last date there is.")}
                ) from None
            refuse_outside_event(self.event, self.starts_at, ends_at)

    def may_book(self, participant: Participant) -> bool:
        return not self.open_to or participant.role in self.open_to


class TourBooking(Place):
    """A participant's place on a tour, or in its waitlist; `showed_up_at` is the bus check."""

    # The field each constraint's message is shown on (see ConstraintErrorsOnFields).
    constraint_fields = {"tour_booking_once": "participant"}

    bookable = models.ForeignKey(
        SiteVisit, on_delete=models.CASCADE, related_name="places", verbose_name=_("site visit")
    )
    showed_up_at = models.DateTimeField(_("showed up"), null=True, blank=True)

    class Meta(Place.Meta):
        verbose_name = _("tour booking")
        verbose_name_plural = _("tour bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["bookable", "participant"],
                name="tour_booking_once",
                violation_error_message=_("You already have a place on this tour."),
            )
        ]
        indexes = [models.Index(fields=["participant", "status"])]

    def __str__(self) -> str:
        return f"{self.participant_id} @ {self.bookable_id}: {self.status}"
