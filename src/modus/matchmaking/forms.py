import copy
import zoneinfo
from collections.abc import Collection
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.forms.models import ModelChoiceIteratorValue
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from modus.common.forms import LinkForm, ModelMultipleChoiceField
from modus.common.limits import SMALL_INT_MAX, cap
from modus.directory.forms import checked_query
from modus.directory.models import Ecosystem, Opportunity, OrganisationKind
from modus.events.models import Participant
from modus.events.pickers import ParticipantChoiceField
from modus.matchmaking.models import (
    MatchmakingSession,
    MatchmakingSettings,
    Slot,
    Table,
    Unavailability,
)
from modus.matchmaking.selectors import exhibitors_without_stand
from modus.matchmaking.services.requests import MESSAGE_LIMIT


class SlotChoiceField(forms.ModelChoiceField):
    """Slots shown in the event's time zone."""

    def __init__(self, *args, zone=None, **kwargs):
        self.zone = zone
        super().__init__(*args, **kwargs)

    def label_from_instance(self, slot: Slot) -> str:
        start = timezone.localtime(slot.starts_at, self.zone)
        end = timezone.localtime(slot.ends_at, self.zone)
        return (
            f"{date_format(start, 'SHORT_DAY_TIME_FORMAT')}–{time_format(end, 'CLOCK_FORMAT')}"
            f" ({slot.session.name})"
        )


class SlotsChoiceField(ModelMultipleChoiceField):
    """Several slots, shown in the event's time zone."""

    def __init__(self, *args, zone=None, **kwargs):
        self.zone = zone
        super().__init__(*args, **kwargs)

    def label_from_instance(self, slot: Slot) -> str:
        return SlotChoiceField.label_from_instance(self, slot)


class AvailabilityForm(forms.Form):
    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        event = participant.event
        away = Unavailability.objects.filter(participant=participant, slot=OuterRef("pk"))
        slots = (
            Slot.objects.filter(session__event=event)
            .select_related("session")
            .annotate(away=Exists(away))
        )
        field = self.fields["away"] = SlotsChoiceField(
            label=_("Slots in which I cannot meet"),
            queryset=slots,
            zone=zoneinfo.ZoneInfo(event.time_zone),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        if not self.is_bound:
            # The slots and the ticks read in one query, for the page that shows them.
            listed = list(slots)
            field.initial = [slot.pk for slot in listed if slot.away]
            field.widget.choices = [
                (ModelChoiceIteratorValue(slot.pk, slot), field.label_from_instance(slot))
                for slot in listed
            ]


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=MESSAGE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MESSAGE_LIMIT}),
        help_text=_("Why would you like to meet? At most 500 characters."),
    )
    sessions = ModelMultipleChoiceField(
        label=_("Sessions it could take place in"),
        queryset=MatchmakingSession.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event, free_slots=None, zone=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = event.matchmaking_sessions.all()
        if free_slots is not None:
            self.fields["slot"] = SlotChoiceField(
                label=_("Time slot"),
                queryset=Slot.objects.filter(pk__in=[s.pk for s in free_slots]).select_related(
                    "session"
                ),
                zone=zone,
            )


class AcceptForm(forms.Form):
    def __init__(self, *args, free_slots=None, zone=None, **kwargs):
        super().__init__(*args, **kwargs)
        if free_slots is not None:
            self.fields["slot"] = SlotChoiceField(
                label=_("Time slot"),
                queryset=Slot.objects.filter(pk__in=[s.pk for s in free_slots]).select_related(
                    "session"
                ),
                zone=zone,
                empty_label=None,
            )


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=300)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=300)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = MatchmakingSettings
        fields = [
            "request_mode",
            "scheduling_mode",
            "max_pending_requests",
            "max_meetings_per_session",
            "min_meetings_per_session",
            "remind_after_hours",
            "expire_after_hours",
        ]

    # The field each table-wide rule of the model is about, to show its message beside it.
    constraint_fields = {
        "matchmaking_expiry_after_reminder": "expire_after_hours",
        "matchmaking_session_min_within_max": "min_meetings_per_session",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # PostgreSQL refuses a small integer past this; SQLite would store it.
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField):
                cap(field, SMALL_INT_MAX)

    def clean(self):
        """The model's constraints, with their readable message under the field they concern
        (the model would report them for the whole form)."""
        cleaned = super().clean()
        candidate = copy.copy(self.instance)
        for name, value in cleaned.items():
            setattr(candidate, name, value)
        for constraint in MatchmakingSettings._meta.constraints:
            field = self.constraint_fields.get(constraint.name)
            if field is None or self.has_error(field):
                continue
            try:
                constraint.validate(MatchmakingSettings, candidate)
            except ValidationError as error:
                self.add_error(field, error)
        return cleaned


class MoveForm(forms.Form):
    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"] = SlotChoiceField(
            label=_("Move to"),
            queryset=Slot.objects.filter(session__event=event).select_related("session"),
            zone=zoneinfo.ZoneInfo(event.time_zone),
            empty_label=None,
        )


