"""The directory's admin: memberships edited inline on an organisation."""

import pytest
from django.urls import reverse

from modus.directory.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def post_membership_inline(client, organisation, parent) -> object:
    url = reverse("admin:directory_organisation_change", args=[organisation.pk])
    existing = list(organisation.memberships_held.order_by("pk"))
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "country": "CZ",
        "visibility": organisation.visibility,
        "memberships_held-TOTAL_FORMS": str(len(existing) + 1),
        "memberships_held-INITIAL_FORMS": str(len(existing)),
        "memberships_held-MIN_NUM_FORMS": "0",
        "memberships_held-MAX_NUM_FORMS": "1000",
        f"memberships_held-{len(existing)}-parent": parent.pk,
        f"memberships_held-{len(existing)}-member": organisation.pk,
    }
    for number, membership in enumerate(existing):
        data[f"memberships_held-{number}-id"] = membership.pk
        data[f"memberships_held-{number}-member"] = organisation.pk
        data[f"memberships_held-{number}-parent"] = membership.parent_id
    return client.post(url, data)


@pytest.mark.parametrize(
    ("language", "itself", "twice"),
    [
        (
            "en",
            "An organisation cannot be a member of itself.",
            "This organisation is already a member there.",
        ),
        ("cs", "Organizace nemůže být členem sama sebe.", "Tato organizace tam už je členem."),
    ],
)
def test_an_inline_membership_that_breaks_a_constraint_is_an_error_on_the_parent(
    client, staff_user, language, itself, twice
):
    client.force_login(staff_user)
    client.cookies["django_language"] = language
    organisation = OrganisationFactory()
    response = post_membership_inline(client, organisation, parent=organisation)
    (inline,) = response.context["inline_admin_formsets"]
    assert [form.errors for form in inline.formset.forms] == [{"parent": [itself]}]

    # The parent of an existing membership, again in a new row.
    cluster = MembershipFactory(member=organisation).parent
    response = post_membership_inline(client, organisation, parent=cluster)
    (inline,) = response.context["inline_admin_formsets"]
    assert [form.errors for form in inline.formset.forms] == [{}, {"parent": [twice]}]
    assert list(Membership.objects.values_list("member", "parent")) == [
        (organisation.pk, cluster.pk)
    ]
