from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "modus.agenda"
    label = "agenda"
