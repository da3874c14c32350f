from django.apps import AppConfig


class MatchmakingConfig(AppConfig):
    name = "modus.matchmaking"
    label = "matchmaking"
