from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "modus.events"
    label = "events"
