"""The permission policy, role by role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from modus.common.permissions import (
    PERSONAL_PERMS,
    Audience,
    audience_of,
    require,
    visible_contacts,
    visible_organisations,
)
from modus.directory.models import OrganisationKind, Visibility
from tests.factories import (
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    ParticipantFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_organiser_rights_are_per_event(event, organiser):
    other_event = EventFactory()
    assert organiser.user.has_perm("events.manage_event", event)
    assert not organiser.user.has_perm("events.manage_event", other_event)


def test_delegates_and_visitors_cannot_manage_an_event(event, delegate):
    assert not delegate.user.has_perm("events.manage_event", event)
    assert not AnonymousUser().has_perm("events.manage_event", event)


def test_staff_may_manage_every_event(event, staff_user):
    assert staff_user.has_perm("events.manage_event", event)


def test_cluster_manager_edits_own_cluster_and_its_members_only():
    cluster = OrganisationFactory(kind=OrganisationKind.CLUSTER)
    manager = PersonFactory(organisation=cluster)
    cluster.manager = manager
    cluster.save()
    member = MembershipFactory(parent=cluster).member
    stranger = OrganisationFactory()
    user = manager.user
    assert user.has_perm("directory.change_organisation", cluster)
    assert user.has_perm("directory.change_organisation", member)
    assert not user.has_perm("directory.change_organisation", stranger)


def test_member_company_manager_cannot_edit_its_cluster():
    membership = MembershipFactory()
    company_manager = PersonFactory(organisation=membership.member)
    membership.member.manager = company_manager
    membership.member.save()
    assert not company_manager.user.has_perm("directory.change_organisation", membership.parent)


def test_a_person_edits_only_their_own_profile(delegate, outsider):
    assert delegate.user.has_perm("directory.change_person", delegate)
    assert not delegate.user.has_perm("directory.change_person", outsider)


@pytest.mark.parametrize(
    ("visibility", "anonymous", "signed_in"),
    [
        (Visibility.PUBLIC, True, True),
        (Visibility.PARTICIPANTS, False, True),
        (Visibility.HIDDEN, False, False),
    ],
)
def test_profile_visibility(visibility, anonymous, signed_in, outsider):
    person = PersonFactory(visibility=visibility)
    assert AnonymousUser().has_perm("directory.view_person", person) is anonymous
    assert outsider.user.has_perm("directory.view_person", person) is signed_in
    assert person.user.has_perm("directory.view_person", person)


def test_contact_details_are_for_organisers_unless_shared(event, organiser, delegate, outsider):
    assert delegate.user.has_perm("directory.view_contact", delegate)
    assert organiser.user.has_perm("directory.view_contact", delegate)
    assert not outsider.user.has_perm("directory.view_contact", delegate)
    assert not AnonymousUser().has_perm("directory.view_contact", delegate)
    delegate.share_contact = True
    delegate.save()
    assert outsider.user.has_perm("directory.view_contact", delegate)
    assert not AnonymousUser().has_perm("directory.view_contact", delegate)


def test_organisers_of_another_event_do_not_see_contacts(delegate):
    other_organiser = ParticipantFactory(role="organiser").person
    assert not other_organiser.user.has_perm("directory.view_contact", delegate)


def test_require_raises_for_the_unpermitted_and_passes_for_the_system(event, delegate):
    with pytest.raises(PermissionDenied):
        require(delegate.user, "events.manage_event", event)
    require(None, "events.manage_event", event)


def test_organisation_querysets_and_view_perm_agree(outsider, staff_user):
    cluster = OrganisationFactory(kind=OrganisationKind.CLUSTER, visibility=Visibility.HIDDEN)
    cluster.manager = PersonFactory(organisation=cluster)
    cluster.save()
    organisations = [
        OrganisationFactory(visibility=Visibility.PUBLIC),
        OrganisationFactory(visibility=Visibility.PARTICIPANTS),
        OrganisationFactory(visibility=Visibility.HIDDEN),
        cluster,
        MembershipFactory(parent=cluster, member__visibility=Visibility.HIDDEN).member,
    ]
    for user in [AnonymousUser(), outsider.user, cluster.manager.user, staff_user]:
        listed = set(
            visible_organisations(user)
            .filter(pk__in=[o.pk for o in organisations])
            .values_list("pk", flat=True)
        )
        allowed = {o.pk for o in organisations if user.has_perm("directory.view_organisation", o)}
        assert listed == allowed
    manager_sees = set(
        visible_organisations(cluster.manager.user).filter(pk__in=[o.pk for o in organisations])
    )
    assert manager_sees == {organisations[0], organisations[1], cluster, organisations[4]}


def test_contact_queryset_and_view_perm_agree(event, organiser, delegate, outsider, staff_user):
    consenting = PersonFactory(share_contact=True)
    people = [delegate, outsider, consenting, organiser]
    for user in [AnonymousUser(), outsider.user, organiser.user, staff_user]:
        listed = set(visible_contacts(user).filter(pk__in=[p.pk for p in people]))
        allowed = {p for p in people if user.has_perm("directory.view_contact", p)}
        assert listed == allowed
    assert set(visible_contacts(outsider.user).filter(pk__in=[p.pk for p in people])) == {
        outsider,
        consenting,
    }
    assert list(visible_contacts(AnonymousUser())) == []


def test_audiences():
    assert audience_of(AnonymousUser()) == Audience.PUBLIC
    assert audience_of(PersonFactory().user) == Audience.PARTICIPANTS
    assert audience_of(UserFactory(is_staff=True)) == Audience.STAFF
    assert audience_of(UserFactory(is_staff=True, is_active=False)) == Audience.PUBLIC


@pytest.mark.parametrize("perm", sorted(PERSONAL_PERMS))
def test_a_superuser_is_granted_no_perm_that_is_a_persons_own(perm):
    """Django grants an active superuser every perm; a vote, a stand's leads or an answer in
    a cluster manager's name it must not (the demo's organiser is a superuser)."""
    superuser = UserFactory(is_staff=True, is_superuser=True)
    assert not superuser.has_perm(perm)


def test_a_superuser_keeps_every_other_perm(event):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    assert superuser.has_perm("events.manage_event", event)
    assert superuser.has_perm("accounts.change_user")
