"""The printable member catalogue of the association: which cluster, which manager.

Its PDF is the same for everyone in an audience (anonymous visitors, signed-in participants,
staff), so it is rendered once per audience and language and cached. The cache key carries a
version that every change to the directory bumps, and a fingerprint read from the database,
so neither a change nor another process's stale copy can serve content the audience may no
longer see.
"""

import hashlib
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from modus.common.pdf import html_to_pdf
from modus.common.permissions import organisations_for_audience
from modus.directory.models import Membership, Organisation, OrganisationKind, Person
from modus.directory.selectors import catalogue

VERSION_KEY = "directory:version"
PDF_SECONDS = 60 * 60


def default_association(audience: str) -> Organisation | None:
    """The association whose members the catalogue lists: the one with most cluster members."""
    return (
        organisations_for_audience(audience)
        .filter(kind=OrganisationKind.ASSOCIATION)
        .annotate(clusters=Count("members_held"))
        .filter(clusters__gt=0)
        .order_by("-clusters", "name")
        .first()
    )


def directory_version() -> int:
    cache.add(VERSION_KEY, 1, timeout=None)
    return cache.get(VERSION_KEY, 1)


def bump_directory_version() -> None:
    cache.add(VERSION_KEY, 1, timeout=None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # evicted between add and incr
        cache.set(VERSION_KEY, 2, timeout=None)


def directory_changed(**kwargs) -> None:
    """Signal receiver: any save or delete in the directory makes cached catalogues stale."""
    transaction.on_commit(bump_directory_version)


def directory_fingerprint() -> str:
    """What the database says changed last: catches edits made by another process."""
    organisations = Organisation.objects.aggregate(n=Count("pk"), at=Max("updated_at"))
    people = Person.objects.aggregate(n=Count("pk"), at=Max("updated_at"))
    memberships = Membership.objects.aggregate(n=Count("pk"), last=Max("pk"))
    text = repr((organisations, people, memberships))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def catalogue_context(association: Organisation, audience: str) -> dict:
    return {"association": association, "clusters": catalogue(association, audience)}


def printed_links(cluster: Organisation) -> None:
    """What a cluster's printed page leads to: its directory page (as a QR code too) and
    the introduction request, at the site's public address (no request when it is cached)."""
    cluster.page_url = settings.SITE_URL + reverse("directory:organisation", args=[cluster.slug])
    query = urlencode({"cluster": cluster.slug, "from": "catalogue"})
    cluster.ask_url = f"{settings.SITE_URL}{reverse('directory:introduction-ask')}?{query}"
    # segno writes only the SVG of the code: nothing from the database reaches it unescaped.
    cluster.qr_svg = mark_safe(segno.make(cluster.page_url, error="m").svg_inline(scale=3))


def printable_context(association: Organisation, audience: str) -> dict:
    """The catalogue's context for print: one page per cluster, with its QR code."""
    clusters = list(catalogue(association, audience))
    for cluster in clusters:
        printed_links(cluster)
    return {"association": association, "clusters": clusters, "printed": True}


def catalogue_pdf(association: Organisation, audience: str) -> bytes:
    """The catalogue as PDF for `audience`, rendered at most once per directory version."""
    key = ":".join(
        [
            "directory:catalogue-pdf",
            str(association.pk),
            audience,
            get_language() or "",
            str(directory_version()),
            directory_fingerprint(),
        ]
    )
    pdf = cache.get(key)
    if pdf is None:
        # No request in the context: what is cached must not depend on who asked.
        html = render_to_string(
            "directory/catalogue_pdf.html", printable_context(association, audience)
        )
        pdf = html_to_pdf(html)
        cache.set(key, pdf, timeout=PDF_SECONDS)
    return pdf
