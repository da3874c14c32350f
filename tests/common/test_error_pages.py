"""Refused and missing pages are the site's own pages, in the viewer's language."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from modus.events.models import Participant
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title", "advice"),
    [
        ("en", "Not allowed", "Your account may not open this page."),
        ("cs", "Nepovoleno", "S vaším účtem tuto stránku otevřít nelze."),
    ],
)
def test_a_page_the_viewer_may_not_open_says_so_on_a_site_page(client, language, title, advice):
    delegate = ParticipantFactory(role=Participant.Role.DELEGATE)
    client.force_login(delegate.person.user)
    client.cookies["django_language"] = language
    response = client.get(reverse("events:participants", args=[delegate.event.slug]))
    body = response.content.decode()
    assert response.status_code == 403
    assert f"<h1>{title}</h1>" in body
    assert advice in body
    assert 'class="site-header"' in body
    assert 'data-testid="forbidden"' in body


def test_a_missing_page_is_a_site_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "<h1>Page not found</h1>" in body
    assert 'class="site-header"' in body


def test_the_error_page_renders_without_a_request_or_a_database(django_assert_num_queries):
    with translation.override("cs"), django_assert_num_queries(0):
        body = render_to_string("500.html")
    assert "Něco se pokazilo" in body
