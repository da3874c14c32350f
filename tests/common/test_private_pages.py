"""What a signed-in person is shown stays out of every cache, their browser's included."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NEVER_STORED = {"no-cache", "no-store", "must-revalidate", "private", "max-age=0"}


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def test_signed_in_pages_and_exports_are_never_stored(client, event, organiser):
    client.force_login(organiser.user)
    pages = [
        reverse("events:participants", args=[event.slug]),
        reverse("events:participants-csv", args=[event.slug]),
        reverse("agenda:page", args=[event.slug]),
        reverse("home"),
    ]
    assert {page: directives(client.get(page)) for page in pages} == dict.fromkeys(
        pages, NEVER_STORED
    )


def test_a_view_that_chose_its_caching_keeps_it(client, organiser):
    client.force_login(organiser.user)
    assert directives(client.get(reverse("favicon"))) == {"public", "max-age=86400"}


def test_anonymous_pages_are_left_to_the_caches(client, event):
    response = client.get(reverse("events:detail", args=[event.slug]))
    assert response.has_header("Cache-Control") is False
