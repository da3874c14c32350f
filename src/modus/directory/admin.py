from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from modus.directory.models import (
    Ecosystem,
    Membership,
    Opportunity,
    Organisation,
    Person,
    ValueChainStage,
)
from modus.directory.search import refresh_search_text


class MembershipInlineForm(forms.ModelForm):
    """Django leaves the inline's own key (the member) out of constraint checks, so a cluster
    made its own parent, or a membership added twice, would reach the database; check them."""

    def _post_clean(self) -> None:
        super()._post_clean()
        try:
            self.instance.validate_constraints(exclude=self._get_validation_exclusions())
        except ValidationError as error:
            self._update_errors(error)


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipInlineForm
    fk_name = "member"
    autocomplete_fields = ["parent"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "city", "visibility"]
    list_filter = ["kind", "visibility", "ecosystems"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["manager"]
    filter_horizontal = ["ecosystems", "value_chain_stages"]
    inlines = [MembershipInline]

    def save_related(self, request, form, formsets, change):
        """The stored search keys follow the name and the profile, as the services keep
        them: after the ecosystems and stages are saved too."""
        super().save_related(request, form, formsets, change)
        refresh_search_text(form.instance)


class OpportunityInline(admin.StackedInline):
    model = Opportunity
    extra = 0
    filter_horizontal = ["ecosystems"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "organisation", "country", "visibility"]
    list_filter = ["visibility", "country"]
    search_fields = ["first_name", "last_name", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["organisation"]
    inlines = [OpportunityInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["member", "parent", "since"]
    autocomplete_fields = ["member", "parent"]
    list_select_related = ["member", "parent"]


admin.site.register(Ecosystem)
admin.site.register(ValueChainStage)
