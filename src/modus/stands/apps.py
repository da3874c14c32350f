from django.apps import AppConfig


class StandsConfig(AppConfig):
    name = "modus.stands"
    label = "stands"
