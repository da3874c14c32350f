"""B2B matchmaking: sessions of meeting slots, tables, requests, meetings, recommendations."""

from datetime import datetime, timedelta

from django.conf import settings as django_settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modus.events.models import Event, Participant


class MatchmakingSettings(models.Model):
    """How an event's matchmaking works; organisers change it on the matchmaking page."""

    class RequestMode(models.TextChoices):
        OPT_IN = "opt-in", _("The other side accepts or declines")
        AUTOMATIC = "automatic", _("Requests are accepted automatically")

    class SchedulingMode(models.TextChoices):
        PARTICIPANTS = "participants", _("Participants choose the slot when accepting")
        ORGANISER = "organiser", _("The organiser schedules accepted meetings")

    class ScheduleState(models.TextChoices):
        DRAFT = (
            "draft",
            _("Draft: participants see only the meetings they booked in a slot they picked"),
        )
        PROVISIONAL = "provisional", _("Provisional: participants see it, it may change")
        FINAL = "final", _("Final")

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="matchmaking")
    request_mode = models.CharField(
        _("request mode"), max_length=20, choices=RequestMode.choices, default=RequestMode.OPT_IN
    )
    scheduling_mode = models.CharField(
        _("scheduling mode"),
        max_length=20,
        choices=SchedulingMode.choices,
        default=SchedulingMode.PARTICIPANTS,
    )
    schedule_state = models.CharField(
        _("schedule"), max_length=20, choices=ScheduleState.choices, default=ScheduleState.DRAFT
    )
    max_pending_requests = models.PositiveSmallIntegerField(
        _("pending requests a person may have sent"), default=20
    )
    max_meetings_per_session = models.PositiveSmallIntegerField(
        _("meetings per person per session"), default=8
    )
    min_meetings_per_session = models.PositiveSmallIntegerField(
        _("at least this many meetings per person per session, where possible"),
        default=0,
        help_text=_(
            "The scheduler first places as many meetings as it can, then brings everyone "
            "who has enough accepted meetings up to this number in each session."
        ),
    )
    remind_after_hours = models.PositiveSmallIntegerField(
        _("remind the recipient after (hours)"), default=48
    )
    expire_after_hours = models.PositiveSmallIntegerField(
        _("a pending request expires after (hours)"), default=168
    )

    class Meta:
        verbose_name = _("matchmaking settings")
        verbose_name_plural = _("matchmaking settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(expire_after_hours__gt=models.F("remind_after_hours")),
                name="matchmaking_expiry_after_reminder",
                violation_error_message=_(
                    "A pending request must expire later than its reminder is sent: give more "
                    "hours until expiry than until the reminder."
                ),
            ),
            models.CheckConstraint(
                condition=Q(min_meetings_per_session__lte=models.F("max_meetings_per_session")),
                name="matchmaking_session_min_within_max",
                violation_error_message=_(
                    "The minimum meetings per session cannot be above the maximum."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"matchmaking of {self.event}"


class RequestRule(models.Model):
    """Who may request whom; an event without rules lets everyone request everyone."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="request_rules")
    requester_role = models.CharField(
        _("requester's role"), max_length=20, choices=Participant.Role.choices
    )
    recipient_role = models.CharField(
        _("recipient's role"), max_length=20, choices=Participant.Role.choices
    )

    class Meta:
        verbose_name = _("request rule")
        verbose_name_plural = _("request rules")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "requester_role", "recipient_role"],
                name="request_rule_unique",
                violation_error_message=_("This pair of roles is already allowed."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester_role} → {self.recipient_role}"


class MatchmakingSession(models.Model):
    """A block of consecutive meeting slots, e.g. "Day 1 afternoon"."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="matchmaking_sessions")
    name = models.CharField(_("name"), max_length=100)
    starts_at = models.DateTimeField(_("starts"))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=20)
    slot_count = models.PositiveSmallIntegerField(_("number of slots"), default=8)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("matchmaking session")
        verbose_name_plural = _("matchmaking sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5),
                name="session_slot_length",
                violation_error_message=_("A slot lasts at least 5 minutes."),
            ),
            models.CheckConstraint(
                condition=Q(slot_count__gte=1),
                name="session_has_slots",
                violation_error_message=_("A session has at least one slot."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Slot(models.Model):
    session = models.ForeignKey(MatchmakingSession, on_delete=models.CASCADE, related_name="slots")
    position = models.PositiveSmallIntegerField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "position"],
                name="slot_position_unique",
                violation_error_message=_("The session already has a slot at this position."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="slot_ends_after_start",
                violation_error_message=_("A slot ends after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} #{self.position + 1}"


class Table(models.Model):
    """A meeting point: a table of the shared pool, or an exhibitor's stand when it has a host.

    A stand hosts every meeting of its host and, when the pool is full, nobody else's.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tables")
    name = models.CharField(_("name"), max_length=50)
    host = models.OneToOneField(
        Participant,
        verbose_name=_("stand of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stand",
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "name"],
                name="table_name_unique",
                violation_error_message=_("There is already a table or stand with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_stand(self) -> bool:
        return self.host_id is not None


class MeetingRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="requests_sent"
    )
    recipient = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="requests_received"
    )
    message = models.TextField(_("message"), max_length=500, blank=True)
    sessions = models.ManyToManyField(
        MatchmakingSession, blank=True, related_name="requests", verbose_name=_("sessions")
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    mutual = models.BooleanField(_("both asked to meet"), default=False)
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=models.F("recipient")),
                name="request_not_to_self",
                violation_error_message=_("You cannot request a meeting with yourself."),
            ),
            # One open request per direction; a second click cannot create a duplicate.
            models.UniqueConstraint(
                fields=["requester", "recipient"],
                condition=Q(status="pending"),
                name="one_pending_request_per_pair",
                violation_error_message=_(
                    "You have already asked this person; wait for the answer."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"]),
            models.Index(fields=["status", "expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.requester.person} → {self.recipient.person} ({self.status})"


class RequestBlock(models.Model):
    """`by` declined `blocked`'s request or cancelled a meeting with them: `blocked` may not
    ask `by` again until `by` allows new requests or asks `blocked` themselves."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("closed pair")
        verbose_name_plural = _("closed pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["by", "blocked"],
                name="request_block_once",
                violation_error_message=_("New requests from this person are already closed."),
            ),
            models.CheckConstraint(
                condition=~Q(by=models.F("blocked")),
                name="request_block_not_self",
                violation_error_message=_("You cannot close requests from yourself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blocked} may not ask {self.by}"


class Meeting(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(
        MeetingRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="meeting"
    )
    participants = models.ManyToManyField(
        Participant, through="MeetingSeat", related_name="meetings"
    )
    slot = models.ForeignKey(
        Slot, null=True, blank=True, on_delete=models.RESTRICT, related_name="meetings"
    )
    table = models.ForeignKey(
        Table, null=True, blank=True, on_delete=models.RESTRICT, related_name="meetings"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONFIRMED)
    mutual = models.BooleanField(default=False)
    weight = models.FloatField(default=1.0)
    locked = models.BooleanField(_("locked in place"), default=False)
    # Booked in a slot the participants picked: theirs to see at once. A meeting the scheduler
    # or an organiser placed or moved is shown to them once the schedule is published.
    picked_by_participants = models.BooleanField(
        _("slot picked by the participants"), default=False
    )
    cancelled_by = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slot__starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            # A table holds one meeting per slot.
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(status="confirmed", slot__isnull=False, table__isnull=False),
                name="one_meeting_per_table_and_slot",
                violation_error_message=_("This table already has a meeting in that slot."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="meeting_weight_positive",
                violation_error_message=_("A meeting's weight must be above zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"meeting {self.pk} ({self.status})"


class MeetingSeat(models.Model):
    """A participant's place in a meeting.

    It repeats the meeting's slot so that the database itself refuses a double booking.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="seats")
    slot = models.ForeignKey(
        Slot, null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "participant"],
                name="seat_once_per_meeting",
                violation_error_message=_("This person already has a seat in the meeting."),
            ),
            models.UniqueConstraint(
                fields=["participant", "slot"],
                condition=Q(active=True, slot__isnull=False),
                name="one_meeting_per_person_and_slot",
                violation_error_message=_("This person already has a meeting in that slot."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} in {self.meeting}"


class Recommendation(models.Model):
    """A person worth meeting, with the terms the score was made of, as the engine gave them."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="recommendations"
    )
    other = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    computed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["participant", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "other"],
                name="recommendation_unique",
                violation_error_message=_("This person is already suggested."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.other} for {self.participant}"


class UnansweredRequest(models.Model):
    """A participant's request that no offer at the event answered at the last recomputation:
    the recommendations page says so, and the owner is told once an offer does."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="unanswered_requests"
    )
    opportunity = models.ForeignKey(
        "directory.Opportunity", on_delete=models.CASCADE, related_name="+"
    )
    # When the recomputation that first found it unanswered read the profiles.
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "opportunity"],
                name="unanswered_request_unique",
                violation_error_message=_("This request is already marked as unanswered."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.opportunity} of {self.participant}, unanswered"


class Dismissal(models.Model):
    """ "Not interested": hides a suggestion and teaches the list."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="dismissals"
    )
    other = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "other"],
                name="dismissal_unique",
                violation_error_message=_("You already marked this person as not interesting."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} dismissed {self.other}"


class Notification(models.Model):
    """An in-app notice, worded when shown so it reads in the reader's language."""

    recipient = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    data = models.JSONField(default=dict)
    url = models.CharField(max_length=300, blank=True)
    # Whose action it tells of, when one person's: e-mails about one pair are coalesced.
    about = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    emailed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "about", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient}"


class ScheduleRun(models.Model):
    """One run of the meeting scheduler for an event, and what it achieved."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_runs")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    time_limit = models.PositiveSmallIntegerField(default=30)
    allow_moves = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    meetings = models.PositiveIntegerField(default=0)
    placed = models.PositiveIntegerField(default=0)
    bound = models.PositiveIntegerField(default=0)
    gaps = models.PositiveIntegerField(default=0)
    proven_optimal = models.BooleanField(default=False)
    seconds = models.FloatField(default=0)
    # Percent of the time limit used so far, written by the running solver for the page to poll.
    progress = models.PositiveSmallIntegerField(default=0)
    # The last sign of life of the running solver: a run silent for longer than its time limit
    # and a margin was cut off by a restart, and is marked failed.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")
        constraints = [
            # One run at a time per event: two would book over each other's snapshot.
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(status__in=["queued", "running"]),
                name="one_active_schedule_run_per_event",
                violation_error_message=_(
                    "The scheduler is already running for this event; wait for its result."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"schedule of {self.event} ({self.status})"

    def stale_at(self, long_queue_seen: datetime | None = None) -> datetime:
        """When a queued or running run without a sign of life counts as cut off.

        A queued run waits for the work ahead of it on the long queue (other events' runs,
        badge prints), so its clock starts again at that queue's last sign of life
        (`long_queue_seen`, see modus.tasks.long_queue_seen).
        """
        since = self.heartbeat_at or self.created_at
        if self.status == self.Status.QUEUED and long_queue_seen:
            since = max(since, long_queue_seen)
        return since + timedelta(seconds=self.time_limit + django_settings.SCHEDULER_STALE_MARGIN)

    def looks_stale(self, long_queue_seen: datetime | None = None, now=None) -> bool:
        now = now or timezone.now()
        return self.status in self.ACTIVE and self.stale_at(long_queue_seen) < now


class Unavailability(models.Model):
    """A slot in which a participant cannot meet; their availability is every other slot."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="unavailable_slots"
    )
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("unavailable slot")
        verbose_name_plural = _("unavailable slots")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "slot"],
                name="unavailability_unique",
                violation_error_message=_("This slot is already marked as unavailable."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} away in {self.slot}"


class TextEncoding(models.Model):
    """A text's vector under one model, kept so that unchanged texts are never re-encoded.

    Keyed by a hash of the text, not by whose text it is: two people writing the same words
    share one row, and a row tells nothing about who wrote it.
    """

    model = models.CharField(max_length=64)
    key = models.CharField(max_length=64)
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["model", "key"],
                name="text_encoding_unique",
                violation_error_message=_("This text is already encoded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.model}:{self.key[:12]}"
