from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CommonConfig(AppConfig):
    name = "modus.common"
    label = "common"

    def ready(self) -> None:
        # Registers the permission rules with django-rules.
        from modus.common import permissions  # noqa: F401
        from modus.common.collation import register_sqlite_collations

        connection_created.connect(register_sqlite_collations)
