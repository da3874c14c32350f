"""Events are created and changed in the Django admin: each step leaves an audit entry."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from modus.common.models import AuditEntry
from modus.events.models import Event
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def form(**changes) -> dict:
    data = {
        "name": "Cluster Days 2026",
        "slug": "cluster-days-2026",
        "start_date": "2026-09-24",
        "end_date": "2026-09-25",
        "time_zone": "Europe/Prague",
        "venue": "",
        "city": "Brno",
        "country": "CZ",
        "host": "",
        "description": "",
        "is_public": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def entries() -> list[tuple]:
    return list(
        AuditEntry.objects.order_by("pk").values_list("actor", "action", "object_id", "data")
    )


def test_creating_and_changing_an_event_in_the_admin_is_audited(client, staff_user):
    client.force_login(staff_user)
    assert client.post(reverse("admin:events_event_add"), form()).status_code == 302
    event = Event.objects.get(slug="cluster-days-2026")
    change = reverse("admin:events_event_change", args=[event.pk])
    # Unlisting: the entry names what changed.
    assert client.post(change, form(is_public=None, city="Ostrava")).status_code == 302
    pk = str(event.pk)
    assert entries() == [
        (staff_user.pk, "event.created", pk, {}),
        (staff_user.pk, "event.changed", pk, {"fields": ["city", "is_public"]}),
    ]


def test_a_refused_form_writes_no_entry(client, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("admin:events_event_add"), form(end_date="2026-09-01"))
    assert response.status_code == 200
    assert (Event.objects.count(), entries()) == (0, [])


def test_deleting_events_in_the_admin_is_audited_with_their_names(client, staff_user):
    first, second, kept = EventFactory(), EventFactory(), EventFactory()
    client.force_login(staff_user)
    delete = reverse("admin:events_event_delete", args=[first.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    bulk = {"action": "delete_selected", "post": "yes", ACTION_CHECKBOX_NAME: [second.pk]}
    assert client.post(reverse("admin:events_event_changelist"), bulk).status_code == 302
    assert list(Event.objects.values_list("pk", flat=True)) == [kept.pk]
    assert entries() == [
        (staff_user.pk, "event.deleted", str(e.pk), {"name": e.name, "slug": e.slug})
        for e in (first, second)
    ]
