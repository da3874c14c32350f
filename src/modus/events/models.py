"""Events and the people registered at them."""

import secrets
import zoneinfo
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from modus.common.constraints import ConstraintErrorsOnFields
from modus.common.storage import private_storage
from modus.directory.models import Organisation, Person
from modus.directory.wordforms import folded_words


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(zone)s"), params={"zone": value})


END_BEFORE_START = _("The last day cannot be before the first day.")


class Event(ConstraintErrorsOnFields):
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

    # The field each constraint's message is shown on (see ConstraintErrorsOnFields).
    constraint_fields = {
        "event_ends_after_start": "end_date",
    }

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_start",
                violation_error_message=END_BEFORE_START,
            )
        ]

    def __str__(self) -> str:
        return self.name


class Participant(ConstraintErrorsOnFields):
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

    # The person's name and e-mail folded (participant_search_text): what the participant
    # searches compare a query's words with, on SQLite and PostgreSQL alike. Kept in step
    # with the person by events/search.py.
    search_text = models.TextField(default="", editable=False)

    # The field each constraint's message is shown on (see ConstraintErrorsOnFields).
    constraint_fields = {
        "participant_once_per_event": "person",
    }

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.search_text = participant_search_text(self.person)
        super().save(*args, **kwargs)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                name="participant_once_per_event",
                violation_error_message=_("This person is already registered at this event."),
            ),
        ]
        indexes = [models.Index(fields=["event", "role"])]

    def __str__(self) -> str:
        return f"{self.person} @ {self.event}"


def participant_search_text(person: Person) -> str:
    """The stored form of a person's name and e-mail address, in the participant searches."""
    return folded_words(f"{person.first_name} {person.last_name} {person.user.email}")


class RegistrationImport(models.Model):
    """One uploaded registration file: checked and previewed, then applied on confirmation.

    Background tasks take its id. `rows` holds the checked rows and `plan` what applying them
    would change, both as shown in the preview; `digest` binds the confirmation to that file.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking the file")
        REJECTED = "rejected", _("Not imported: the file has problems")
        READY = "ready", _("Checked: waiting for confirmation")
        QUEUED = "queued", _("Waiting to be imported")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported: the import failed")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    digest = models.CharField(max_length=64, help_text="SHA-256 of the uploaded file")
    # The text encoding a CSV was read in ("Windows-1250"), shown in the preview.
    encoding = models.CharField(max_length=20, blank=True, default="")
    # The language of the organiser who uploaded it: the background tasks word the errors
    # in it, where no request says which language to use.
    language = models.CharField(max_length=10, blank=True, default="", editable=False)
    # The uploaded bytes, kept only until the check has read them.
    content = models.BinaryField(default=b"", editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CHECKING)
    row_count = models.PositiveIntegerField(default=0)
    progress = models.PositiveIntegerField(default=0)
    rows = models.JSONField(default=list, editable=False)
    plan = models.JSONField(default=dict, editable=False)
    errors = models.JSONField(default=list, editable=False)
    result = models.JSONField(default=dict, editable=False)
    # The people registered whom the mail server did not take their e-mail for.
    notices_failed = models.PositiveIntegerField(default=0, editable=False)
    # Their e-mails still to send: the import is done before they are, and its page keeps
    # updating until they are.
    notices_pending = models.PositiveIntegerField(default=0, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When it took its current status: a working import that stays in one for longer than
    # IMPORT_STALE_MINUTES lost its worker (imports write no heartbeat).
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("registration import")
        verbose_name_plural = _("registration imports")

    def __str__(self) -> str:
        return f"{self.file_name} @ {self.event}"

    WORKING = (Status.CHECKING, Status.QUEUED, Status.RUNNING)

    @property
    def is_working(self) -> bool:
        return self.status in self.WORKING


class WithdrawnRegistration(models.Model):
    """A registration its person took back through the link in an import's e-mail: the
    registration is gone, and this tells the organisers who withdrew and when."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="withdrawals")
    # Deleting the person's account deletes this too: it keeps nothing of them beyond that.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    # The name as the organisers saw it on the participant list.
    name = models.CharField(max_length=201)
    role = models.CharField(max_length=20, choices=Participant.Role.choices)
    withdrawn_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-withdrawn_at", "-pk"]
        indexes = [models.Index(fields=["event", "-withdrawn_at"])]
        verbose_name = _("withdrawn registration")
        verbose_name_plural = _("withdrawn registrations")

    def __str__(self) -> str:
        return f"{self.name} @ {self.event}"


