from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "modus.accounts"
    label = "accounts"
