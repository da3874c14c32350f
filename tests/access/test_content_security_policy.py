"""Every address of the project, and the admin, answers with the Content-Security-Policy:
scripts, styles and everything else from Modus itself only, nothing inline, no plugins, no
framing; a tour's page lets in its video player too, and a picture the styles of the
browser's page that shows it alone."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.access.test_access_matrix import ALSO, MATRIX, client_for, url_for

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# Where a tour's video invitation plays, once the visitor clicks (visits/video.py).
WITH_PLAYERS = {
    **POLICY,
    "frame-src": "https://www.youtube-nocookie.com https://player.vimeo.com",
}

# A picture opened on its own: the browser's image page styles it inline (common/views.py).
PICTURE = {**POLICY, "style-src": "'self' 'unsafe-inline'"}
PICTURES = ("directory:photo", "nominee-picture")


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {name: sources for name, sources in parts}


CASES = [(name, access.method) for table in (MATRIX, ALSO) for name, access in table.items()]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), sorted(CASES))
def test_every_address_sends_the_policy(client, world, name, method):
    client = client_for(client, world, "organiser")
    url = url_for(name, world)
    response = client.get(url) if method == "GET" else client.post(url, {})
    if response.streaming:
        # A file answered (a photo, a badge PDF) is read to its end, which closes it; not
        # response.close(), which would also close the test's database connection.
        b"".join(response)
    expected = {"visits:detail": WITH_PLAYERS, **dict.fromkeys(PICTURES, PICTURE)}.get(name, POLICY)
    assert directives(response["Content-Security-Policy"]) == expected


@pytest.mark.django_db
def test_the_admin_sends_the_same_policy(client, world):
    client = client_for(client, world, "staff")
    pages = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        for model in admin.site._registry
    ]
    policies = {page: directives(client.get(page)["Content-Security-Policy"]) for page in pages}
    assert policies == dict.fromkeys(pages, POLICY)
