"""Forms of the programme: the organiser's session form and the participants' filter."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from modus.common.forms import one_line
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
        self.fields["speakers"].queryset = (
            Participant.objects.filter(event=event)
            .select_related("person")
            .order_by("person__last_name", "person__first_name")
        )
        self.fields["speakers"].label_from_instance = lambda p: p.person.full_name
        self.fields["speakers"].required = False
        cap(self.fields["capacity"], INT_MAX)

    def clean_title(self) -> str:
        return one_line(self.cleaned_data["title"])

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "speakers"}


class ProgrammeFilterForm(forms.Form):
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
