"""What directory search looks in, how it ranks, and why a result matched.

The words go through `wordforms` (fold accents, strip Czech endings, join synonyms), so
"optika" finds optics and "Ruzicka" finds "Růžička". The stored texts and the ranking are
plain columns and SQL `LIKE`/`CASE`, so SQLite and PostgreSQL rank the same way; an index
serves the LIKE on each (trigrams on PostgreSQL, FTS5 on SQLite: search_index.py).
"""

import hashlib
import operator
import sys
from dataclasses import dataclass
from functools import reduce
from itertools import chain
from pathlib import Path

from django.db import connections, transaction
from django.db.models import (
    Case,
    ExpressionWrapper,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from modus.common.permissions import Audience, people_for_audience
from modus.directory import search_index, wordforms
from modus.directory.models import Opportunity, Organisation, SearchKeyRules
from modus.directory.wordforms import (
    KIND_WORDS,
    TERM_LIMIT,
    document_keys,
    excerpt,
    fold,
    folded_words,
    highlight,
    matched_keys,
    query_keys,
)

__all__ = [
    "any_key",
    "compose",
    "explain",
    "falls_back",
    "fold",
    "key_lookup",
    "keys_held",
    "matching_any",
    "rank",
    "refresh_all_search_keys",
    "refresh_search_text",
    "refresh_search_texts",
    "refresh_stale_keys",
    "search_terms",
]

# Weights of a query key found in the name and in the profile; a key found only in offers
# and requests adds nothing, so those results come last, by name.
NAME_WEIGHT = 4
PROFILE_WEIGHT = 2


def search_terms(query: str, limit: int | None = TERM_LIMIT) -> list[str]:
    """The word keys a query looks for, at most `limit` (the form refuses more)."""
    return query_keys(query)[:limit]


def compose(parts: list[str]) -> str:
    """The stored form of some texts."""
    return document_keys(" ".join(part for part in parts if part))


def profile_parts(organisation: Organisation) -> list[str]:
    """Kind, place, description and taxonomy: what the organisation says of itself."""
    parts = [
        KIND_WORDS.get(organisation.kind, ""),
        organisation.city,
        str(organisation.country.name),
        organisation.description,
    ]
    parts += [ecosystem.name for ecosystem in organisation.ecosystems.all()]
    parts += [stage.name for stage in organisation.value_chain_stages.all()]
    return parts


# The columns refresh_search_texts keeps.
SEARCH_COLUMNS = (
    "search_name",
    "search_profile",
    "search_text",
    "public_search_text",
    "name_words",
)
# Organisations refreshed together: a few queries for each batch, whatever its size.
REFRESH_BATCH = 500


def offer_texts(organisations: list[Organisation], using: str) -> dict[str, dict[int, list[str]]]:
    """For each audience whose search is stored, each organisation's offers and requests of
    the profiles that audience may see: a hidden profile's offers must not make its
    organisation findable. In profile order, as the directory lists people."""
    ids = [organisation.pk for organisation in organisations]
    visible = {
        audience: set(
            people_for_audience(audience)
            .using(using)
            .filter(organisation__in=ids)
            .values_list("pk", flat=True)
        )
        for audience in (Audience.PARTICIPANTS, Audience.PUBLIC)
    }
    texts = {audience: {pk: [] for pk in ids} for audience in visible}
    rows = (
        Opportunity.objects.using(using)
        .filter(person__organisation__in=ids)
        .order_by("person__last_name", "person__first_name", "person_id", "direction", "id")
        .values_list("person_id", "person__organisation_id", "title", "description")
    )
    for person, organisation, title, description in rows:
        for audience, people in visible.items():
            if person in people:
                texts[audience][organisation].append(f"{title} {description}")
    return texts


def refresh_search_texts(organisations: list[Organisation]) -> None:
    """The name and profile keys, and two full texts: what signed-in participants may
    find, and what anonymous visitors may; stored in a few queries for the lot."""
    if not organisations:
        return
    using = organisations[0]._state.db or "default"
    prefetch_related_objects(organisations, "ecosystems", "value_chain_stages")
    offers = offer_texts(organisations, using)
    for organisation in organisations:
        profile = profile_parts(organisation)
        own = [organisation.name, *profile]
        organisation.search_name = compose([organisation.name])
        organisation.name_words = folded_words(organisation.name)
        organisation.search_profile = compose(profile)
        organisation.search_text = compose(own + offers[Audience.PARTICIPANTS][organisation.pk])
        organisation.public_search_text = compose(own + offers[Audience.PUBLIC][organisation.pk])
    Organisation.objects.using(using).bulk_update(organisations, SEARCH_COLUMNS)


def refresh_search_text(organisation: Organisation) -> None:
    refresh_search_texts([organisation])


def refresh_all_search_keys(using: str = "default") -> int:
    """Every organisation's and every offer's stored word keys made again by today's
    rules; the number of rows rewritten."""
    changed = 0
    ids = list(Organisation.objects.using(using).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), REFRESH_BATCH):
        batch = list(
            Organisation.objects.using(using).filter(pk__in=ids[start : start + REFRESH_BATCH])
        )
        refresh_search_texts(batch)
        changed += len(batch)
    items = Opportunity.objects.using(using).only(
        "title", "description", "search_keys", "title_keys"
    )
    stale = []
    for item in items.order_by("pk").iterator(chunk_size=REFRESH_BATCH):
        keys = (document_keys(f"{item.title} {item.description}"), document_keys(item.title))
        if keys != (item.search_keys, item.title_keys):
            item.search_keys, item.title_keys = keys
            stale.append(item)
    Opportunity.objects.using(using).bulk_update(
        stale, ["search_keys", "title_keys"], batch_size=REFRESH_BATCH
    )
    return changed + len(stale)


