from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from modus.common.forms import LinkForm, ModelMultipleChoiceField
from modus.common.permissions import visible_organisations
from modus.directory.models import (
    MAX_OPPORTUNITIES,
    REASON_MAX_LENGTH,
    REMOVED_ELSEWHERE,
    WISH_MAX_LENGTH,
    Ecosystem,
    Opportunity,
    Organisation,
    OrganisationKind,
    Person,
    ValueChainStage,
    too_many_opportunities,
)
from modus.directory.photos import SmallPhotoField
from modus.directory.pickers import OrganisationChoiceField
from modus.directory.search import search_terms
from modus.directory.selectors import (
    DirectoryFilters,
    joinable_organisations,
    parent_organisations,
)
from modus.directory.services import check_kind
from modus.directory.wordforms import TERM_LIMIT


def with_blank(choices, label) -> list[tuple[str, str]]:
    return [("", label), *choices]


SEARCH_LIMIT = 200


def checked_query(query: str) -> str:
    """A search as typed, refused when it has too many words to look for, or none (only
    punctuation or symbols), which would otherwise find everything."""
    terms = search_terms(query, limit=None)
    if len(terms) > TERM_LIMIT:
        raise ValidationError(
            _("The search has too many words: use at most %(limit)d.") % {"limit": TERM_LIMIT}
        )
    if query.strip() and not terms:
        raise ValidationError(_("The search has no words to look for: type a word or a name."))
    return query


class DirectoryFilterForm(LinkForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=SEARCH_LIMIT,
        error_messages={
            "max_length": _("The search is too long: use at most %(limit_value)d characters.")
        },
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name, offer, request…")}),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    ecosystem = forms.ChoiceField(label=_("Industrial ecosystem"), required=False)
    stage = forms.ChoiceField(label=_("Value-chain stage"), required=False)
    member_of = forms.ChoiceField(label=_("Membership"), required=False)

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = with_blank(OrganisationKind.choices, _("All kinds"))
        self.fields["country"].choices = with_blank(list(countries), _("All countries"))
        self.fields["ecosystem"].choices = with_blank(
            [(e.code, str(e)) for e in Ecosystem.objects.all()], _("All ecosystems")
        )
        self.fields["stage"].choices = with_blank(
            [(s.code, str(s)) for s in ValueChainStage.objects.all()], _("All stages")
        )
        parents = parent_organisations(viewer)
        self.fields["member_of"].choices = with_blank(
            [(o.slug, _("Members of %(name)s") % {"name": o.name}) for o in parents],
            _("Any membership"),
        )

    def clean_q(self) -> str:
        return checked_query(self.cleaned_data["q"])

    def filters(self) -> DirectoryFilters:
        """The valid filters; an invalid one (shown as a field error) is left out, but a
        refused search finds nothing rather than the whole directory."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return DirectoryFilters(
            refused="q" in self.errors,
            query=data.get("q", ""),
            kind=data.get("kind", ""),
            country=data.get("country", ""),
            ecosystem=data.get("ecosystem", ""),
            stage=data.get("stage", ""),
            member_of=data.get("member_of", ""),
        )


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "country",
            "city",
            "website",
            "description",
            "ecosystems",
            "value_chain_stages",
            "visibility",
        ]
        widgets = {
            "ecosystems": forms.CheckboxSelectMultiple,
            "value_chain_stages": forms.CheckboxSelectMultiple,
        }
        field_classes = {
            "ecosystems": ModelMultipleChoiceField,
            "value_chain_stages": ModelMultipleChoiceField,
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer

    def clean_kind(self) -> str:
        kind = self.cleaned_data["kind"]
        try:
            check_kind(self.viewer, old=self.instance.kind if self.instance.pk else None, new=kind)
        except ValidationError as error:
            raise ValidationError(error.message_dict["kind"]) from error
        return kind


class ProfileForm(forms.ModelForm):
    """One's own profile. The organisation is not set here: joining one is a request."""

    join_organisation = OrganisationChoiceField(
        label=_("Ask to join an organisation"),
        required=False,
        suggestions_url=reverse_lazy("directory:organisation-suggestions"),
        help_text=_(
            "Type its name and pick it from the suggestions. Its manager approves the "
            "request; until then you are shown without it."
        ),
    )
    photo = SmallPhotoField(label=_("Photo"), required=False)
    leave_organisation = forms.BooleanField(label=_("Leave my organisation"), required=False)

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "job_title",
            "country",
            "languages",
            "language",
            "phone",
            "photo",
            "visibility",
            "share_contact",
        ]
        help_texts = {
            # Consent is asked where it is given: a badge scan at a stand is consent apart.
            "share_contact": _(
                "Stands whose staff scan your badge see your e-mail and phone whatever you "
                "choose here; under “Stands that scanned my badge” you can ask each to keep "
                "your name and organisation only."
            ),
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("The language I last used")),
            *settings.LANGUAGES,
        ]
        self.fields["language"].help_text = _(
            "Choose “The language I last used” to get e-mails in the language you last used "
            "on the site."
        )
        if not self.instance.organisation_id:
            del self.fields["leave_organisation"]
        self.fields["join_organisation"].queryset = joinable_organisations(viewer, self.instance)

    def clean(self):
        data = super().clean()
        if data.get("leave_organisation") and data.get("join_organisation"):
            self.add_error(
                "join_organisation", _("Either leave your organisation or ask to join another.")
            )
        return data


