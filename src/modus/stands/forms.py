"""Forms of the stand pages; the rules they feed live in services."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modus.common.forms import LinkForm, ModelMultipleChoiceField
from modus.common.limits import SMALL_INT_MAX
from modus.common.pickers import SeveralChoiceField
from modus.directory.models import Ecosystem
from modus.directory.photos import PhotoField
from modus.directory.pickers import OrganisationChoiceField
from modus.events.models import Event, Participant
from modus.events.pickers import ParticipantChoiceField
from modus.stands.models import MAX_HALL_UNITS, Hall, Lead, Stand
from modus.stands.plans import normalised_plan
from modus.stands.selectors import staffing_organisations, staffing_participants


class HallImageField(PhotoField):
    """A hall's plan, kept as `normalised_plan` makes it."""

    default_error_messages = {
        "too_large": _("The plan image is larger than 5 MB."),
        "too_many_pixels": _("The plan image has too many pixels: at most 25 megapixels."),
        "wrong_type": _("Use a JPEG, PNG or WebP image."),
    }

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        return normalised_plan(value) if isinstance(value, UploadedFile) else value


class ScanForm(forms.Form):
    code = forms.CharField(
        label=_("Badge code"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off"}),
    )


RATINGS = [("", _("Not rated"))] + [(str(n), str(n)) for n in range(1, 6)]


class LeadForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("Interest (1–5)"),
        choices=RATINGS,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Lead
        fields = ["notes", "rating", "follow_up"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class StandSearchForm(LinkForm):
    q = forms.CharField(label=_("Name or offer"), required=False, max_length=100)
    ecosystem = forms.ModelChoiceField(
        label=_("Ecosystem"),
        queryset=Ecosystem.objects.all(),
        required=False,
        empty_label=_("Any ecosystem"),
    )


class StandEditForm(forms.ModelForm):
    class Meta:
        model = Stand
        fields = ["description", "offers"]


class StaffForm(forms.Form):
    """An exhibitor's manager ticks among the exhibitor's own people, a few; the event's
    organisers may choose any exhibitor or organiser, thousands at a big fair, so they type
    and pick from suggestions (their labels carry e-mail addresses, which organisers see)."""

    staff = ModelMultipleChoiceField(
        label=_("Staff"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They scan visitors' badges at the stand and see its leads."),
    )

    def __init__(self, *args, stand: Stand, choices, typed: bool = False, **kwargs):
        """`choices`: the people offered (see selectors.staff_choices); `typed`: chosen by
        typing instead of ticking."""
        super().__init__(*args, **kwargs)
        if typed:
            self.fields["staff"] = typed_staff_field(stand, choices)
        else:
            field = self.fields["staff"]
            field.queryset = choices
            field.label_from_instance = staff_label
        self.fields["staff"].initial = list(choices.filter(pk__in=stand.staff.values("pk")))


def typed_staff_field(stand: Stand, choices) -> SeveralChoiceField:
    suggestions = reverse("stands:staffing", args=[stand.event.slug])
    return SeveralChoiceField(
        label=_("Staff"),
        required=False,
        single=ParticipantChoiceField(
            queryset=choices.select_related("person__user"),
            suggestions_url=f"{suggestions}?stand={stand.pk}",
        ),
        help_text=_(
            "They scan visitors' badges at the stand and see its leads. Type a name, e-mail "
            "address or organisation and pick each from the suggestions; untick one to take "
            "them off."
        ),
    )


def staff_label(participant: Participant) -> str:
    person = participant.person
    if person.organisation:
        return f"{person.full_name} ({person.organisation.name})"
    return person.full_name


class HallForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("name of a thing", "Name"), max_length=100)
    width = forms.IntegerField(
        label=_("Width (grid units)"), min_value=1, max_value=MAX_HALL_UNITS, initial=60
    )
    height = forms.IntegerField(
        label=_("Depth (grid units)"), min_value=1, max_value=MAX_HALL_UNITS, initial=40
    )
    image = HallImageField(label=_("Plan image"), required=False)
    clear_image = forms.BooleanField(label=_("Remove the plan image"), required=False)


class StandAddForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=20)
    name = forms.CharField(label=pgettext_lazy("name of a thing", "Name"), max_length=200)
    exhibitor = OrganisationChoiceField(
        label=_("Exhibitor"),
        required=False,
        help_text=_(
            "Type the name of the organisation of an exhibitor or organiser of the event, "
            "and pick it from the suggestions."
        ),
    )
    hall = forms.ModelChoiceField(label=_("Hall"), queryset=Hall.objects.none(), required=False)
    # Small-integer columns: PostgreSQL refuses a position past SMALL_INT_MAX.
    x = forms.IntegerField(
        label=_("Position from the left"), min_value=0, max_value=SMALL_INT_MAX, initial=0
    )
    y = forms.IntegerField(
        label=_("Position from the top"), min_value=0, max_value=SMALL_INT_MAX, initial=0
    )
    width = forms.IntegerField(label=_("Width"), min_value=1, max_value=MAX_HALL_UNITS, initial=3)
    depth = forms.IntegerField(label=_("Depth"), min_value=1, max_value=MAX_HALL_UNITS, initial=2)

    def __init__(self, *args, event: Event, **kwargs):
        # The hall form shares the page and field names: ids of their own keep each label
        # on its own box.
        super().__init__(*args, auto_id="id_stand_%s", **kwargs)
        self.fields["hall"].queryset = event.halls.all()
        exhibitor = self.fields["exhibitor"]
        exhibitor.queryset = staffing_organisations(event)
        exhibitor.widget.suggestions_url = reverse("stands:exhibitors", args=[event.slug])
        self.fields["staff"] = SeveralChoiceField(
            label=_("Staff"),
            required=False,
            single=ParticipantChoiceField(
                queryset=staffing_participants(event),
                suggestions_url=reverse("stands:staffing", args=[event.slug]),
            ),
            help_text=_(
                "Exhibitors and organisers of the event; they scan badges and see leads. "
                "Type a name, e-mail address or organisation and pick each from the "
                "suggestions."
            ),
        )


class PlacementForm(forms.Form):
    """The position of every stand of a hall, as numbers: what the drag editor fills in and
    what works without JavaScript."""

    def __init__(self, *args, hall: Hall, stands: list[Stand], **kwargs):
        super().__init__(*args, **kwargs)
        self.stands = stands
        for stand in stands:
            self.fields[f"x_{stand.pk}"] = forms.IntegerField(
                label=_("%(number)s from the left") % {"number": stand.number},
                min_value=0,
                max_value=hall.width,
                initial=stand.x,
            )
            self.fields[f"y_{stand.pk}"] = forms.IntegerField(
                label=_("%(number)s from the top") % {"number": stand.number},
                min_value=0,
                max_value=hall.height,
                initial=stand.y,
            )

    def positions(self) -> dict[int, tuple[int, int]]:
        data = self.cleaned_data
        return {s.pk: (data[f"x_{s.pk}"], data[f"y_{s.pk}"]) for s in self.stands}

    def rows(self):
        return [(stand, self[f"x_{stand.pk}"], self[f"y_{stand.pk}"]) for stand in self.stands]
