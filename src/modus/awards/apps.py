from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "modus.awards"
    label = "awards"
