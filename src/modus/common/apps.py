from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "modus.common"
    label = "common"

    def ready(self) -> None:
        # Registers the permission rules with django-rules.
        from modus.common import permissions  # noqa: F401
