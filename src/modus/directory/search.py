"""The text that directory search looks in, folded so "Ruzicka" finds "Růžička"."""

import unicodedata

from modus.directory.models import Organisation


def fold(text: str) -> str:
    """Lower-case and strip accents, as both the stored text and the query are."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def search_terms(query: str) -> list[str]:
    return [term for term in fold(query).split() if term][:8]


def compose(parts: list[str]) -> str:
    return fold(" ".join(part for part in parts if part))


def search_document(organisation: Organisation) -> str:
    """Name, place, description, taxonomy, and every offer and request of its people."""
    parts = [
        organisation.name,
        organisation.city,
        str(organisation.country.name),
        organisation.description,
    ]
    parts += [ecosystem.name for ecosystem in organisation.ecosystems.all()]
    parts += [stage.name for stage in organisation.value_chain_stages.all()]
    for person in organisation.people.prefetch_related("opportunities"):
        parts += [f"{item.title} {item.description}" for item in person.opportunities.all()]
    return compose(parts)


def refresh_search_text(organisation: Organisation) -> None:
    organisation.search_text = search_document(organisation)
    Organisation.objects.filter(pk=organisation.pk).update(search_text=organisation.search_text)