def rules_fingerprint() -> str:
    """What the stored keys depend on: the word-form rules and what goes into a document.
    Any change to either module makes the keys stale (a spare rebuild costs a minute at
    20,000 organisations; stale keys cost searches that find nothing)."""
    digest = hashlib.sha256()
    for module in (wordforms, sys.modules[__name__]):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def refresh_stale_keys(using: str = "default", **kwargs) -> None:
    """After migrate: make the stored keys again when the rules changed since they were
    made (an upgrade), so that a query's keys and the stored ones come from one rulebook."""
    connection = connections[using]
    if SearchKeyRules._meta.db_table not in connection.introspection.table_names():
        return  # migrated back to before the table
    fingerprint = rules_fingerprint()
    with transaction.atomic(using=using):
        rules = SearchKeyRules.objects.using(using).select_for_update().filter(pk=1).first()
        if rules is not None and rules.fingerprint == fingerprint:
            return
        refresh_all_search_keys(using)
        SearchKeyRules.objects.using(using).update_or_create(
            pk=1, defaults={"fingerprint": fingerprint}
        )


def search_audience(audience: str) -> str:
    """Whose offers a viewer's search looks in: staff search what participants see."""
    return Audience.PUBLIC if audience == Audience.PUBLIC else Audience.PARTICIPANTS


def search_column(audience: str) -> str:
    if search_audience(audience) == Audience.PUBLIC:
        return "public_search_text"
    return "search_text"


def key_lookup(column: str, key: str) -> Q:
    """A key begins one of the column's words: the stored text puts a space before each."""
    return Q(**{f"{column}__contains": " " + key})


def matching(
    organisations: QuerySet[Organisation], audience: str, keys: list[str], *, narrowed: bool = False
):
    """The organisations whose text holds every key; `narrowed` when other filters already
    pick a small slice, which SQLite should then read first."""
    column = search_column(audience)
    if keys and connections[organisations.db].vendor == "sqlite":
        organisations = organisations.filter(
            search_index.candidates(column, keys, lead=not narrowed)
        )
    for key in keys:
        organisations = organisations.filter(key_lookup(column, key))
    return organisations


def falls_back(query: str, found: int) -> bool:
    """Whether a search that found `found` rows shows those holding some of the query's
    words instead: when nothing holds all of several words (a sentence, often)."""
    return not found and len(search_terms(query)) > 1


def matching_any(
    organisations: QuerySet[Organisation], audience: str, keys: list[str], *, narrowed: bool
):
    """The organisations whose text holds at least one key, annotated with how many
    (`held`): what a search that no organisation matches whole offers instead."""
    column = search_column(audience)
    if connections[organisations.db].vendor == "sqlite":
        organisations = organisations.filter(
            search_index.candidates(column, keys, lead=not narrowed, any_key=True)
        )
    return organisations.filter(any_key(column, keys)).annotate(held=keys_held(column, keys))


