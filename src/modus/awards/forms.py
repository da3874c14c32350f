from django import forms
from django.utils.translation import gettext_lazy as _

from modus.awards.models import Award, Nominee, VotingPhase
from modus.directory.photos import SmallPhotoField


class AwardForm(forms.ModelForm):
    class Meta:
        model = Award
        fields = ["name", "description", "tie_break", "nominations_open"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class NomineeForm(forms.ModelForm):
    picture = SmallPhotoField(label=_("Picture"), required=False)

    class Meta:
        model = Nominee
        fields = ["kind", "name", "case", "picture"]
        widgets = {"case": forms.Textarea(attrs={"rows": 4})}


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Nominee
        fields = ["kind", "name", "case"]
        widgets = {"case": forms.Textarea(attrs={"rows": 3})}


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class PhaseForm(forms.ModelForm):
    """Times are read and shown in the event's time zone (the view activates it)."""

    class Meta:
        model = VotingPhase
        fields = ["opens_at", "closes_at", "weight"]
        widgets = {"opens_at": LocalDateTimeInput(), "closes_at": LocalDateTimeInput()}

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("A phase must close after it opens."))
        return data


class VotersForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses of community members"),
        help_text=_("One per line or separated by commas. Each gets a sign-in link to vote."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=200_000,
    )


class VoteForm(forms.Form):
    phase = forms.ChoiceField(choices=VotingPhase.Kind.choices, widget=forms.HiddenInput)
    nominee = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    receipt = forms.CharField(
        label=_("Receipt code of your earlier ballot"), required=False, max_length=40
    )


class ReceiptForm(forms.Form):
    code = forms.CharField(label=_("Receipt code"), max_length=40)


class PaperForm(forms.Form):
    """One count field per nominee, and the witness of the count."""

    witness = forms.CharField(label=_("Witness of the count"), max_length=200)

    def __init__(self, *args, nominees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.nominees = list(nominees)
        for nominee in self.nominees:
            self.fields[f"n{nominee.pk}"] = forms.IntegerField(
                label=nominee.name, min_value=0, max_value=1_000_000, required=False
            )

    def totals(self) -> dict[int, int]:
        return {
            n.pk: self.cleaned_data[f"n{n.pk}"]
            for n in self.nominees
            if self.cleaned_data.get(f"n{n.pk}") is not None
        }
