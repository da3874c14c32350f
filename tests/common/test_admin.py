"""Every admin page organisers use for raw data opens: list, add form, change form."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import ParticipantFactory

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
