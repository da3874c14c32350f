"""Forms of site visits: the organiser's tour form and the host's message to the people booked."""

from django import forms
from django.utils.translation import gettext_lazy as _

from modus.common.forms import one_line
from modus.common.limits import INT_MAX, cap
from modus.common.permissions import tour_hosts_for
from modus.directory.models import OrganisationKind
from modus.events.models import Participant
from modus.events.programme_forms import LocalDateTimeInput
from modus.visits.models import SiteVisit
from modus.visits.services import MESSAGE_LENGTH


class SiteVisitForm(forms.ModelForm):
    open_to = forms.MultipleChoiceField(
        label=_("Who may book"),
        choices=Participant.Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to let every participant book."),
    )

    class Meta:
        model = SiteVisit
        fields = [
            "host",
            "title",
            "description",
            "video_url",
            "starts_at",
            "duration_minutes",
            "meeting_point",
            "transport",
            "capacity",
            "language",
            "open_to",
        ]
        widgets = {"starts_at": LocalDateTimeInput()}

    def __init__(self, *args, event, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.event = event
        self.fields["host"].queryset = (
            tour_hosts_for(viewer, event).filter(kind=OrganisationKind.CLUSTER).order_by("name")
        )
        cap(self.fields["capacity"], INT_MAX)

    def clean_title(self) -> str:
        return one_line(self.cleaned_data["title"])

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to everyone booked"),
        max_length=MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
