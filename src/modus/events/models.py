"""Events and the people registered at them."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from modus.directory.models import Organisation, Person


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(zone)s"), params={"zone": value})


class Event(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Prague", validators=[validate_time_zone]
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    host = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
        verbose_name=_("host organisation"),
    )
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(_("listed publicly"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Participant(models.Model):
    """A person's registration at an event, with their role there."""

    class Role(models.TextChoices):
        DELEGATE = "delegate", _("Delegate")
        SPEAKER = "speaker", _("Speaker")
        EXHIBITOR = "exhibitor", _("Exhibitor")
        ORGANISER = "organiser", _("Organiser")
        PRESS = "press", _("Press")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.DELEGATE)
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    # The secret in the address of the personal calendar feed; made on first use.
    calendar_token = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="participant_once_per_event"),
        ]
        indexes = [models.Index(fields=["event", "role"])]

    def __str__(self) -> str:
        return f"{self.person} @ {self.event}"
