"""Forms of the programme: the organiser's session form and the participants' filter."""

from django import forms
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from modus.common.collation import in_reading_order
from modus.common.forms import LinkForm, one_line
from modus.common.limits import INT_MAX, cap
from modus.events.models import Event, Participant, ProgrammeSession

LOCAL_TIME = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    """A phone's date-and-time picker; the view reads it in the event's time zone."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=LOCAL_TIME, **kwargs)


class ProgrammeSessionForm(forms.ModelForm):
    class Meta:
        model = ProgrammeSession
        fields = [
            "title",
            "kind",
            "description",
            "starts_at",
            "ends_at",
            "room",
            "track",
            "language",
            "speakers",
            "guest_speakers",
            "capacity",
        ]
        widgets = {"starts_at": LocalDateTimeInput(), "ends_at": LocalDateTimeInput()}

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.event = event
        speakers = self.fields["speakers"]
        speakers.queryset = speaker_choices(event, self.instance)
        speakers.label_from_instance = lambda p: p.person.full_name
        speakers.required = False
        speakers.help_text = _(
            "Participants registered as speakers. To add someone else, import them again with "
            "the role “speaker”, or name them under guest speakers."
        )
        cap(self.fields["capacity"], INT_MAX)

    def clean_title(self) -> str:
        return one_line(self.cleaned_data["title"])

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "speakers"}


def speaker_choices(event: Event, session: ProgrammeSession):
    """Who the form offers as speakers: those registered as speakers, and whoever already
    speaks at this session. Not every participant: at 20,000 the list alone took seconds
    to draw, and no one could find a name in it."""
    offered = Q(role=Participant.Role.SPEAKER)
    if session.pk:
        offered |= Q(speaking_at=session)
    return (
        Participant.objects.filter(offered, event=event)
        .distinct()
        .select_related("person")
        .order_by(*in_reading_order("person__last_name", "person__first_name"), "pk")
    )


class ProgrammeFilterForm(LinkForm):
    day = forms.ChoiceField(label=_("Day"), required=False)
    track = forms.ChoiceField(label=_("Track"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)

    def __init__(self, *args, days, tracks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = [("", _("All days"))] + [
            (day.isoformat(), date_format(day, "DAY_MONTH_FORMAT")) for day in days
        ]
        self.fields["track"].choices = [("", _("All tracks"))] + [(t, t) for t in tracks]
        self.fields["kind"].choices = [("", _("All types")), *ProgrammeSession.Kind.choices]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}