# The fields whose choices are rows of the database: one formset reads them once.
SHARED_CHOICES = ("ecosystems", "value_chain_stage")


class OpportunityForm(forms.ModelForm):
    # The offer as this page found it: a change from another tab since is not undone.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Opportunity
        fields = ["direction", "kind", "title", "description", "ecosystems", "value_chain_stage"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            # Boxes to tick work on a phone and without a ctrl-click.
            "ecosystems": forms.CheckboxSelectMultiple,
        }
        field_classes = {"ecosystems": ModelMultipleChoiceField}

    def __init__(self, *args, shared_choices: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (shared_choices or {}).items():
            self.fields[name].choices = choices
        self.fields["version"].initial = self.instance.edit_version

    def has_changed(self) -> bool:
        # A version that moved on is another tab's change, not this one's.
        return bool(set(self.changed_data) - {"version"})


class BaseOpportunityFormSet(forms.BaseInlineFormSet):
    """A person's offers and requests, read with their ecosystems, and the ecosystems and
    stages to choose from read once for all the forms rather than again for each."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Opportunity.objects.prefetch_related("ecosystems"))
        super().__init__(*args, **kwargs)

    @cached_property
    def shared_choices(self) -> dict:
        fields = self.form.base_fields
        # Through iter(): list() asks a choice iterator its length first, a COUNT query.
        return {name: list(iter(fields[name].choices)) for name in SHARED_CHOICES}

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "shared_choices": self.shared_choices}

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        # Its id names a row that is gone: not "select a valid choice" of a hidden field.
        form.fields["id"].error_messages["invalid_choice"] = REMOVED_ELSEWHERE

    def clean(self) -> None:
        """At most MAX_OPPORTUNITIES kept: a page sends as many rows as it likes, and the
        blank row for a new one does not count."""
        super().clean()
        kept = [
            form
            for form in self.forms
            if not self._should_delete_form(form)
            and (form.instance.pk is not None or form.has_changed())
        ]
        if len(kept) > MAX_OPPORTUNITIES:
            raise too_many_opportunities()


OpportunityFormSet = forms.inlineformset_factory(
    Person,
    Opportunity,
    form=OpportunityForm,
    formset=BaseOpportunityFormSet,
    extra=1,
    max_num=MAX_OPPORTUNITIES,
    can_delete=True,
)


class IntroductionAskForm(forms.Form):
    """What a visitor writes when asking for an introduction (the cluster is in the address)."""

    wish = forms.CharField(
        label=_("Whom would you like to meet, and why?"),
        max_length=WISH_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: a cluster in medical implants in Moravia, for a joint project."),
    )


class IntroductionDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class IntroductionReassignForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Route to the cluster"),
        queryset=Organisation.objects.filter(
            kind=OrganisationKind.CLUSTER, manager__isnull=False
        ).order_by("name"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class BadgeScanForm(forms.Form):
    """The booth's first step: the visitor's badge, scanned or typed."""

    code = forms.CharField(label=_("Badge code"), max_length=200, required=False, strip=True)


class BoothIntroductionForm(forms.Form):
    """The booth's second step: whom the scanned visitor would like to meet."""

    code = forms.CharField(widget=forms.HiddenInput, max_length=200, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Cluster"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.CLUSTER).order_by("name"),
        required=False,
        empty_label=_("No cluster: the association finds one"),
    )
    wish = IntroductionAskForm.base_fields["wish"]

    def __init__(self, *args, visitor: Person, **kwargs):
        super().__init__(*args, **kwargs)
        # Only clusters the visitor may see: the booth shows no hidden cluster's name.
        visible = visible_organisations(visitor.user).values("pk")
        self.fields["organisation"].queryset = self.fields["organisation"].queryset.filter(
            pk__in=visible
        )