def new_badge_code() -> str:
    """192 random bits, URL-safe: a QR holds this and nothing about the person."""
    return secrets.token_urlsafe(24)


class Badge(models.Model):
    """The code printed on a participant's badge. Reissuing a lost badge moves the old
    code to RetiredBadgeCode, so scanning it says so instead of finding the person."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="badge", verbose_name=_("participant")
    )
    code = models.CharField(_("badge code"), max_length=64, unique=True, default=new_badge_code)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")

    def __str__(self) -> str:
        return str(self.participant)


class RetiredBadgeCode(models.Model):
    """A code that no longer opens anything, kept to tell the desk why."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="retired_badge_codes"
    )
    code = models.CharField(max_length=64, unique=True)
    retired_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.participant)


class CheckIn(models.Model):
    """A participant's arrival at the venue; at most one (the database says so)."""

    participant = models.OneToOneField(
        Participant,
        on_delete=models.CASCADE,
        related_name="check_in",
        verbose_name=_("participant"),
    )
    checked_in_at = models.DateTimeField(
        pgettext_lazy("time of check-in", "checked in"), default=timezone.now
    )
    desk = models.CharField(_("desk"), max_length=60, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        indexes = [models.Index(fields=["checked_in_at"])]

    def __str__(self) -> str:
        return str(self.participant)


def refuse_outside_event(event: Event, starts_at, ends_at) -> None:
    """Programme items and tours happen on the event's days, in its time zone."""
    if starts_at is None or ends_at is None:
        return
    zone = zoneinfo.ZoneInfo(event.time_zone)
    first, last = starts_at.astimezone(zone).date(), ends_at.astimezone(zone).date()
    if first < event.start_date or last > event.end_date:
        raise ValidationError(
            {
                "starts_at": _("Choose a time during the event (%(first)s – %(last)s).")
                % {"first": event.start_date, "last": event.end_date}
            }
        )


class Place(ConstraintErrorsOnFields):
    """One person's place on something with seats (a tour, a session): booked, or waiting in
    line. The waitlist is served in key order; cancelling deletes the row (the audit log keeps
    it), so rejoining goes to the back. See events/booking.py, the one booking core."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        WAITING = "waiting", _("On the waitlist")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="+", verbose_name=_("participant")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("booked at"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["pk"]

    @property
    def is_booked(self) -> bool:
        return self.status == self.Status.BOOKED


class ProgrammeSession(ConstraintErrorsOnFields):
    """An item of the event's programme: a plenary, a panel, a side event ...; with a capacity
    when seats are limited (then attending is a booking, as for a tour)."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        PANEL = "panel", _("Panel")
        WORKSHOP = "workshop", _("Workshop")
        SIDE_EVENT = "side-event", _("Side event")
        PARTNER_MEETING = "partner-meeting", _("Partner meeting")

    # What the booking core and the notices call it.
    notice_prefix = "session"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.PLENARY)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    track = models.CharField(_("track"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=50, blank=True, default="English")
    speakers = models.ManyToManyField(
        Participant, blank=True, related_name="speaking_at", verbose_name=_("speakers")
    )
    guest_speakers = models.CharField(
        _("guest speakers"),
        max_length=500,
        blank=True,
        help_text=_("Speakers who are not registered participants, separated by commas."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        help_text=_("Leave empty when seating is open; with seats, attending is a booking."),
    )

    constraint_fields = {
        "session_ends_after_start": "ends_at",
        "session_capacity_positive": "capacity",
    }

    class Meta:
        ordering = ["starts_at", "track", "title", "pk"]
        verbose_name = _("programme session")
        verbose_name_plural = _("programme sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="session_capacity_positive",
                violation_error_message=_("A session with seats needs at least one."),
            ),
        ]
        indexes = [models.Index(fields=["event", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def agenda_key(self) -> str:
        return f"session:{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("events:programme-session", args=[self.event.slug, self.pk])

    def clean(self) -> None:
        super().clean()
        refuse_outside_event(self.event, self.starts_at, self.ends_at)


class SessionPlace(Place):
    """A participant's "I'll attend" for a session; a seat when the session has a capacity."""

    # The field each constraint's message is shown on (see ConstraintErrorsOnFields).
    constraint_fields = {"session_place_once": "participant"}

    bookable = models.ForeignKey(
        ProgrammeSession,
        on_delete=models.CASCADE,
        related_name="places",
        verbose_name=_("session"),
    )

    class Meta(Place.Meta):
        verbose_name = _("session place")
        verbose_name_plural = _("session places")
        constraints = [
            models.UniqueConstraint(
                fields=["bookable", "participant"],
                name="session_place_once",
                violation_error_message=_("You have already added this session."),
            )
        ]
        indexes = [models.Index(fields=["participant", "status"])]

    def __str__(self) -> str:
        return f"{self.participant_id} @ {self.bookable_id}: {self.status}"


class BadgePrint(models.Model):
    """A batch of badges made into one PDF in the background: a badge takes some 30 ms to
    lay out, so a whole event's would hold a page request for minutes."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Making the PDF")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="badge_prints")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    layout = models.CharField(max_length=10)
    # The participant list's filters the badges were chosen by (query, country, role).
    filters = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    pdf = models.FileField(upload_to="badges/", storage=private_storage, blank=True)
    # The last sign of life of the task making it: one silent for longer than
    # BADGE_PRINT_STALE_MINUTES was cut off by a restart.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("badge print")
        verbose_name_plural = _("badge prints")

    def __str__(self) -> str:
        return f"badges of {self.event} ({self.status})"

    def looks_stale(self, long_queue_seen: datetime | None = None) -> bool:
        """Whether the print was cut off: running and silent for BADGE_PRINT_STALE_MINUTES,
        or queued for as long while the long queue was silent too (see being_made)."""
        since = self.heartbeat_at or self.created_at
        if self.status == self.Status.QUEUED and long_queue_seen:
            since = max(since, long_queue_seen)
        return self.status in self.ACTIVE and since < self.stale_before()

    @staticmethod
    def stale_before() -> datetime:
        """A print whose last sign of life is older than this was cut off."""
        return timezone.now() - timedelta(minutes=settings.BADGE_PRINT_STALE_MINUTES)

    @classmethod
    def being_made(cls, long_queue_seen: datetime | None = None) -> models.Q:
        """Prints still being made: running with a recent sign of life, or queued.

        A queued print waits behind the work ahead of it on the long queue (scheduler runs,
        other prints), for longer than any silence allowed to a running one; it counts as
        cut off only when it has waited that long and the queue has been silent as long
        (`long_queue_seen`, see modus.tasks.long_queue_seen).
        """
        cutoff = cls.stale_before()
        alive = models.Q(heartbeat_at__gte=cutoff) | models.Q(
            heartbeat_at__isnull=True, created_at__gte=cutoff
        )
        queued = models.Q(status=cls.Status.QUEUED)
        if not (long_queue_seen and long_queue_seen >= cutoff):
            queued &= models.Q(created_at__gte=cutoff)
        return queued | (models.Q(status=cls.Status.RUNNING) & alive)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
