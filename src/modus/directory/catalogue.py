"""The printable member catalogue of the association: which cluster, which manager."""

from django.db.models import Count

from modus.directory.models import Organisation, OrganisationKind


def default_association() -> Organisation | None:
    """The association whose members the catalogue lists: the one with most cluster members."""
    return (
        Organisation.objects.filter(kind=OrganisationKind.ASSOCIATION)
        .annotate(clusters=Count("members_held"))
        .filter(clusters__gt=0)
        .order_by("-clusters", "name")
        .first()
    )
