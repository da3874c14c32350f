from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


class DirectoryConfig(AppConfig):
    name = "modus.directory"
    label = "directory"

    def ready(self) -> None:
        from modus.directory import catalogue, search, search_index, services
        from modus.directory.models import Membership, Organisation, Person

        # Cache invalidation, not a domain rule: whatever path changes the directory
        # (services, admin, imports), cached catalogues become stale.
        for model in (Organisation, Person, Membership, get_user_model()):
            post_save.connect(catalogue.directory_changed, sender=model, weak=False)
            post_delete.connect(catalogue.directory_changed, sender=model, weak=False)
        m2m_changed.connect(
            catalogue.directory_changed, sender=Organisation.ecosystems.through, weak=False
        )
        user_logged_in.connect(services.remember_language, weak=False)
        post_migrate.connect(search_index.repair, sender=self, weak=False)
        # After the index exists: rewriting keys goes through its triggers on SQLite.
        post_migrate.connect(search.refresh_stale_keys, sender=self, weak=False)
