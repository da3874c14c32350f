"""`people_visible_to`, the list form of `directory.view_person`, agrees with the perm."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser

from modus.common.permissions import people_visible_to, people_visible_to_each
from modus.directory.models import Person, Visibility
from modus.events.models import Participant
from tests.factories import EventFactory, ParticipantFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

VIEWERS = [
    "anonymous",
    "signed in without a profile",
    "delegate of the same event",
    "delegate of another event",
    "organiser of the same event",
    "organiser of another event",
    "manager of the person's organisation",
    "the person",
    "staff",
    "inactive staff",
    "superuser",
]


def viewer_for(kind: str, person: Person, event, other_event):
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "signed in without a profile":
        return UserFactory()
    if kind == "the person":
        return person.user
    if kind in ("staff", "inactive staff"):
        return UserFactory(is_staff=True, is_active=kind == "staff")
    if kind == "superuser":
        return UserFactory(is_superuser=True)
    if kind == "manager of the person's organisation":
        manager = PersonFactory()
        person.organisation.manager = manager
        person.organisation.save()
        return manager.user
    where = event if "same" in kind else other_event
    role = Participant.Role.ORGANISER if "organiser" in kind else Participant.Role.DELEGATE
    return ParticipantFactory(event=where, role=role).person.user


@pytest.mark.parametrize(
    ("visibility", "viewer_kind"), list(itertools.product(Visibility.values, VIEWERS))
)
def test_the_list_filter_agrees_with_the_perm(visibility, viewer_kind):
    event, other_event = EventFactory(), EventFactory()
    person = ParticipantFactory(event=event, person__visibility=visibility).person
    bystander = PersonFactory(visibility=visibility)  # at no event: organisers do not see them
    viewer = viewer_for(viewer_kind, person, event, other_event)
    listed = set(Person.objects.filter(people_visible_to(viewer)))
    at_once = people_visible_to_each([viewer], [person.pk, bystander.pk])[viewer.pk]
    for someone in (person, bystander):
        may = viewer.has_perm("directory.view_person", someone)
        assert (someone in listed) == may, (visibility, viewer_kind, someone)
        assert (someone.pk in at_once) == may, (visibility, viewer_kind, someone, "at once")


def test_a_prefix_filters_a_related_list():
    event = EventFactory()
    shown = ParticipantFactory(event=event, person__visibility=Visibility.PARTICIPANTS)
    ParticipantFactory(event=event, person__visibility=Visibility.HIDDEN)
    viewer = ParticipantFactory(event=event).person.user
    listed = Participant.objects.filter(event=event).filter(people_visible_to(viewer, "person__"))
    assert set(listed) == {shown, Participant.objects.get(person__user=viewer)}


def test_many_viewers_at_once_cost_two_queries(django_assert_num_queries):
    event, other_event = EventFactory(), EventFactory()
    people = [
        ParticipantFactory(event=event, person__visibility=visibility).person
        for visibility in Visibility.values
    ]
    viewers = [
        viewer_for(kind, people[0], event, other_event)
        for kind in VIEWERS
        if kind not in ("anonymous", "the person")
    ]
    users = list(
        type(viewers[0]).objects.filter(pk__in=[v.pk for v in viewers]).select_related("person")
    )
    ids = [p.pk for p in people]
    with django_assert_num_queries(2):
        at_once = people_visible_to_each(users, ids)
    for user in users:
        one_by_one = set(Person.objects.filter(people_visible_to(user), pk__in=ids))
        assert at_once[user.pk] == {p.pk for p in one_by_one}, user
