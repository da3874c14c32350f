"""Every admin page organisers use for raw data opens: list, add form, change form."""

import pytest
from django.contrib import admin
from django.urls import reverse

from modus.directory.models import Organisation
from modus.directory.pickers import suggestions
from modus.directory.wordforms import folded_words
from tests.factories import OrganisationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_every_registered_model_lists_and_opens_its_add_form(client, staff_user):
    ParticipantFactory()
    client.force_login(staff_user)
    for model in admin.site._registry:
        app, name = info = (model._meta.app_label, model._meta.model_name)
        assert client.get(reverse(f"admin:{app}_{name}_changelist")).status_code == 200, info
        add = client.get(reverse(f"admin:{app}_{name}_add"))
        assert add.status_code in (200, 403), info
        first = model.objects.first()
        if first is not None:
            change = reverse(f"admin:{app}_{name}_change", args=[first.pk])
            assert client.get(change).status_code == 200, info


def test_admin_is_closed_to_participants(client):
    client.force_login(ParticipantFactory().person.user)
    assert client.get(reverse("admin:index")).status_code == 302


def posted_form(page) -> dict:
    """What the admin change page would post back unchanged, inlines included."""
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update(
            {management.add_prefix(name): management[name].value() for name in management.fields}
        )
    return data


def test_an_organisation_renamed_in_the_admin_is_found_by_its_new_name(client, staff_user):
    organisation = OrganisationFactory(name="Alpha Optics")
    client.force_login(staff_user)
    change = reverse("admin:directory_organisation_change", args=[organisation.pk])
    response = client.post(change, {**posted_form(client.get(change)), "name": "Beta Lasers"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name_words == folded_words("Beta Lasers")
    assert suggestions(Organisation.objects.all(), "beta las") == ["Beta Lasers"]
    assert suggestions(Organisation.objects.all(), "alpha") == []
