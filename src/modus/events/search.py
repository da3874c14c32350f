"""The participant searches (the organiser's list, the check-in desk, badge printing): a
query's words against each participant's stored name and e-mail, and its organisation's.

Both sides are folded (directory/wordforms.py), so "horakova", "HORÁKOVÁ" and "Horáková"
find Eva Horáková on SQLite, whose LIKE folds ASCII case only, and on PostgreSQL, whose
folds no accents. A word matches by beginning a stored word (`LIKE '% word%'`), which
PostgreSQL's trigram index serves (migration events/0010).
"""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.db.models.signals import post_save

from modus.directory.models import Person
from modus.directory.search import key_lookup
from modus.directory.wordforms import query_words, word_key
from modus.events.models import Participant, participant_search_text

# A query's words looked for, at most; more only narrow what is already few.
WORD_LIMIT = 6


def matching(rows: QuerySet[Participant], query: str) -> QuerySet[Participant]:
    """The participants with every word of the query in their name, e-mail address or
    organisation's name."""
    for word in query_words(query)[:WORD_LIMIT]:
        rows = rows.filter(
            key_lookup("search_text", word)
            # The directory keeps organisation names as word keys (stemmed, synonyms joined).
            | key_lookup("person__organisation__search_name", word_key(word))
        )
    return rows


def refresh_person(person: Person) -> None:
    Participant.objects.filter(person=person).update(search_text=participant_search_text(person))


# Index upkeep, not a domain rule: whatever path renames a person or changes an address
# (profile, admin, sign-in), their participations' stored text follows.


def person_saved(sender, instance: Person, update_fields=None, **kwargs) -> None:
    if update_fields is None or {"first_name", "last_name"} & set(update_fields):
        refresh_person(instance)


def user_saved(sender, instance, created: bool, update_fields=None, **kwargs) -> None:
    if created or (update_fields is not None and "email" not in update_fields):
        return
    person = Person.objects.filter(user=instance).first()
    if person is not None:
        person.user = instance
        refresh_person(person)


def keep_in_step() -> None:
    post_save.connect(person_saved, sender=Person, weak=False)
    post_save.connect(user_saved, sender=get_user_model(), weak=False)
