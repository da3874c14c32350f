from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "modus.events"
    label = "events"

    def ready(self) -> None:
        from modus.agenda.providers import register
        from modus.events import search
        from modus.events.programme_agenda import SessionProvider

        register(SessionProvider())
        search.keep_in_step()