def any_key(column: str, keys: list[str]) -> Q:
    """A row holding one of the keys (at least one), as LIKEs joined by OR: PostgreSQL's
    trigram index serves each and joins what they find."""
    return reduce(operator.or_, (key_lookup(column, key) for key in keys))


def keys_held(column: str, keys: list[str]):
    """How many of the keys a text column holds, the same expression on both databases."""
    held = sum(
        (Case(When(key_lookup(column, key), then=Value(1)), default=Value(0)) for key in keys),
        start=Value(0),
    )
    return ExpressionWrapper(held, output_field=IntegerField())


def rank(keys: list[str]):
    """The relevance of a match, the same expression on SQLite and PostgreSQL."""
    score = Value(0)
    for key in keys:
        score = (
            score
            + Case(When(key_lookup("search_name", key), then=Value(NAME_WEIGHT)), default=0)
            + Case(When(key_lookup("search_profile", key), then=Value(PROFILE_WEIGHT)), default=0)
        )
    return ExpressionWrapper(score, output_field=IntegerField())


@dataclass(frozen=True)
class Reason:
    """One text the viewer may see that holds query words, highlighted as safe HTML."""

    label: str
    text: SafeString


def explain(organisations: list[Organisation], audience: str, keys: list[str]) -> None:
    """Set `organisation.name_html` and `organisation.reasons` on each result: the name
    with matched words marked, and the texts that hold the other words: description,
    taxonomy, place, or the offers and requests of profiles the viewer may see.
    One query, for the whole page."""
    by_organisation = {organisation.pk: [] for organisation in organisations}
    opportunities = (
        Opportunity.objects.filter(
            # The subquery cut to the page's organisations: SQLite then need not scan people.
            person__in=people_for_audience(search_audience(audience)).filter(
                organisation__in=list(by_organisation)
            ),
        )
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "direction", "pk")
    )
    if keys:
        for item in opportunities:
            by_organisation[item.person.organisation_id].append(item)
    directions = {value: str(label) for value, label in Opportunity.Direction.choices}
    for organisation in organisations:
        organisation.name_html = mark_safe(highlight(organisation.name, keys))
        offers = by_organisation[organisation.pk]
        organisation.reasons = reasons(organisation, offers, keys, directions)


def reasons(
    organisation: Organisation,
    offers: list[Opportunity],
    keys: list[str],
    directions: dict[str, str],
) -> list[Reason]:
    """Few texts, what the organisation says of itself first, that hold every query key
    the name does not. Each candidate is (label, text searched, text shown)."""
    missing = set(keys) - matched_keys(organisation.name, keys)
    if not missing:
        return []
    place = ", ".join(part for part in [organisation.city, str(organisation.country.name)] if part)
    kind = str(organisation.get_kind_display())
    candidates = chain(
        [(_("Description"), organisation.description, organisation.description)],
        [
            (_("Industrial ecosystem"), f"{item.name} {item}", str(item))
            for item in organisation.ecosystems.all()
        ],
        [
            (_("Value-chain stage"), f"{item.name} {item}", str(item))
            for item in organisation.value_chain_stages.all()
        ],
        [(_("Place"), place, place)],
        [(_("Kind"), f"{kind} {KIND_WORDS.get(organisation.kind, '')}", kind)],
        chain.from_iterable(
            [
                (directions[item.direction], item.title, item.title),
                (
                    directions[item.direction],
                    item.description,
                    item.title + ": " + item.description,
                ),
            ]
            for item in offers
        ),
    )
    # Greedy cover: each time, the first text that holds the most of the missing keys.
    holding = [
        (label, shown, matched_keys(searched, keys)) for label, searched, shown in candidates
    ]
    found = []
    while missing:
        label, shown, holds = max(holding, key=lambda c: len(c[2] & missing), default=(0, 0, set()))
        if not holds & missing:
            break
        missing -= holds
        text = mark_safe(highlight(excerpt(shown, keys), keys))
        found.append(Reason(label=str(label), text=text))
    return found
