"""The text that directory search looks in, folded so "Ruzicka" finds "Růžička"."""

import unicodedata

from modus.common.permissions import Audience, people_for_audience
from modus.directory.models import Organisation


def fold(text: str) -> str:
    """Lower-case and strip accents, as both the stored text and the query are."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def search_terms(query: str) -> list[str]:
    return [term for term in fold(query).split() if term][:8]


def compose(parts: list[str]) -> str:
    return fold(" ".join(part for part in parts if part))


def search_document(organisation: Organisation, audience: str) -> str:
    """Name, place, description, taxonomy, and the offers and requests of the people whose
    profiles `audience` may see: a hidden profile's offers must not make its organisation
    findable."""
    parts = [
        organisation.name,
        organisation.city,
        str(organisation.country.name),
        organisation.description,
    ]
    parts += [ecosystem.name for ecosystem in organisation.ecosystems.all()]
    parts += [stage.name for stage in organisation.value_chain_stages.all()]
    people = organisation.people.filter(pk__in=people_for_audience(audience).values("pk"))
    for person in people.prefetch_related("opportunities"):
        parts += [f"{item.title} {item.description}" for item in person.opportunities.all()]
    return compose(parts)


def refresh_search_text(organisation: Organisation) -> None:
    """Two texts: what signed-in participants may find, and what anonymous visitors may."""
    organisation.search_text = search_document(organisation, Audience.PARTICIPANTS)
    organisation.public_search_text = search_document(organisation, Audience.PUBLIC)
    Organisation.objects.filter(pk=organisation.pk).update(
        search_text=organisation.search_text, public_search_text=organisation.public_search_text
    )
