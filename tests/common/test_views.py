"""Pages that belong to no domain: the favicon."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

ICON = "modus/favicon.svg"
# The home page for a signed-in person: the session, the user with their person, the events.
QUERIES_FOR_HOME = 3


def test_every_page_links_the_icon(client):
    body = client.get(reverse("home")).content.decode()
    assert f'<link rel="icon" href="{static(ICON)}" type="image/svg+xml">' in body


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (302, static(ICON))
    assert response["Cache-Control"] == "public, max-age=86400"


def test_the_icon_is_a_square_svg_drawing():
    found = finders.find(ICON)
    assert found is not None
    root = ET.fromstring(Path(found).read_text())
    assert (root.tag, root.get("viewBox")) == ("{http://www.w3.org/2000/svg}svg", "0 0 32 32")


def test_the_menu_links_to_a_profile_only_for_those_who_have_one(
    client, django_assert_max_num_queries
):
    """An invited voter has an account and no profile: "My profile" would be a 404."""
    voter = UserFactory(email="voter@example.com")
    client.force_login(voter)
    assert "My profile" not in client.get("/").content.decode()
    person = PersonFactory()
    client.force_login(person.user)
    with django_assert_max_num_queries(QUERIES_FOR_HOME):
        body = client.get("/").content.decode()
    assert "My profile" in body
