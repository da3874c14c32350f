"""The fixed vocabularies as their migration leaves them, for tests that follow a flush."""

from django.core.management.color import no_style
from django.db import connection

from modus.directory.models import Ecosystem, ValueChainStage
from modus.directory.taxonomy import ECOSYSTEMS, VALUE_CHAIN_STAGES


def restore_vocabularies() -> None:
    """Ecosystems and value-chain stages with the ids the migration gave them (1, 2, … in
    order), where a flush took them. Tests name them by id, and PostgreSQL's sequences go on
    counting after a flush, so `taxonomy.install` alone would give them new ids."""
    restored = [
        model
        for model, vocabulary in ((Ecosystem, ECOSYSTEMS), (ValueChainStage, VALUE_CHAIN_STAGES))
        if _restore(model, vocabulary)
    ]
    if restored:
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), restored):
                cursor.execute(statement)


def _restore(model, vocabulary) -> bool:
    if model.objects.exists():
        return False
    model.objects.bulk_create(
        model(pk=position, code=code, name=name, position=position)
        for position, (code, name) in enumerate(vocabulary, start=1)
    )
    return True