class ReviewFilterForm(LinkForm):
    """The review list's filters; a value that does not fit gives a field error and is ignored."""

    WAITING = "waiting"
    q = forms.CharField(label=_("Name or organisation"), max_length=100, required=False)
    session = forms.ChoiceField(label=_("Session"), required=False)
    table = forms.ModelChoiceField(
        label=_("Table"), queryset=Table.objects.none(), required=False, empty_label=_("All")
    )
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = {str(s.pk): s for s in event.matchmaking_sessions.order_by("starts_at")}
        self.fields["session"].choices = [
            ("", _("All")),
            (self.WAITING, _("No slot yet")),
            *((pk, session.name) for pk, session in self.sessions.items()),
        ]
        self.fields["table"].queryset = event.tables.order_by("pk")
        self.fields["person"].queryset = event.participants.select_related("person")

    def filters(self) -> dict:
        """The valid filters as arguments of `review_meetings`."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        session = data.get("session") or ""
        return {
            "search": data.get("q") or "",
            "waiting": session == self.WAITING,
            "session": self.sessions.get(session),
            "table": data.get("table"),
            "person": data.get("person"),
        }


class SessionForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("name of a thing", "Name"), max_length=100)
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Start"), widget=forms.TimeInput(attrs={"type": "time"}))
    slot_minutes = forms.IntegerField(
        label=_("Slot length (minutes)"), min_value=5, max_value=240, initial=20
    )
    slot_count = forms.IntegerField(
        label=_("Number of slots"), min_value=1, max_value=60, initial=8
    )
    break_after = forms.IntegerField(
        label=_("Break after slot"),
        min_value=0,
        max_value=59,
        initial=0,
        required=False,
        help_text=_("0 for no break."),
    )
    break_minutes = forms.IntegerField(
        label=_("Break length (minutes)"), min_value=0, max_value=240, initial=0, required=False
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event

    def clean_day(self):
        day = self.cleaned_data["day"]
        if not self.event.start_date <= day <= self.event.end_date:
            raise forms.ValidationError(_("Pick a day of the event."))
        return day

    def session_fields(self) -> dict:
        data = self.cleaned_data
        zone = zoneinfo.ZoneInfo(self.event.time_zone)
        return {
            "name": data["name"],
            "starts_at": datetime.combine(data["day"], data["start"], tzinfo=zone),
            "slot_minutes": data["slot_minutes"],
            "slot_count": data["slot_count"],
            "break_after": data.get("break_after") or 0,
            "break_minutes": data.get("break_minutes") or 0,
        }


class TablesForm(forms.Form):
    count = forms.IntegerField(label=_("Tables to add"), min_value=1, max_value=500, initial=10)


class HostChoiceField(ParticipantChoiceField):
    """An exhibitor without a stand, chosen by typing."""

    default_error_messages = {
        "none": _("No exhibitor without a stand matches “%(typed)s”."),
        "several": _("Several exhibitors match “%(typed)s”: pick one from the suggestions."),
    }


class StandForm(forms.Form):
    """A stand for an exhibitor who has none yet; the service checks the rest."""

    # The sessions page has a session form too: distinct field ids keep the labels apart.
    prefix = "stand"
    name = forms.CharField(label=_("Stand name"), max_length=50)
    host = HostChoiceField(
        label=_("Exhibitor"),
        queryset=Participant.objects.none(),
        help_text=_(
            "Type the name, e-mail address or organisation of an exhibitor who has no stand "
            "yet, and pick them from the suggestions."
        ),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = exhibitors_without_stand(event)
        self.fields["host"].widget.suggestions_url = reverse(
            "matchmaking:stand-hosts", args=[event.slug]
        )


class ScheduleForm(forms.Form):
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"), min_value=5, max_value=300, initial=30
    )
    allow_moves = forms.BooleanField(
        label=_("Allow moving meetings that already have a slot (locked ones stay)"),
        required=False,
        help_text=_("The scheduler then moves as few as it can, and tells the people concerned."),
    )


class RequestRulesForm(forms.Form):
    """Who may request whom, as ticked pairs of roles; none ticked lets everyone ask everyone."""

    pairs = forms.MultipleChoiceField(
        label=_("Allowed requests (requester → recipient)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pairs"].choices = [
            (f"{mine}>{theirs}", f"{mine_label} → {theirs_label}")
            for mine, mine_label in Participant.Role.choices
            for theirs, theirs_label in Participant.Role.choices
        ]

    def chosen_pairs(self) -> list[tuple[str, str]]:
        return [tuple(value.split(">")) for value in self.cleaned_data["pairs"]]


class RecommendationFilterForm(LinkForm):
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(
        label=_("Organisation kind"),
        required=False,
        choices=[("", _("All kinds")), *OrganisationKind.choices],
    )
    ecosystem = forms.ChoiceField(label=_("Industrial ecosystem"), required=False)

    def __init__(self, *args, in_list: Collection[str] | None = None, **kwargs):
        """`in_list`: the country codes of the people listed (others would find nobody);
        None offers every country."""
        super().__init__(*args, **kwargs)
        offered = [(code, name) for code, name in countries if in_list is None or code in in_list]
        self.fields["country"].choices = [("", _("All countries")), *offered]
        self.fields["ecosystem"].choices = [("", _("All ecosystems"))] + [
            (e.code, str(e)) for e in Ecosystem.objects.all()
        ]

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {name: data.get(name, "") for name in ("country", "kind", "ecosystem")}

    @property
    def filtering(self) -> bool:
        return any(self.values().values())


class MarketplaceFilterForm(LinkForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    direction = forms.ChoiceField(
        label=_("Offers or requests"),
        required=False,
        choices=[("", _("Both")), *Opportunity.Direction.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Opportunity.Kind.choices]
    )
    ecosystem = forms.ChoiceField(label=_("Industrial ecosystem"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ecosystem"].choices = [("", _("All ecosystems"))] + [
            (e.code, str(e)) for e in Ecosystem.objects.all()
        ]

    def clean_q(self) -> str:
        return checked_query(self.cleaned_data["q"])

    @property
    def refused(self) -> bool:
        """The search itself was refused (shown as its error): nothing is found, rather
        than everything."""
        self.is_valid()
        return "q" in self.errors

    def values(self) -> dict:
        """The valid filters; an invalid one (shown as its error) is left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name, "") for name in ("direction", "kind", "ecosystem")} | {
            "query": data.get("q", "")
        }
