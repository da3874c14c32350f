import pytest

from modus.common.models import AuditEntry
from modus.directory import services
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_service_change_leaves_an_audit_entry():
    person = PersonFactory()
    services.update_profile(by=person.user, person=person, job_title="CTO")
    entry = AuditEntry.objects.get(action="person.updated")
    assert entry.actor == person.user
    assert entry.object_id == str(person.pk)
    assert entry.data == {"fields": ["job_title"]}


def test_system_changes_have_no_actor():
    person = PersonFactory()
    services.update_profile(by=None, person=person, job_title="CTO")
    assert AuditEntry.objects.get(action="person.updated").actor is None
