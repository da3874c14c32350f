from django.apps import AppConfig


class MatchmakingConfig(AppConfig):
    name = "modus.matchmaking"
    label = "matchmaking"

    def ready(self) -> None:
        from modus.agenda.providers import register
        from modus.matchmaking.provider import MeetingProvider

        register(MeetingProvider())
