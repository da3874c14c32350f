from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "modus.visits"
    label = "visits"

    def ready(self) -> None:
        from modus.agenda.providers import register
        from modus.visits.agenda import TourProvider

        register(TourProvider())
