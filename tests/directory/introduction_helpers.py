"""Set-up shared by the introduction tests."""

from modus.directory.models import Organisation, OrganisationKind
from tests.factories import OrganisationFactory, PersonFactory


def cluster_with_manager(name: str = "CZECHIMPLANT", **fields) -> Organisation:
    """A member cluster with a manager of its own, named Marek."""
    cluster = OrganisationFactory(name=name, kind=OrganisationKind.CLUSTER, **fields)
    cluster.manager = PersonFactory(first_name="Marek", organisation=cluster)
    cluster.save()
    return cluster
