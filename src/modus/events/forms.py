from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from modus.common import uploads
from modus.common.forms import LinkForm
from modus.events.badge_print import LAYOUTS
from modus.events.models import Participant
from modus.events.registration_import import TEMPLATE_HELP
from modus.events.selectors import ParticipantFilters


class ParticipantFilterForm(LinkForm):
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
    # Not required at field level, so that an upload stopped for its size shows that reason.
    file = forms.FileField(label=_("CSV or XLSX file"), help_text=TEMPLATE_HELP, required=False)

    def __init__(self, *args, upload_refused: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_refused = upload_refused

    def clean_file(self):
        if self.upload_refused:
            raise forms.ValidationError(self.upload_refused)
        uploaded = self.cleaned_data["file"]
        if not uploaded:
            raise forms.ValidationError(self.fields["file"].error_messages["required"])
        # .txt and .tsv: what Excel's "Text (Tab delimited)" and other tools save.
        if not uploaded.name.lower().endswith((".csv", ".xlsx", ".txt", ".tsv")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if uploaded.size > uploads.max_upload_bytes():
            raise forms.ValidationError(uploads.too_large_message())
        return uploaded


class ConfirmImportForm(forms.Form):
    """The digest of the previewed file: a confirmation counts for that file only."""

    digest = forms.CharField(max_length=64, widget=forms.HiddenInput)


class BadgeCodeForm(forms.Form):
    """A scanned or typed badge code (the scanner include fills `code`)."""

    code = forms.CharField(
        label=_("Badge code"),
        required=False,
        max_length=300,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class DeskForm(forms.Form):
    desk = forms.CharField(
        label=_("Desk name"),
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Entrance A")}),
    )


class BadgePrintForm(ParticipantFilterForm):
    """Which badges to print (the participant list's filters) and on what paper."""

    layout = forms.ChoiceField(label=_("Paper"), choices=(), initial="a6")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layout"].choices = [(key, layout.label) for key, layout in LAYOUTS.items()]
