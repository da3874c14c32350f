from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from modus.events.models import Participant
from modus.events.registration_import import TEMPLATE_HELP
from modus.events.selectors import ParticipantFilters


class ParticipantFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, e-mail, organisation")}
        ),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    role = forms.ChoiceField(label=_("Role"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *countries]
        self.fields["role"].choices = [("", _("All roles")), *Participant.Role.choices]

    def filters(self) -> ParticipantFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return ParticipantFilters(
            query=data.get("q", ""), country=data.get("country", ""), role=data.get("role", "")
        )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"), help_text=TEMPLATE_HELP)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if not uploaded.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if uploaded.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return uploaded
