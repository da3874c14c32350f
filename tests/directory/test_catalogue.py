"""The member catalogue: what each audience sees, and its PDF cached per audience."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from modus.common.permissions import Audience
from modus.directory import catalogue as catalogue_module
from modus.directory.catalogue import catalogue_pdf, default_association
from modus.directory.models import Visibility
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def association():
    association = OrganisationFactory(name="NCA", kind="association", slug="nca")
    open_cluster = MembershipFactory(parent=association, member__name="CLUTEX").member
    open_cluster.manager = PersonFactory(
        organisation=open_cluster,
        first_name="Jana",
        last_name="Nová",
        phone="+420 111 222 333",
        share_contact=True,
        visibility=Visibility.PUBLIC,
    )
    open_cluster.save()
    MembershipFactory(
        parent=association, member__name="Members Cluster", member__visibility="participants"
    )
    MembershipFactory(
        parent=association, member__name="Secret Cluster", member__visibility="hidden"
    )
    return association


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_visitors_see_public_clusters_without_contacts(client, association):
    manager = association.members_held.get(member__name="CLUTEX").member.manager
    page = client.get(reverse("directory:catalogue")).content.decode()
    text = pdf_text(client.get(reverse("directory:catalogue-pdf")).content)
    for body in (page, text):
        assert "CLUTEX" in body
        assert "Jana Nová" in body
        assert "Members Cluster" not in body
        assert "Secret Cluster" not in body
        assert manager.email not in body
        assert "+420 111 222 333" not in body


def test_participants_see_consented_contacts_but_not_hidden_clusters(client, association):
    manager = association.members_held.get(member__name="CLUTEX").member.manager
    client.force_login(PersonFactory().user)
    page = client.get(reverse("directory:catalogue")).content.decode()
    text = pdf_text(client.get(reverse("directory:catalogue-pdf")).content)
    for body in (page, text):
        assert "Members Cluster" in body
        assert "Secret Cluster" not in body
        assert manager.email in body
        assert "+420 111 222 333" in body


def test_a_manager_with_a_hidden_profile_is_not_named(client, association):
    cluster = association.members_held.get(member__name="CLUTEX").member
    cluster.manager.visibility = Visibility.HIDDEN
    cluster.manager.save()
    client.force_login(PersonFactory().user)
    page = client.get(reverse("directory:catalogue")).content.decode()
    assert "CLUTEX" in page
    assert "Jana Nová" not in page
    assert cluster.manager.email not in page


def test_members_of_a_cluster_are_cut_to_the_audience(client, association):
    cluster = association.members_held.get(member__name="CLUTEX").member
    MembershipFactory(parent=cluster, member__name="Open Member Ltd")
    MembershipFactory(parent=cluster, member__name="Hidden Member Ltd", member__visibility="hidden")
    page = client.get(reverse("directory:catalogue")).content.decode()
    assert "Open Member Ltd" in page
    assert "Hidden Member Ltd" not in page


def test_a_hidden_association_has_no_public_catalogue(client, association):
    association.visibility = Visibility.HIDDEN
    association.save()
    assert client.get(reverse("directory:catalogue")).status_code == 404
    assert client.get(reverse("directory:catalogue-pdf")).status_code == 404


@pytest.fixture
def renders(monkeypatch):
    """Count the PDF renderings."""
    calls = []
    real = catalogue_module.html_to_pdf

    def counting(html: str) -> bytes:
        calls.append(html)
        return real(html)

    monkeypatch.setattr(catalogue_module, "html_to_pdf", counting)
    return calls


def test_the_pdf_is_rendered_once_per_audience(client, association, renders):
    first = client.get(reverse("directory:catalogue-pdf"))
    second = client.get(reverse("directory:catalogue-pdf"))
    assert first.content == second.content
    assert first["Cache-Control"] == "private"
    assert len(renders) == 1
    client.force_login(PersonFactory().user)
    signed_in = client.get(reverse("directory:catalogue-pdf"))
    assert len(renders) == 2
    assert "Members Cluster" in pdf_text(signed_in.content)


def test_a_directory_change_makes_the_cached_pdf_stale(association, renders):
    association = default_association(Audience.PUBLIC)
    assert "CLUTEX" in pdf_text(catalogue_pdf(association, Audience.PUBLIC))
    cluster = association.members_held.get(member__name="CLUTEX").member
    cluster.visibility = Visibility.HIDDEN
    cluster.save()
    assert "CLUTEX" not in pdf_text(catalogue_pdf(association, Audience.PUBLIC))
    assert len(renders) == 2


def test_a_consent_withdrawn_makes_the_cached_pdf_stale(association, renders):
    manager = association.members_held.get(member__name="CLUTEX").member.manager
    assert manager.email in pdf_text(catalogue_pdf(association, Audience.PARTICIPANTS))
    manager.share_contact = False
    manager.save()
    assert manager.email not in pdf_text(catalogue_pdf(association, Audience.PARTICIPANTS))


def test_the_version_is_bumped_when_a_change_commits(association):
    version = catalogue_module.directory_version()
    catalogue_module.bump_directory_version()
    assert catalogue_module.directory_version() == version + 1


@pytest.mark.django_db(transaction=True)
def test_a_committed_membership_change_bumps_the_version():
    version = catalogue_module.directory_version()
    MembershipFactory()
    assert catalogue_module.directory_version() > version


def test_catalogue_page_queries_do_not_grow_with_clusters(
    client, association, django_assert_num_queries
):
    def clusters(count: int) -> None:
        for _ in range(count):
            member = MembershipFactory(parent=association).member
            member.manager = PersonFactory(organisation=member, visibility=Visibility.PUBLIC)
            member.save()
            member.ecosystems.set([1, 2])
            MembershipFactory(parent=member)

    clusters(2)
    with django_assert_num_queries(4):
        client.get(reverse("directory:catalogue"))
    clusters(10)
    with django_assert_num_queries(4):
        client.get(reverse("directory:catalogue"))


def test_staff_see_every_cluster_and_contact(client, association, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("directory:catalogue")).content.decode()
    assert "Secret Cluster" in page
    assert "+420 111 222 333" in page


def test_the_cached_pdf_is_per_language(association, renders):
    with translation.override("cs"):
        czech = pdf_text(catalogue_pdf(association, Audience.PUBLIC))
    with translation.override("en"):
        english = pdf_text(catalogue_pdf(association, Audience.PUBLIC))
    assert "Členové organizace NCA" in czech
    assert "Members of NCA" in english
    assert len(renders) == 2
